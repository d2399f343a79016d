// The last step of both readers (the fast one and exceljs): merged cells, text length, dense rows.
import type { CellValue, SheetGrid } from "../../core";
import { PackageError } from "./zip";
import type { RawSheet } from "./sheet";

/** Excel's own limit on the characters of a cell: longer text is cut there. */
export const MAX_TEXT = 32_767;
/** Cells visited to clear the covered cells of merged areas, over a whole sheet. */
const MERGE_BUDGET = 20_000_000;
/** Shared by every empty row of every grid (the core never writes to a grid). */
export const NO_CELLS: never[] = Object.freeze([]) as never[];

/**
 * A merged area's value is its top-left cell's; the other cells read as empty, as in Excel. Rows are made
 * dense (no holes), end at their last value, and have formats only up to their last number: the only formats
 * that matter are those of numbers (dates, percentages), and most rows of a scheda are prose.
 */
export function finishSheet(name: string, raw: RawSheet, checkerReport: boolean): SheetGrid {
  const rows = raw.values;
  let budget = MERGE_BUDGET;
  for (const m of raw.merges) {
    const bottom = Math.min(m.bottom, rows.length - 1);
    budget -= Math.max(0, bottom - m.top + 1);
    if (budget < 0) throw new PackageError("too-large");
    for (let r = m.top; r <= bottom; r++) {
      const row = rows[r];
      if (row === undefined) continue;
      const right = Math.min(m.right, row.length - 1);
      budget -= Math.max(0, right - m.left + 1);
      if (budget < 0) throw new PackageError("too-large");
      for (let c = m.left; c <= right; c++) if (r !== m.top || c !== m.left) row[c] = null;
    }
  }
  const values: CellValue[][] = [];
  const formats: string[][] = [];
  let lastRow = -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let end = row === undefined ? 0 : row.length;
    while (end > 0 && (row[end - 1] === null || row[end - 1] === undefined)) end--;
    if (end === 0) {
      values.push(NO_CELLS);
      formats.push(NO_CELLS);
      continue;
    }
    lastRow = r;
    let lastNumber = -1;
    let clean = end === row.length;
    for (let c = 0; c < end; c++) {
      const v = row[c];
      if (typeof v === "number") lastNumber = c;
      else if (v === undefined || (typeof v === "string" && v.length > MAX_TEXT)) clean = false;
    }
    // A row read in order is already dense: kept as it is. Others are copied by push, so that V8 keeps the
    // arrays packed (no holes): the core reads them cell by cell.
    let dense: CellValue[] = row;
    if (!clean) {
      dense = [];
      for (let c = 0; c < end; c++) {
        const v = row[c];
        dense.push(v === undefined ? null : typeof v === "string" && v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) : v);
      }
    }
    // Kept as an exact copy: an array grown cell by cell keeps room for more (17 slots for a one-cell row),
    // and on sheets of one-cell prose rows that spare room was over half of the grid's memory.
    values.push(dense.slice());
    if (lastNumber < 0) {
      formats.push(NO_CELLS);
      continue;
    }
    const rowFormats = raw.formats[r] ?? NO_CELLS;
    const f: string[] = [];
    for (let c = 0; c <= lastNumber; c++) f.push(typeof dense[c] === "number" ? (rowFormats[c] ?? "General") : "General");
    formats.push(f.slice());
  }
  values.length = lastRow + 1;
  formats.length = lastRow + 1;
  const grid: SheetGrid = { name, values, formats, merges: raw.merges };
  if (checkerReport) grid.checkerReport = true;
  return grid;
}
