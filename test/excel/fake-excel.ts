// A typed fake of the Excel objects the adapter uses, modelling the host from Microsoft's documentation:
// - batch semantics: calls are queued and run in order at context.sync(); reading a property that was not
//   loaded and synced throws; a failing call stops the batch (the calls before it have happened);
// - a method on a null object yields a null object (FakeHost.strictNullObjects: it fails the batch instead);
// - the workbook model: values, formulas, number formats, fills (colour, pattern, pattern colour, tint);
//   inserting or deleting rows and columns moves the cells and rewrites the references of every formula in
//   the workbook (#REF! when the referenced cell is deleted); renaming a sheet rewrites them too;
// - before ExcelApi 1.9 a cell without fill reads "#FFFFFF", like a white one;
// - sheet visibility (VeryHidden), sheet protection, workbook structure protection;
// - notes (ExcelApi 1.18): at most one per cell, kept on the cell so they move with it on insert/delete;
//   worksheet.notes.add(cell, content), getItem / getItemOrNullObject by cell address, content, delete(), getCount();
// - writing values or formulas, null in the 2-D array leaves that cell unchanged
//   (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values);
// - Worksheet.getRanges(addresses) (ExcelApi 1.9): a RangeAreas whose fill is set on every area; a long
//   address string is refused, as Excel does;
// - Range.copyFrom(source, "Formats") (ExcelApi 1.9): the target takes the source's fill and number format
//   as they are at that point of the batch, also from another sheet;
// - Excel on the web's payload limit: a request over 5 MB is refused, an answer over 5 MB fails the sync
//   ("RichApi.Error: The response payload size has exceeded the limit");
// - several runtimes on one document: each Excel.run has its own context, and a sync yields to the event
//   loop first, so two runs interleave batch by batch (each batch runs whole, as the host serialises them).
import type { CellValue, MergedRange, WorkbookGrid } from "../../src/core";
import { a1, parseA1 } from "../../src/core";

export interface FakeFill {
  color: string;
  pattern?: string;
  patternColor?: string;
  tint?: number;
}

export interface FakeCell {
  value: CellValue;
  /** The formula text ("=…"), or null for a constant. */
  formula: string | null;
  format: string;
  fill: FakeFill | null;
  /** The cell's note (ExcelApi 1.18 Note.content), null when it has none. */
  note: string | null;
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
const union = (a: Box, b: Box): Box => ({
  top: Math.min(a.top, b.top),
  left: Math.min(a.left, b.left),
  bottom: Math.max(a.bottom, b.bottom),
  right: Math.max(a.right, b.right),
});
const intersect = (a: Box, b: Box): Box | null => {
  const box = { top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) };
  return box.top <= box.bottom && box.left <= box.right ? box : null;
};
const boxCells = (b: Box) => (b.bottom - b.top + 1) * (b.right - b.left + 1);

const MAX_ROW = 1048575;
const MAX_COL = 16383;
/** Excel on the web: "Payload size for requests and responses: 5 MB". */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

let nextId = 1;

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: MergedRange[] = [];
  protected = false;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  hiddenColumns = new Set<number>();
  readonly id = `{${String(nextId++).padStart(8, "0")}-0001-0000-0000-000000000000}`;
  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell {
    this.usedCache.clear();
    const k = `${row},${col}`;
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = { value: "", formula: null, format: "General", fill: null, note: null }));
    return c;
  }
  peek(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  /** Used ranges computed since the last time a cell was handed out for writing (cell()) or the cells moved. */
  usedCache = new Map<string, Box | null>();
  /** Excel's used range: cells with a value or formula (valuesOnly), or also with a fill or number format; null when none. */
  usedBox(valuesOnly: boolean, within?: Box): Box | null {
    const key = `${valuesOnly}${JSON.stringify(within ?? null)}`;
    if (!this.usedCache.has(key)) this.usedCache.set(key, this.computeUsedBox(valuesOnly, within));
    return this.usedCache.get(key)!;
  }
  private computeUsedBox(valuesOnly: boolean, within?: Box): Box | null {
    let box: Box | null = null;
    for (const [k, c] of this.cells) {
      const hasValue = c.value !== "" || c.formula !== null;
      if (!hasValue && (valuesOnly || (c.fill === null && c.format === "General"))) continue;
      const [r, col] = k.split(",").map(Number);
      const one = { top: r, left: col, bottom: r, right: col };
      if (within && !intersect(one, within)) continue;
      box = box ? union(box, one) : one;
    }
    return box;
  }
}

/** "C12", "$A$1:E9", "1001:2000" (whole rows), "A:I" (whole columns) -> 0-based box. */
function parseBox(address: string): Box {
  const box = boxOf(address);
  if (!box) throw new Error(`InvalidArgument: ${address}`);
  return box;
}

/** Excel's grid ends at XFD1048576: an address past it is refused when the batch runs, as any invalid argument. */
const pastTheGrid = (box: Box) => box.bottom > MAX_ROW || box.right > MAX_COL;

function boxOf(address: string): Box | null {
  const rows = /^(\d+):(\d+)$/.exec(address);
  if (rows) return { top: Number(rows[1]) - 1, left: 0, bottom: Number(rows[2]) - 1, right: MAX_COL };
  const cols = /^([A-Z]{1,3}):([A-Z]{1,3})$/i.exec(address);
  if (cols) return { top: 0, left: parseA1(`${cols[1]}1`)!.col, bottom: MAX_ROW, right: parseA1(`${cols[2]}1`)!.col };
  const [from, to] = address.split(":");
  const a = parseA1(from);
  const b = parseA1(to ?? from);
  return a && b ? { top: a.row, left: a.col, bottom: b.row, right: b.col } : null;
}

