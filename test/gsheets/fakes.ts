// A hand-written fake of the Apps Script services the add-on uses. It implements the subset of
// @types/google-apps-script in src/gsheets/gas.ts, behaves like Sheets where it matters (getValues
// gives "" for empty cells and Dates at the wall-clock time of the spreadsheet's zone, writes must
// match the range's shape, protected sheets refuse writes, ranges past the grid throw; inserting and
// deleting rows or columns moves cells, and every formula referencing them follows, or becomes #REF!;
// renaming a sheet rewrites the formulas naming it; the properties quotas throw; the document lock
// has one holder) and counts every Spreadsheet-service call. Not modelled: formula results (a formula
// cell's value is whatever the test puts in `values`), cut and paste across sheets, and which
// neighbour a new row copies its format from (here the row the user pointed at, as the Sheets API's
// InsertDimensionRequest does with one of its two choices).
import type { CellValue, MergedRange, WorkbookGrid } from "../../src/core";
import { a1, parseA1 } from "../../src/core";
import type { GLock, GProperties, GProtection, GRange, GRangeList, GSheet, GSpreadsheet } from "../../src/gsheets/gas";

type Raw = string | number | boolean | Date;

export class CallLog {
  readonly counts = new Map<string, number>();
  /** Runs after each counted call: lets a test start a second execution in the middle of one. */
  onHit: ((name: string) => void) | null = null;
  hit(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.onHit?.(name);
  }
  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  reset(): void {
    this.counts.clear();
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort());
  }
}

export class FakeProtection implements GProtection {
  warningOnly = false;
  /** `range`: a range protection's area; none for a sheet protection. */
  constructor(
    private readonly editable: boolean,
    private readonly range: FakeRange | null = null,
  ) {}
  canEdit(): boolean {
    return this.editable || this.warningOnly;
  }
  getRange(): FakeRange {
    if (!this.range) throw new Error("fake: a sheet protection's range is the whole sheet");
    return this.range;
  }
  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.warningOnly = warningOnly;
    return this;
  }
}

function grid<T>(rows: number, cols: number, fill: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => fill));
}

/** A sheet name as a formula writes it: quoted ('My sheet'!A1) unless it is a plain identifier. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// A cell reference, optionally qualified by a sheet name; not part of a longer name or a function call.
const REF = /(?<![\w.$'])(?:('(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(!])/g;

/**
 * Rewrites the cell references of a formula the way Sheets does after a structural change:
 * `move` gives a referenced cell's new position on `sheet` (null when the cell is gone: #REF!).
 * References outside string literals only; `own` is the name of the sheet holding the formula.
 */
export function rewriteFormula(
  formula: string,
  own: string,
  sheet: string,
  move: (row: number, col: number) => { row: number; col: number } | null,
  rename?: string,
): string {
  const parts = formula.split('"');
  for (let i = 0; i < parts.length; i += 2) {
    parts[i] = parts[i].replace(REF, (ref, q: string | undefined, dc: string, col: string, dr: string, row: string) => {
      const target = q === undefined ? own : q.startsWith("'") ? q.slice(1, -1).replace(/''/g, "'") : q;
      if (target !== sheet) return ref;
      const at = parseA1(`${col}${row}`);
      const to = at && move(at.row, at.col);
      if (!to) return "#REF!";
      const prefix = q === undefined ? "" : `${quoteSheet(rename ?? target)}!`;
      const cell = a1(to.row, to.col);
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(cell)!;
      return `${prefix}${dc}${letters}${dr}${digits}`;
    });
  }
  return parts.join('"');
}

type Axis = "rows" | "cols";

export class FakeSheet implements GSheet {
  values: Raw[][];
  formats: string[][];
  backgrounds: string[][];
  notes: string[][];
  /** The formula of each cell ("" for none); its value is whatever the test put in `values`. */
  formulas: string[][];
  hiddenCols: boolean[];
  hidden = false;
  merges: MergedRange[] = [];
  protections: FakeProtection[] = [];
  rangeProtections: FakeProtection[] = [];
  activations = 0;
  activeCell: string | null = null;
  /** Every background write, cell by cell (A1 -> the colour written, null for a reset). */
  readonly bgWrites = new Map<string, string | null>();

