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
