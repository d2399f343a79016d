import { defineBlockRule, phaseName, phasesWord, type PhaseRef } from "./rule";

/** "3, 4": the labels of several phases, after their plural noun. */
const labels = (phases: PhaseRef[]) => phases.map((p) => p.label).join(", ");

/** Monitoring: the objective is marked achieved (RAGGIUNTO) while a phase is not completed. */
export default defineBlockRule<{ objective: string; phases: PhaseRef[] }>({
  id: "obiettivo-raggiunto-incoherent",
  defaultSeverity: "warning",
  description: { it: "Obiettivo raggiunto con fasi non completate", en: "Objective achieved with phases not completed" },
  monitoringOnly: true,
  messages: {
    it: (p) =>
      p.phases.length === 1
        ? `${p.objective}: l'obiettivo è indicato come RAGGIUNTO ma ${phaseName(p.phases[0], "it", "la")} non risulta completata.`
        : `${p.objective}: l'obiettivo è indicato come RAGGIUNTO ma le ${phasesWord(p.phases[0].noun, "it")} ${labels(p.phases)} non risultano completate.`,
    en: (p) =>
      p.phases.length === 1
        ? `${p.objective}: the objective is marked achieved (RAGGIUNTO) but ${phaseName(p.phases[0], "en")} is not completed.`
        : `${p.objective}: the objective is marked achieved (RAGGIUNTO) but ${phasesWord(p.phases[0].noun, "en")} ${labels(p.phases)} are not completed.`,
  },
  check(ctx) {
    const mark = ctx.block.achievement;
    if (!mark) return [];
    const open = ctx.states.filter((s) => !s.completed).map((s) => s.phase);
    return open.length === 0 ? [] : [{ cell: mark.cell, params: { objective: ctx.objective, phases: open } }];
  },
});
