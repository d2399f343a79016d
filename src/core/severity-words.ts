// The one word for each severity, in every product (CLI, pane, sidebar, report sheet): "info" is an
// id, never a word the user reads, and "Note" is what Italian Excel calls a cell's note.
import type { Lang, Severity, SeverityCounts } from "./types";

const WORDS: Record<Lang, Record<Severity, Record<"one" | "other", string>>> = {
  it: {
    error: { one: "errore", other: "errori" },
    warning: { one: "avviso", other: "avvisi" },
    info: { one: "informazione", other: "informazioni" },
  },
  en: {
    error: { one: "error", other: "errors" },
    warning: { one: "warning", other: "warnings" },
    info: { one: "notice", other: "notices" },
  },
};

const LOCALE: Record<Lang, string> = { it: "it-IT", en: "en-GB" };
const plurals: Partial<Record<Lang, Intl.PluralRules>> = {};

/**
 * Italian and English plural category. A whole number is "one" exactly when it is 1 or -1 in both languages
 * (CLDR: i = 1 and v = 0), so a count is answered without Intl: creating a PluralRules maps ICU's locale data
 * (about 2 MB of a command's memory). Anything else asks Intl; a runtime built without it uses the same rule.
 */
function isOne(count: number, lang: Lang): boolean {
  if (Number.isInteger(count) || typeof Intl === "undefined" || typeof Intl.PluralRules !== "function") return count === 1 || count === -1;
  return (plurals[lang] ??= new Intl.PluralRules(LOCALE[lang])).select(count) === "one";
}

/** "errore" for 1, "errori" for 0 or 2 (Intl.PluralRules): the word for `count` findings of a severity. */
export function severityWord(severity: Severity, lang: Lang, count = 1): string {
  return WORDS[lang][severity][isOne(count, lang) ? "one" : "other"];
}

/** "2 errori", "1 avviso", "0 informazioni". */
export function severityCount(severity: Severity, lang: Lang, count: number): string {
  return `${count} ${severityWord(severity, lang, count)}`;
}

/** "2 errori, 1 avviso, 0 informazioni": a report's counts, most severe first, in one line. */
export function severityCountList(counts: SeverityCounts, lang: Lang): string {
  return (["error", "warning", "info"] as const).map((s) => severityCount(s, lang, counts[s])).join(", ");
}

/** "Errori", "Avvisi", "Informazioni": a heading or column title for findings of a severity. */
export function severityHeading(severity: Severity, lang: Lang): string {
  const word = severityWord(severity, lang, 2);
  return word[0].toUpperCase() + word.slice(1);
}
