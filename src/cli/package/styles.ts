// styles.xml: new fills, fonts and cell formats are appended, existing ones are never changed, so every
// cell that does not get a mark keeps its look and a marked cell keeps everything but its fill.
import { SEVERITY_FILL } from "../../core/marks";
import type { Severity } from "../../core";
import { attr, setAttr } from "./xml";

const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const SEVERITY_ARGB = new Set(Object.values(SEVERITY_FILL).map((hex) => "FF" + hex.slice(1).toUpperCase()));

export interface Look {
  fill?: Severity;
  bold?: boolean;
  link?: boolean;
  wrap?: boolean;
}

/** One list of styles.xml (fonts, fills, cellXfs): its items as raw XML, new ones appended. */
class StyleList {
  readonly items: string[];
  private readonly original: number;

  constructor(
    readonly xml: string,
    readonly p: string,
    readonly list: string,
    readonly item: string,
  ) {
    const body = this.section()?.[2] ?? "";
    this.items = [...body.matchAll(new RegExp(`<${p}${item}\\b(?:[^>]*?/>|[^>]*>[\\s\\S]*?</${p}${item}>)`, "g"))].map((m) => m[0]);
    this.original = this.items.length;
  }

  section(): RegExpExecArray | null {
    return new RegExp(`(<${this.p}${this.list}\\b[^>]*?)(?:/>|>([\\s\\S]*?)</${this.p}${this.list}>)`).exec(this.xml);
  }

  /** Index of an item with exactly this XML, appended when there is none. */
  add(raw: string): number {
    const found = this.items.indexOf(raw);
    if (found >= 0) return found;
    this.items.push(raw);
    return this.items.length - 1;
  }

  get changed(): boolean {
    return this.items.length !== this.original;
  }

  /** The styles XML with this list rewritten (count updated). */
  apply(xml: string): string {
    const m = this.section();
    const open = setAttr(m ? m[1] + ">" : `<${this.p}${this.list}>`, "count", String(this.items.length));
    const element = `${open}${this.items.join("")}</${this.p}${this.list}>`;
    if (m) return xml.replace(m[0], () => element);
    return xml;
  }
}

export class Styles {
  private xml: string;
  private readonly p: string;
  private readonly fonts: StyleList;
  private readonly fills: StyleList;
  private readonly xfs: StyleList;

  constructor(xml: string | null) {
    this.xml = xml ?? MINIMAL_STYLES;
    this.p = /<(\w+:)?styleSheet\b/.exec(this.xml)?.[1] ?? "";
    this.ensureList("fonts", "fills");
    this.ensureList("fills", "borders");
    this.ensureList("cellXfs", "cellStyles");
    this.fonts = new StyleList(this.xml, this.p, "fonts", "font");
    this.fills = new StyleList(this.xml, this.p, "fills", "fill");
    this.xfs = new StyleList(this.xml, this.p, "cellXfs", "xf");
    // Index 0 is every unstyled cell's format (and fills 0 and 1 are reserved): in a damaged
    // styles part without them, the checker's own formats must not land there.
    const p = this.p;
    if (this.fonts.items.length === 0) this.fonts.add(`<${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font>`);
    if (this.fills.items.length === 0) this.fills.add(`<${p}fill><${p}patternFill patternType="none"/></${p}fill>`);
    if (this.fills.items.length === 1) this.fills.items.push(`<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`);
    if (this.xfs.items.length === 0) this.xfs.add(`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`);
  }

  get changed(): boolean {
    return this.fonts.changed || this.fills.changed || this.xfs.changed;
  }

  serialize(): string {
    let xml = this.xml;
    for (const list of [this.fonts, this.fills, this.xfs]) if (list.changed) xml = list.apply(xml);
    return xml;
  }

  get xfCount(): number {
    return this.xfs.items.length;
  }

  /** The fill element of a cell format (what spec §5 remembers as the original). */
  fillOf(xfIndex: number): string {
    return this.fills.items[Number(attr(this.xf(xfIndex), "fillId") ?? 0)] ?? this.fills.items[0] ?? "";
  }

