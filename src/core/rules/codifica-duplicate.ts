import { collect, defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** The same code appears twice in one Codifica cell. */
export default defineBlockRule<{ objective: string; phase: PhaseRef; codes: string }>({
  id: "codifica-duplicate",
  defaultSeverity: "warning",
  description: { it: "Codice ripetuto nella stessa cella", en: "Code repeated in one cell" },
  messages: {
    it: (p) => `${p.objective}: ${phaseName(p.phase, "it", "nella")} il codice ${p.codes} è ripetuto.`,
    en: (p) => `${p.objective}: in ${phaseName(p.phase, "en")} code ${p.codes} is repeated.`,
  },
  check(ctx) {
    return collect(ctx.block.phases, (p) => {
      if (!p.codifica || !p.codificaCell || p.codifica.codes.length < 2) return null;
      const seen = new Set<string>();
      const repeated = new Set<string>();
      for (const code of p.codifica.codes) (seen.has(code) ? repeated : seen).add(code);
      return repeated.size === 0 ? null : { cell: p.codificaCell, params: { objective: ctx.objective, phase: p, codes: [...repeated].join(", ") } };
    });
  },
});