  constructor(
    readonly ss: FakeSpreadsheet,
    private name: string,
    private readonly id: number,
    public maxRows = 1000,
    public maxCols = 26,
  ) {
    this.values = grid(maxRows, maxCols, "" as Raw);
    this.formats = grid(maxRows, maxCols, "General");
    this.backgrounds = grid(maxRows, maxCols, "#ffffff");
    this.notes = grid(maxRows, maxCols, "");
    this.formulas = grid(maxRows, maxCols, "");
    this.hiddenCols = Array.from({ length: maxCols }, () => false);
  }

  get log(): CallLog {
    return this.ss.log;
  }
  getName(): string {
    this.log.hit("Sheet.getName");
    return this.name;
  }
  getSheetId(): number {
    this.log.hit("Sheet.getSheetId");
    return this.id;
  }
  getMaxColumns(): number {
    this.log.hit("Sheet.getMaxColumns");
    return this.maxCols;
  }
  getMaxRows(): number {
    this.log.hit("Sheet.getMaxRows");
    return this.maxRows;
  }
  private hasContent(r: number, c: number): boolean {
    return this.values[r][c] !== "" || this.formulas[r][c] !== "";
  }
  getLastRow(): number {
    this.log.hit("Sheet.getLastRow");
    for (let r = this.maxRows - 1; r >= 0; r--) if (this.values[r].some((_, c) => this.hasContent(r, c))) return r + 1;
    return 0;
  }
  getDataRange(): FakeRange {
    this.log.hit("Sheet.getDataRange");
    let rows = 1;
    let cols = 1;
    this.values.forEach((row, r) =>
      row.forEach((_, c) => {
        if (this.hasContent(r, c)) {
          rows = Math.max(rows, r + 1);
          cols = Math.max(cols, c + 1);
        }
      }),
    );
    return new FakeRange(this, 0, 0, rows, cols);
  }
  getRange(rowOrA1: number | string, column?: number, numRows = 1, numColumns = 1): FakeRange {
    this.log.hit("Sheet.getRange");
    if (typeof rowOrA1 === "string") return this.parseRange(rowOrA1);
    return this.range(rowOrA1 - 1, (column ?? 1) - 1, numRows, numColumns);
  }
  getRangeList(a1Notations: string[]): FakeRangeList {
    this.log.hit("Sheet.getRangeList");
    if (a1Notations.length === 0) throw new Error("fake: getRangeList needs at least one range");
    return new FakeRangeList(this, a1Notations.map((a) => this.parseRange(a)));
  }
  private parseRange(a1Notation: string): FakeRange {
    const [a, b = a] = a1Notation.split(":");
    const tl = parseA1(a);
    const br = parseA1(b);
    if (!tl || !br) throw new Error(`Range not found: ${a1Notation}`);
    return this.range(tl.row, tl.col, br.row - tl.row + 1, br.col - tl.col + 1);
  }
  private range(row: number, col: number, rows: number, cols: number): FakeRange {
    if (row < 0 || col < 0 || rows < 1 || cols < 1 || row + rows > this.maxRows || col + cols > this.maxCols) {
      throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    }
    return new FakeRange(this, row, col, rows, cols);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): FakeProtection[] {
    this.log.hit("Sheet.getProtections");
    return String(type) === "SHEET" ? this.protections : this.rangeProtections;
  }
  /** Sheet.protect(): the owner (the add-on's user) can still edit. */
  protect(): FakeProtection {
    this.log.hit("Sheet.protect");
    const p = new FakeProtection(true);
    this.protections.push(p);
    return p;
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    this.log.hit("Sheet.isColumnHiddenByUser");
    return this.hiddenCols[columnPosition - 1] ?? false;
  }
  /** Test helper (not counted): the user hides columns. */
  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex - 1; c < columnIndex - 1 + numColumns; c++) this.hiddenCols[c] = true;
  }
  hideSheet(): FakeSheet {
    this.log.hit("Sheet.hideSheet");
    if (this.ss.sheets.filter((s) => !s.hidden && s !== this).length === 0) {
      throw new Error("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return this;
  }
  activate(): FakeSheet {
    this.log.hit("Sheet.activate");
    this.activations++;
    this.ss.active = this.ss.sheets.indexOf(this);
    return this;
  }

  // Structural changes: cells, formats, notes and formulas move; every formula of the spreadsheet
  // that references a moved cell follows it, one that references a deleted cell becomes #REF!.
  private grids(): unknown[][][] {
    return [this.values, this.formats, this.backgrounds, this.notes, this.formulas];
  }
  private blank(g: unknown[][]): unknown {
    return g === this.formats ? "General" : g === this.backgrounds ? "#ffffff" : "";
  }
  /**
   * Inserts `n` rows/columns at 0-based `at`. Like the Sheets API's InsertDimensionRequest, the new
   * ones take the background of a neighbour: `inheritFrom` (0-based), or none when it is null.
   */
  private insert(axis: Axis, at: number, n: number, inheritFrom: number | null): void {
    this.assertEditable();
    this.ss.assertRoom(n * (axis === "rows" ? this.maxCols : this.maxRows));
    for (const g of this.grids()) {
      if (axis === "rows") {
        const width = g[0]?.length ?? this.maxCols;
        const src = inheritFrom === null || g !== this.backgrounds ? null : g[inheritFrom];
        g.splice(at, 0, ...Array.from({ length: n }, () => (src ? [...src] : Array.from({ length: width }, () => this.blank(g)))));
      } else {
        for (const row of g) {
          const fill = inheritFrom !== null && g === this.backgrounds ? row[inheritFrom] : this.blank(g);
          row.splice(at, 0, ...Array.from({ length: n }, () => fill));
        }
      }
    }
    if (axis === "rows") this.maxRows += n;
    else {
      this.maxCols += n;
      this.hiddenCols.splice(at, 0, ...Array.from({ length: n }, () => false));
    }
    this.shiftMerges(axis, at, n);
    this.ss.rewriteAll(this.name, (row, col) =>
      axis === "rows" ? { row: row >= at ? row + n : row, col } : { row, col: col >= at ? col + n : col },
    );
  }
  private remove(axis: Axis, at: number, n: number): void {
    this.assertEditable();
    if ((axis === "rows" ? this.maxRows : this.maxCols) <= n) throw new Error(`You can't delete all the ${axis === "rows" ? "rows" : "columns"} on the sheet.`);
    for (const g of this.grids()) {
      if (axis === "rows") g.splice(at, n);
      else for (const row of g) row.splice(at, n);
    }
    if (axis === "rows") this.maxRows -= n;
    else {
      this.maxCols -= n;
      this.hiddenCols.splice(at, n);
    }
    this.shiftMerges(axis, at, -n);
    this.ss.rewriteAll(this.name, (row, col) => {
      const v = axis === "rows" ? row : col;
      if (v >= at && v < at + n) return null;
      const moved = v >= at + n ? v - n : v;
      return axis === "rows" ? { row: moved, col } : { row, col: moved };
    });
  }
  private shiftMerges(axis: Axis, at: number, n: number): void {
    const [lo, hi] = axis === "rows" ? (["top", "bottom"] as const) : (["left", "right"] as const);
    this.merges = this.merges
      .filter((m) => n > 0 || m[hi] < at || m[lo] >= at - n)
      .map((m) => ({ ...m, [lo]: m[lo] >= at ? m[lo] + n : m[lo], [hi]: m[hi] >= at ? m[hi] + n : m[hi] }));
  }
  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    this.log.hit("Sheet.insertRowsBefore");
    this.insert("rows", beforePosition - 1, howMany, beforePosition - 1);
    return this;
  }
  insertRowBefore(beforePosition: number): FakeSheet {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.log.hit("Sheet.insertRowsAfter");
    this.insert("rows", afterPosition, howMany, afterPosition - 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): FakeSheet {
    this.log.hit("Sheet.deleteRows");
    this.remove("rows", rowPosition - 1, howMany);
    return this;
  }
  deleteRow(rowPosition: number): FakeSheet {
    return this.deleteRows(rowPosition, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    this.log.hit("Sheet.insertColumnsBefore");
    this.insert("cols", beforePosition - 1, howMany, beforePosition - 1);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.log.hit("Sheet.insertColumnsAfter");
    this.insert("cols", afterPosition, howMany, null);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): FakeSheet {
    this.log.hit("Sheet.deleteColumns");
    this.remove("cols", columnPosition - 1, howMany);
    return this;
  }
  /**
   * Sheet.moveRows(rowSpec, destinationIndex): the rows of rowSpec go before the row that was at
   * destinationIndex (1-based), with their cells, formats and notes; references follow them.
   */
  moveRows(rowSpec: FakeRange, destinationIndex: number): void {
    this.log.hit("Sheet.moveRows");
    this.assertEditable();
    const [from, n, to] = [rowSpec.row, rowSpec.rows, destinationIndex - 1];
    if (to >= from && to <= from + n) return;
    const order = Array.from({ length: this.maxRows }, (_, i) => i);
    const moved = order.splice(from, n);
    order.splice(to > from ? to - n : to, 0, ...moved);
    for (const g of this.grids()) {
      const copy = [...g];
      order.forEach((old, i) => (g[i] = copy[old]));
    }
    const where = new Map(order.map((old, i) => [old, i]));
    this.ss.rewriteAll(this.name, (row, col) => ({ row: where.get(row)!, col }));
  }
  /** Sheet.setName: every formula naming the sheet is rewritten to the new name. */
  setName(name: string): FakeSheet {
    this.log.hit("Sheet.setName");
    if (this.ss.sheets.some((s) => s !== this && s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const old = this.name;
    this.name = name;
    this.ss.rewriteAll(old, (row, col) => ({ row, col }), name);
    return this;
  }
  assertEditable(target?: FakeRange): void {
    const blocked = this.rangeProtections.some((p) => {
      if (p.canEdit() || !target) return false;
      const r = p.getRange();
      return r.row < target.row + target.rows && target.row < r.row + r.rows && r.col < target.col + target.cols && target.col < r.col + r.cols;
    });
    if (blocked || this.protections.some((p) => !p.canEdit())) {
      throw new Error("You are trying to edit a protected cell or object.");
    }
  }
  /** Test helper (not counted): the sheet's name without a call. */
  get label(): string {
    return this.name;
  }
  /** Test helper (not counted): the id without a call. */
  get sheetId(): number {
    return this.id;
  }
}

export class FakeRange implements GRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
  ) {}
  private read<T>(g: T[][], copy: (v: T) => T = (v) => v): T[][] {
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.cols }, (_, c) => copy(g[this.row + r][this.col + c])),
    );
  }
  private write<T>(g: T[][], data: T[][], what: string): void {
    this.sheet.assertEditable(this);
    if (data.length !== this.rows || data.some((row) => row.length !== this.cols)) {
      throw new Error(`The number of rows or columns in the data does not match the range (${what}).`);
    }
    data.forEach((row, r) => row.forEach((v, c) => (g[this.row + r][this.col + c] = v)));
  }
  getValues(): Raw[][] {
    this.sheet.log.hit("Range.getValues");
    return this.read(this.sheet.values, (v) => (v instanceof Date ? new Date(v.getTime()) : v));
  }
  getNumberFormats(): string[][] {
    this.sheet.log.hit("Range.getNumberFormats");
    return this.read(this.sheet.formats);
  }
  getBackgrounds(): string[][] {
    this.sheet.log.hit("Range.getBackgrounds");
    return this.read(this.sheet.backgrounds);
  }
  getNotes(): string[][] {
    this.sheet.log.hit("Range.getNotes");
    return this.read(this.sheet.notes);
  }
  getFormulas(): string[][] {
    this.sheet.log.hit("Range.getFormulas");
    return this.read(this.sheet.formulas);
  }
  getA1Notation(): string {
    this.sheet.log.hit("Range.getA1Notation");
    return this.address();
  }
  private address(): string {
    const tl = a1(this.row, this.col);
    return this.rows === 1 && this.cols === 1 ? tl : `${tl}:${a1(this.row + this.rows - 1, this.col + this.cols - 1)}`;
  }
  getMergedRanges(): FakeRange[] {
    this.sheet.log.hit("Range.getMergedRanges");
    return this.sheet.merges
      .filter((m) => m.top < this.row + this.rows && m.bottom >= this.row && m.left < this.col + this.cols && m.right >= this.col)
      .map((m) => new FakeRange(this.sheet, m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1));
  }
  /** Not counted: RangeList.setBackground's work on one of its ranges. */
  fill(color: string | null): void {
    this.sheet.assertEditable(this);
    for (let r = this.row; r < this.row + this.rows; r++) {
      for (let c = this.col; c < this.col + this.cols; c++) {
        // Sheets stores colours in lower case; a reset reads back as white, like an unfilled cell.
        this.sheet.backgrounds[r][c] = color === null ? "#ffffff" : color.toLowerCase();
        this.sheet.bgWrites.set(a1(r, c), color === null ? null : color.toLowerCase());
      }
    }
  }
  /**
   * Range.moveTo(target): cut and paste on the same sheet; values, formats, fills, notes and formulas
   * go to the target, the source is left blank, and references to the moved cells follow them.
   */
  moveTo(target: FakeRange): void {
    this.sheet.log.hit("Range.moveTo");
    if (target.sheet !== this.sheet) throw new Error("fake: moveTo across sheets is not modelled");
    this.sheet.assertEditable(this);
    this.sheet.assertEditable(target);
    const s = this.sheet;
    const [dy, dx] = [target.row - this.row, target.col - this.col];
    const grids: [unknown[][], unknown][] = [[s.values, ""], [s.formats, "General"], [s.backgrounds, "#ffffff"], [s.notes, ""], [s.formulas, ""]];
    for (const [g, blank] of grids) {
      const cut = this.read(g);
      for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.cols; c++) g[this.row + r][this.col + c] = blank;
      cut.forEach((line, r) => line.forEach((v, c) => (g[target.row + r][target.col + c] = v)));
    }
    const inside = (row: number, col: number) => row >= this.row && row < this.row + this.rows && col >= this.col && col < this.col + this.cols;
    s.ss.rewriteAll(s.label, (row, col) => (inside(row, col) ? { row: row + dy, col: col + dx } : { row, col }));
  }
  setNotes(notes: string[][]): FakeRange {
    this.sheet.log.hit("Range.setNotes");
    this.write(this.sheet.notes, notes, "notes");
    return this;
  }
  /** Like Sheets, a text starting with "=" is entered as a formula (its value is not computed here). */
  setValues(values: (string | number)[][]): FakeRange {
    this.sheet.log.hit("Range.setValues");
    this.write(this.sheet.values as Raw[][], values.map((row) => row.map((v) => (typeof v === "string" && v.startsWith("=") ? "" : v))), "values");
    this.write(this.sheet.formulas, values.map((row) => row.map((v) => (typeof v === "string" && v.startsWith("=") ? v : ""))), "formulas");
    return this;
  }
  setFormulas(formulas: string[][]): FakeRange {
    this.sheet.log.hit("Range.setFormulas");
    this.write(this.sheet.formulas, formulas, "formulas");
    this.write(this.sheet.values as Raw[][], formulas.map((row) => row.map(() => "")), "values");
    return this;
  }
  activate(): FakeRange {
    this.sheet.log.hit("Range.activate");
    this.sheet.activeCell = this.address();
    return this;
  }
}

