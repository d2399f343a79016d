import { collect, defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A Codifica cell names a party that is not a code (e.g. "AMAG AMBIENTE SPA"). */
export default defineBlockRule<{ objective: string; phase: PhaseRef; parties: string }>({
  id: "codifica-external",
  defaultSeverity: "info",
  description: { it: "Soggetto esterno senza codice", en: "External party without a code" },
  messages: {
    it: (p) => `${p.objective}: ${phaseName(p.phase, "it", "la")} coinvolge un soggetto senza codice («${p.parties}»).`,
    en: (p) => `${p.objective}: ${phaseName(p.phase, "en")} involves a party without a code («${p.parties}»).`,
  },
  check(ctx) {
    return collect(ctx.block.phases, (p) =>
      p.codifica && p.codificaCell && p.codifica.external.length > 0
        ? { cell: p.codificaCell, params: { objective: ctx.objective, phase: p, parties: p.codifica.external.join(", ") } }
        : null,
    );
  },
});
