// Task pane texts: Italian by default, English when Office runs in English.
import { severityHeading, type Lang, type Severity } from "../core";

export const STRINGS = {
  it: {
    checkActive: "Verifica foglio attivo",
    checkAll: "Verifica tutti i fogli",
    remove: "Rimuovi evidenziazioni",
    running: "Verifica in corso…",
    removing: "Rimozione in corso…",
    removed: (n: number) => (n === 1 ? "Ripristinato il colore originale di 1 cella." : `Ripristinati i colori originali di ${n} celle.`),
    done: (sheet: string | null) => (sheet ? `Foglio '${sheet}' verificato.` : "Tutti i fogli verificati."),
    noFindings: "Nessun problema trovato.",
    severity: { error: severityHeading("error", "it"), warning: severityHeading("warning", "it"), info: severityHeading("info", "it") } as Record<Severity, string>,
    general: "Cartella di lavoro",
    progress: (p: string) => `Avanzamento ${p}`,
    referenceDate: (d: string) => `Data di riferimento: ${d}`,
    phases: (n: number) => (n === 1 ? "1 fase" : `${n} fasi`),
    settings: "Impostazioni",
    settingsReference: "Data di riferimento (vuota: dal foglio o oggi)",
    settingsPeriod: "Periodo del piano (es. 2022-2024)",
    settingsTolerance: "Tolleranza sui pesi (punti %)",
    settingsResponsabili: "Foglio della tabella Responsabili (vuoto: automatico)",
    settingsRules: "Regole attive",
    save: "Salva impostazioni",
    saved: "Impostazioni salvate nella cartella di lavoro.",
  },
  en: {
    checkActive: "Check active sheet",
    checkAll: "Check all sheets",
    remove: "Remove highlights",
    running: "Checking…",
    removing: "Removing…",
    removed: (n: number) => (n === 1 ? "Restored the original fill of 1 cell." : `Restored the original fills of ${n} cells.`),
    done: (sheet: string | null) => (sheet ? `Sheet '${sheet}' checked.` : "All sheets checked."),
    noFindings: "No problems found.",
    severity: { error: severityHeading("error", "en"), warning: severityHeading("warning", "en"), info: severityHeading("info", "en") } as Record<Severity, string>,
    general: "Workbook",
    progress: (p: string) => `Progress ${p}`,
    referenceDate: (d: string) => `Reference date: ${d}`,
    phases: (n: number) => (n === 1 ? "1 phase" : `${n} phases`),
    settings: "Settings",
    settingsReference: "Reference date (empty: from the sheet or today)",
    settingsPeriod: "Plan period (e.g. 2022-2024)",
    settingsTolerance: "Weight tolerance (% points)",
    settingsResponsabili: "Sheet holding the Responsabili table (empty: automatic)",
    settingsRules: "Active rules",
    save: "Save settings",
    saved: "Settings saved in the workbook.",
  },
} satisfies Record<Lang, unknown>;

export type Strings = (typeof STRINGS)["it"];

/** ISO yyyy-mm-dd -> dd/mm/yyyy (how Italian offices write dates). */
export const displayDate = (iso: string) => iso.split("-").reverse().join("/");
