import { dayToDisplay } from "../dates";
import { defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A phase's dated deadline is earlier than the latest dated deadline of the phases before it. */
export default defineBlockRule<{ objective: string; phase: PhaseRef; date: number; previousPhase: PhaseRef; previousDate: number }>({
  id: "scadenza-order",
  defaultSeverity: "error",
  description: { it: "Scadenze non in ordine cronologico", en: "Deadlines out of chronological order" },
  messages: {
    it: (p) =>
      `${p.objective}: la scadenza ${phaseName(p.phase, "it", "della")} (${dayToDisplay(p.date)}) è precedente a quella ${phaseName(p.previousPhase, "it", "della")} (${dayToDisplay(p.previousDate)}).`,
    en: (p) =>
      `${p.objective}: the deadline of ${phaseName(p.phase, "en")} (${dayToDisplay(p.date)}) is earlier than that of ${phaseName(p.previousPhase, "en")} (${dayToDisplay(p.previousDate)}).`,
  },
  check(ctx) {
    const hits = [];
    let latest: { day: number; phase: PhaseRef } | null = null;
    for (const p of ctx.block.phases) {
      if (p.deadline.kind !== "date") continue;
      const day = p.deadline.day;
      if (latest && day < latest.day)
        hits.push({ cell: p.deadlineCell, params: { objective: ctx.objective, phase: p, date: day, previousPhase: latest.phase, previousDate: latest.day } });
      if (!latest || day > latest.day) latest = { day, phase: p };
    }
    return hits;
  },
});
