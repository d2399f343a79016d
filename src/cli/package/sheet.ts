// A worksheet part patched in place: rows and cells the copy does not touch keep their exact bytes.
import { a1, parseA1 } from "../../core/a1";
import { attr, escapeXml, setAttr, textOf } from "./xml";

/** Excel's last row and column, 0-based. */
export const MAX_ROW = 1048575;
export const MAX_COL = 16383;

interface Row {
  num: number;
  raw: string;
  /** Parsed on first use: the row's start tag and its cells by column. */
  open?: string;
  cells?: { col: number; raw: string }[];
}

export interface CellInfo {
  raw: string;
  /** Style index, 0 when the cell has none. */
  s: number;
  hasFormula: boolean;
  /** The cell's text: inline string, shared string (resolved by the caller's table) or number as written. */
  text: string | null;
}

export class SheetXml {
  private readonly p: string;
  private readonly head: string;
  private readonly tail: string;
  private readonly rows: Row[] = [];
  private readonly byNum = new Map<number, Row>();
  private dirty = false;
  private cols: string;

  constructor(
    readonly xml: string,
    private readonly sharedStrings: string[],
  ) {
    this.p = /<(\w+:)?worksheet\b/.exec(xml)?.[1] ?? "";
    const p = this.p;
    const data = new RegExp(`<${p}sheetData\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}sheetData>)`).exec(xml) ?? missingSheetData(xml, p);
    this.head = xml.slice(0, data.index);
    this.tail = xml.slice(data.index + data[0].length);
    this.cols = new RegExp(`<${p}cols\\b[^>]*>[\\s\\S]*?</${p}cols>`).exec(this.head)?.[0] ?? "";
    let num = 0;
    for (const m of (data[1] ?? "").matchAll(new RegExp(`<${p}row\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}row>)`, "g"))) {
      const r = Number(/^<[^>]*?\sr="(\d+)"/.exec(m[0])?.[1] ?? num + 1);
      num = r;
      const row = { num, raw: m[0] };
      this.rows.push(row);
      this.byNum.set(num, row);
    }
  }

  get changed(): boolean {
    return this.dirty;
  }

  cell(row: number, col: number): CellInfo | null {
    const raw = this.cellsOf(this.byNum.get(row + 1))?.find((c) => c.col === col)?.raw;
    if (raw === undefined) return null;
    const start = raw.slice(0, raw.indexOf(">") + 1);
    const type = attr(start, "t");
    const p = this.p;
    let text: string | null = null;
    if (type === "inlineStr") text = textOf(new RegExp(`<${p}is>[\\s\\S]*</${p}is>`).exec(raw)?.[0] ?? "", p);
    else {
      const v = new RegExp(`<${p}v>([^<]*)</${p}v>`).exec(raw)?.[1];
      if (v !== undefined) text = type === "s" ? (this.sharedStrings[Number(v)] ?? "") : v;
    }
    return { raw, s: Number(attr(start, "s") ?? 0), hasFormula: new RegExp(`<${p}f\\b`).test(raw), text };
  }

  /** Cells whose info passes `test`, looking only into rows whose XML matches `rowHint`. */
  findCells(rowHint: RegExp, test: (cell: CellInfo) => boolean): { row: number; col: number }[] {
    const found: { row: number; col: number }[] = [];
    for (const r of this.rows) {
      if (!rowHint.test(r.raw)) continue;
      for (const c of this.cellsOf(r)!) {
        const info = this.cell(r.num - 1, c.col);
        if (info && test(info)) found.push({ row: r.num - 1, col: c.col });
      }
    }
    return found;
  }

  /** The style a new cell there would show: its row's, else its column's, else the default. */
  inheritedStyle(row: number, col: number): number {
    const r = this.byNum.get(row + 1);
    if (r) {
      const open = r.raw.slice(0, r.raw.indexOf(">") + 1);
      if (attr(open, "customFormat") === "1" || attr(open, "customFormat") === "true") return Number(attr(open, "s") ?? 0);
    }
    const c = this.colElement(col);
    return c ? Number(attr(c, "style") ?? 0) : 0;
  }

  isHiddenColumn(col: number): boolean {
    const c = this.colElement(col);
    return c !== null && (attr(c, "hidden") === "1" || attr(c, "hidden") === "true");
  }

