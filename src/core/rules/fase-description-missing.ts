import { defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A phase has a label but no description. */
export default defineBlockRule<{ objective: string; phase: PhaseRef }>({
  id: "fase-description-missing",
  defaultSeverity: "warning",
  description: { it: "Fase senza descrizione", en: "Phase without a description" },
  messages: {
    it: (p) => `${p.objective}: ${phaseName(p.phase, "it", "la")} non ha una descrizione.`,
    en: (p) => `${p.objective}: ${phaseName(p.phase, "en")} has no description.`,
  },
  check(ctx) {
    return ctx.block.phases
      .filter((p) => p.description.trim() === "")
      .map((p) => ({ cell: p.descriptionCell, params: { objective: ctx.objective, phase: p } }));
  },
});
