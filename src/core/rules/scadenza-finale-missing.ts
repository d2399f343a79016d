import { shorten } from "../text";
import { defineBlockRule } from "./rule";

/** The block has no final deadline, or its value is empty or text. */
export default defineBlockRule<{ objective: string; text: string | null }>({
  id: "scadenza-finale-missing",
  defaultSeverity: "warning",
  description: { it: "Scadenza finale mancante o non datata", en: "Final deadline missing or not a date" },
  messages: {
    it: (p) =>
      p.text === null
        ? `${p.objective}: manca la «Scadenza finale per il raggiungimento dell'obiettivo».`
        : `${p.objective}: la scadenza finale non è una data («${p.text}»).`,
    en: (p) =>
      p.text === null
        ? `${p.objective}: the final deadline («Scadenza finale per il raggiungimento dell'obiettivo») is missing.`
        : `${p.objective}: the final deadline is not a date («${p.text}»).`,
  },
  check(ctx) {
    const { block } = ctx;
    const final = block.finalDeadline;
    if (final?.deadline.kind === "date") return [];
    const cell = final?.valueCell ?? final?.labelCell ?? { row: block.headerRow, col: block.columns.scadenze };
    const text = final && final.deadline.kind !== "missing" ? shorten(final.deadline.text) : null;
    return [{ cell, params: { objective: ctx.objective, text } }];
  },
});