/** A sheet name as Excel writes it in a formula: quoted only when it needs to be. */
const sheetRef = (name: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !parseA1(name) ? name : `'${name.replace(/'/g, "''")}'`);

/** A reference inside a formula: optional sheet, then a cell; the callback returns the new text. */
const REF = /(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))?(!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/g;

type Shift = { sheet: FakeSheet; move: (row: number, col: number) => { row: number; col: number } | null };

/** Rewrites the references of a formula on `home` (outside string literals), as Excel does after a structural change. */
function rewriteFormula(formula: string, home: FakeSheet, book: FakeWorkbook, shift: Shift): string {
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REF, (whole, quoted: string | undefined, bare: string | undefined, bang, d1: string, letters: string, d2: string, digits: string) => {
            const named = quoted !== undefined ? quoted.replace(/''/g, "'") : bare;
            if (named !== undefined && !bang) return whole; // a function name or such, not a reference
            const target = named !== undefined ? book.sheet(named) : home;
            if (target !== shift.sheet) return whole;
            const pos = parseA1(`${letters}${digits}`)!;
            const prefix = named !== undefined ? `${sheetRef(target.name)}!` : "";
            const moved = shift.move(pos.row, pos.col);
            if (!moved) return `${prefix}#REF!`;
            const cell = a1(moved.row, moved.col);
            const [, l, n] = /^([A-Z]+)(\d+)$/.exec(cell)!;
            return `${prefix}${d1}${l}${d2}${n}`;
          }),
    )
    .join('"');
}

/** One round trip as the host saw it. */
export interface SyncRecord {
  request: number;
  response: number;
  /** The error the sync threw, if any (a refused payload among them). */
  error?: string;
}

