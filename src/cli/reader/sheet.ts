// One worksheet part -> the core's SheetGrid, cell by cell as exceljs 4.4 reads it (see the differential test).
import type { CellValue, MergedRange } from "../../core";
import { exceljsDateFormat, isDateFormat } from "./numfmts";
import { unescapeX } from "./package";
import { walk } from "./tokens";
import { attributes, decodeAgain, decodeText, tags } from "./xml";
import { PackageError, Unsupported } from "./zip";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
const EXCEL_EPOCH_OFFSET = 25569;
const DAY_MS = 86_400_000;
const DEFAULT_DATE_FORMAT = "dd/mm/yyyy";

export interface SheetContext {
  strings: string[] | null;
  /** Number format of each cell style (index = the cell's `s`). */
  formats: (string | undefined)[];
  date1904: boolean;
}

/** Values and number formats by row, sparse; `finishGrid` turns them into the grid's dense rows. */
export interface RawSheet {
  values: CellValue[][];
  /** The format of each number cell (other positions unused). */
  formats: string[][];
  merges: MergedRange[];
}

/** A cell that exceljs does not keep at all (no value, no style): it does not overwrite an earlier one. */
const SKIP = Symbol("skip");

export function readSheet(xml: string, ctx: SheetContext): RawSheet {
  const values: CellValue[][] = [];
  const formats: string[][] = [];
  const start = xml.indexOf("<sheetData");
  if (start < 0 && /<[A-Za-z_][\w.-]*:sheetData\b/.test(xml)) throw new Unsupported("prefixed worksheet");
  const end = start < 0 ? -1 : xml.indexOf("</sheetData>", start);
  let rowValues: CellValue[] | null = null;
  let rowFormats: string[] | null = null;
  // The cell being read, as exceljs's cell reader keeps it.
  let address = "";
  let type: string | undefined;
  let style = 0;
  let formula = "";
  let shareType: string | undefined;
  let value: string | undefined;
  let runs: string[] | null = null;
  let node = 0; // 1 <f>, 2 <v> or <t>
  let hasV = false;
  let inRun = false;
  let inRunText = false;
  let runText: string | undefined;
  let runBuffer = "";

  const finishCell = () => {
    if (rowValues === null || rowFormats === null) throw new Unsupported("cell outside a row");
    const col = column(address);
    const v = cellValue();
    if (v === SKIP) return;
    const [cell, format] = v;
    if (cell === null) {
      if (col < rowValues.length) rowValues[col] = null;
      return;
    }
    while (rowValues.length < col) rowValues.push(null);
    rowValues[col] = cell;
    if (format !== null) rowFormats[col] = format;
  };

  /** [value, format of a number] or SKIP. */
  const cellValue = (): [CellValue, string | null] | typeof SKIP => {
    const numFmt = style ? ctx.formats[style] : undefined;
    if (runs !== null && (value !== undefined || formula || shareType !== undefined || type !== "inlineStr")) {
      throw new Unsupported("rich text mixed with other content");
    }
    if (formula || shareType !== undefined) {
      // Spec §1: a formula counts as its last result, also an empty text (exceljs drops that one).
      if (value === undefined && type === "str" && hasV) return ["", null];
      if (!value) return [null, null];
      let result: CellValue | { error: string };
      if (type === "str") result = decodeAgain(value);
      else if (type === "b") result = parseInt(value, 10) !== 0;
      else if (type === "e") result = { error: value };
      else result = parseFloat(value);
      if (exceljsDateFormat(numFmt)) return [dateSerial(typeof result === "object" ? NaN : Number(result), ctx.date1904), dateFormat(numFmt)];
      if (typeof result === "object" && result !== null) return [result.error, null];
      return [result, typeof result === "number" ? numFmt || "General" : null];
    }
    if (runs !== null) return [runs.join(""), null];
    if (value === undefined) return style ? [null, null] : SKIP;
    switch (type) {
      case "s": {
        const text = ctx.strings?.[parseInt(value, 10)];
        if (ctx.strings === null) throw new Unsupported("shared string without the strings part");
        if (text === undefined) throw new PackageError("damaged");
        return [text, null];
      }
      case "str":
        return [decodeAgain(value), null];
      case "inlineStr":
        return [value, null];
      case "b":
        return [parseInt(value, 10) !== 0, null];
      case "e":
        return [value, null];
      default: {
        const n = parseFloat(value);
        if (exceljsDateFormat(numFmt)) return [dateSerial(n, ctx.date1904), dateFormat(numFmt)];
        return [n, numFmt || "General"];
      }
    }
  };

  if (end > start) {
    walk(xml, start + "<sheetData".length, end, {
      open(name, attrs) {
        if (inRun) {
          if (name === "t") {
            inRunText = true;
            runBuffer = "";
          }
          return;
        }
        switch (name) {
          case "c": {
            const a = attributes(attrs);
            if (a.r === undefined) throw new Unsupported("cell without an address");
            address = a.r;
            type = a.t;
            style = a.s ? parseInt(a.s, 10) || 0 : 0;
            formula = "";
            shareType = undefined;
            value = undefined;
            runs = null;
            node = 0;
            hasV = false;
            return;
          }
          case "row": {
            const r = parseInt(attributes(attrs).r, 10);
            if (!(r >= 1)) throw new Unsupported("row without a number");
            if (r > MAX_ROWS) throw new PackageError("damaged");
            // A row given twice replaces the first, as in exceljs.
            values[r - 1] = rowValues = [];
            formats[r - 1] = rowFormats = [];
            return;
          }
          case "f":
            node = 1;
            shareType = attributes(attrs).t;
            return;
          case "v":
            hasV = true;
            node = 2;
            return;
          case "t":
            node = 2;
            return;
          case "r":
            inRun = true;
            runText = undefined;
            return;
          default:
            return;
        }
      },
      text(raw) {
        if (inRun) {
          if (inRunText) runBuffer += raw;
        } else if (node === 1) formula += raw;
        else if (node === 2 && runs === null) value = value === undefined ? decodeText(raw) : value + decodeText(raw);
      },
      close(name) {
        if (inRun) {
          if (name === "t" && inRunText) {
            inRunText = false;
            runText = unescapeX(decodeText(runBuffer));
          } else if (name === "r") {
            inRun = false;
            node = 0;
            (runs ??= []).push(runText ?? "");
          }
          return;
        }
        if (name === "c") finishCell();
        else if (name === "f" || name === "v" || name === "t" || name === "is") node = 0;
      },
    });
  }
  return { values, formats, merges: mergedRanges(xml) };
}