  /** Sets a cell's style, keeping its content; creates the cell when it has none. */
  setStyle(row: number, col: number, s: number): void {
    const existing = this.cell(row, col);
    if (existing) {
      const start = existing.raw.slice(0, existing.raw.indexOf(">") + 1);
      this.replaceCell(row, col, setAttr(start, "s", s === 0 ? null : String(s)) + existing.raw.slice(start.length));
    } else {
      this.replaceCell(row, col, `<${this.p}c r="${a1(row, col)}"${s ? ` s="${s}"` : ""}/>`);
    }
  }

  /** Writes text as an inline string (never a shared string: the part list of the package stays as it is). */
  setText(row: number, col: number, text: string, s: number): void {
    const p = this.p;
    const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
    this.replaceCell(row, col, `<${p}c r="${a1(row, col)}"${s ? ` s="${s}"` : ""} t="inlineStr"><${p}is><${p}t${space}>${escapeXml(text)}</${p}t></${p}is></${p}c>`);
  }

  /** Empties a cell, keeping its style. */
  clearCell(row: number, col: number): void {
    const cell = this.cell(row, col);
    if (cell) this.replaceCell(row, col, cell.s ? `<${this.p}c r="${a1(row, col)}" s="${cell.s}"/>` : null);
  }

  /** Puts back a cell exactly as it was (raw XML), or removes it (null). */
  replaceCell(row: number, col: number, raw: string | null): void {
    let r = this.byNum.get(row + 1);
    if (!r) {
      if (raw === null) return;
      r = { num: row + 1, raw: `<${this.p}row r="${row + 1}"/>` };
      const at = this.rows.findIndex((x) => x.num > row + 1);
      this.rows.splice(at < 0 ? this.rows.length : at, 0, r);
      this.byNum.set(row + 1, r);
    }
    const cells = this.cellsOf(r)!;
    const i = cells.findIndex((c) => c.col >= col);
    if (i >= 0 && cells[i].col === col) {
      if (raw === null) cells.splice(i, 1);
      else cells[i] = { col, raw };
    } else if (raw !== null) {
      cells.splice(i < 0 ? cells.length : i, 0, { col, raw });
      // spans is an optional hint that a new cell could contradict.
      r.open = setAttr(r.open!, "spans", null);
    }
    this.dirty = true;
    if (cells.length === 0 && /^<[\w:]*row r="\d+"\/?>$/.test(r.open!)) {
      // A row the copy added for its own cells goes away with them.
      this.rows.splice(this.rows.indexOf(r), 1);
      this.byNum.delete(r.num);
      return;
    }
    r.raw = cells.length === 0 && r.open!.endsWith("/>") ? r.open! : `${r.open!.replace(/\/>$/, ">")}${cells.map((c) => c.raw).join("")}</${this.p}row>`;
  }

  /** Gives a column a width when nothing in the sheet sets one; returns the `<col>` element added, or null. */
  addColumnWidth(col: number, width: number): string | null {
    if (this.colElement(col) !== null) return null;
    const element = `<${this.p}col min="${col + 1}" max="${col + 1}" width="${width}" customWidth="1"/>`;
    this.insertColElement(element, col);
    return element;
  }

  /** Removes a `<col>` element the copy added, when it is still exactly as written. */
  removeColElement(element: string): void {
    if (!this.cols.includes(element)) return;
    this.cols = this.cols.replace(element, "");
    this.dirty = true;
  }

  legacyDrawingId(): string | null {
    const m = new RegExp(`<${this.p}legacyDrawing\\b[^>]*>`).exec(this.tail);
    return m ? attr(m[0], "r:id") : null;
  }

  private extraTail: { legacy?: string | null } = {};

  /** Sets (id) or removes (null) the sheet's legacy drawing, the VML part that draws its notes. */
  setLegacyDrawing(id: string | null): void {
    this.extraTail.legacy = id;
    this.dirty = true;
  }