/** One read of fills, recorded when the host runs it: which sync, how, on which sheet, how many cells. */
export interface FillRead {
  sync: number;
  kind: "load" | "getCellProperties";
  sheet: string;
  cells: number;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  active = "";
  selection: { sheet: string; cell: string } | null = null;
  maxApi = "1.13";
  structureProtected = false;
  syncs = 0;
  log: SyncRecord[] = [];
  fillReads: FillRead[] = [];

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  static fromGrid(grid: WorkbookGrid): FakeWorkbook {
    const wb = new FakeWorkbook();
    for (const g of grid.sheets) {
      const s = new FakeSheet(g.name);
      g.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const f = g.formats?.[r]?.[c];
          if ((v === null || v === "") && (!f || f === "General")) return;
          const cell = s.cell(r, c);
          cell.value = v ?? "";
          cell.format = f ?? "General";
        }),
      );
      s.merges = g.merges ?? [];
      wb.sheets.push(s);
    }
    wb.active = wb.sheets[0]?.name ?? "";
    return wb;
  }

  /** Fills keyed "Sheet!A1" of every filled cell of the visible sheets: to compare before/after. */
  fills(): Record<string, FakeFill> {
    const out: Record<string, FakeFill> = {};
    for (const s of this.sheets.filter((x) => x.visibility === "Visible"))
      for (const [k, c] of s.cells) {
        const [r, col] = k.split(",").map(Number);
        if (c.fill) out[`${s.name}!${a1(r, col)}`] = { ...c.fill };
      }
    return out;
  }
  /** Notes keyed "A1" of a sheet. */
  notesOf(sheet: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, c] of this.sheet(sheet)!.cells) {
      const [r, col] = k.split(",").map(Number);
      if (c.note !== null) out[a1(r, col)] = c.note;
    }
    return out;
  }
  valuesOf(sheet: string): Record<string, CellValue> {
    const out: Record<string, CellValue> = {};
    for (const [k, c] of this.sheet(sheet)!.cells) {
      const [r, col] = k.split(",").map(Number);
      if (c.value !== "") out[a1(r, col)] = c.value;
    }
    return out;
  }

  // ---- What a user does between two runs ----

  private restructure(sheet: FakeSheet, move: Shift["move"]): void {
    const moved = new Map<string, FakeCell>();
    for (const [k, c] of sheet.cells) {
      const [r, col] = k.split(",").map(Number);
      const to = move(r, col);
      if (to) moved.set(`${to.row},${to.col}`, c);
    }
    sheet.cells = moved;
    sheet.usedCache.clear();
    sheet.merges = sheet.merges.flatMap((m) => {
      const a = move(m.top, m.left);
      const b = move(m.bottom, m.right);
      return a && b ? [{ top: a.row, left: a.col, bottom: b.row, right: b.col }] : [];
    });
    for (const s of this.sheets)
      for (const c of s.cells.values()) if (c.formula) c.formula = rewriteFormula(c.formula, s, this, { sheet, move });
  }
  /** Inserts `count` rows before 0-based row `at`: the cells below move down, so do the formulas' references. */
  insertRows(sheetName: string, at: number, count = 1): void {
    this.restructure(this.sheet(sheetName)!, (r, c) => ({ row: r >= at ? r + count : r, col: c }));
  }
  deleteRows(sheetName: string, at: number, count = 1): void {
    this.restructure(this.sheet(sheetName)!, (r, c) => (r >= at && r < at + count ? null : { row: r >= at + count ? r - count : r, col: c }));
  }
  insertColumns(sheetName: string, at: number, count = 1): void {
    this.restructure(this.sheet(sheetName)!, (r, c) => ({ row: r, col: c >= at ? c + count : c }));
  }
  deleteColumns(sheetName: string, at: number, count = 1): void {
    this.restructure(this.sheet(sheetName)!, (r, c) => (c >= at && c < at + count ? null : { row: r, col: c >= at + count ? c - count : c }));
  }
  /**
   * Cut and paste of a block (0-based, inclusive) to a new top-left: the cells move with their formats and
   * references to them follow; what the block lands on is overwritten (references to it become #REF!).
   */
  moveCells(sheetName: string, from: { top: number; left: number; bottom: number; right: number }, toTop: number, toLeft: number): void {
    const dr = toTop - from.top;
    const dc = toLeft - from.left;
    const inside = (r: number, c: number, b: Box) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right;
    const target = { top: toTop, left: toLeft, bottom: from.bottom + dr, right: from.right + dc };
    this.restructure(this.sheet(sheetName)!, (r, c) =>
      inside(r, c, from) ? { row: r + dr, col: c + dc } : inside(r, c, target) ? null : { row: r, col: c },
    );
  }
  /** Deletes a sheet: references to it become #REF! (=#REF! for a lone reference). */
  deleteSheet(name: string): void {
    const sheet = this.sheet(name)!;
    for (const s of this.sheets)
      for (const c of s.cells.values()) if (c.formula) c.formula = rewriteFormula(c.formula, s, this, { sheet, move: () => null });
    for (const s of this.sheets) for (const c of s.cells.values()) if (c.formula) c.formula = c.formula.replace(/^=(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!#REF!$/, "=#REF!");
    this.sheets = this.sheets.filter((s) => s !== sheet);
  }
  /** Renames a sheet: formulas that reference it follow (their text shows the new name). */
  rename(from: string, to: string): void {
    const sheet = this.sheet(from)!;
    const old = sheet.name;
    const QUALIFIED = /(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!/g;
    for (const s of this.sheets)
      for (const c of s.cells.values()) {
        if (!c.formula) continue;
        c.formula = c.formula
          .split('"')
          .map((part, i) =>
            i % 2 === 1
              ? part
              : part.replace(QUALIFIED, (whole, quoted: string | undefined, bare: string | undefined) =>
                  (quoted !== undefined ? quoted.replace(/''/g, "'") : bare!).toLowerCase() === old.toLowerCase() ? `${sheetRef(to)}!` : whole,
                ),
          )
          .join('"');
      }
    sheet.name = to;
    if (this.active === old) this.active = to;
  }
}

type Action = () => void;

/**
 * What office.js sends for a proxy within Excel.run, measured on Microsoft's client (excel-web-16.00): a Range
 * or RangeAreas is its object path, an instantiate action and a _KeepReference call (about 350 bytes); a
 * property path such as format or fill, or a worksheet found by name, some 130-180 bytes. An action itself is
 * 100-200 bytes besides its arguments.
 */
const PATH_BYTES = { range: 350, formatFill: 260, other: 160 };

/**
 * A values or formulas write: the data, and past 1,500 cells the client's own split into actions of 1,500
 * cells (some 700 bytes each); a smaller write is the one action the call is charged anyway.
 */
function arrayBytes(v: unknown[][]): number {
  const cells = v.reduce((n, row) => n + row.length, 0);
  return JSON.stringify(v).length + (cells > 1500 ? Math.ceil(cells / 1500) * 700 : 0);
}

/** Base of the proxies: loaded properties are readable only after the sync that loaded them. */
class Proxy<T> {
  protected loaded = new Map<string, unknown>();
  constructor(
    protected ctx: FakeContext,
    protected resolve: () => T | null,
    pathBytes = PATH_BYTES.other,
  ) {
    ctx.request(pathBytes); // the object path of the proxy and its instantiate action, sent with the batch
  }
  get isNullObject(): boolean {
    if (!this.loaded.has("isNullObject")) throw new Error("PropertyNotLoaded: isNullObject (call context.sync() first)");
    return this.loaded.get("isNullObject") as boolean;
  }
  protected read(name: string): unknown {
    if (!this.loaded.has(name)) throw new Error(`PropertyNotLoaded: ${name} (load it and call context.sync() first)`);
    return this.loaded.get(name);
  }
  protected queueLoad(props: string, get: (target: T, prop: string) => unknown): void {
    this.ctx.enqueue(150, () => {
      const target = this.resolve();
      this.loaded.set("isNullObject", target === null);
      if (target === null) return;
      for (const p of props.split(",").map((s) => s.trim()).filter(Boolean)) {
        const v = get(target, p);
        this.ctx.respond(v);
        this.loaded.set(p, v);
      }
    });
  }
  /** What a method called on this object works on: null on a null object, or an error in strict mode. */
  protected parent(): T | null {
    const target = this.resolve();
    if (target === null && this.ctx.host.strictNullObjects) throw new Error("InvalidObjectPath: method called on a null object");
    return target;
  }
  protected queueNullCheck(): void {
    this.ctx.enqueue(0, () => this.loaded.set("isNullObject", this.resolve() === null));
  }
  protected queueWrite(bytes: number, write: (target: T) => void): void {
    this.ctx.enqueue(150 + bytes, () => {
      const target = this.resolve();
      if (target === null) throw new Error("InvalidObjectPath: write on a null object");
      write(target);
    });
  }
}

interface RangeTarget {
  sheet: FakeSheet;
  box: Box;
  /** A RangeAreas (Worksheet.getRanges): all its areas; `box` is the first. */
  areas?: Box[];
}

function editable(t: RangeTarget): void {
  if (t.sheet.protected) throw new Error(`AccessDenied: the sheet '${t.sheet.name}' is protected`);
}
function eachCell(t: RangeTarget, f: (cell: FakeCell, r: number, c: number) => void): void {
  editable(t);
  for (const box of t.areas ?? [t.box]) {
    for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) f(t.sheet.cell(r, c), r - box.top, c - box.left);
  }
}

/** A fill as ExcelApi reports it: no fill reads white (pattern "None" from 1.9). */
function readFill(ctx: FakeContext, fill: FakeFill | null | undefined, prop: string): unknown {
  switch (prop) {
    case "color":
      return fill?.color ?? "#FFFFFF";
    case "pattern":
      return fill ? (fill.pattern ?? "Solid") : "None";
    case "patternColor":
      return fill?.patternColor ?? "#000000";
    case "tintAndShade":
      return fill?.tint ?? 0;
    default:
      throw new Error(`fake: unknown fill property ${prop} (${ctx.host.workbook.maxApi})`);
  }
}

class FakeFillProxy extends Proxy<RangeTarget> {
  load(props: string) {
    if (/pattern|tint/i.test(props)) this.ctx.requireApi("1.9");
    this.ctx.enqueue(0, () => {
      const t = this.resolve();
      this.ctx.book.fillReads.push({ sync: this.ctx.book.syncs, kind: "load", sheet: t?.sheet.name ?? "", cells: t ? boxCells(t.box) : 0 });
    });
    this.queueLoad(props, (t, p) => readFill(this.ctx, t.sheet.peek(t.box.top, t.box.left)?.fill, p));
    return this;
  }
  get color(): string {
    return this.read("color") as string;
  }
  get pattern(): string {
    return this.read("pattern") as string;
  }
  get patternColor(): string {
    return this.read("patternColor") as string;
  }
  get tintAndShade(): number {
    return this.read("tintAndShade") as number;
  }
  /** An RGB colour: it replaces the colour and its tint (a tint lightens a theme colour), the pattern stays. */
  set color(c: string) {
    this.queueWrite(c.length, (t) =>
      eachCell(t, (cell) => {
        const fill: FakeFill = { ...(cell.fill ?? {}), color: c.toUpperCase() };
        delete fill.tint;
        cell.fill = fill;
      }),
    );
  }
  set pattern(p: string) {
    this.ctx.requireApi("1.9");
    this.queueWrite(p.length, (t) =>
      eachCell(t, (cell) => {
        if (p === "None") cell.fill = null;
        else cell.fill = { ...(cell.fill ?? { color: "#FFFFFF" }), pattern: p === "Solid" ? undefined : p };
      }),
    );
  }
  set patternColor(c: string) {
    this.ctx.requireApi("1.9");
    this.queueWrite(c.length, (t) => eachCell(t, (cell) => (cell.fill = { ...(cell.fill ?? { color: "#FFFFFF" }), patternColor: c.toUpperCase() })));
  }
  set tintAndShade(v: number) {
    this.ctx.requireApi("1.9");
    this.queueWrite(8, (t) =>
      eachCell(t, (cell) => {
        if (!cell.fill) return;
        const fill: FakeFill = { ...cell.fill, tint: v };
        if (!v) delete fill.tint;
        cell.fill = fill;
      }),
    );
  }
  clear() {
    this.queueWrite(0, (t) => eachCell(t, (cell) => (cell.fill = null)));
  }
}

/** A note's cell: its sheet and position. */
interface NoteTarget {
  sheet: FakeSheet;
  row: number;
  col: number;
}

/** A single-cell address ("C12"); the docs: "If the string is invalid, or the range is not a single cell, an InvalidCellAddress error is thrown". */
function noteCell(address: string): { row: number; col: number } {
  const pos = /:/.test(address) ? null : parseA1(address.replace(/\$/g, ""));
  if (!pos) throw new Error(`InvalidCellAddress: ${address}`);
  return pos;
}

export class FakeNote extends Proxy<NoteTarget> {
  constructor(ctx: FakeContext, resolve: () => NoteTarget | null, checkNull: boolean) {
    super(ctx, resolve);
    if (checkNull) this.queueNullCheck();
  }
  load(props: string) {
    this.ctx.requireApi("1.18");
    this.queueLoad(props, (t, p) => {
      if (p === "content") return t.sheet.peek(t.row, t.col)?.note;
      throw new Error(`fake: unknown note property ${p}`);
    });
    return this;
  }
  get content(): string {
    return this.read("content") as string;
  }
  set content(text: string) {
    this.ctx.requireApi("1.18");
    this.queueWrite(text.length, (t) => {
      editable({ sheet: t.sheet, box: { top: t.row, left: t.col, bottom: t.row, right: t.col } });
      t.sheet.cell(t.row, t.col).note = text;
    });
  }
  delete() {
    this.ctx.requireApi("1.18");
    this.queueWrite(0, (t) => {
      editable({ sheet: t.sheet, box: { top: t.row, left: t.col, bottom: t.row, right: t.col } });
      t.sheet.cell(t.row, t.col).note = null;
    });
  }
}

/** Worksheet.notes (ExcelApi 1.18). */
class FakeNotes {
  constructor(
    private ctx: FakeContext,
    private sheet: () => FakeSheet | null,
  ) {}
  private find(address: string): () => NoteTarget | null {
    this.ctx.requireApi("1.18");
    const pos = noteCell(address);
    return () => {
      const s = this.sheet();
      return s && s.peek(pos.row, pos.col)?.note != null ? { sheet: s, ...pos } : null;
    };
  }
  getItem(address: string): FakeNote {
    const find = this.find(address);
    return new FakeNote(
      this.ctx,
      () => {
        const t = find();
        if (!t) throw new Error(`ItemNotFound: no note at ${address}`);
        return t;
      },
      false,
    );
  }
  getItemOrNullObject(address: string): FakeNote {
    return new FakeNote(this.ctx, this.find(address), true);
  }
  /** NoteCollection.getCount(): the number of notes of the sheet. */
  getCount(): { value: number } {
    this.ctx.requireApi("1.18");
    const result: { value: number } = {
      get value(): number {
        throw new Error("PropertyNotLoaded: getCount result (call context.sync() first)");
      },
    };
    this.ctx.enqueue(150, () => {
      if (this.ctx.host.unsupported.has("NoteCollection.getCount")) throw new Error("ApiNotFound: NoteCollection.getCount");
      const s = this.sheet();
      if (!s) throw new Error("InvalidObjectPath: getCount on a null object");
      const value = [...s.cells.values()].filter((c) => c.note != null).length;
      this.ctx.respond(value);
      Object.defineProperty(result, "value", { value });
    });
    return result;
  }
  /**
   * Adds a note. A cell holds one note (Excel's UI offers "Edit Note" on a cell that has one); the docs do
   * not say what add() does there, so the fake refuses it and the adapter must edit an existing note instead.
   */
  add(cellAddress: string, content: string): void {
    this.ctx.requireApi("1.18");
    const pos = noteCell(cellAddress);
    this.ctx.enqueue(150 + content.length, () => {
      const s = this.sheet();
      if (!s) throw new Error("InvalidObjectPath: add on a null object");
      editable({ sheet: s, box: { top: pos.row, left: pos.col, bottom: pos.row, right: pos.col } });
      if (s.peek(pos.row, pos.col)?.note != null) throw new Error(`InvalidArgument: the cell ${cellAddress} already has a note`);
      s.cell(pos.row, pos.col).note = content;
    });
  }
}

/** The value a formula shows: a single reference shows the referenced cell; anything else keeps what it had. */
function formulaValue(book: FakeWorkbook, home: FakeSheet, formula: string, previous: CellValue): CellValue {
  const m = /^=(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!\$?([A-Z]{1,3})\$?(\d+)$/.exec(formula);
  if (!m) return previous;
  const sheet = book.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]) ?? home;
  const pos = parseA1(`${m[3]}${m[4]}`)!;
  return sheet.peek(pos.row, pos.col)?.value ?? 0;
}