/** exceljs turns a date cell into a JavaScript Date (rounded to the millisecond); the grid has its serial back. */
function dateSerial(serial: number, date1904: boolean): number {
  const ms = Math.round((serial - EXCEL_EPOCH_OFFSET + (date1904 ? 1462 : 0)) * DAY_MS);
  return Math.abs(ms) <= 8.64e15 ? EXCEL_EPOCH_OFFSET + ms / DAY_MS : NaN;
}

/** A date without a date format of its own (for the grid) still reaches the core as a date. */
function dateFormat(numFmt: string | undefined): string {
  return isDateFormat(numFmt) ? (numFmt as string) : DEFAULT_DATE_FORMAT;
}

/** 0-based column of an A1 address (its row is the <row>'s); a column past XFD is a damaged file. */
function column(address: string): number {
  let col = 0;
  let i = 0;
  for (; i < address.length; i++) {
    const ch = address.charCodeAt(i);
    if (ch === 36 /* $ */ && i === 0) continue;
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
    if (col > MAX_COLS) throw new PackageError("damaged");
  }
  if (col === 0 || !/^\$?\d+$/.test(address.slice(i))) throw new Unsupported(`address ${address}`);
  return col - 1;
}

/** Merged ranges (0-based), in the order of <mergeCells>; a range outside the sheet is a damaged file. */
export function mergedRanges(xml: string): MergedRange[] {
  const after = xml.lastIndexOf("</sheetData>");
  const at = xml.indexOf("<mergeCells", after < 0 ? 0 : after);
  if (at < 0) return [];
  const close = xml.indexOf("</mergeCells>", at);
  if (close < 0) return [];
  return tags(xml.slice(at, close), "mergeCell").map((m) => mergeRange(m.ref ?? ""));
}

const REF = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/;

function mergeRange(ref: string): MergedRange {
  const m = REF.exec(ref);
  if (m === null) throw new Unsupported(`merge ${ref}`);
  const c1 = letters(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] === undefined ? c1 : letters(m[3]);
  const r2 = m[4] === undefined ? r1 : Number(m[4]);
  if (Math.max(c1, c2) > MAX_COLS || Math.max(r1, r2) > MAX_ROWS || Math.min(r1, r2) < 1) throw new PackageError("damaged");
  return { top: Math.min(r1, r2) - 1, left: Math.min(c1, c2) - 1, bottom: Math.max(r1, r2) - 1, right: Math.max(c1, c2) - 1 };
}

function letters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n = n * 26 + s.charCodeAt(i) - 64;
  return n;
}
