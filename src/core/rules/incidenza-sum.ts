import { formatPoints } from "../text";
import { defineBlockRule, hasBadWeight, weightSum } from "./rule";

/** The phase weights do not add up to 100%. */
export default defineBlockRule<{ objective: string; sum: number }>({
  id: "incidenza-sum",
  defaultSeverity: "error",
  description: { it: "Incidenze con somma diversa da 100%", en: "Weights not adding up to 100%" },
  messages: {
    it: (p) => `${p.objective}: la somma delle incidenze è ${formatPoints(p.sum, "it")}, deve essere 100%.`,
    en: (p) => `${p.objective}: the phase weights add up to ${formatPoints(p.sum, "en")}, they must add up to 100%.`,
  },
  check(ctx) {
    const { block } = ctx;
    if (hasBadWeight(block)) return [];
    const sum = weightSum(block);
    if (Math.abs(sum - 100) <= ctx.config.weightTolerance + 1e-9) return [];
    const cell = block.total?.cell ?? block.phases[block.phases.length - 1].weightCell;
    return [{ cell, params: { objective: ctx.objective, sum } }];
  },
});