export class FakeRange extends Proxy<RangeTarget> {
  private fill: FakeFillProxy | null = null;
  constructor(ctx: FakeContext, resolve: () => RangeTarget | null) {
    super(ctx, resolve, PATH_BYTES.range);
  }
  get format(): { fill: FakeFillProxy } {
    return { fill: (this.fill ??= new FakeFillProxy(this.ctx, this.resolve, PATH_BYTES.formatFill)) };
  }
  load(props: string) {
    this.queueLoad(props, (t, p) => {
      const rows = t.box.bottom - t.box.top + 1;
      const cols = t.box.right - t.box.left + 1;
      if (rows * cols > 5_000_000 && ["values", "formulas", "numberFormat"].includes(p)) {
        throw new Error("RichApi.Error: The range is too large to load its cells");
      }
      const grid = (f: (c: FakeCell | undefined) => unknown) =>
        Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => f(t.sheet.peek(t.box.top + r, t.box.left + c))));
      switch (p) {
        case "rowIndex":
          return t.box.top;
        case "columnIndex":
          return t.box.left;
        case "rowCount":
          return rows;
        case "columnCount":
          return cols;
        case "address":
          return `${sheetRef(t.sheet.name)}!${a1(t.box.top, t.box.left)}:${a1(t.box.bottom, t.box.right)}`;
        case "values":
          return grid((c) => c?.value ?? "");
        case "formulas":
          return grid((c) => c?.formula ?? c?.value ?? "");
        case "numberFormat":
          return grid((c) => c?.format ?? "General");
        case "columnHidden":
          for (let c = t.box.left; c <= t.box.right; c++) if (!t.sheet.hiddenColumns.has(c)) return false;
          return true;
        default:
          throw new Error(`fake: unknown range property ${p}`);
      }
    });
    return this;
  }
  get rowIndex() {
    return this.read("rowIndex") as number;
  }
  get columnIndex() {
    return this.read("columnIndex") as number;
  }
  get rowCount() {
    return this.read("rowCount") as number;
  }
  get columnCount() {
    return this.read("columnCount") as number;
  }
  get columnHidden() {
    return this.read("columnHidden") as boolean;
  }
  get values(): CellValue[][] {
    return this.read("values") as CellValue[][];
  }
  set values(v: CellValue[][]) {
    this.queueWrite(arrayBytes(v), (t) => {
      if (this.ctx.host.failingValueWrites) throw new Error("GeneralException: the value cannot be written");
      if (v.length !== t.box.bottom - t.box.top + 1) throw new Error("InvalidArgument: values do not match the range size");
      if (this.ctx.host.nullValuesRefused && v.some((row) => row.some((x) => x === null))) throw new Error("InvalidArgument: null in values");
      eachCell(t, (cell, r, c) => {
        if (v[r][c] === null) return;
        cell.value = v[r][c] ?? "";
        cell.formula = null;
      });
    });
  }
  get formulas(): unknown[][] {
    return this.read("formulas") as unknown[][];
  }
  set formulas(v: unknown[][]) {
    this.queueWrite(arrayBytes(v), (t) => {
      if (this.ctx.host.failingValueWrites || this.ctx.host.failingFormulaWrites) throw new Error("GeneralException: the value cannot be written");
      if (v.length !== t.box.bottom - t.box.top + 1) throw new Error("InvalidArgument: formulas do not match the range size");
      eachCell(t, (cell, r, c) => {
        const x = v[r][c];
        if (x === null) return;
        if (typeof x === "string" && x.startsWith("=")) {
          cell.formula = x;
          cell.value = formulaValue(this.ctx.book, t.sheet, x, "");
        } else {
          cell.formula = null;
          cell.value = (x as CellValue) ?? "";
        }
      });
    });
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat") as string[][];
  }
  /** Range.clear(applyTo): "Contents" clears values and formulas, "Formats" fills and number formats, "All" both. */
  clear(applyTo: "All" | "Contents" | "Formats" = "All") {
    this.queueWrite(10, (t) =>
      eachCell(t, (cell) => {
        if (applyTo !== "Formats") Object.assign(cell, { value: "", formula: null });
        if (applyTo !== "Contents") Object.assign(cell, { fill: null, format: "General" });
      }),
    );
  }
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    return new FakeRange(this.ctx, () => {
      const a = this.parent();
      const b = other.resolve();
      if (!a || !b || a.sheet !== b.sheet) return null;
      const box = intersect(a.box, b.box);
      return box ? { sheet: a.sheet, box } : null;
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.ctx.requireApi("1.4");
    return new FakeRange(this.ctx, () => {
      const t = this.parent();
      const box = t ? t.sheet.usedBox(valuesOnly, t.box) : null;
      return t && box ? { sheet: t.sheet, box: intersect(box, t.box)! } : null;
    });
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.ctx.requireApi("1.13");
    return new FakeRangeAreas(this.ctx, () => {
      const t = this.parent();
      if (!t) return null;
      const inside = t.sheet.merges.filter((m) => intersect(m, t.box));
      return inside.length ? { sheet: t.sheet, merges: inside } : null;
    });
  }
  /**
   * ExcelApi 1.9: the requested fill properties of every cell, row-major, as they are at this point of the
   * batch. On a null object it fails the batch (what a real host does there is unknown: the harder case).
   */
  getCellProperties(options: { format?: { fill?: Record<string, boolean> } }): { value: unknown[][] } {
    this.ctx.requireApi("1.9");
    const want = Object.entries(options.format?.fill ?? {})
      .filter(([, on]) => on)
      .map(([p]) => p);
    const result: { value: unknown[][] } = {
      get value(): unknown[][] {
        throw new Error("PropertyNotLoaded: getCellProperties result (call context.sync() first)");
      },
    };
    this.ctx.enqueue(150, () => {
      const t = this.resolve();
      if (!t) throw new Error("InvalidObjectPath: getCellProperties on a null object");
      this.ctx.book.fillReads.push({ sync: this.ctx.book.syncs, kind: "getCellProperties", sheet: t.sheet.name, cells: boxCells(t.box) });
      const value = [];
      for (let r = t.box.top; r <= t.box.bottom; r++) {
        const row = [];
        for (let c = t.box.left; c <= t.box.right; c++) {
          const fill = t.sheet.peek(r, c)?.fill;
          row.push({ format: { fill: Object.fromEntries(want.map((p) => [p, readFill(this.ctx, fill, p)])) } });
        }
        value.push(row);
      }
      this.ctx.respond(value);
      Object.defineProperty(result, "value", { value });
    });
    return result;
  }
  /**
   * ExcelApi 1.9 Range.copyFrom. Only copyType "Formats" is modelled (the formats of a cell here: fill and
   * number format); the source has the target's size, as when Excel pastes a range of that shape.
   */
  copyFrom(source: FakeRange, copyType: "Formats") {
    this.ctx.requireApi("1.9");
    if (copyType !== "Formats") throw new Error(`fake: copyFrom ${copyType} is not modelled`);
    this.queueWrite(100, (t) => {
      if (this.ctx.host.unsupported.has("Range.copyFrom")) throw new Error("ApiNotFound: Range.copyFrom");
      const from = source.resolve();
      if (!from) throw new Error("InvalidObjectPath: copyFrom a null object");
      if (boxCells(from.box) !== boxCells(t.box)) throw new Error("InvalidArgument: copyFrom source and target differ in size");
      // Read every source cell first: a source overlapping the target is copied as it was.
      const formats = Array.from({ length: boxCells(from.box) }, (_, i) => {
        const width = from.box.right - from.box.left + 1;
        const c = from.sheet.peek(from.box.top + Math.floor(i / width), from.box.left + (i % width));
        return { fill: c?.fill ? { ...c.fill } : null, format: c?.format ?? "General" };
      });
      const width = t.box.right - t.box.left + 1;
      eachCell(t, (cell, r, c) => Object.assign(cell, formats[r * width + c]));
    });
  }
  select() {
    this.queueWrite(0, (t) => {
      this.ctx.book.selection = { sheet: t.sheet.name, cell: a1(t.box.top, t.box.left) };
    });
  }
}