export class FakeRangeList implements GRangeList {
  constructor(
    private readonly sheet: FakeSheet,
    readonly ranges: FakeRange[],
  ) {}
  setBackground(color: string | null): FakeRangeList {
    this.sheet.log.hit("RangeList.setBackground");
    // A protected range makes the call throw (in this fake, before any cell is written).
    for (const r of this.ranges) this.sheet.assertEditable(r);
    for (const r of this.ranges) r.fill(color);
    return this;
  }
}

export class FakeSpreadsheet implements GSpreadsheet {
  readonly log = new CallLog();
  readonly sheets: FakeSheet[] = [];
  active = 0;
  toasts: string[] = [];
  /** Sheets' limit on the cells of a spreadsheet (all sheets, empty cells too). */
  cellLimit = 10_000_000;
  /** LockService's document lock of this spreadsheet. */
  readonly locks = new FakeDocumentLocks();
  private nextId = 1000;
  constructor(readonly timeZone: string) {}

  addSheet(name: string, maxRows = 1000, maxCols = 26): FakeSheet {
    const sheet = new FakeSheet(this, name, this.nextId, maxRows, maxCols);
    this.nextId += 7;
    this.sheets.push(sheet);
    return sheet;
  }
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.label === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
  /** Every formula of the spreadsheet that references `sheet` follows `move` (and `rename`). */
  rewriteAll(sheet: string, move: (row: number, col: number) => { row: number; col: number } | null, rename?: string): void {
    for (const s of this.sheets) {
      for (const row of s.formulas) {
        row.forEach((f, c) => {
          if (f) row[c] = rewriteFormula(f, s.label, sheet, move, rename);
        });
      }
    }
  }
  getSpreadsheetTimeZone(): string {
    this.log.hit("Spreadsheet.getSpreadsheetTimeZone");
    return this.timeZone;
  }
  getSheets(): FakeSheet[] {
    this.log.hit("Spreadsheet.getSheets");
    return [...this.sheets];
  }
  getActiveSheet(): FakeSheet {
    this.log.hit("Spreadsheet.getActiveSheet");
    return this.sheets[this.active];
  }
  getSheetByName(name: string): FakeSheet | null {
    this.log.hit("Spreadsheet.getSheetByName");
    return this.sheets.find((s) => s.label === name) ?? null;
  }
  assertRoom(extraCells: number): void {
    const cells = this.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
    if (cells + extraCells > this.cellLimit) {
      throw new Error(`This action would increase the number of cells in the workbook above the limit of ${this.cellLimit} cells.`);
    }
  }
  /** Spreadsheet.insertSheet(name): a 1000 x 26 sheet at the end, which becomes the active sheet. */
  insertSheet(sheetName: string): FakeSheet {
    this.log.hit("Spreadsheet.insertSheet");
    this.assertRoom(1000 * 26);
    if (this.sheets.some((s) => s.label.toLowerCase() === sheetName.toLowerCase())) {
      throw new Error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    const sheet = this.addSheet(sheetName);
    this.active = this.sheets.length - 1;
    return sheet;
  }
  /** Spreadsheet.deleteSheet: formulas that referenced it become #REF!. */
  deleteSheet(sheet: FakeSheet): void {
    this.log.hit("Spreadsheet.deleteSheet");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.active = Math.min(this.active, this.sheets.length - 1);
    this.rewriteAll(sheet.label, () => null);
  }
  toast(msg: string): void {
    this.log.hit("Spreadsheet.toast");
    this.toasts.push(msg);
  }
  /** Everything a user could see, to compare before/after (the hidden sheets are not seen). */
  state(): { name: string; values: unknown[][]; backgrounds: string[][]; notes: string[][]; maxCols: number }[] {
    return this.sheets
      .filter((s) => !s.hidden)
      .map((s) => ({
        name: s.label,
        values: s.values.map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v))),
        backgrounds: s.backgrounds.map((row) => [...row]),
        notes: s.notes.map((row) => [...row]),
        maxCols: s.maxCols,
      }));
  }
}

