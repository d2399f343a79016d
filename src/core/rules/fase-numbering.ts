import { defineBlockRule, phaseName, phasesWord, type PhaseRef } from "./rule";

/** Phase numbers are not 1, 2, 3… in order, or one is repeated (sub-phases share their number). */
export default defineBlockRule<{ objective: string; phase: PhaseRef; expected: PhaseRef }>({
  id: "fase-numbering",
  defaultSeverity: "warning",
  description: { it: "Fasi non numerate in ordine", en: "Phases not numbered in order" },
  messages: {
    it: (p) => `${p.objective}: numerazione delle ${phasesWord(p.phase.noun, "it")} non progressiva: trovata «${phaseName(p.phase, "it")}», attesa «${phaseName(p.expected, "it")}».`,
    en: (p) => `${p.objective}: ${phasesWord(p.phase.noun, "en")} are not numbered in order: found «${phaseName(p.phase, "en")}», expected «${phaseName(p.expected, "en")}».`,
  },
  check(ctx) {
    const phases = ctx.block.phases;
    for (let i = 0; i < phases.length; i++) {
      const p = phases[i];
      const prev = phases[i - 1];
      const expectedNext = (prev?.number ?? 0) + 1;
      // "fase 2" then "fase 2 b)", or "fase 1 a)" then "fase 1 b)": a sub-phase of the same number.
      const sameNumberSubPhase =
        prev !== undefined && p.number === prev.number && p.sub !== null && (prev.sub === null || p.sub.localeCompare(prev.sub, "en", { numeric: true }) > 0);
      if (p.number === expectedNext || sameNumberSubPhase) continue;
      return [{ cell: p.labelCell, params: { objective: ctx.objective, phase: p, expected: { label: String(expectedNext), noun: p.noun } } }];
    }
    return [];
  },
});
