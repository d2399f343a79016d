import { defineWorkbookRule } from "./rule";

/** No phase table in the sheet that was asked for, or in the whole workbook. */
export default defineWorkbookRule<{ sheet: string | null }>({
  id: "table-not-found",
  defaultSeverity: "error",
  description: { it: "Nessuna tabella delle fasi trovata", en: "No phase table found" },
  messages: {
    it: (p) =>
      p.sheet === null
        ? "Nessuna tabella delle fasi (intestazione con «Incidenza %» e «Scadenze previste») trovata nella cartella di lavoro."
        : `Nessuna tabella delle fasi (intestazione con «Incidenza %» e «Scadenze previste») trovata nel foglio «${p.sheet}».`,
    en: (p) =>
      p.sheet === null
        ? "No phase table (a header with «Incidenza %» and «Scadenze previste») was found in the workbook."
        : `No phase table (a header with «Incidenza %» and «Scadenze previste») was found in sheet «${p.sheet}».`,
  },
  check(ctx) {
    if (ctx.blockCount > 0) return [];
    const sheet = ctx.askedSheet ?? ctx.sheets[0]?.name ?? "";
    return [{ sheet, cell: { row: 0, col: 0 }, params: { sheet: ctx.askedSheet } }];
  },
});
