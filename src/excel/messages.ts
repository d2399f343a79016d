// One-line messages the Excel adapter returns to the task pane and the ribbon commands.
import type { Lang } from "../core";

export const MESSAGES = {
  it: {
    protectedSheet: (sheet: string) =>
      `Il foglio '${sheet}' è protetto: rimuovi la protezione e riprova. Nessuna modifica è stata fatta.`,
    protectedWorkbook:
      "La struttura della cartella di lavoro è protetta: Verifica PIAO non può creare il suo foglio nascosto di servizio. Rimuovi la protezione e riprova. Nessuna modifica è stata fatta.",
    noTable: (sheet: string | null) =>
      sheet
        ? `Nessuna tabella delle fasi trovata nel foglio '${sheet}'. Nessuna modifica è stata fatta.`
        : "Nessuna tabella delle fasi trovata nella cartella di lavoro. Nessuna modifica è stata fatta.",
    userCell: (sheet: string, cell: string) =>
      `La cella ${cell} del foglio '${sheet}' contiene dati dell'utente dove andrebbe la colonna di sintesi. Nessuna modifica è stata fatta.`,
    failed: (reason: string) => `Verifica non riuscita: ${reason}. Nessuna modifica è stata fatta.`,
    cellEdit: "Excel sta modificando una cella: premi Invio o Esc e riprova. Nessuna modifica è stata fatta.",
    busy: "Un'altra verifica è in corso su questa cartella di lavoro: attendi che finisca e riprova. Nessuna modifica è stata fatta.",
    memoryFailed: (reason: string) =>
      `Verifica PIAO non può salvare nella cartella di lavoro i colori originali delle celle (${reason}), quindi non ha colorato nulla. Nessuna modifica è stata fatta.`,
    writeFailed: (reason: string) =>
      `Verifica interrotta durante la scrittura: ${reason}. Alcune celle potrebbero essere già state colorate: controlla il foglio prima di salvare.`,
    removeFailed: (reason: string) => `Rimozione delle evidenziazioni non riuscita: ${reason}.`,
    selectFailed: (sheet: string, cell: string) => `Impossibile selezionare la cella ${cell} del foglio '${sheet}'.`,
    noExcel: "Questa funzione è disponibile solo dentro Excel.",
  },
  en: {
    protectedSheet: (sheet: string) =>
      `The sheet '${sheet}' is protected: unprotect it and try again. Nothing was changed.`,
    protectedWorkbook:
      "The workbook structure is protected: Verifica PIAO cannot create its hidden service sheet. Unprotect it and try again. Nothing was changed.",
    noTable: (sheet: string | null) =>
      sheet
        ? `No phase table found on the sheet '${sheet}'. Nothing was changed.`
        : "No phase table found in the workbook. Nothing was changed.",
    userCell: (sheet: string, cell: string) =>
      `Cell ${cell} of the sheet '${sheet}' holds user data where the summary column would go. Nothing was changed.`,
    failed: (reason: string) => `The check failed: ${reason}. Nothing was changed.`,
    cellEdit: "Excel is editing a cell: press Enter or Esc and try again. Nothing was changed.",
    busy: "Another check is running on this workbook: wait for it to finish and try again. Nothing was changed.",
    memoryFailed: (reason: string) =>
      `Verifica PIAO cannot save the cells' original colours in the workbook (${reason}), so it coloured nothing. Nothing was changed.`,
    writeFailed: (reason: string) =>
      `The check stopped while writing: ${reason}. Some cells may already have been coloured: check the sheet before saving.`,
    removeFailed: (reason: string) => `Removing the highlights failed: ${reason}.`,
    selectFailed: (sheet: string, cell: string) => `Cannot select cell ${cell} of the sheet '${sheet}'.`,
    noExcel: "This feature is only available inside Excel.",
  },
} satisfies Record<Lang, unknown>;

/** The first line of an error's message as the host gave it ("" when it has none): for matching error kinds. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/\r?\n/)[0].trim();
}

/** The first line of an error's message, without stack or Office error codes' noise, for the user. */
export function oneLine(error: unknown, lang: Lang): string {
  return firstLine(error) || UNKNOWN_ERROR[lang];
}

const UNKNOWN_ERROR: Record<Lang, string> = { it: "errore sconosciuto", en: "unknown error" };
