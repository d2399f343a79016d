// Turning what Excel returns (range chunks that need not start at A1) into the core's SheetGrid.
import type { CellValue, MergedRange, SheetGrid } from "../core";
import { parseA1 } from "../core";

/** A loaded block of cells: where it starts (0-based) and its values / number formats. */
export interface RangeData {
  rowIndex: number;
  columnIndex: number;
  values: unknown[][];
  numberFormat: unknown[][];
}

const toCell = (v: unknown): CellValue =>
  v === null || v === undefined || v === "" ? null : typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : String(v);

/** Places the chunks into a grid anchored at A1 (empty cells above/left of the used range are null). */
export function assembleSheet(name: string, chunks: RangeData[], merges: MergedRange[] = []): SheetGrid {
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  for (const chunk of chunks) {
    chunk.values.forEach((row, r) => {
      const at = chunk.rowIndex + r;
      for (let i = values.length; i <= at; i++) {
        values.push([]);
        formats.push([]);
      }
      row.forEach((v, c) => {
        values[at][chunk.columnIndex + c] = toCell(v);
        const f = chunk.numberFormat[r]?.[c];
        formats[at][chunk.columnIndex + c] = typeof f === "string" ? f : null;
      });
    });
  }
  // Fill the holes left of each chunk so every row is a dense array.
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < values[r].length; c++) {
      if (values[r][c] === undefined) values[r][c] = null;
      if (formats[r][c] === undefined) formats[r][c] = null;
    }
  }
  return { name, values, formats, merges };
}

/**
 * Merged areas from a RangeAreas address such as "'Fase 1'!A7:A9, 'Fase 1'!C7:C9". Only the part after
 * the last "!" of each area is read, so commas or "!" inside a quoted sheet name cannot confuse it.
 */
export function parseMergedAddress(address: string): MergedRange[] {
  const merges: MergedRange[] = [];
  for (const part of address.split(",")) {
    const bang = part.lastIndexOf("!");
    const ref = part.slice(bang + 1).trim();
    const [from, to] = ref.split(":");
    const a = parseA1(from ?? "");
    const b = parseA1(to ?? from ?? "");
    if (a && b) merges.push({ top: a.row, left: a.col, bottom: b.row, right: b.col });
  }
  return merges;
}

/** A rectangle of cells read in one getCellProperties call: its top-left (0-based) and the cells it holds. */
export interface CellBand {
  top: number;
  left: number;
  bottom: number;
  right: number;
  cells: { cell: string; row: number; col: number }[];
}

/**
 * Groups one sheet's cells into row bands, each the bounding rectangle of its cells and at most `maxCells`
 * cells: usually one band for a whole sheet. Cells are taken top to bottom and a band is closed when the
 * next cell would make it too big, so the bands hug the cells (A1 and D20000 give two one-cell bands, not
 * one 80,000-cell rectangle) and there are never more bands than cells. A band is also closed at a gap of
 * more than `maxGap` rows.
 */
export function cellBands(cells: string[], maxCells: number, maxGap = Infinity): CellBand[] {
  const parsed = cells
    .map((cell) => ({ cell, pos: parseA1(cell) }))
    .filter((c): c is { cell: string; pos: { row: number; col: number } } => c.pos !== null)
    .map(({ cell, pos }) => ({ cell, row: pos.row, col: pos.col }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const bands: CellBand[] = [];
  let band: CellBand | null = null;
  for (const c of parsed) {
    if (band) {
      const left = Math.min(band.left, c.col);
      const right = Math.max(band.right, c.col);
      if ((c.row - band.top + 1) * (right - left + 1) <= maxCells && c.row - band.bottom <= maxGap) {
        Object.assign(band, { left, right, bottom: c.row });
        band.cells.push(c);
        continue;
      }
    }
    band = { top: c.row, left: c.col, bottom: c.row, right: c.col, cells: [c] };
    bands.push(band);
  }
  return bands;
}