/**
 * LockService's document lock: one holder per document across executions. Each execution gets its
 * own Lock object; tryLock fails while another holds the lock. Runs are synchronous in a test, so
 * waiting cannot let the holder finish: tryLock gives false at once instead of after the timeout.
 */
export class FakeDocumentLocks {
  holder: FakeLock | null = null;
  refused = 0;
  getDocumentLock(): FakeLock {
    return new FakeLock(this);
  }
}

export class FakeLock implements GLock {
  constructor(private readonly doc: FakeDocumentLocks) {}
  tryLock(timeoutInMillis: number): boolean {
    if (timeoutInMillis < 0) throw new Error("fake: negative timeout");
    if (this.doc.holder && this.doc.holder !== this) {
      this.doc.refused++;
      return false;
    }
    this.doc.holder = this;
    return true;
  }
  releaseLock(): void {
    if (this.doc.holder === this) this.doc.holder = null;
  }
  hasLock(): boolean {
    return this.doc.holder === this;
  }
}

/** Document properties with the real limits: 9 KB per value, 500 KB per store. */
export class FakeProperties implements GProperties {
  readonly data = new Map<string, string>();
  calls = 0;
  getProperties(): Record<string, string> {
    this.calls++;
    return Object.fromEntries(this.data);
  }
  setProperties(props: Record<string, string>): FakeProperties {
    this.calls++;
    for (const [k, v] of Object.entries(props)) {
      if (Buffer.byteLength(v, "utf8") > 9 * 1024) throw new Error(`Argument too large: value of ${k}`);
      this.data.set(k, v);
    }
    const total = [...this.data].reduce((n, [k, v]) => n + Buffer.byteLength(k + v, "utf8"), 0);
    if (total > 500 * 1024) throw new Error("You have exceeded the property storage quota.");
    return this;
  }
  deleteProperty(key: string): FakeProperties {
    this.calls++;
    this.data.delete(key);
    return this;
  }
}

