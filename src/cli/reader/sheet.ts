// One worksheet part -> the core's SheetGrid, cell by cell as exceljs 4.4 reads it (see the differential test).
import type { CellValue, MergedRange } from "../../core";
import { exceljsDateFormat, isDateFormat } from "./numfmts";
import { unescapeX } from "./package";
import { walk } from "./tokens";
import { attribute, decodeAgain, decodeText, tagEnd, tags } from "./xml";
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

export function readSheet(xml: string, ctx: SheetContext): RawSheet {
  const start = xml.indexOf("<sheetData");
  if (start < 0 && /<[A-Za-z_][\w.-]*:sheetData\b/.test(xml)) throw new Unsupported("prefixed worksheet");
  const end = start < 0 ? -1 : xml.indexOf("</sheetData>", start);
  let cells = new SheetCells(ctx);
  if (end > start) {
    const from = start + "<sheetData".length;
    // The usual spelling of cells (Excel's, LibreOffice's, exceljs's) first; anything else, from the start again.
    if (!scanPlain(xml, xml.indexOf(">", from) + 1, end, cells)) {
      cells = new SheetCells(ctx);
      scanAny(xml, from, end, cells);
    }
  }
  return { values: cells.values, formats: cells.formats, merges: mergedRanges(xml) };
}

/** The cells of one sheet as they are read: the current cell's parts, as exceljs's cell reader keeps them. */
class SheetCells {
  readonly values: CellValue[][] = [];
  readonly formats: string[][] = [];
  private rowValues: CellValue[] | null = null;
  private rowFormats: string[] | null = null;
  private readonly dateStyles = new Map<string, boolean>();
  private readonly dateFormats = new Map<string, string>();
  col = 0;
  type: string | undefined = undefined;
  style = 0;
  formula = "";
  shareType: string | undefined = undefined;
  value: string | undefined = undefined;
  runs: string[] | null = null;
  hasV = false;
  // The value and number format of the cell just read (see cellValue).
  private outValue: CellValue = null;
  private outFormat: string | null = null;

  constructor(private readonly ctx: SheetContext) {}

  startRow(r: number): void {
    if (!(r >= 1)) throw new Unsupported("row without a number");
    if (r > MAX_ROWS) throw new PackageError("damaged");
    // A row given twice replaces the first, as in exceljs.
    this.values[r - 1] = this.rowValues = [];
    this.formats[r - 1] = this.rowFormats = [];
  }

  startCell(col: number, type: string | undefined, style: number): void {
    this.col = col;
    this.type = type;
    this.style = style;
    this.formula = "";
    this.shareType = undefined;
    this.value = undefined;
    this.runs = null;
    this.hasV = false;
  }

  finishCell(): void {
    const rowValues = this.rowValues;
    const rowFormats = this.rowFormats;
    if (rowValues === null || rowFormats === null) throw new Unsupported("cell outside a row");
    // A cell exceljs does not keep at all (no value, no style) does not overwrite an earlier one.
    if (!this.cellValue()) return;
    const col = this.col;
    const cell = this.outValue;
    if (cell === null) {
      if (col < rowValues.length) rowValues[col] = null;
      return;
    }
    while (rowValues.length < col) rowValues.push(null);
    rowValues[col] = cell;
    if (this.outFormat !== null) rowFormats[col] = this.outFormat;
  }

  private out(v: CellValue, f: string | null): boolean {
    this.outValue = v;
    this.outFormat = f;
    return true;
  }

  /** Whether exceljs takes a style's format for a date, computed once per format. */
  private isDateStyle(numFmt: string | undefined): boolean {
    if (numFmt === undefined) return false;
    let d = this.dateStyles.get(numFmt);
    if (d === undefined) this.dateStyles.set(numFmt, (d = exceljsDateFormat(numFmt)));
    return d;
  }

  /** A date without a date format of its own (for the grid) still reaches the core as a date. */
  private dateFormat(numFmt: string | undefined): string {
    if (numFmt === undefined) return DEFAULT_DATE_FORMAT;
    let f = this.dateFormats.get(numFmt);
    if (f === undefined) this.dateFormats.set(numFmt, (f = isDateFormat(numFmt) ? numFmt : DEFAULT_DATE_FORMAT));
    return f;
  }

