import type { Lang } from "./types";

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case, no accents, one space for any run of white space (line breaks included), trimmed. */
export function normalize(text: string): string {
  const plain = NON_ASCII.test(text) ? text.normalize("NFD").replace(COMBINING_MARKS, "") : text;
  return plain.toLowerCase().replace(/\s+/g, " ").trim();
}

/** A number of percentage points as people write it: "12,5%" in Italian, "12.5%" in English. */
export function formatPoints(points: number, lang: Lang): string {
  const rounded = Math.round(points * 100) / 100;
  const text = String(rounded);
  return (lang === "it" ? text.replace(".", ",") : text) + "%";
}

/** One line of at most 60 characters, for quoting a cell in a message. */
export function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 60 ? oneLine.slice(0, 57) + "…" : oneLine;
}