/** Utilities.formatDate for the patterns the add-on uses (yyyy MM dd HH mm ss). */
export function formatDate(date: Date, timeZone: string, format: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return format
    .replace("yyyy", parts.year)
    .replace("MM", parts.month)
    .replace("dd", parts.day)
    .replace("HH", parts.hour)
    .replace("mm", parts.minute)
    .replace("ss", parts.second);
}

/** The instant whose wall-clock time in `timeZone` is `wallMs` read as UTC. */
export function wallClockToInstant(wallMs: number, timeZone: string): Date {
  const offsetAt = (ms: number) => {
    const [d, t] = formatDate(new Date(ms), timeZone, "yyyy-MM-dd HH:mm:ss").split(" ");
    return Date.parse(`${d}T${t}Z`) - ms;
  };
  let instant = wallMs - offsetAt(wallMs);
  instant = wallMs - offsetAt(instant);
  return new Date(instant);
}

export function isDateFormat(format: string | null | undefined): boolean {
  return !!format && /[dy]/i.test(format.replace(/"[^"]*"|\[[^\]]*]/g, ""));
}

/**
 * Loads a core grid (as the CLI read it from an .xlsx) into a fake spreadsheet the way Sheets
 * would hold it: date cells become Dates at midnight in the spreadsheet's zone with a Sheets-style
 * format ("dd/MM/yyyy"), empty cells "".
 */
export function spreadsheetFromGrid(workbook: WorkbookGrid, timeZone: string): FakeSpreadsheet {
  const ss = new FakeSpreadsheet(timeZone);
  for (const g of workbook.sheets) {
    const rows = Math.max(100, g.values.length + 20);
    const sheet = ss.addSheet(g.name, rows, 26);
    g.values.forEach((row, r) =>
      row.forEach((v: CellValue, c) => {
        const format = g.formats?.[r]?.[c] ?? "General";
        if (typeof v === "number" && isDateFormat(format)) {
          sheet.values[r][c] = wallClockToInstant(Math.round((v - 25569) * 86400000), timeZone);
          sheet.formats[r][c] = "dd/MM/yyyy";
        } else {
          sheet.values[r][c] = v === null ? "" : v;
          sheet.formats[r][c] = format;
        }
      }),
    );
    sheet.merges = [...(g.merges ?? [])];
  }
  return ss;
}

export class FakeMenu {
  readonly items: [string, string][] = [];
  constructor(private readonly ui: FakeUi) {}
  addItem(caption: string, functionName: string): FakeMenu {
    this.items.push([caption, functionName]);
    return this;
  }
  addToUi(): void {
    this.ui.menus.push(this);
  }
}

export class FakeHtmlOutput {
  title = "";
  constructor(readonly content: string) {}
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }
  getContent(): string {
    return this.content;
  }
}