  serialize(): string {
    if (!this.dirty) return this.xml;
    const p = this.p;
    let head = this.head;
    const oldCols = new RegExp(`<${p}cols\\b[^>]*>[\\s\\S]*?</${p}cols>`).exec(head);
    const cols = new RegExp(`<${p}col\\b`).test(this.cols) ? this.cols : "";
    if (oldCols) head = head.replace(oldCols[0], () => cols);
    else if (cols) head += cols;
    head = this.withDimension(head);
    const rows = this.rows.map((r) => r.raw).join("");
    let tail = this.tail;
    if ("legacy" in this.extraTail) tail = this.withLegacyDrawing(tail, this.extraTail.legacy ?? null);
    return `${head}<${p}sheetData>${rows}</${p}sheetData>${tail}`;
  }

  private withLegacyDrawing(tail: string, id: string | null): string {
    const p = this.p;
    const existing = new RegExp(`<${p}legacyDrawing\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}legacyDrawing>)`);
    tail = tail.replace(existing, "");
    if (id === null) return tail;
    const element = `<${p}legacyDrawing r:id="${id}"/>`;
    const next = new RegExp(`<${p}(?:legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\\b|</${p}worksheet>`).exec(tail);
    const at = next ? next.index : tail.length;
    return tail.slice(0, at) + element + tail.slice(at);
  }

  /** The dimension stretched over the rows and columns the copy wrote. */
  private withDimension(head: string): string {
    const m = new RegExp(`<${this.p}dimension\\b[^>]*>`).exec(head);
    if (!m || this.rows.length === 0) return head;
    const [from, to = from] = (attr(m[0], "ref") ?? "A1").split(":");
    const a = parseA1(from);
    const b = parseA1(to);
    if (!a || !b) return head;
    let [top, left, bottom, right] = [a.row, a.col, b.row, b.col];
    for (const r of this.rows) {
      if (!r.cells || r.cells.length === 0) continue;
      top = Math.min(top, r.num - 1);
      bottom = Math.max(bottom, r.num - 1);
      left = Math.min(left, r.cells[0].col);
      right = Math.max(right, r.cells[r.cells.length - 1].col);
    }
    return head.replace(m[0], () => setAttr(m[0], "ref", `${a1(top, left)}:${a1(bottom, right)}`));
  }

  private cellsOf(row: Row | undefined): { col: number; raw: string }[] | undefined {
    if (!row) return undefined;
    if (row.cells) return row.cells;
    const p = this.p;
    const openEnd = row.raw.indexOf(">") + 1;
    row.open = row.raw.slice(0, openEnd);
    row.cells = [];
    let col = -1;
    for (const m of row.raw.slice(openEnd).matchAll(new RegExp(`<${p}c\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`, "g"))) {
      const ref = /^<[^>]*?\sr="([A-Za-z]+)\d*"/.exec(m[0])?.[1];
      col = ref ? columnOf(ref) : col + 1;
      row.cells.push({ col, raw: m[0] });
    }
    return row.cells;
  }

  private colElement(col: number): string | null {
    for (const m of this.cols.matchAll(new RegExp(`<${this.p}col\\b[^>]*>`, "g"))) {
      const min = Number(attr(m[0], "min")) - 1;
      const max = Number(attr(m[0], "max")) - 1;
      if (col >= min && col <= max) return m[0];
    }
    return null;
  }

  private insertColElement(element: string, col: number): void {
    const p = this.p;
    if (!this.cols) this.cols = `<${p}cols></${p}cols>`;
    let at = this.cols.lastIndexOf(`</${p}cols>`);
    for (const m of this.cols.matchAll(new RegExp(`<${p}col\\b[^>]*>`, "g"))) {
      if (Number(attr(m[0], "min")) - 1 > col) {
        at = m.index;
        break;
      }
    }
    this.cols = this.cols.slice(0, at) + element + this.cols.slice(at);
    this.dirty = true;
  }
}

/** Where a damaged sheet without sheetData would have it: after the elements that come before it. */
function missingSheetData(xml: string, p: string): { index: number; 0: string; 1?: string } {
  let index = xml.indexOf(">", new RegExp(`<${p}worksheet\\b`).exec(xml)?.index ?? 0) + 1;
  for (const m of xml.matchAll(new RegExp(`</${p}(?:sheetPr|sheetViews|cols)>|<${p}(?:sheetPr|dimension|sheetFormatPr)\\b[^>]*/>`, "g"))) index = Math.max(index, m.index + m[0].length);
  return { index, 0: "" };
}

function columnOf(letters: string): number {
  return parseA1(letters + "1")!.col;
}