  private cellValue(): boolean {
    const { type, value, formula, shareType, runs, style, ctx } = this;
    const numFmt = style ? ctx.formats[style] : undefined;
    if (runs !== null && (value !== undefined || formula || shareType !== undefined || type !== "inlineStr")) {
      throw new Unsupported("rich text mixed with other content");
    }
    if (formula || shareType !== undefined) {
      // Spec §1: a formula counts as its last result, also an empty text (exceljs drops that one).
      if (value === undefined && type === "str" && this.hasV) return this.out("", null);
      if (!value) return this.out(null, null);
      let result: CellValue | { error: string };
      if (type === "str") result = decodeAgain(value);
      else if (type === "b") result = parseInt(value, 10) !== 0;
      else if (type === "e") result = { error: value };
      else result = parseFloat(value);
      if (this.isDateStyle(numFmt)) return this.out(dateSerial(typeof result === "object" ? NaN : Number(result), ctx.date1904), this.dateFormat(numFmt));
      if (typeof result === "object" && result !== null) return this.out(result.error, null);
      return this.out(result, typeof result === "number" ? numFmt || "General" : null);
    }
    if (runs !== null) return this.out(runs.join(""), null);
    if (value === undefined) return style ? this.out(null, null) : false;
    switch (type) {
      case "s": {
        if (ctx.strings === null) throw new Unsupported("shared string without the strings part");
        const text = ctx.strings[parseInt(value, 10)];
        if (text === undefined) throw new PackageError("damaged");
        return this.out(text, null);
      }
      case "str":
        return this.out(decodeAgain(value), null);
      case "inlineStr":
        return this.out(value, null);
      case "b":
        return this.out(parseInt(value, 10) !== 0, null);
      case "e":
        return this.out(value, null);
      default: {
        const n = parseFloat(value);
        if (this.isDateStyle(numFmt)) return this.out(dateSerial(n, ctx.date1904), this.dateFormat(numFmt));
        return this.out(n, numFmt || "General");
      }
    }
  }
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const SPACE = 32;
const EQUALS = 61;

/**
 * The cells as Excel, LibreOffice and exceljs write them: `<row r="1"><c r="A1" s="3" t="s"><f>…</f><v>…</v></c>`,
 * read with indexOf and no intermediate strings. Returns false at the first other spelling (inline strings,
 * comments, CDATA, entities in attributes, other quotes or spaces): scanAny then reads the whole sheet.
 */
function scanPlain(xml: string, start: number, end: number, cells: SheetCells): boolean {
  let i = start;
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0 || lt >= end) return true;
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 99 /* c */) {
      if (xml.charCodeAt(lt + 2) !== SPACE) return false;
      // Attributes: only r, t and s matter.
      let p = lt + 3;
      let col = -1;
      let type: string | undefined;
      let style = 0;
      let selfClosing = false;
      for (;;) {
        while (xml.charCodeAt(p) === SPACE) p++;
        const ch = xml.charCodeAt(p);
        if (ch === GT) {
          p++;
          break;
        }
        if (ch === SLASH) {
          if (xml.charCodeAt(p + 1) !== GT) return false;
          selfClosing = true;
          p += 2;
          break;
        }
        const nameStart = p;
        while (p < end && xml.charCodeAt(p) !== EQUALS) {
          const n = xml.charCodeAt(p);
          if (n === SPACE || n === QUOTE || n === GT || n === SLASH || n === LT || n < SPACE) return false;
          p++;
        }
        if (xml.charCodeAt(p + 1) !== QUOTE) return false;
        const vStart = p + 2;
        const vEnd = xml.indexOf('"', vStart);
        if (vEnd < 0 || vEnd > end) return false;
        if (p - nameStart === 1) {
          const n = xml.charCodeAt(nameStart);
          if (n === 114 /* r */) {
            col = plainColumn(xml, vStart, vEnd);
            if (col < 0) return false;
          } else if (n === 116 /* t */) {
            type = xml.slice(vStart, vEnd);
            if (type.includes("&")) return false;
          } else if (n === 115 /* s */) {
            style = 0;
            for (let k = vStart; k < vEnd; k++) {
              const d = xml.charCodeAt(k) - 48;
              if (d < 0 || d > 9) return false;
              style = style * 10 + d;
            }
          }
        }
        p = vEnd + 1;
      }
      if (col < 0) return false;
      cells.startCell(col, type, style);
      if (!selfClosing) {
        // Content: <f …>…</f> or <f …/>, <v>…</v> or <v/>, then </c>.
        for (;;) {
          const at = xml.indexOf("<", p);
          if (at < 0 || at >= end) return false;
          const n1 = xml.charCodeAt(at + 1);
          if (n1 === SLASH) {
            if (!xml.startsWith("</c>", at)) return false;
            p = at + 4;
            break;
          }
          if (n1 === 118 /* v */) {
            cells.hasV = true;
            if (xml.startsWith("<v/>", at)) {
              p = at + 4;
              continue;
            }
            if (xml.charCodeAt(at + 2) !== GT) return false;
            const close = xml.indexOf("<", at + 3);
            if (close < 0 || !xml.startsWith("</v>", close)) return false;
            if (close > at + 3) {
              const text = decodeText(xml.slice(at + 3, close));
              cells.value = cells.value === undefined ? text : cells.value + text;
            }
            p = close + 4;
          } else if (n1 === 102 /* f */) {
            const n2 = xml.charCodeAt(at + 2);
            if (n2 !== SPACE && n2 !== GT && n2 !== SLASH) return false;
            const gt = tagEnd(xml, at);
            const closed = xml.charCodeAt(gt - 1) === SLASH;
            const t = plainAttribute(xml, at, gt, ' t="');
            if (t === null) return false;
            cells.shareType = t;
            if (closed) p = gt + 1;
            else {
              const close = xml.indexOf("<", gt + 1);
              if (close < 0 || !xml.startsWith("</f>", close)) return false;
              cells.formula += xml.slice(gt + 1, close);
              p = close + 4;
            }
          } else return false;
        }
      }
      cells.finishCell();
      i = p;
    } else if (c1 === 114 /* r */ && xml.startsWith("<row", lt)) {
      const n = xml.charCodeAt(lt + 4);
      if (n !== SPACE && n !== GT && n !== SLASH) return false;
      const gt = tagEnd(xml, lt);
      const r = plainAttribute(xml, lt, gt, ' r="');
      if (r === null) return false;
      cells.startRow(parseInt(r ?? "", 10));
      i = gt + 1;
    } else if (c1 === SLASH && xml.startsWith("</row>", lt)) i = lt + 6;
    else return false;
  }
}

