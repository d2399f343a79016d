import { dayToDisplay } from "../dates";
import { defineBlockRule } from "./rule";

/** The final deadline is later than the latest dated phase deadline. */
export default defineBlockRule<{ objective: string; final: number; latest: number }>({
  id: "scadenza-finale-mismatch",
  defaultSeverity: "warning",
  description: { it: "Scadenza finale successiva all'ultima fase", en: "Final deadline later than the last phase" },
  messages: {
    it: (p) => `${p.objective}: la scadenza finale (${dayToDisplay(p.final)}) è successiva all'ultima scadenza delle fasi (${dayToDisplay(p.latest)}).`,
    en: (p) => `${p.objective}: the final deadline (${dayToDisplay(p.final)}) is later than the latest phase deadline (${dayToDisplay(p.latest)}).`,
  },
  check(ctx) {
    const final = ctx.block.finalDeadline;
    if (final?.deadline.kind !== "date" || !final.valueCell) return [];
    let latest = -Infinity;
    for (const p of ctx.block.phases) if (p.deadline.kind === "date" && p.deadline.day > latest) latest = p.deadline.day;
    if (latest === -Infinity) return [];
    return final.deadline.day > latest ? [{ cell: final.valueCell, params: { objective: ctx.objective, final: final.deadline.day, latest } }] : [];
  },
});
