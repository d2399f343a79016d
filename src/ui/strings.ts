// Task pane texts: Italian by default, English when Office runs in English. Severity words come from the
// core's severityWord, the same in every product.
import { severityCount, type Lang, type Severity, type SeverityCounts } from "../core";

const OTHERS: Severity[] = ["warning", "info"];

/** "3 avvisi e 1 informazione": the non-zero counts of warnings and notices, joined. */
function others(counts: SeverityCounts, lang: Lang): string {
  const parts = OTHERS.filter((s) => counts[s] > 0).map((s) => severityCount(s, lang, counts[s]));
  return parts.join(lang === "it" ? " e " : " and ");
}

export const STRINGS = {
  it: {
    checkActive: "Verifica foglio attivo",
    checkAll: "Verifica tutti i fogli",
    remove: "Rimuovi evidenziazioni",
    running: "Verifica in corso…",
    removing: "Rimozione in corso…",
    intro: "Scegli «Verifica foglio attivo» per controllare le schede obiettivo di questo foglio: le celle da rivedere vengono evidenziate e qui compare l'elenco, a partire dagli errori.",
    removed: (n: number) => (n === 1 ? "Ripristinato il colore originale di 1 cella." : `Ripristinati i colori originali di ${n} celle.`),
    done: (sheet: string | null) => (sheet ? `Foglio «${sheet}» verificato.` : "Tutti i fogli verificati."),
    summary: (c: SeverityCounts) =>
      c.error > 0
        ? `${severityCount("error", "it", c.error)} da correggere prima dell'invio`
        : c.warning + c.info > 0
          ? "Nessun errore da correggere"
          : "Nessun problema trovato",
    summaryOthers: (c: SeverityCounts) => (c.warning + c.info > 0 ? `${c.error > 0 ? "Inoltre" : "Da valutare:"} ${others(c, "it")}.` : ""),
    filter: "Mostra",
    filterAll: (n: number) => `Tutte (${n})`,
    general: "Cartella di lavoro",
    progress: (p: string, date: string, done: number, all: number) =>
      `Avanzamento ${p} al ${date} (${done} di ${all} ${all === 1 ? "fase completata" : "fasi completate"})`,
    phases: (n: number) => (n === 1 ? "1 fase" : `${n} fasi`),
    cleanObjectives: (n: number) => (n === 1 ? "1 obiettivo senza segnalazioni" : `${n} obiettivi senza segnalazioni`),
    ruleId: (id: string) => `Regola ${id}`,
    help: "Guida",
    settings: "Impostazioni",
    settingsReference: "Data di riferimento (vuota: dall'intestazione Monitoraggio o oggi)",
    settingsPeriod: "Periodo del piano (es. 2022-2024)",
    settingsTolerance: "Tolleranza sulle incidenze (punti %)",
    settingsResponsabili: "Foglio della tabella Responsabili (vuoto: automatico)",
    settingsRules: "Controlli attivi",
    save: "Salva impostazioni",
    saved: "Impostazioni salvate nella cartella di lavoro.",
  },
  en: {
    checkActive: "Check active sheet",
    checkAll: "Check all sheets",
    remove: "Remove highlights",
    running: "Checking…",
    removing: "Removing…",
    intro: "Choose “Check active sheet” to check the objective tables of this sheet: the cells to review are highlighted and listed here, errors first.",
    removed: (n: number) => (n === 1 ? "Restored the original fill of 1 cell." : `Restored the original fills of ${n} cells.`),
    done: (sheet: string | null) => (sheet ? `Sheet “${sheet}” checked.` : "All sheets checked."),
    summary: (c: SeverityCounts) =>
      c.error > 0 ? `${severityCount("error", "en", c.error)} to fix before sending` : c.warning + c.info > 0 ? "No errors to fix" : "No problems found",
    summaryOthers: (c: SeverityCounts) => (c.warning + c.info > 0 ? `${c.error > 0 ? "Also" : "To review:"} ${others(c, "en")}.` : ""),
    filter: "Show",
    filterAll: (n: number) => `All (${n})`,
    general: "Workbook",
    progress: (p: string, date: string, done: number, all: number) => `Progress ${p} at ${date} (${done} of ${all} ${all === 1 ? "phase" : "phases"} completed)`,
    phases: (n: number) => (n === 1 ? "1 phase" : `${n} phases`),
    cleanObjectives: (n: number) => (n === 1 ? "1 objective without findings" : `${n} objectives without findings`),
    ruleId: (id: string) => `Rule ${id}`,
    help: "Help",
    settings: "Settings",
    settingsReference: "Reference date (empty: from the Monitoraggio header or today)",
    settingsPeriod: "Plan period (e.g. 2022-2024)",
    settingsTolerance: "Weight tolerance (% points)",
    settingsResponsabili: "Sheet holding the Responsabili table (empty: automatic)",
    settingsRules: "Active checks",
    save: "Save settings",
    saved: "Settings saved in the workbook.",
  },
} satisfies Record<Lang, unknown>;

export type Strings = (typeof STRINGS)["it"];

/** ISO yyyy-mm-dd -> dd/mm/yyyy (how Italian offices write dates). */
export const displayDate = (iso: string) => iso.split("-").reverse().join("/");
