import { dayToDisplay } from "../dates";
import { collect, defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** Monitoring: a phase is not completed and its deadline is before the reference date. */
export default defineBlockRule<{ objective: string; phase: PhaseRef; deadline: number; days: number; reference: number }>({
  id: "fase-overdue",
  defaultSeverity: "warning",
  description: { it: "Fase scaduta e non completata", en: "Phase past its deadline and not completed" },
  monitoringOnly: true,
  messages: {
    it: (p) => `${p.objective}: ${phaseName(p.phase, "it", "la")} non risulta completata ed è scaduta il ${dayToDisplay(p.deadline)} (${p.days} ${p.days === 1 ? "giorno" : "giorni"} di ritardo al ${dayToDisplay(p.reference)}).`,
    en: (p) => `${p.objective}: ${phaseName(p.phase, "en")} is not completed and was due on ${dayToDisplay(p.deadline)} (${p.days} ${p.days === 1 ? "day" : "days"} overdue at ${dayToDisplay(p.reference)}).`,
  },
  check(ctx) {
    return collect(ctx.states, (s) =>
      s.status === "overdue" && s.phase.deadline.kind === "date"
        ? { cell: s.phase.deadlineCell, params: { objective: ctx.objective, phase: s.phase, deadline: s.phase.deadline.day, days: s.days ?? 0, reference: ctx.referenceDay } }
        : null,
    );
  },
});
