import { defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A phase has no deadline. */
export default defineBlockRule<{ objective: string; phase: PhaseRef }>({
  id: "scadenza-missing",
  defaultSeverity: "error",
  description: { it: "Fase senza scadenza", en: "Phase without a deadline" },
  messages: {
    it: (p) => `${p.objective}: ${phaseName(p.phase, "it", "la")} non ha una scadenza.`,
    en: (p) => `${p.objective}: ${phaseName(p.phase, "en")} has no deadline.`,
  },
  check(ctx) {
    return ctx.block.phases
      .filter((p) => p.deadline.kind === "missing")
      .map((p) => ({ cell: p.deadlineCell, params: { objective: ctx.objective, phase: p } }));
  },
});
