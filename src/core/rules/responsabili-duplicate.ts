import { a1 } from "../a1";
import { defineWorkbookRule } from "./rule";

/** A code appears twice in the Responsabili table. */
export default defineWorkbookRule<{ code: string; firstCell: string }>({
  id: "responsabili-duplicate",
  defaultSeverity: "error",
  description: { it: "Codice ripetuto nella tabella dei Responsabili", en: "Code repeated in the Responsabili table" },
  messages: {
    it: (p) => `Tabella dei Responsabili: il codice ${p.code} compare più volte (già in ${p.firstCell}).`,
    en: (p) => `Responsabili table: code ${p.code} appears more than once (already in ${p.firstCell}).`,
  },
  check(ctx) {
    const hits = [];
    for (const table of ctx.responsabiliTables) {
      const first = new Map<string, string>();
      for (const e of table.entries) {
        const seen = first.get(e.code);
        if (seen) hits.push({ sheet: e.sheet, cell: e.cell, params: { code: e.code, firstCell: seen } });
        else first.set(e.code, a1(e.cell.row, e.cell.col));
      }
    }
    return hits;
  },
});