/**
 * The value of the attribute `key` (' t="') of the tag xml[from, to), undefined when absent; null when the tag
 * is not plainly spelled (other quotes, spaces around =, entities), for scanAny to read.
 */
function plainAttribute(xml: string, from: number, to: number, key: string): string | undefined | null {
  for (let k = from; k < to; k++) {
    const ch = xml.charCodeAt(k);
    if (ch === 39 /* ' */ || ch === 38 /* & */ || ch === 9 || ch === 10 || ch === 13) return null;
    if (ch === EQUALS && (xml.charCodeAt(k - 1) === SPACE || xml.charCodeAt(k + 1) === SPACE)) return null;
  }
  const at = xml.indexOf(key, from);
  if (at < 0 || at >= to) return undefined;
  const close = xml.indexOf('"', at + key.length);
  return close < 0 || close >= to ? null : xml.slice(at + key.length, close);
}

/** 0-based column of a plain address (letters, then digits) in xml[start, end); -1 for any other spelling. */
function plainColumn(xml: string, start: number, end: number): number {
  let col = 0;
  let k = start;
  for (; k < end; k++) {
    const ch = xml.charCodeAt(k);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
    if (col > MAX_COLS) throw new PackageError("damaged");
  }
  if (col === 0 || k === end) return -1;
  for (; k < end; k++) {
    const d = xml.charCodeAt(k);
    if (d < 48 || d > 57) return -1;
  }
  return col - 1;
}

/** Any well-formed spelling of the cells, through the generic tag walker, as exceljs's parser reads them. */
function scanAny(xml: string, start: number, end: number, cells: SheetCells): void {
  let node = 0; // 1 <f>, 2 <v> or <t>
  let inRun = false;
  let inRunText = false;
  let runText: string | undefined;
  let runBuffer = "";
  walk(xml, start, end, {
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
          const r = attribute(attrs, "r");
          if (r === undefined) throw new Unsupported("cell without an address");
          const s = attribute(attrs, "s");
          cells.startCell(column(r), attribute(attrs, "t"), s ? parseInt(s, 10) || 0 : 0);
          node = 0;
          return;
        }
        case "row":
          cells.startRow(parseInt(attribute(attrs, "r") ?? "", 10));
          return;
        case "f":
          node = 1;
          cells.shareType = attribute(attrs, "t");
          return;
        case "v":
          cells.hasV = true;
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
      } else if (node === 1) cells.formula += raw;
      else if (node === 2 && cells.runs === null) cells.value = cells.value === undefined ? decodeText(raw) : cells.value + decodeText(raw);
    },
    close(name) {
      if (inRun) {
        if (name === "t" && inRunText) {
          inRunText = false;
          runText = unescapeX(decodeText(runBuffer));
        } else if (name === "r") {
          inRun = false;
          node = 0;
          (cells.runs ??= []).push(runText ?? "");
        }
        return;
      }
      if (name === "c") cells.finishCell();
      else if (name === "f" || name === "v" || name === "t" || name === "is") node = 0;
    },
  });
}

/** exceljs turns a date cell into a JavaScript Date (rounded to the millisecond); the grid has its serial back. */
function dateSerial(serial: number, date1904: boolean): number {
  const ms = Math.round((serial - EXCEL_EPOCH_OFFSET + (date1904 ? 1462 : 0)) * DAY_MS);
  return Math.abs(ms) <= 8.64e15 ? EXCEL_EPOCH_OFFSET + ms / DAY_MS : NaN;
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
