import { dayToDisplay, dayYear } from "../dates";
import type { CellPos } from "../types";
import { defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A dated deadline, of a phase or the final one, falls outside the configured plan period. */
export default defineBlockRule<{ objective: string; phase: PhaseRef | null; date: number; from: number; to: number }>({
  id: "scadenza-out-of-period",
  defaultSeverity: "warning",
  description: { it: "Scadenza fuori dal periodo del piano", en: "Deadline outside the plan period" },
  messages: {
    it: (p) =>
      `${p.objective}: la scadenza ${p.phase === null ? "finale" : phaseName(p.phase, "it", "della")} (${dayToDisplay(p.date)}) è fuori dal periodo del piano ${dayYear(p.from)}-${dayYear(p.to)}.`,
    en: (p) =>
      `${p.objective}: the ${p.phase === null ? "final deadline" : `deadline of ${phaseName(p.phase, "en")}`} (${dayToDisplay(p.date)}) is outside the plan period ${dayYear(p.from)}-${dayYear(p.to)}.`,
  },
  check(ctx) {
    const period = ctx.period;
    if (!period) return [];
    const dated: { cell: CellPos; phase: PhaseRef | null; day: number }[] = ctx.block.phases.flatMap((p) =>
      p.deadline.kind === "date" ? [{ cell: p.deadlineCell, phase: p, day: p.deadline.day }] : [],
    );
    const final = ctx.block.finalDeadline;
    if (final?.deadline.kind === "date" && final.valueCell) dated.push({ cell: final.valueCell, phase: null, day: final.deadline.day });
    return dated
      .filter((d) => d.day < period.from || d.day > period.to)
      .map((d) => ({ cell: d.cell, params: { objective: ctx.objective, phase: d.phase, date: d.day, from: period.from, to: period.to } }));
  },
});
