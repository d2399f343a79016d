import { normalize } from "./text";
import type { CellValue, SheetGrid } from "./types";

const NOT_BLANK = /\S/;

/**
 * Read access to one sheet with merged cells resolved: every cell of a merged area reads as its
 * top-left cell. Normalised text is computed lazily and cached, since most cells are never looked at.
 */
export class SheetView {
  readonly name: string;
  readonly rowCount: number;
  readonly colCount: number;
  /** The checker's own report sheet: never read as data (SheetGrid.checkerReport). */
  readonly checkerReport: boolean;
  private readonly values: CellValue[][];
  private readonly formats: (string | null | undefined)[][];
  /** "row,col" of a covered cell -> its merge's top-left. */
  private readonly mergeAnchor = new Map<number, number>();
  private readonly normCache = new Map<number, string>();
  private readonly shortTextRows = new Map<RegExp, number[]>();

  constructor(grid: SheetGrid) {
    this.name = String(grid?.name ?? "");
    this.checkerReport = grid?.checkerReport === true;
    // Whatever an adapter sends, rows are arrays from here on (a malformed row reads as empty).
    this.values = arrayOfRows(grid?.values);
    this.formats = arrayOfRows(grid?.formats);
    this.rowCount = this.values.length;
    let cols = 0;
    for (const row of this.values) if (row.length > cols) cols = row.length;
    this.colCount = cols;
    for (const m of Array.isArray(grid?.merges) ? grid.merges : []) {
      if (!(m.bottom >= m.top && m.right >= m.left && m.top >= 0 && m.left >= 0)) continue;
      // Bounded near the grid so a whole-column merge cannot blow up memory; a little room is kept
      // on the right, where the summary column goes.
      const bottom = Math.min(m.bottom, this.rowCount - 1);
      const right = Math.min(m.right, this.colCount + 64);
      const anchor = this.key(m.top, m.left);
      for (let r = m.top; r <= bottom; r++)
        for (let c = m.left; c <= right; c++) if (r !== m.top || c !== m.left) this.mergeAnchor.set(this.key(r, c), anchor);
    }
  }

  private key(row: number, col: number): number {
    return row * 65536 + col;
  }

  /** The cell that holds the value of (row, col): itself, or the top-left of its merged area. */
  anchor(row: number, col: number): { row: number; col: number } {
    const a = this.mergeAnchor.get(this.key(row, col));
    return a === undefined ? { row, col } : { row: Math.floor(a / 65536), col: a % 65536 };
  }

  /** True when (row, col) is covered by a merge whose top-left is another cell. */
  isCovered(row: number, col: number): boolean {
    return this.mergeAnchor.has(this.key(row, col));
  }

  rawValue(row: number, col: number): CellValue {
    // Bounds are checked explicitly: reading past the end of an array is slow in V8.
    if (row < 0 || row >= this.rowCount) return null;
    const cells = this.values[row];
    if (col < 0 || col >= cells.length) return null;
    const v = cells[col];
    return v === undefined ? null : v;
  }

  value(row: number, col: number): CellValue {
    const a = this.mergeAnchor.size === 0 ? undefined : this.mergeAnchor.get(this.key(row, col));
    if (a === undefined) return this.rawValue(row, col);
    return this.rawValue(Math.floor(a / 65536), a % 65536);
  }

  format(row: number, col: number): string {
    const { row: r, col: c } = this.anchor(row, col);
    if (r >= this.formats.length || c >= this.formats[r].length) return "";
    const f = this.formats[r][c];
    return typeof f === "string" ? f : "";
  }

  isEmpty(row: number, col: number): boolean {
    const v = this.value(row, col);
    return v === null || v === "" || (typeof v === "string" && !NOT_BLANK.test(v));
  }

  /** The cell's display text for messages: strings trimmed, numbers as they are. */
  text(row: number, col: number): string {
    const v = this.value(row, col);
    if (v === null) return "";
    return typeof v === "string" ? v.trim() : String(v);
  }

  /** Normalised text of a string cell ("" for other cells). */
  norm(row: number, col: number): string {
    const { row: r, col: c } = this.anchor(row, col);
    const k = this.key(r, c);
    let n = this.normCache.get(k);
    if (n === undefined) {
      const v = this.rawValue(r, c);
      n = typeof v === "string" ? normalize(v) : "";
      this.normCache.set(k, n);
    }
    return n;
  }

  /** Normalised text of a string cell whose raw text matches `quick` (see text.hint); "" otherwise. */
  normIf(row: number, col: number, quick: RegExp): string {
    const v = this.value(row, col);
    return typeof v === "string" && quick.test(v) ? this.norm(row, col) : "";
  }

  /**
   * Rows with a string cell of at most `maxLength` characters matching `quick`, in order. Memoised per
   * regex, so that several table finders share one pass over the sheet.
   */
  rowsWithShortText(quick: RegExp, maxLength: number): number[] {
    let rows = this.shortTextRows.get(quick);
    if (rows) return rows;
    rows = [];
    for (let r = 0; r < this.rowCount; r++) {
      const row = this.values[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === "string" && v.length <= maxLength && quick.test(v)) {
          rows.push(r);
          break;
        }
      }
    }
    this.shortTextRows.set(quick, rows);
    return rows;
  }

  rowLength(row: number): number {
    return row >= 0 && row < this.rowCount ? this.values[row].length : 0;
  }

  isBlankRow(row: number): boolean {
    const len = this.rowLength(row);
    for (let c = 0; c < len; c++) if (!this.isEmpty(row, c)) return false;
    return true;
  }
}

/** The rows as they are when every one is an array (the usual case: no copy), else a copy with [] for the others. */
function arrayOfRows<T>(rows: T[][] | undefined): T[][] {
  if (!Array.isArray(rows)) return [];
  for (let r = 0; r < rows.length; r++) {
    if (!Array.isArray(rows[r])) return Array.from(rows, (row) => (Array.isArray(row) ? row : []));
  }
  return rows;
}