class FakeRangeAreas extends Proxy<{ sheet: FakeSheet; merges: MergedRange[] }> {
  load(props: string) {
    this.queueLoad(props, (t) => t.merges.map((m) => `${sheetRef(t.sheet.name)}!${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`).join(", "));
    return this;
  }
  get address() {
    return this.read("address") as string;
  }
}

/** Worksheet.getRanges (ExcelApi 1.9): several areas of one sheet; here only its format.fill. */
class FakeAreas extends Proxy<RangeTarget> {
  private fill: FakeFillProxy | null = null;
  constructor(ctx: FakeContext, resolve: () => RangeTarget | null) {
    super(ctx, resolve, PATH_BYTES.range);
  }
  get format(): { fill: FakeFillProxy } {
    return { fill: (this.fill ??= new FakeFillProxy(this.ctx, this.resolve, PATH_BYTES.formatFill)) };
  }
}

export class FakeWorksheet extends Proxy<FakeSheet> {
  protection: { load: (p: string) => void; readonly protected: boolean };
  readonly notes: FakeNotes;
  constructor(ctx: FakeContext, resolve: () => FakeSheet | null, checkNull = true) {
    super(ctx, resolve);
    this.notes = new FakeNotes(ctx, () => this.parent());
    const read = (name: string) => this.read(name);
    this.protection = {
      load: (p: string) => this.queueLoad(`protection.${p}`, (s) => s.protected),
      get protected() {
        return read("protection.protected") as boolean;
      },
    };
    if (checkNull) this.queueNullCheck();
  }
  load(props: string) {
    this.queueLoad(props, (s, p) => {
      if (p === "name") return s.name;
      if (p === "id") return s.id;
      if (p === "visibility") return s.visibility;
      throw new Error(`fake: unknown worksheet property ${p}`);
    });
    return this;
  }
  get name() {
    return this.read("name") as string;
  }
  get id() {
    return this.read("id") as string;
  }
  set visibility(v: "Visible" | "Hidden" | "VeryHidden") {
    this.queueWrite(v.length, (s) => (s.visibility = v));
  }
  /** The used range (A1 on an empty sheet, as Excel returns). valuesOnly: only cells with a value or formula. */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.parent();
      return s ? { sheet: s, box: s.usedBox(valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } } : null;
    });
  }
  getRange(address: string): FakeRange {
    const box = parseBox(address);
    this.ctx.enqueue(address.length, () => {
      if (pastTheGrid(box)) throw new Error(`InvalidArgument: The argument is invalid or missing or has an incorrect format (${address}).`);
    });
    return new FakeRange(this.ctx, () => {
      const s = this.parent();
      return s ? { sheet: s, box } : null;
    });
  }
  /**
   * Comma- or semicolon-separated addresses. Excel refuses long ones ("The argument is invalid or missing or
   * has an incorrect format", seen from about 8,200 characters: OfficeDev/office-js#5198): here past 8,000.
   */
  getRanges(address: string): FakeAreas {
    this.ctx.requireApi("1.9");
    // Both fail the batch when it runs, as the host answers them.
    this.ctx.enqueue(address.length, () => {
      if (this.ctx.host.unsupported.has("Worksheet.getRanges")) throw new Error("ApiNotFound: Worksheet.getRanges");
      if (address.length > 8000) throw new Error("InvalidArgument: The argument is invalid or missing or has an incorrect format.");
    });
    const areas = address.split(/[,;]/).map((a) => parseBox(a.trim()));
    return new FakeAreas(this.ctx, () => {
      const s = this.parent();
      return s ? { sheet: s, box: areas[0], areas } : null;
    });
  }
  getNextOrNullObject(): FakeWorksheet {
    this.ctx.requireApi("1.5");
    return new FakeWorksheet(this.ctx, () => {
      const s = this.parent();
      const sheets = this.ctx.book.sheets;
      return s ? (sheets[sheets.indexOf(s) + 1] ?? null) : null;
    });
  }
  activate() {
    this.queueWrite(0, (s) => (this.ctx.book.active = s.name));
  }
}

