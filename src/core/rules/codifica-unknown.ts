import { defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A code of the Codifica cell is not in the Responsabili table: one finding per distinct code. */
export default defineBlockRule<{ objective: string; phase: PhaseRef; code: string }>({
  id: "codifica-unknown",
  defaultSeverity: "error",
  description: { it: "Codice assente dalla tabella dei Responsabili", en: "Code missing from the Responsabili table" },
  messages: {
    it: (p) => `${p.objective}: il codice ${p.code} ${phaseName(p.phase, "it", "della")} non è nella tabella dei Responsabili.`,
    en: (p) => `${p.objective}: code ${p.code} of ${phaseName(p.phase, "en")} is not in the Responsabili table.`,
  },
  check(ctx) {
    const known = ctx.responsabili;
    if (known === null) return [];
    const hits = [];
    for (const p of ctx.block.phases) {
      if (!p.codifica || !p.codificaCell) continue;
      const unknown = new Set(p.codifica.codes.filter((code) => !known.has(code)));
      for (const code of unknown) hits.push({ cell: p.codificaCell, params: { objective: ctx.objective, phase: p, code } });
    }
    return hits;
  },
});
