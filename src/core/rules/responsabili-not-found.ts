import { defineBlockRule } from "./rule";

/** The block has codes but the workbook has no Responsabili table to check them against. */
export default defineBlockRule<{ objective: string }>({
  id: "responsabili-not-found",
  defaultSeverity: "warning",
  description: { it: "Tabella dei Responsabili mancante", en: "Responsabili table missing" },
  messages: {
    it: (p) => `${p.objective}: ci sono codici dei responsabili ma la cartella non contiene la tabella dei Responsabili (intestazione «Codifica» / «Responsabili»): i codici non sono stati verificati.`,
    en: (p) => `${p.objective}: there are Responsabili codes but the workbook has no Responsabili table (header «Codifica» / «Responsabili»): the codes were not checked.`,
  },
  check(ctx) {
    if (ctx.responsabili !== null) return [];
    const first = ctx.block.phases.find((p) => p.codifica && p.codifica.codes.length > 0);
    return first?.codificaCell ? [{ cell: first.codificaCell, params: { objective: ctx.objective } }] : [];
  },
});