class FakeWorksheets {
  private loadedItems: FakeWorksheet[] | null = null;
  constructor(private ctx: FakeContext) {}
  /** Loads items/name and items/id (the collection loads the adapter makes). Very hidden sheets are items too. */
  load() {
    this.ctx.enqueue(150, () => {
      this.loadedItems = this.ctx.book.sheets.map((s) => {
        const w = new FakeWorksheet(this.ctx, () => s, false);
        const loaded = (w as unknown as { loaded: Map<string, unknown> }).loaded;
        loaded.set("name", s.name);
        loaded.set("id", s.id);
        this.ctx.respond([s.name, s.id]);
        return w;
      });
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    if (!this.loadedItems) throw new Error("PropertyNotLoaded: items");
    return this.loadedItems;
  }
  getFirst() {
    this.ctx.requireApi("1.5");
    return new FakeWorksheet(this.ctx, () => this.ctx.book.sheets[0]);
  }
  getActiveWorksheet() {
    return new FakeWorksheet(this.ctx, () => this.ctx.book.sheet(this.ctx.book.active) ?? null);
  }
  getItemOrNullObject(name: string) {
    return new FakeWorksheet(this.ctx, () => this.ctx.book.sheet(name) ?? null);
  }
  /** By name or by id, as WorksheetCollection.getItem(key) documents. */
  getItem(key: string) {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.book.sheet(key) ?? this.ctx.book.sheets.find((x) => x.id === key);
      if (!s) throw new Error(`ItemNotFound: ${key}`);
      return s;
    });
  }
  /** Adds a sheet at the end: fails when the name is taken or the workbook structure is protected. */
  add(name: string) {
    let made: FakeSheet | null = null;
    this.ctx.enqueue(150, () => {
      const book = this.ctx.book;
      if (book.structureProtected) throw new Error("AccessDenied: the workbook structure is protected");
      if (book.sheet(name)) throw new Error(`ItemAlreadyExists: a sheet named '${name}' already exists`);
      made = new FakeSheet(name);
      book.sheets.push(made);
    });
    return new FakeWorksheet(this.ctx, () => made, false);
  }
}

