import { defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** Monitoring: the objective is marked achieved (RAGGIUNTO) while a phase is not completed. */
export default defineBlockRule<{ objective: string; phases: PhaseRef[] }>({
  id: "obiettivo-raggiunto-incoherent",
  defaultSeverity: "warning",
  description: { it: "Monitoraggio: RAGGIUNTO con fasi non completate", en: "Monitoring: RAGGIUNTO with open phases" },
  monitoringOnly: true,
  messages: {
    it: (p) =>
      `${p.objective}: l'obiettivo è indicato come RAGGIUNTO ma ${p.phases.length === 1 ? phaseName(p.phases[0], "it", "la") : `le ${p.phases.map((x) => phaseName(x, "it")).join(", ")}`} non ${p.phases.length === 1 ? "risulta completata" : "risultano completate"}.`,
    en: (p) => `${p.objective}: the objective is marked achieved (RAGGIUNTO) but ${p.phases.map((x) => phaseName(x, "en")).join(", ")} ${p.phases.length === 1 ? "is" : "are"} not completed.`,
  },
  check(ctx) {
    const mark = ctx.block.achievement;
    if (!mark) return [];
    const open = ctx.states.filter((s) => !s.completed).map((s) => s.phase);
    return open.length === 0 ? [] : [{ cell: mark.cell, params: { objective: ctx.objective, phases: open } }];
  },
});
