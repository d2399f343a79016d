import { dayToDisplay } from "../dates";
import { collect, defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A phase's deadline is later than the final deadline. */
export default defineBlockRule<{ objective: string; phase: PhaseRef; date: number; final: number }>({
  id: "scadenza-after-final",
  defaultSeverity: "error",
  description: { it: "Scadenza successiva alla scadenza finale", en: "Deadline after the final deadline" },
  messages: {
    it: (p) => `${p.objective}: la scadenza ${phaseName(p.phase, "it", "della")} (${dayToDisplay(p.date)}) è successiva alla scadenza finale (${dayToDisplay(p.final)}).`,
    en: (p) => `${p.objective}: the deadline of ${phaseName(p.phase, "en")} (${dayToDisplay(p.date)}) is later than the final deadline (${dayToDisplay(p.final)}).`,
  },
  check(ctx) {
    const final = ctx.block.finalDeadline?.deadline;
    if (final?.kind !== "date") return [];
    return collect(ctx.block.phases, (p) =>
      p.deadline.kind === "date" && p.deadline.day > final.day
        ? { cell: p.deadlineCell, params: { objective: ctx.objective, phase: p, date: p.deadline.day, final: final.day } }
        : null,
    );
  },
});
