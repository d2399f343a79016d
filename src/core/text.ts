import { remembered } from "./memo";
import type { Lang } from "./types";

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** White space other than a lone space: replacing only these leaves most texts as they are, uncopied. */
const UNEVEN_SPACE = /\s{2,}|[^\S ]/g;

/** One space for any run of white space (line breaks, tabs, non-breaking spaces included). */
export function oneSpaced(text: string): string {
  return text.replace(UNEVEN_SPACE, " ");
}

/** Short texts (headers, labels) repeat on every block of a workbook: their normal forms are remembered. */
const MEMO_MAX_LENGTH = 80;
const normalizeShort = remembered(normalizeNow);

/** Lower case, no accents, one space for any run of white space (line breaks included), trimmed. */
export function normalize(text: string): string {
  return text.length > MEMO_MAX_LENGTH ? normalizeNow(text) : normalizeShort(text);
}

function normalizeNow(text: string): string {
  const plain = NON_ASCII.test(text) ? text.normalize("NFD").replace(COMBINING_MARKS, "") : text;
  return oneSpaced(plain.toLowerCase()).trim();
}

const VOWEL_CLASS: Record<string, string> = { a: "[aàáâä]", e: "[eèéêë]", i: "[iìíîï]", o: "[oòóôö]", u: "[uùúûü]" };

/**
 * A cheap case- and accent-insensitive test for words, run on raw cell text before the costlier
 * normalize(): most cells hold none of the words the checker looks for.
 */
export function hint(...words: string[]): RegExp {
  return new RegExp(words.map(accentTolerant).join("|"), "i");
}

function accentTolerant(word: string): string {
  return word.replace(/[aeiou]/g, (v) => VOWEL_CLASS[v]);
}

/** A number of percentage points as people write it: "12,5%" in Italian, "12.5%" in English. */
export function formatPoints(points: number, lang: Lang): string {
  const rounded = Math.round(points * 100) / 100;
  const text = String(rounded);
  return (lang === "it" ? text.replace(".", ",") : text) + "%";
}

/** One line of at most 60 characters, for quoting a cell in a message. */
export function shorten(text: string): string {
  const oneLine = oneSpaced(text).trim();
  return oneLine.length > 60 ? oneLine.slice(0, 57) + "…" : oneLine;
}
