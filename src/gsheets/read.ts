import { parseA1 } from "../core";
import type { CellValue, MergedRange, SheetGrid, WorkbookGrid } from "../core";
import type { GSheet, GSpreadsheet } from "./gas";

/** Utilities.formatDate's signature. */
export type FormatDate = (date: Date, timeZone: string, format: string) => string;

const EXCEL_EPOCH = 25569; // serial of 1970-01-01

/**
 * Converts the Dates of getValues() to Excel serial numbers. Sheets hands a date cell over as the
 * instant of its wall-clock time in the spreadsheet's time zone, which need not be the script's,
 * so the wall-clock fields are read back in that zone; memoised because deadlines repeat.
 */
export class DateConverter {
  private readonly cache = new Map<number, number>();
  constructor(
    private readonly timeZone: string,
    private readonly formatDate: FormatDate,
  ) {}

  toSerial(date: Date): number {
    const key = date.getTime();
    let serial = this.cache.get(key);
    if (serial === undefined) {
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(
        this.formatDate(date, this.timeZone, "yyyy-MM-dd HH:mm:ss"),
      );
      if (!m) throw new Error(`Unexpected date text for ${date.toISOString()}`);
      const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
      const utc = new Date(0);
      utc.setUTCFullYear(y, mo - 1, d); // setUTCFullYear keeps years below 100 as they are
      utc.setUTCHours(h, mi, s, 0);
      serial = EXCEL_EPOCH + utc.getTime() / 86400000;
      this.cache.set(key, serial);
    }
    return serial;
  }
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

/** "B2:D4" -> 0-based inclusive bounds. */
export function parseRangeA1(a1: string): MergedRange | null {
  const [first, last = first] = a1.split(":");
  const tl = parseA1(first);
  const br = parseA1(last);
  return tl && br ? { top: tl.row, left: tl.col, bottom: br.row, right: br.col } : null;
}

/**
 * Reads one sheet with three batch calls on its data range plus one getA1Notation per merged
 * area (Apps Script has no batch call for merge bounds).
 */
export function readSheet(sheet: GSheet, dates: DateConverter): SheetGrid {
  const range = sheet.getDataRange();
  const raw = range.getValues();
  const formats = range.getNumberFormats();
  const merges = range
    .getMergedRanges()
    .map((m) => parseRangeA1(m.getA1Notation()))
    .filter((m): m is MergedRange => m !== null);
  const values: CellValue[][] = raw.map((row) => row.map((v) => toCellValue(v, dates)));
  return { name: sheet.getName(), values, formats, merges };
}

function toCellValue(v: unknown, dates: DateConverter): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (isDate(v)) return dates.toSerial(v);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

export function readWorkbook(ss: GSpreadsheet, formatDate: FormatDate, sheets = ss.getSheets()): WorkbookGrid {
  const dates = new DateConverter(ss.getSpreadsheetTimeZone(), formatDate);
  return { sheets: sheets.map((sheet) => readSheet(sheet, dates)) };
}
