import { defineBlockRule, phaseName, phasesWord, type PhaseRef } from "./rule";

/** Phase numbers are not 1, 2, 3… in order, or one is repeated (sub-phases share their number). */
export default defineBlockRule<{ objective: string; phase: PhaseRef; expected: PhaseRef }>({
  id: "fase-numbering",
  defaultSeverity: "warning",
  description: { it: "Fasi non numerate in ordine", en: "Phases not numbered in order" },
  messages: {
    it: (p) => `${p.objective}: numerazione delle ${phasesWord(p.phase.noun, "it")} non progressiva: trovata «${phaseName(p.phase, "it")}», attesa «${phaseName(p.expected, "it")}».`,
    en: (p) => `${p.objective}: ${phasesWord(p.phase.noun, "en")} are not numbered in order: found «${phaseName(p.phase, "en")}», expected «${phaseName(p.expected, "en")}».`,
  },
  check(ctx) {
    const phases = ctx.block.phases;
    for (let i = 0; i < phases.length; i++) {
      const p = phases[i];
      const prev = phases[i - 1];
      const expectedNext = (prev?.number ?? 0) + 1;
      // "fase 2" then "fase 2 b)", or "fase 1 a)" then "fase 1 b)": a sub-phase of the same number.
      const sameNumberSubPhase =
        prev !== undefined && p.number === prev.number && p.sub !== null && (prev.sub === null || subPhaseAfter(p.sub, prev.sub));
      if (p.number === expectedNext || sameNumberSubPhase) continue;
      return [{ cell: p.labelCell, params: { objective: ctx.objective, phase: p, expected: { label: String(expectedNext), noun: p.noun } } }];
    }
    return [];
  },
});

const DIGITS = /^\d{1,2}$/;
const LETTER = /^[a-z]$/;

/**
 * Whether sub-phase `a` comes after `b` ("b" after "a", "10" after "9") in a numeric collation. A sub-phase is a
 * letter (lower case) or one or two digits: between those the collation's order is the plain one (numbers by
 * value, before letters), so ICU's collator, whose data is about 2.5 MB of a command's memory, is created only
 * for anything else (the long s that a case-insensitive match lets in).
 */
export function subPhaseAfter(a: string, b: string): boolean {
  const aDigits = DIGITS.test(a);
  const bDigits = DIGITS.test(b);
  if ((aDigits || LETTER.test(a)) && (bDigits || LETTER.test(b))) {
    if (aDigits && bDigits) return Number(a) > Number(b);
    return aDigits === bDigits ? a > b : bDigits;
  }
  return a.localeCompare(b, "en", { numeric: true }) > 0;
}
