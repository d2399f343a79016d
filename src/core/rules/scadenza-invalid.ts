import { collect, defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A deadline shaped like a date that is not a calendar date ("31/02/2022"). */
export default defineBlockRule<{ objective: string; phase: PhaseRef; text: string }>({
  id: "scadenza-invalid",
  defaultSeverity: "error",
  description: { it: "Data di scadenza inesistente", en: "Deadline not a calendar date" },
  messages: {
    it: (p) => `${p.objective}: la scadenza ${phaseName(p.phase, "it", "della")} («${p.text}») non è una data esistente.`,
    en: (p) => `${p.objective}: the deadline of ${phaseName(p.phase, "en")} («${p.text}») is not a calendar date.`,
  },
  check(ctx) {
    return collect(ctx.block.phases, (p) =>
      p.deadline.kind === "invalid" ? { cell: p.deadlineCell, params: { objective: ctx.objective, phase: p, text: p.deadline.text } } : null,
    );
  },
});
