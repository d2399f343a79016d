import { dayToDisplay } from "../dates";
import { defineBlockRule } from "./rule";

/** The final deadline is later than the latest dated phase deadline. */
export default defineBlockRule<{ objective: string; final: number; latest: number }>({
  id: "scadenza-finale-mismatch",
  defaultSeverity: "warning",
  description: { it: "Scadenza finale oltre l'ultima fase", en: "Final deadline later than the last phase" },
  messages: {
    it: (p) => `${p.objective}: la scadenza finale (${dayToDisplay(p.final)}) è successiva all'ultima scadenza delle fasi (${dayToDisplay(p.latest)}).`,
    en: (p) => `${p.objective}: the final deadline (${dayToDisplay(p.final)}) is later than the latest phase deadline (${dayToDisplay(p.latest)}).`,
  },
  check(ctx) {
    const final = ctx.block.finalDeadline;
    if (final?.deadline.kind !== "date" || !final.valueCell) return [];
    const days = ctx.block.phases.flatMap((p) => (p.deadline.kind === "date" ? [p.deadline.day] : []));
    if (days.length === 0) return [];
    const latest = Math.max(...days);
    return final.deadline.day > latest ? [{ cell: final.valueCell, params: { objective: ctx.objective, final: final.deadline.day, latest } }] : [];
  },
});