export class FakeContext {
  private queue: { bytes: number; run: Action }[] = [];
  private pendingRequest = 0;
  private response = 0;
  workbook: { worksheets: FakeWorksheets };
  constructor(
    readonly host: FakeHost,
    readonly delayForCellEdit = false,
  ) {
    this.workbook = { worksheets: new FakeWorksheets(this) };
  }
  get book(): FakeWorkbook {
    return this.host.workbook;
  }
  request(bytes: number) {
    this.pendingRequest += bytes;
  }
  enqueue(bytes: number, run: Action) {
    this.pendingRequest += bytes;
    this.queue.push({ bytes, run });
  }
  respond(data: unknown) {
    this.response += JSON.stringify(data ?? null).length;
  }
  requireApi(version: string) {
    if (!this.host.isSetSupported("ExcelApi", version)) throw new Error(`ApiNotFound: ExcelApi ${version} is not supported by this host`);
  }
  async sync(): Promise<void> {
    // Another runtime's batch may run first: the host serialises whole batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
    // While the user types in a cell a batch fails, or with delayForCellEdit waits for the edit to end.
    while (this.host.cellEditMode) {
      if (!this.delayForCellEdit) {
        this.queue = [];
        this.pendingRequest = 0;
        throw new Error("InvalidOperationInCellEditMode: Excel is in cell-editing mode.");
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    this.host.workbook.syncs++;
    const queue = this.queue;
    const request = this.pendingRequest;
    this.queue = [];
    this.pendingRequest = 0;
    this.response = 0;
    const record: SyncRecord = { request, response: 0 };
    this.book.log.push(record);
    const fail = (message: string) => {
      record.error = message;
      throw new Error(message);
    };
    if (this.host.payloadLimit && request > PAYLOAD_LIMIT) fail("RichApi.Error: The request payload size has exceeded the limit");
    // Like Excel, a failing call stops the batch: the calls before it have happened.
    try {
      for (const action of queue) action.run();
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
    record.response = this.response;
    if (this.host.payloadLimit && this.response > PAYLOAD_LIMIT) fail("RichApi.Error: The response payload size has exceeded the limit");
  }
}

/** The fake host: Excel.run + the pieces of Office the adapter reads. */
export class FakeHost {
  saved: Record<string, unknown> = {};
  private live: Record<string, unknown> = {};
  displayLanguage = "it-IT";
  /** Calls on a null object fail the batch instead of yielding null objects. */
  strictNullObjects = false;
  /** Excel on the web's 5 MB limit on each request and response. */
  payloadLimit = true;
  /** Writing values fails (as it can on a cell Excel refuses, e.g. part of an array formula). */
  failingValueWrites = false;
  /** Against the documentation, null in a values array fails the batch (a host the adapter must survive). */
  nullValuesRefused = false;
  /** The user is typing in a cell. */
  cellEditMode = false;
  /** Writing formulas fails. */
  failingFormulaWrites = false;
  /** Calls this host does not implement although its API level has them ("Range.copyFrom", "NoteCollection.getCount", "Worksheet.getRanges"): they fail the batch with ApiNotFound. */
  unsupported = new Set<string>();
  constructor(public workbook: FakeWorkbook) {}

  isSetSupported(name: string, version: string): boolean {
    const v = (s: string) => s.split(".").map(Number);
    const [a, b] = v(version);
    const [x, y] = v(this.workbook.maxApi);
    return name === "ExcelApi" && (a < x || (a === x && b <= y));
  }

  excel() {
    return {
      /** Excel.run(batch) or Excel.run(options, batch). */
      run: async <T>(...args: [(ctx: FakeContext) => Promise<T>] | [{ delayForCellEdit?: boolean }, (ctx: FakeContext) => Promise<T>]): Promise<T> =>
        args.length === 1 ? args[0](new FakeContext(this)) : args[1](new FakeContext(this, !!args[0].delayForCellEdit)),
    };
  }

  office() {
    const live = () => this.live;
    const settings = {
      get: (k: string) => (k in live() ? structuredClone(live()[k]) : null),
      set: (k: string, v: unknown) => void (live()[k] = structuredClone(v)),
      remove: (k: string) => void delete live()[k],
      saveAsync: (cb: (r: unknown) => void) => {
        this.saved = structuredClone(this.live);
        cb({ status: "succeeded" });
      },
      refreshAsync: (cb: (r: unknown) => void) => {
        this.live = structuredClone(this.saved);
        cb({ status: "succeeded" });
      },
    };
    const displayLanguage = () => this.displayLanguage;
    const isSetSupported = (n: string, v: string) => this.isSetSupported(n, v);
    return {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      context: {
        get displayLanguage() {
          return displayLanguage();
        },
        requirements: { isSetSupported },
        document: { settings },
      },
      onReady: (cb?: (info: unknown) => void) => {
        const info = { host: "Excel", platform: "PC" };
        cb?.(info);
        return Promise.resolve(info);
      },
      HostType: { Excel: "Excel" },
      actions: { associate: () => undefined },
    };
  }

  /** Installs Excel and Office as globals (Jest or a browser page). */
  install(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>) {
    target.Excel = this.excel();
    target.Office = this.office();
  }
}
