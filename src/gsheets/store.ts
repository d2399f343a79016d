// The add-on's memory of what it wrote, kept in a hidden sheet of the document, one row per cell.
// Each row starts with a formula referencing the cell ("='Obiettivi 2024'!D7"): Sheets rewrites it
// when rows or columns are inserted, deleted or moved and when the sheet is renamed, and turns it
// into #REF! when the cell is deleted, so reading the formula back gives the cell's current place.
// A sheet has room for millions of cells, unlike the 500 KB of the document properties.
import { a1 } from "../core";
import type { GSheet, GSpreadsheet } from "./gas";

export const MEMORY_SHEET = "_VerificaPIAO";
const HEADER = ["Verifica PIAO: memoria delle evidenziazioni, non modificare", "tipo", "id foglio", "originale", "applicato", "testo"];
const WIDTH = HEADER.length;

/** "hl": a highlighted cell (fill and note); "sum": a summary-column cell holding our text. */
export type EntryKind = "hl" | "sum";

export interface Entry {
  kind: EntryKind;
  sheetId: number;
  row: number;
  col: number;
  /** hl: the background before the check ("#ffffff" also for no fill). */
  origBg: string;
  /** hl: the severity fill we applied. */
  appliedBg: string;
  /** hl: the lines we added to the cell's note; sum: the text we wrote in the cell. */
  text: string;
}

/** A sheet name as formulas write it: quoted, with its quotes doubled, unless it is a plain identifier. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function anchorFormula(sheetName: string, row: number, col: number): string {
  return `=${quoteSheetName(sheetName)}!${a1(row, col)}`;
}

/** The 0-based cell an anchor formula points at now; null when the cell is gone (#REF!) or unreadable. */
export function parseAnchor(formula: string): { row: number; col: number } | null {
  const m = /!\$?([A-Z]{1,3})\$?(\d+)$/.exec(formula);
  if (!m || formula.includes("#REF!")) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export class Memory {
  private constructor(
    private sheet: GSheet | null,
    /** Rows of data below the header, as read. */
    private readonly stored: number,
    readonly entries: Entry[],
  ) {}

  /** Reads the memory sheet (one getFormulas and one getValues); entries whose cell is gone are left out. */
  static read(sheet: GSheet | null): Memory {
    if (!sheet) return new Memory(null, 0, []);
    const rows = sheet.getLastRow() - 1;
    if (rows <= 0) return new Memory(sheet, 0, []);
    const range = sheet.getRange(2, 1, rows, WIDTH);
    const formulas = range.getFormulas();
    const values = range.getValues();
    const entries: Entry[] = [];
    values.forEach((v, i) => {
      const at = parseAnchor(formulas[i][0]);
      if (!at || (v[1] !== "hl" && v[1] !== "sum")) return;
      entries.push({ kind: v[1], sheetId: Number(v[2]), ...at, origBg: String(v[3]), appliedBg: String(v[4]), text: String(v[5]) });
    });
    return new Memory(sheet, rows, entries);
  }

  /**
   * Adds `entries` below the stored rows, creating the hidden sheet when needed; the rows read
   * before stay until `dropOld`, so a failure at any point leaves a memory that covers every mark.
   */
  append(ss: GSpreadsheet, entries: Entry[], nameOf: (sheetId: number) => string): void {
    if (entries.length === 0) return;
    const sheet = this.sheet ?? (this.sheet = create(ss));
    const first = this.stored + 2;
    const maxRows = sheet.getMaxRows();
    const missing = first + entries.length - 1 - maxRows;
    if (missing > 0) sheet.insertRowsAfter(maxRows, missing);
    // setValues enters a text starting with "=" as a formula: the anchor; no other field starts so.
    sheet
      .getRange(first, 1, entries.length, WIDTH)
      .setValues(entries.map((e) => [anchorFormula(nameOf(e.sheetId), e.row, e.col), e.kind, e.sheetId, e.origBg, e.appliedBg, e.text]));
  }

  /** Deletes the rows that were read, once what replaces them is written. */
  dropOld(): void {
    if (this.sheet && this.stored > 0) this.sheet.deleteRows(2, this.stored);
  }
}

/** The hidden, warning-only protected memory sheet, trimmed to its columns; the active sheet stays active. */
function create(ss: GSpreadsheet): GSheet {
  const active = ss.getActiveSheet();
  const sheet = ss.insertSheet(MEMORY_SHEET);
  active.activate();
  const extra = sheet.getMaxColumns() - WIDTH;
  if (extra > 0) sheet.deleteColumns(WIDTH + 1, extra);
  sheet.getRange(1, 1, 1, WIDTH).setValues([HEADER]);
  sheet.protect().setWarningOnly(true);
  sheet.hideSheet();
  return sheet;
}
