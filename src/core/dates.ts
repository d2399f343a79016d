// Dates are handled as whole day numbers since 1970-01-01 (UTC): no time zones, no Date drift.
import { remembered } from "./memo";

const EXCEL_EPOCH_OFFSET = 25569; // serial of 1970-01-01 in Excel's 1900 date system

export function dayFromParts(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Math.round(ms / 86400000);
}

export function serialToDay(serial: number): number {
  return Math.floor(serial) - EXCEL_EPOCH_OFFSET;
}

export function dayToSerial(day: number): number {
  return day + EXCEL_EPOCH_OFFSET;
}

/** Year, month, day of a day number (proleptic Gregorian), without allocating a Date. */
function parts(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number) => String(n).padStart(2, "0");

// A workbook names the same few deadlines (31/12/2022…) on many rows, and every phase of the
// report carries its dates as text: the texts of a day are remembered.
export const dayToIso = remembered((day: number) => {
  const [y, m, d] = parts(day);
  return `${y}-${pad(m)}-${pad(d)}`;
});

/** dd/mm/yyyy, the way Italian offices write dates (also used in English messages). */
export const dayToDisplay = remembered((day: number) => {
  const [y, m, d] = parts(day);
  return `${pad(d)}/${pad(m)}/${y}`;
});

export function isoToDay(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? dayFromParts(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function dayYear(day: number): number {
  return parts(day)[0];
}

/** A date written at the start of a text, in one of the spec's formats. */
export type TextDate = { kind: "date"; day: number } | { kind: "invalid" } | null;

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/;

/** Reads a date at the start of `text` (already trimmed). null when the text does not start with one. */
export function dateAtStart(text: string): TextDate {
  let m = DMY.exec(text);
  if (m) return toTextDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = YMD.exec(text);
  if (m) return toTextDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

function toTextDate(y: number, mo: number, d: number): TextDate {
  const day = dayFromParts(y, mo, d);
  return day === null ? { kind: "invalid" } : { kind: "date", day };
}

const ANY_DATE = /(?<!\d)(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2})(?!\d)/;

/** The first valid date anywhere in `text`, with where it starts; null if none. */
export function firstDateIn(text: string): { day: number; index: number } | null {
  const re = new RegExp(ANY_DATE.source, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const parsed = dateAtStart(m[1]);
    if (parsed && parsed.kind === "date") return { day: parsed.day, index: m.index };
  }
  return null;
}
