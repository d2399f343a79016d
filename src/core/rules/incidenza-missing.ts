import { defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A phase has no weight. */
export default defineBlockRule<{ objective: string; phase: PhaseRef }>({
  id: "incidenza-missing",
  defaultSeverity: "error",
  description: { it: "Fase senza incidenza", en: "Phase without a weight" },
  messages: {
    it: (p) => `${p.objective}: ${phaseName(p.phase, "it", "la")} non ha l'incidenza %.`,
    en: (p) => `${p.objective}: ${phaseName(p.phase, "en")} has no weight (Incidenza %).`,
  },
  check(ctx) {
    return ctx.block.phases
      .filter((p) => p.weightState === "missing")
      .map((p) => ({ cell: p.weightCell, params: { objective: ctx.objective, phase: p } }));
  },
});
