import { formatPoints } from "../text";
import { defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A weight is not a number, is negative, or is over 100%. */
export default defineBlockRule<{ objective: string; phase: PhaseRef; value: string; points: number | null }>({
  id: "incidenza-invalid",
  defaultSeverity: "error",
  description: { it: "Incidenza non valida (non numerica, negativa o oltre il 100%)", en: "Invalid weight (not a number, negative or over 100%)" },
  messages: {
    it: (p) =>
      p.points === null
        ? `${p.objective}: l'incidenza ${phaseName(p.phase, "it", "della")} («${p.value}») non è un numero.`
        : `${p.objective}: l'incidenza ${phaseName(p.phase, "it", "della")} è ${formatPoints(p.points, "it")}, deve essere tra 0% e 100%.`,
    en: (p) =>
      p.points === null
        ? `${p.objective}: the weight of ${phaseName(p.phase, "en")} («${p.value}») is not a number.`
        : `${p.objective}: the weight of ${phaseName(p.phase, "en")} is ${formatPoints(p.points, "en")}, it must be between 0% and 100%.`,
  },
  check(ctx) {
    return ctx.block.phases
      .filter((p) => p.weightState === "invalid" && !p.sharesWeightWithPrevious)
      .map((p) => {
        const raw = p.rawWeight;
        const points =
          raw.kind === "percent-number" ? raw.value * 100 : raw.kind === "text-points" || raw.kind === "plain-number" ? raw.value : null;
        return {
          cell: p.weightCell,
          params: { objective: ctx.objective, phase: p, value: raw.kind === "invalid" ? raw.text : "", points },
        };
      });
  },
});
