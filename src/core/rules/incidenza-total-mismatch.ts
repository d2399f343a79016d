import { formatPoints } from "../text";
import { defineBlockRule, hasBadWeight, weightSum } from "./rule";

/** The total row states a value different from the sum of the phase weights. */
export default defineBlockRule<{ objective: string; stated: number; sum: number }>({
  id: "incidenza-total-mismatch",
  defaultSeverity: "error",
  description: { it: "Totale delle incidenze diverso dalla somma", en: "Stated total different from the sum of the weights" },
  messages: {
    it: (p) => `${p.objective}: il totale indicato è ${formatPoints(p.stated, "it")} ma la somma delle incidenze delle fasi è ${formatPoints(p.sum, "it")}.`,
    en: (p) => `${p.objective}: the stated total is ${formatPoints(p.stated, "en")} but the phase weights add up to ${formatPoints(p.sum, "en")}.`,
  },
  check(ctx) {
    const { block } = ctx;
    if (!block.total || block.total.points === null || hasBadWeight(block)) return [];
    const sum = weightSum(block);
    if (Math.abs(block.total.points - sum) <= ctx.config.weightTolerance + 1e-9) return [];
    return [{ cell: block.total.cell, params: { objective: ctx.objective, stated: block.total.points, sum } }];
  },
});
