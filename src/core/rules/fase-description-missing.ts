import { defineBlockRule, phaseName } from "./rule";

/** A phase has a label but no description. */
export default defineBlockRule<{ objective: string; phase: string }>({
  id: "fase-description-missing",
  defaultSeverity: "warning",
  description: { it: "Fase senza descrizione", en: "Phase without a description" },
  messages: {
    it: (p) => `${p.objective}: la ${phaseName(p.phase, "it")} non ha una descrizione.`,
    en: (p) => `${p.objective}: ${phaseName(p.phase, "en")} has no description.`,
  },
  check(ctx) {
    return ctx.block.phases
      .filter((p) => p.description.trim() === "")
      .map((p) => ({ cell: p.descriptionCell, params: { objective: ctx.objective, phase: p.label } }));
  },
});