export class FakeUi {
  readonly menus: FakeMenu[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];
  readonly alerts: string[] = [];
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this);
  }
  showSidebar(html: FakeHtmlOutput): void {
    this.sidebars.push(html);
  }
  alert(message: string): void {
    this.alerts.push(message);
  }
}

/** The global services as Apps Script provides them, backed by the fakes. */
export function fakeGlobals(ss: FakeSpreadsheet, props: FakeProperties, locale = "it", locks = ss.locks) {
  const ui = new FakeUi();
  return {
    ui,
    locks,
    globals: {
      SpreadsheetApp: {
        getActiveSpreadsheet: () => ss,
        getUi: () => ui,
        ProtectionType: { SHEET: "SHEET", RANGE: "RANGE" },
      },
      Session: { getActiveUserLocale: () => locale },
      PropertiesService: { getDocumentProperties: () => props },
      LockService: { getDocumentLock: () => locks.getDocumentLock() },
      HtmlService: { createHtmlOutput: (html: string) => new FakeHtmlOutput(html) },
      Utilities: { formatDate },
    },
  };
}

// The real services satisfy the subset the add-on is written against (a compile-time check).
export const realServicesFit: [
  (x: GoogleAppsScript.Spreadsheet.Spreadsheet) => GSpreadsheet,
  (x: GoogleAppsScript.Spreadsheet.Sheet) => GSheet,
  (x: GoogleAppsScript.Spreadsheet.Range) => GRange,
  (x: GoogleAppsScript.Properties.Properties) => GProperties,
  (x: GoogleAppsScript.Lock.Lock) => GLock,
] = [(x) => x, (x) => x, (x) => x, (x) => x, (x) => x];
