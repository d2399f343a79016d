import { shorten } from "../text";
import { collect, defineBlockRule, phaseName, type PhaseRef } from "./rule";

/** A deadline written as text instead of a date ("in corso d'anno", "entro 105 giorni ..."). */
export default defineBlockRule<{ objective: string; phase: PhaseRef; text: string }>({
  id: "scadenza-text",
  defaultSeverity: "warning",
  description: { it: "Scadenza scritta come testo, non come data", en: "Deadline written as text, not a date" },
  messages: {
    it: (p) => `${p.objective}: la scadenza ${phaseName(p.phase, "it", "della")} è un testo («${p.text}»), non una data: non può essere monitorata.`,
    en: (p) => `${p.objective}: the deadline of ${phaseName(p.phase, "en")} is text («${p.text}»), not a date: it cannot be monitored.`,
  },
  check(ctx) {
    return collect(ctx.block.phases, (p) =>
      p.deadline.kind === "text" ? { cell: p.deadlineCell, params: { objective: ctx.objective, phase: p, text: shorten(p.deadline.text) } } : null,
    );
  },
});