  /** The workbook's "no fill" (by convention its first fill). */
  noFill(): string {
    return this.fills.items[0] ?? `<${this.p}fill><${this.p}patternFill patternType="none"/></${this.p}fill>`;
  }

  isSeverityFill(fill: string): boolean {
    const rgb = /<(?:\w+:)?fgColor\b[^>]*\brgb="([0-9a-f]{8})"/i.exec(fill)?.[1];
    return rgb !== undefined && SEVERITY_ARGB.has(rgb.toUpperCase());
  }

  /** A cell format like `xfIndex` with another fill (given as a fill element); returns its index. */
  withFill(xfIndex: number, fill: string): number {
    const xf = this.xf(xfIndex);
    const fillId = this.fills.add(fill);
    if (String(fillId) === attr(xf, "fillId")) return xfIndex;
    return this.xfs.add(setAttr(setAttr(xf, "fillId", String(fillId)), "applyFill", "1"));
  }

  /** A cell format like `xfIndex` with our look added; returns its index. */
  derive(xfIndex: number, look: Look): number {
    let xf = this.xf(xfIndex);
    if (look.fill) xf = setAttr(setAttr(xf, "fillId", String(this.fills.add(severityFill(look.fill, this.p)))), "applyFill", "1");
    if (look.bold || look.link) {
      let font = this.fonts.items[Number(attr(xf, "fontId") ?? 0)] ?? `<${this.p}font></${this.p}font>`;
      if (look.bold) font = withChild(font, "b", `<${this.p}b/>`);
      if (look.link) font = withChild(withChild(font, "u", `<${this.p}u/>`), "color", `<${this.p}color rgb="FF0563C1"/>`);
      xf = setAttr(setAttr(xf, "fontId", String(this.fonts.add(font))), "applyFont", "1");
    }
    if (look.wrap) xf = setAttr(withAlignment(xf, this.p), "applyAlignment", "1");
    return this.xfs.add(xf);
  }

  severityFill(severity: Severity): string {
    return severityFill(severity, this.p);
  }

  private xf(index: number): string {
    return this.xfs.items[index] ?? this.xfs.items[0] ?? `<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
  }

  private ensureList(list: string, before: string): void {
    if (new RegExp(`<${this.p}${list}\\b`).test(this.xml)) return;
    const at = new RegExp(`<${this.p}${before}\\b`).exec(this.xml)?.index ?? this.xml.lastIndexOf("</");
    this.xml = `${this.xml.slice(0, at)}<${this.p}${list} count="0"></${this.p}${list}>${this.xml.slice(at)}`;
  }
}

function severityFill(severity: Severity, p: string): string {
  const argb = "FF" + SEVERITY_FILL[severity].slice(1).toUpperCase();
  return `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
}

/** An element with a child replaced or added (font children may come in any order). */
function withChild(element: string, name: string, child: string): string {
  const p = /^<(\w+:)?/.exec(element)?.[1] ?? "";
  const existing = new RegExp(`<${p}${name}\\b(?:[^>]*?/>|[^>]*>[\\s\\S]*?</${p}${name}>)`);
  if (existing.test(element)) return element.replace(existing, child);
  if (element.endsWith("/>")) return `${element.slice(0, -2)}>${child}</${element.slice(1).split(/[\s/>]/)[0]}>`;
  const close = element.indexOf(">") + 1;
  return element.slice(0, close) + child + element.slice(close);
}

/** A cell format with wrapped text aligned to the top, keeping its other alignment settings. */
function withAlignment(xf: string, p: string): string {
  const existing = new RegExp(`<${p}alignment\\b[^>]*?/?>`).exec(xf);
  if (existing) {
    return xf.replace(existing[0], () => setAttr(setAttr(existing[0], "wrapText", "1"), "vertical", "top"));
  }
  return withChild(xf, "alignment", `<${p}alignment vertical="top" wrapText="1"/>`);
}
