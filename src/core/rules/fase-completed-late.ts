import { dayToDisplay } from "../dates";
import { collect, defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** Monitoring: a phase's completion date is after its deadline. */
export default defineBlockRule<{ objective: string; phase: PhaseRef; deadline: number; completed: number; days: number }>({
  id: "fase-completed-late",
  defaultSeverity: "warning",
  description: { it: "Fase completata dopo la scadenza", en: "Phase completed after its deadline" },
  monitoringOnly: true,
  messages: {
    it: (p) => `${p.objective}: ${phaseName(p.phase, "it", "la")} è stata completata il ${dayToDisplay(p.completed)}, ${p.days} ${p.days === 1 ? "giorno" : "giorni"} dopo la scadenza del ${dayToDisplay(p.deadline)}.`,
    en: (p) => `${p.objective}: ${phaseName(p.phase, "en")} was completed on ${dayToDisplay(p.completed)}, ${p.days} ${p.days === 1 ? "day" : "days"} after its deadline of ${dayToDisplay(p.deadline)}.`,
  },
  check(ctx) {
    return collect(ctx.states, (s) =>
      s.completionDay !== null && s.phase.deadline.kind === "date" && s.completionDay > s.phase.deadline.day
        ? { cell: s.phase.deadlineCell, params: { objective: ctx.objective, phase: s.phase, deadline: s.phase.deadline.day, completed: s.completionDay, days: s.completionDay - s.phase.deadline.day } }
        : null,
    );
  },
});
