// A small typed fake of the Excel objects the adapter uses, with Office.js batch semantics:
// calls are queued and run in order at context.sync(); reading a property that was not loaded and
// synced throws (as Office.js does); loads capture the state at their place in the queue; a method
// on a null object yields a null object (or, with FakeHost.strictNullObjects, fails the batch as some hosts
// may). Used by the Jest adapter tests and, bundled, by the browser test.
import type { CellValue, MergedRange, WorkbookGrid } from "../../src/core";
import { a1, parseA1 } from "../../src/core";

export interface FakeFill {
  color: string;
  pattern?: string;
  patternColor?: string;
}

export interface FakeCell {
  value: CellValue;
  format: string;
  fill: FakeFill | null;
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: MergedRange[] = [];
  protected = false;
  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell {
    const k = `${row},${col}`;
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = { value: "", format: "General", fill: null }));
    return c;
  }
  peek(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  /** Excel's used range: every cell with a value, a fill or a number format; A1 when empty. */
  usedBox(): Box {
    let box: Box | null = null;
    for (const [k, c] of this.cells) {
      if (c.value === "" && c.fill === null && c.format === "General") continue;
      const [r, col] = k.split(",").map(Number);
      box = box ? union(box, { top: r, left: col, bottom: r, right: col }) : { top: r, left: col, bottom: r, right: col };
    }
    return box ?? { top: 0, left: 0, bottom: 0, right: 0 };
  }
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

const MAX_COL = 16383;

/** "C12", "A1:E9", "1001:2000" -> 0-based box. */
function parseBox(address: string): Box {
  const rows = /^(\d+):(\d+)$/.exec(address);
  if (rows) return { top: Number(rows[1]) - 1, left: 0, bottom: Number(rows[2]) - 1, right: MAX_COL };
  const [from, to] = address.split(":");
  const a = parseA1(from);
  const b = parseA1(to ?? from);
  if (!a || !b) throw new Error(`InvalidArgument: ${address}`);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
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
  syncs = 0;
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

  /** Fills keyed "Sheet!A1" of every filled cell: to compare before/after. */
  fills(): Record<string, FakeFill> {
    const out: Record<string, FakeFill> = {};
    for (const s of this.sheets)
      for (const [k, c] of s.cells) {
        const [r, col] = k.split(",").map(Number);
        if (c.fill) out[`${s.name}!${a1(r, col)}`] = { ...c.fill };
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
}

type Queue = (() => void)[];

/** Base of the proxies: loaded properties are readable only after the sync that loaded them. */
class Proxy<T> {
  protected loaded = new Map<string, unknown>();
  constructor(
    protected ctx: FakeContext,
    protected resolve: () => T | null,
  ) {}
  get isNullObject(): boolean {
    if (!this.loaded.has("isNullObject")) throw new Error("PropertyNotLoaded: isNullObject (call context.sync() first)");
    return this.loaded.get("isNullObject") as boolean;
  }
  protected read(name: string): unknown {
    if (!this.loaded.has(name)) throw new Error(`PropertyNotLoaded: ${name} (load it and call context.sync() first)`);
    return this.loaded.get(name);
  }
  protected queueLoad(props: string, get: (target: T, prop: string) => unknown): void {
    this.ctx.queue.push(() => {
      const target = this.resolve();
      this.loaded.set("isNullObject", target === null);
      if (target === null) return;
      for (const p of props.split(",").map((s) => s.trim()).filter(Boolean)) this.loaded.set(p, get(target, p));
    });
  }
  /** What a method called on this object works on: null on a null object, or an error in strict mode. */
  protected parent(): T | null {
    const target = this.resolve();
    if (target === null && this.ctx.host.strictNullObjects) throw new Error("InvalidObjectPath: method called on a null object");
    return target;
  }
  protected queueNullCheck(): void {
    this.ctx.queue.push(() => this.loaded.set("isNullObject", this.resolve() === null));
  }
  protected queueWrite(write: (target: T) => void): void {
    this.ctx.queue.push(() => {
      const target = this.resolve();
      if (target === null) throw new Error("InvalidObjectPath: write on a null object");
      write(target);
    });
  }
}

interface RangeTarget {
  sheet: FakeSheet;
  box: Box;
}

const boxCells = (b: Box) => (b.bottom - b.top + 1) * (b.right - b.left + 1);

class FakeFillProxy extends Proxy<RangeTarget> {
  load(props: string) {
    if (/pattern/.test(props)) this.ctx.requireApi("1.9");
    this.ctx.queue.push(() => {
      const t = this.resolve();
      this.ctx.book.fillReads.push({ sync: this.ctx.book.syncs, kind: "load", sheet: t?.sheet.name ?? "", cells: t ? boxCells(t.box) : 0 });
    });
    this.queueLoad(props, (t, p) => {
      const fill = t.sheet.peek(t.box.top, t.box.left)?.fill;
      if (p === "color") return fill?.color ?? "#FFFFFF";
      if (p === "pattern") return fill ? (fill.pattern ?? "Solid") : "None";
      return fill?.patternColor ?? null;
    });
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
  set color(c: string) {
    this.queueWrite((t) => this.each(t, (cell) => (cell.fill = { color: c.toUpperCase(), pattern: cell.fill?.pattern, patternColor: cell.fill?.patternColor })));
  }
  set pattern(p: string) {
    this.queueWrite((t) => this.each(t, (cell) => (cell.fill = { ...(cell.fill ?? { color: "#FFFFFF" }), pattern: p })));
  }
  set patternColor(c: string) {
    this.queueWrite((t) => this.each(t, (cell) => (cell.fill = { ...(cell.fill ?? { color: "#FFFFFF" }), patternColor: c })));
  }
  clear() {
    this.queueWrite((t) => this.each(t, (cell) => (cell.fill = null)));
  }
  private each(t: RangeTarget, f: (cell: FakeCell) => void) {
    if (t.sheet.protected) throw new Error(`AccessDenied: the sheet '${t.sheet.name}' is protected`);
    for (let r = t.box.top; r <= t.box.bottom; r++) for (let c = t.box.left; c <= t.box.right; c++) f(t.sheet.cell(r, c));
  }
}

export class FakeRange extends Proxy<RangeTarget> {
  format: { fill: FakeFillProxy };
  constructor(ctx: FakeContext, resolve: () => RangeTarget | null) {
    super(ctx, resolve);
    this.format = { fill: new FakeFillProxy(ctx, resolve) };
  }
  load(props: string) {
    this.queueLoad(props, (t, p) => {
      const rows = t.box.bottom - t.box.top + 1;
      const cols = t.box.right - t.box.left + 1;
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
          return `${t.sheet.name}!${a1(t.box.top, t.box.left)}:${a1(t.box.bottom, t.box.right)}`;
        case "values":
          return grid((c) => c?.value ?? "");
        case "numberFormat":
          return grid((c) => c?.format ?? "General");
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
  get values(): CellValue[][] {
    return this.read("values") as CellValue[][];
  }
  set values(v: CellValue[][]) {
    this.queueWrite((t) => {
      if (t.sheet.protected) throw new Error(`AccessDenied: the sheet '${t.sheet.name}' is protected`);
      if (this.ctx.host.failingValueWrites) throw new Error("GeneralException: the value cannot be written");
      if (v.length !== t.box.bottom - t.box.top + 1) throw new Error("InvalidArgument: values do not match the range size");
      v.forEach((row, r) => row.forEach((x, c) => (t.sheet.cell(t.box.top + r, t.box.left + c).value = x ?? "")));
    });
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat") as string[][];
  }
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    const r = new FakeRange(this.ctx, () => {
      const a = this.parent();
      const b = other.resolve();
      if (!a || !b || a.sheet !== b.sheet) return null;
      const box = intersect(a.box, b.box);
      return box ? { sheet: a.sheet, box } : null;
    });
    return r;
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
   * batch. No fill reads as pattern "None" with a white colour; a plain fill as "Solid"; patternColor of a
   * fill without one as black. On a null object it fails the batch (what a real host does there is unknown,
   * so the fake takes the harder case).
   */
  getCellProperties(options: { format?: { fill?: { color?: boolean; pattern?: boolean; patternColor?: boolean } } }): { value: unknown[][] } {
    this.ctx.requireApi("1.9");
    const want = options.format?.fill ?? {};
    const result: { value: unknown[][] } = {
      get value(): unknown[][] {
        throw new Error("PropertyNotLoaded: getCellProperties result (call context.sync() first)");
      },
    };
    this.ctx.queue.push(() => {
      const t = this.resolve();
      if (!t) throw new Error("InvalidObjectPath: getCellProperties on a null object");
      this.ctx.book.fillReads.push({ sync: this.ctx.book.syncs, kind: "getCellProperties", sheet: t.sheet.name, cells: boxCells(t.box) });
      const value = [];
      for (let r = t.box.top; r <= t.box.bottom; r++) {
        const row = [];
        for (let c = t.box.left; c <= t.box.right; c++) {
          const fill = t.sheet.peek(r, c)?.fill;
          const props: Record<string, string> = {};
          if (want.color) props.color = fill?.color ?? "#FFFFFF";
          if (want.pattern) props.pattern = fill ? (fill.pattern ?? "Solid") : "None";
          if (want.patternColor) props.patternColor = fill?.patternColor ?? "#000000";
          row.push({ format: { fill: props } });
        }
        value.push(row);
      }
      Object.defineProperty(result, "value", { value });
    });
    return result;
  }
  select() {
    this.queueWrite((t) => {
      this.ctx.book.selection = { sheet: t.sheet.name, cell: a1(t.box.top, t.box.left) };
    });
  }
}

class FakeRangeAreas extends Proxy<{ sheet: FakeSheet; merges: MergedRange[] }> {
  load(props: string) {
    this.queueLoad(props, (t) => t.merges.map((m) => `'${t.sheet.name}'!${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`).join(", "));
    return this;
  }
  get address() {
    return this.read("address") as string;
  }
}

export class FakeWorksheet extends Proxy<FakeSheet> {
  protection: { load: (p: string) => void; readonly protected: boolean };
  constructor(ctx: FakeContext, resolve: () => FakeSheet | null, checkNull = true) {
    super(ctx, resolve);
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
      if (p !== "name") throw new Error(`fake: unknown worksheet property ${p}`);
      return s.name;
    });
    return this;
  }
  get name() {
    return this.read("name") as string;
  }
  getUsedRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.parent();
      return s ? { sheet: s, box: s.usedBox() } : null;
    });
  }
  getRange(address: string): FakeRange {
    const box = parseBox(address);
    return new FakeRange(this.ctx, () => {
      const s = this.parent();
      return s ? { sheet: s, box } : null;
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
    this.queueWrite((s) => (this.ctx.book.active = s.name));
  }
}

class FakeWorksheets {
  private loadedItems: FakeWorksheet[] | null = null;
  constructor(private ctx: FakeContext) {}
  /** Loads items/name (the only collection load the adapter makes). */
  load() {
    this.ctx.queue.push(() => {
      this.loadedItems = this.ctx.book.sheets.map((s) => {
        const w = new FakeWorksheet(this.ctx, () => s, false);
        (w as unknown as { loaded: Map<string, unknown> }).loaded.set("name", s.name);
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
  getItem(name: string) {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.book.sheet(name);
      if (!s) throw new Error(`ItemNotFound: ${name}`);
      return s;
    });
  }
}

export class FakeContext {
  queue: Queue = [];
  workbook: { worksheets: FakeWorksheets };
  constructor(readonly host: FakeHost) {
    this.workbook = { worksheets: new FakeWorksheets(this) };
  }
  get book(): FakeWorkbook {
    return this.host.workbook;
  }
  requireApi(version: string) {
    if (!this.host.isSetSupported("ExcelApi", version)) throw new Error(`ApiNotFound: ExcelApi ${version} is not supported by this host`);
  }
  async sync(): Promise<void> {
    this.host.workbook.syncs++;
    const queue = this.queue;
    this.queue = [];
    // Like Excel, a failing call stops the batch: the calls before it have happened.
    for (const action of queue) action();
  }
}

/** The fake host: Excel.run + the pieces of Office the adapter reads. */
export class FakeHost {
  saved: Record<string, unknown> = {};
  private live: Record<string, unknown> = {};
  displayLanguage = "it-IT";
  contexts: FakeContext[] = [];
  /** Calls on a null object fail the batch instead of yielding null objects. */
  strictNullObjects = false;
  /** Writing values fails (as it can on a cell Excel refuses, e.g. part of an array formula). */
  failingValueWrites = false;
  /** How many of the next saveAsync calls fail (the settings stay as last saved). */
  failingSaves = 0;
  constructor(public workbook: FakeWorkbook) {}

  isSetSupported(name: string, version: string): boolean {
    const v = (s: string) => s.split(".").map(Number);
    const [a, b] = v(version);
    const [x, y] = v(this.workbook.maxApi);
    return name === "ExcelApi" && (a < x || (a === x && b <= y));
  }

  excel() {
    return {
      run: async <T>(batch: (ctx: FakeContext) => Promise<T>): Promise<T> => {
        const ctx = new FakeContext(this);
        this.contexts.push(ctx);
        return batch(ctx);
      },
    };
  }

  office() {
    const live = () => this.live;
    const settings = {
      get: (k: string) => (k in live() ? structuredClone(live()[k]) : null),
      set: (k: string, v: unknown) => void (live()[k] = structuredClone(v)),
      remove: (k: string) => void delete live()[k],
      saveAsync: (cb: (r: unknown) => void) => {
        if (this.failingSaves > 0) {
          this.failingSaves--;
          cb({ status: "failed", error: { message: "Impossibile salvare le impostazioni" } });
          return;
        }
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
