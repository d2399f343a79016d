import { severityCountList, type Lang } from "../core";

/** "1 errore", "2 errori", "0 errori" (0 takes the plural in Italian and English alike). */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const IT = {
  menuCheckSheet: "Verifica foglio",
  menuCheckAll: "Verifica tutti i fogli",
  menuRemove: "Rimuovi evidenziazioni",
  menuSidebar: "Apri pannello",
  sidebarTitle: "Verifica PIAO",
  protectedSheet: (sheet: string) =>
    `Il foglio "${sheet}" è protetto e non puoi modificarlo: nessuna modifica è stata fatta. Chiedi a chi l'ha protetto di concederti l'accesso o di rimuovere la protezione.`,
  noTable: (where: string) =>
    `Nessuna tabella di fasi (intestazione con "Incidenza" e "Scadenze") trovata ${where}: nessuna modifica è stata fatta.`,
  protectedRange: (sheet: string, range: string) =>
    `Nel foglio "${sheet}" l'intervallo ${range} è protetto e non puoi modificarlo: nessuna modifica è stata fatta.`,
  inSheet: (sheet: string) => `nel foglio "${sheet}"`,
  inWorkbook: "in nessun foglio",
  busy: "Un'altra verifica o rimozione è in corso su questo documento: attendi che finisca e riprova.",
  memoryFailed: (reason: string) =>
    `Non è stato possibile salvare la memoria dei colori originali (${reason}), quindi nessuna cella è stata colorata.`,
  writeFailed: (sheet: string, reason: string) => `Impossibile scrivere nel foglio "${sheet}": ${reason}`,
  checked: (error: number, warning: number, info: number) => `Verifica completata: ${severityCountList({ error, warning, info }, "it")}.`,
  removed: (cells: number) => `Evidenziazioni rimosse da ${count(cells, "cella", "celle")}.`,
  nothingToRemove: "Non ci sono evidenziazioni da rimuovere.",
  settingsSaved: "Impostazioni salvate.",
  sheetMissing: (sheet: string) => `Il foglio "${sheet}" non esiste più.`,
  unexpected: (reason: string) => `Errore imprevisto: ${reason}`,
};

export type Messages = typeof IT;

const EN: Messages = {
  menuCheckSheet: "Check sheet",
  menuCheckAll: "Check all sheets",
  menuRemove: "Remove highlights",
  menuSidebar: "Open panel",
  sidebarTitle: "Verifica PIAO",
  protectedSheet: (sheet) =>
    `The sheet "${sheet}" is protected and you cannot edit it: nothing was changed. Ask whoever protected it to give you access or to remove the protection.`,
  noTable: (where) => `No phase table (a header with "Incidenza" and "Scadenze") found ${where}: nothing was changed.`,
  protectedRange: (sheet, range) =>
    `In the sheet "${sheet}" the range ${range} is protected and you cannot edit it: nothing was changed.`,
  inSheet: (sheet) => `in the sheet "${sheet}"`,
  inWorkbook: "in any sheet",
  busy: "Another check or removal is running on this document: wait for it to finish and try again.",
  memoryFailed: (reason) => `The original colours could not be saved (${reason}), so no cell was coloured.`,
  writeFailed: (sheet, reason) => `Could not write to the sheet "${sheet}": ${reason}`,
  checked: (error, warning, info) => `Check complete: ${severityCountList({ error, warning, info }, "en")}.`,
  removed: (cells) => `Highlights removed from ${count(cells, "cell", "cells")}.`,
  nothingToRemove: "There are no highlights to remove.",
  settingsSaved: "Settings saved.",
  sheetMissing: (sheet) => `The sheet "${sheet}" no longer exists.`,
  unexpected: (reason) => `Unexpected error: ${reason}`,
};

export function messages(lang: Lang): Messages {
  return lang === "en" ? EN : IT;
}

/** An error's message for the user; services may throw non-Error values, so it is read structurally. */
export function errorReason(e: unknown, lang: Lang): string {
  const text = typeof (e as Error)?.message === "string" ? (e as Error).message : String(e);
  return text.trim() || (lang === "en" ? "unknown error" : "errore sconosciuto");
}

/** English when the user's Google locale is English ("en", "en_GB"...), Italian otherwise. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return /^en\b|^en[_-]/i.test(locale ?? "") ? "en" : "it";
}
