// The OPC package of a workbook (the zip): parts, content types, relationships and the sheet list.
// Parts are read as text only when needed and written back only when changed.
import JSZip from "jszip";
import { attr, escapeAttr } from "./xml";

export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  comments: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
  vmlDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
  customXml: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
  customXmlProps: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps",
};

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  customXmlProps: "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
};

export interface Relationship {
  id: string;
  type: string;
  /** Absolute part name without the leading slash, e.g. "xl/worksheets/sheet1.xml"; null for external targets. */
  part: string | null;
}

export interface SheetEntry {
  name: string;
  sheetId: string;
  relId: string;
  /** Part name of the worksheet; null for chart sheets and dialogs, which the copy leaves alone. */
  part: string | null;
}

/** A workbook's zip: every entry is carried over untouched unless `write` replaced it. */
export class Package {
  private readonly texts = new Map<string, string>();
  private readonly changed = new Set<string>();

  private constructor(private readonly zip: JSZip) {}

  static async open(bytes: Buffer): Promise<Package> {
    return new Package(await JSZip.loadAsync(bytes));
  }

  has(part: string): boolean {
    return this.zip.file(part) !== null;
  }

  parts(): string[] {
    return Object.keys(this.zip.files).filter((p) => !this.zip.files[p].dir);
  }

  async read(part: string): Promise<string | null> {
    const cached = this.texts.get(part);
    if (cached !== undefined) return cached;
    const file = this.zip.file(part);
    if (!file) return null;
    const text = await file.async("string");
    this.texts.set(part, text);
    return text;
  }

  write(part: string, text: string): void {
    if (this.texts.get(part) === text && this.has(part)) return;
    this.texts.set(part, text);
    this.changed.add(part);
  }

  remove(part: string): void {
    this.zip.remove(part);
    this.texts.delete(part);
    this.changed.delete(part);
  }

  /** A part name not yet used: prefix + n + suffix with the smallest n from 1. */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${suffix}`) && !this.changed.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  async generate(): Promise<Buffer> {
    for (const part of this.changed) this.zip.file(part, this.texts.get(part)!);
    return this.zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  }

  // Relationships

  async relationships(source: string): Promise<Relationship[]> {
    const xml = await this.read(relsPath(source));
    if (xml === null) return [];
    const rels: Relationship[] = [];
    for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
      const target = attr(m[0], "Target") ?? "";
      const external = attr(m[0], "TargetMode") === "External";
      rels.push({ id: attr(m[0], "Id") ?? "", type: attr(m[0], "Type") ?? "", part: external ? null : resolvePart(source, target) });
    }
    return rels;
  }

  /** Adds a relationship from `source` to `part`; returns its id. */
  async addRelationship(source: string, type: string, part: string): Promise<string> {
    const path = relsPath(source);
    const xml =
      (await this.read(path)) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const ids = new Set([...xml.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(relativeTarget(source, part))}"/>`;
    this.write(path, xml.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`));
    return id;
  }

  async removeRelationship(source: string, id: string): Promise<void> {
    const path = relsPath(source);
    const xml = await this.read(path);
    if (xml === null) return;
    this.write(
      path,
      xml.replace(/<Relationship\b[^>]*>(?:<\/Relationship>)?/g, (tag) => (attr(tag, "Id") === id ? "" : tag)),
    );
  }

  // Content types

  async addOverride(part: string, contentType: string): Promise<void> {
    const xml = (await this.read("[Content_Types].xml"))!;
    if (new RegExp(`PartName="/${escapeRe(part)}"`, "i").test(xml)) return;
    this.write("[Content_Types].xml", xml.replace(/<\/Types>\s*$/, `<Override PartName="/${escapeAttr(part)}" ContentType="${contentType}"/></Types>`));
  }

  async removeOverride(part: string): Promise<void> {
    const xml = (await this.read("[Content_Types].xml"))!;
    this.write("[Content_Types].xml", xml.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRe(part)}"[^>]*/>`, "i"), ""));
  }

  async addDefault(extension: string, contentType: string): Promise<void> {
    const xml = (await this.read("[Content_Types].xml"))!;
    if (new RegExp(`<Default\\b[^>]*Extension="${escapeRe(extension)}"`, "i").test(xml)) return;
    this.write("[Content_Types].xml", xml.replace(/<\/Types>\s*$/, `<Default Extension="${extension}" ContentType="${contentType}"/></Types>`));
  }

  // The workbook

  async workbookPart(): Promise<string> {
    const rel = (await this.relationships("")).find((r) => r.type === REL.officeDocument);
    return rel?.part ?? "xl/workbook.xml";
  }

  async sheets(): Promise<SheetEntry[]> {
    const workbook = await this.workbookPart();
    const xml = (await this.read(workbook)) ?? "";
    const rels = new Map((await this.relationships(workbook)).map((r) => [r.id, r]));
    const sheets: SheetEntry[] = [];
    for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const relId = attr(m[0], "r:id") ?? "";
      const rel = rels.get(relId);
      sheets.push({
        name: attr(m[0], "name") ?? "",
        sheetId: attr(m[0], "sheetId") ?? "",
        relId,
        part: rel?.type === REL.worksheet ? rel.part : null,
      });
    }
    return sheets;
  }
}

export function relsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part: "../drawings/a.vml" from xl/worksheets/x.xml. */
export function resolvePart(source: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // A malformed escape in a damaged package: the target as written.
  }
  const segments = decoded.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const s of decoded.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  return segments.join("/");
}

function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
