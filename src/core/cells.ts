// Reading the three kinds of cell the rules care about (spec §1, "Cell values").
import { dateAtStart, serialToDay } from "./dates";
import type { SheetView } from "./grid";

/** A weight as written, before the block decides whether plain numbers are fractions. */
export type RawWeight =
  | { kind: "missing" }
  | { kind: "invalid"; text: string }
  /** A number formatted as a percentage: a fraction (0.25 is 25%). */
  | { kind: "percent-number"; value: number }
  /** Text such as "25%", "12,5 %" or "25": points. */
  | { kind: "text-points"; value: number }
  /** A plain unformatted number: points, unless the whole block reads as fractions. */
  | { kind: "plain-number"; value: number };

const POINTS_TEXT = /^([+-]?\d+(?:[.,]\d+)?)\s*%?$/;

export function readWeight(view: SheetView, row: number, col: number): RawWeight {
  const v = view.value(row, col);
  if (v === null || (typeof v === "string" && v.trim() === "")) return { kind: "missing" };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "invalid", text: String(v) };
    return view.format(row, col).includes("%") ? { kind: "percent-number", value: v } : { kind: "plain-number", value: v };
  }
  if (typeof v === "string") {
    const m = POINTS_TEXT.exec(v.trim());
    if (m) return { kind: "text-points", value: Number(m[1].replace(",", ".")) };
  }
  return { kind: "invalid", text: String(v).trim() };
}

/** True when a number format shows a date (d, y, or a month name), not a time or a plain number. */
export function isDateFormat(format: string): boolean {
  if (!format) return false;
  const stripped = format.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
  return /[dy]/i.test(stripped) || /mmm/i.test(stripped);
}

export type Deadline =
  | { kind: "missing" }
  | { kind: "date"; day: number; concluded: boolean }
  /** Shaped like a date but not a calendar date ("31/02/2022"). */
  | { kind: "invalid"; text: string }
  /** "Conclusa": completed before the plan was written; neither a date nor a text deadline. */
  | { kind: "concluded"; text: string }
  | { kind: "text"; text: string };

const CONCLUDED = /\bconclus[ao]\b/i;

/**
 * Reads a deadline. `bareSerials` accepts unformatted numbers as date serials (the Scadenze column);
 * elsewhere only date-formatted numbers are dates.
 */
export function readDeadline(view: SheetView, row: number, col: number, bareSerials = true): Deadline {
  const v = view.value(row, col);
  if (v === null || (typeof v === "string" && v.trim() === "")) return { kind: "missing" };
  if (typeof v === "number") {
    if (Number.isFinite(v) && v > 0 && v < 2958466 && (bareSerials || isDateFormat(view.format(row, col))))
      return { kind: "date", day: serialToDay(v), concluded: false };
    return { kind: "text", text: String(v) };
  }
  const text = String(v).trim();
  const concluded = CONCLUDED.test(text);
  const atStart = dateAtStart(text);
  if (atStart?.kind === "date") return { kind: "date", day: atStart.day, concluded };
  if (atStart?.kind === "invalid") return { kind: "invalid", text };
  if (concluded) return { kind: "concluded", text };
  return { kind: "text", text };
}

export interface Codifica {
  /** Codes in the order written, duplicates included. */
  codes: string[];
  /** Words that are not codes: external parties ("AMAG AMBIENTE SPA"). */
  external: string[];
}

const CODE = /\d{3,}/g;
const ONLY_CODES = /^[\d\s,;/\-–]*$/;

export function readCodifica(view: SheetView, row: number, col: number): Codifica | null {
  const v = view.value(row, col);
  if (v === null || v === "" || typeof v === "boolean") return null;
  if (typeof v === "number") return Number.isInteger(v) && v >= 100 ? { codes: [String(v)], external: [] } : null;
  const text = v.trim();
  if (text === "") return null;
  const codes = text.match(CODE) ?? [];
  if (ONLY_CODES.test(text)) return { codes, external: [] };
  const external: string[] = [];
  for (const part of text.split(/[,;/]|\s-\s|^-\s|\s-$/)) {
    const name = part.replace(CODE, " ").replace(/[-–\s]+/g, " ").trim();
    if (/\p{L}/u.test(name)) external.push(name);
  }
  return { codes, external };
}
