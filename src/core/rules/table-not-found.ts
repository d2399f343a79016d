import { defineWorkbookRule } from "./rule";

const HEADER_IT = "(intestazione con una colonna dei pesi, come «Incidenza %» o «Peso %», e una delle scadenze, come «Scadenze previste» o «Termine»)";
const OWN_IT = "Intestazioni diverse si aggiungono nelle impostazioni (Intestazioni riconosciute).";
const HEADER_EN = "(a header with a weight column, such as «Incidenza %» or «Peso %», and a deadline column, such as «Scadenze previste» or «Termine»)";
const OWN_EN = "Other header texts can be added in the settings (Recognised headers).";

/** No phase table in the sheet that was asked for, or in the whole workbook. */
export default defineWorkbookRule<{ sheet: string | null }>({
  id: "table-not-found",
  defaultSeverity: "error",
  description: { it: "Nessuna tabella delle fasi trovata", en: "No phase table found" },
  messages: {
    it: (p) =>
      p.sheet === null
        ? `Nessuna tabella delle fasi ${HEADER_IT} trovata nella cartella di lavoro. ${OWN_IT}`
        : `Nessuna tabella delle fasi ${HEADER_IT} trovata nel foglio «${p.sheet}». ${OWN_IT}`,
    en: (p) =>
      p.sheet === null
        ? `No phase table ${HEADER_EN} was found in the workbook. ${OWN_EN}`
        : `No phase table ${HEADER_EN} was found in sheet «${p.sheet}». ${OWN_EN}`,
  },
  check(ctx) {
    if (ctx.blockCount > 0) return [];
    const sheet = ctx.askedSheet ?? ctx.sheets[0]?.name ?? "";
    return [{ sheet, cell: { row: 0, col: 0 }, params: { sheet: ctx.askedSheet } }];
  },
});
