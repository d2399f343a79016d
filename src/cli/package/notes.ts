// Cell notes of one sheet: the comments part (the text) and its legacy VML drawing (the note boxes).
// A user's note keeps its text and formatting; the checker's lines are one run at its end, below a
// "Verifica PIAO:" line, which is how a re-run finds and removes them.
import { a1, parseA1 } from "../../core/a1";
import { CONTENT_TYPE, REL } from "./opc";
import type { Package } from "./opc";
import type { SheetXml } from "./sheet";
import { attr, escapeXml, textOf } from "./xml";

const AUTHOR = "Verifica PIAO";
const VML_HEAD =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">';
const NOTE_SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

interface Comment {
  ref: string;
  raw: string;
}

export class SheetNotes {
  private changed = false;
  private comments: Comment[];
  private readonly byRef: Map<string, Comment>;
  /** Note boxes to take out of the drawing ("row,col") and new ones to add: applied in one pass on save. */
  private readonly removedShapes = new Set<string>();
  private readonly addedShapes: string[] = [];
  private nextShapeId = 0;
  private authorIndex = -1;

  private constructor(
    private readonly commentsPart: string | null,
    private readonly vmlPart: string | null,
    private readonly head: string,
    comments: Comment[],
    private readonly tail: string,
    private readonly vml: string | null,
    private readonly p: string,
  ) {
    this.comments = comments;
    this.byRef = new Map(comments.map((c) => [c.ref, c]));
  }

  static async load(pkg: Package, sheetPart: string, sheet: SheetXml): Promise<SheetNotes> {
    const rels = await pkg.relationships(sheetPart);
    const commentsPart = rels.find((r) => r.type === REL.comments)?.part ?? null;
    const drawingId = sheet.legacyDrawingId();
    const vmlPart = rels.find((r) => r.id === drawingId)?.part ?? null;
    const vml = vmlPart ? await pkg.read(vmlPart) : null;
    const xml = commentsPart ? await pkg.read(commentsPart) : null;
    if (!xml) return new SheetNotes(null, vml === null ? null : vmlPart, "", [], "", vml, "");
    const p = /<(\w+:)?comments\b/.exec(xml)?.[1] ?? "";
    const list = new RegExp(`(<${p}commentList\\b[^>]*?)(?:/>|>([\\s\\S]*?)</${p}commentList>)`).exec(xml);
    if (!list) return new SheetNotes(commentsPart, vml === null ? null : vmlPart, xml, [], "", vml, p);
    const comments = [...(list[2] ?? "").matchAll(new RegExp(`<${p}comment\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}comment>)`, "g"))].map((m) => ({
      ref: attr(m[0], "ref") ?? "",
      raw: m[0],
    }));
    return new SheetNotes(commentsPart, vml === null ? null : vmlPart, xml.slice(0, list.index) + list[1] + ">", comments, `</${p}commentList>` + xml.slice(list.index + list[0].length), vml, p);
  }

  /** Takes away the checker's lines from every note (a note left without text is deleted); returns their cells. */
  strip(marker: string): string[] {
    const kept: Comment[] = [];
    const ours: string[] = [];
    for (const c of this.comments) {
      const rest = withoutOurLines(c.raw, marker, this.p);
      if (rest !== c.raw) {
        this.changed = true;
        ours.push(c.ref);
      }
      if (rest === null) {
        this.byRef.delete(c.ref);
        const pos = parseA1(c.ref);
        if (pos) this.removedShapes.add(`${pos.row},${pos.col}`);
      } else {
        c.raw = rest;
        kept.push(c);
      }
    }
    this.comments = kept;
    return ours;
  }

  /** Adds the checker's lines to a cell's note (below the user's text), creating the note when there is none. */
  add(row: number, col: number, text: string): void {
    this.changed = true;
    const ref = a1(row, col);
    const existing = this.byRef.get(ref);
    const p = this.p;
    if (existing) {
      const run = ourRun("\n\n" + text, p);
      existing.raw = existing.raw.replace(new RegExp(`</${p}text>`), () => run + `</${p}text>`);
      return;
    }
    const comment = { ref, raw: `<${p}comment ref="${ref}" authorId="${this.authorId()}"><${p}text>${ourRun(text, p)}</${p}text></${p}comment>` };
    this.comments.push(comment);
    this.byRef.set(ref, comment);
    this.addShape(row, col);
  }

  /** Writes the parts back: new ones are created, emptied ones removed with their relationships. */
  async save(pkg: Package, sheetPart: string, sheet: SheetXml, reserveBlocks: (count: number) => number): Promise<void> {
    if (!this.changed) return;
    const rels = await pkg.relationships(sheetPart);
    let commentsPart = this.commentsPart;
    if (this.comments.length === 0) {
      if (commentsPart) {
        pkg.remove(commentsPart);
        await pkg.removeOverride(commentsPart);
        const rel = rels.find((r) => r.part === commentsPart);
        if (rel) await pkg.removeRelationship(sheetPart, rel.id);
      }
    } else {
      if (!commentsPart) {
        commentsPart = pkg.freeName("xl/comments", ".xml");
        await pkg.addRelationship(sheetPart, REL.comments, commentsPart);
        await pkg.addOverride(commentsPart, CONTENT_TYPE.comments);
      }
      pkg.write(commentsPart, this.serializeComments());
    }

    const vml = this.serializeVml(reserveBlocks);
    let vmlPart = this.vmlPart;
    if (vml !== null && !/<v:shape\b/.test(vml)) {
      if (vmlPart) {
        pkg.remove(vmlPart);
        const rel = rels.find((r) => r.part === vmlPart);
        if (rel) await pkg.removeRelationship(sheetPart, rel.id);
      }
      sheet.setLegacyDrawing(null);
    } else if (vml !== null) {
      if (!vmlPart) {
        vmlPart = pkg.freeName("xl/drawings/vmlDrawing", ".vml");
        await pkg.addDefault("vml", CONTENT_TYPE.vml);
        sheet.setLegacyDrawing(await pkg.addRelationship(sheetPart, REL.vmlDrawing, vmlPart));
      }
      pkg.write(vmlPart, vml);
    }
  }

  private serializeComments(): string {
    const p = this.p;
    let head = this.head || `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList>`;
    const tail = this.tail || `</commentList></comments>`;
    const ours = `<${p}author>${AUTHOR}</${p}author>`;
    const id = String(this.authorId());
    const used = this.comments.some((c) => attr(c.raw, "authorId") === id);
    // The checker's author is listed while a note of its own uses it (it is always the last one).
    if (used && !head.includes(ours)) head = head.replace(new RegExp(`</${p}authors>`), () => ours + `</${p}authors>`);
    if (!used && head.includes(ours + `</${p}authors>`)) head = head.replace(ours + `</${p}authors>`, `</${p}authors>`);
    return head + this.comments.map((c) => c.raw).join("") + tail;
  }

  private authorId(): number {
    if (this.authorIndex < 0) {
      const authors = [...(this.head || "<authors></authors>").matchAll(new RegExp(`<${this.p}author>([^<]*)</${this.p}author>`, "g"))].map((m) => m[1]);
      const i = authors.indexOf(AUTHOR);
      this.authorIndex = i >= 0 ? i : authors.length;
    }
    return this.authorIndex;
  }

  private addShape(row: number, col: number): void {
    if (this.nextShapeId === 0) {
      // An existing drawing: ids above its own, in its id block; a new one gets its block on save.
      const ids = [...this.withoutRemovedShapes(this.vml ?? "").matchAll(/\bid="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
      const block = Number(/<o:idmap\b[^>]*\bdata="(\d+)/.exec(this.vml ?? "")?.[1] ?? 1);
      this.nextShapeId = this.vmlPart ? ids.reduce((a, b) => Math.max(a, b), block * 1024) + 1 : 1;
    }
    const id = this.vmlPart ? String(this.nextShapeId++) : `_VP${this.nextShapeId++ - 1}_`;
    this.addedShapes.push(
      `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:240pt;height:90pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${Math.max(row - 1, 0)}, 2, ${col + 5}, 15, ${row + 5}, 16</x:Anchor>` +
        `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`,
    );
  }

  private withoutRemovedShapes(vml: string): string {
    if (this.removedShapes.size === 0) return vml;
    return vml.replace(/<v:shape\b[^>]*>[\s\S]*?<\/v:shape>/g, (shape) => {
      const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
      const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
      return /ObjectType="Note"/.test(shape) && this.removedShapes.has(`${row},${col}`) ? "" : shape;
    });
  }

  /** The drawing with removed note boxes taken out and new ones added; null when the sheet has none. */
  private serializeVml(reserveBlocks: (count: number) => number): string | null {
    if (this.vml === null && this.addedShapes.length === 0) return null;
    let vml = this.vml ?? `${VML_HEAD}<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="_VP_IDMAP_"/></o:shapelayout></xml>`;
    vml = this.withoutRemovedShapes(vml);
    if (this.addedShapes.length > 0) {
      const shapetype = /<v:shapetype\b[^>]*\bid="_x0000_t202"/.test(vml) ? "" : NOTE_SHAPETYPE;
      const end = vml.lastIndexOf("</xml>");
      vml = vml.slice(0, end) + shapetype + this.addedShapes.join("") + vml.slice(end);
    }
    return this.vmlPart ? vml : withShapeIds(vml, this.addedShapes.length, reserveBlocks);
  }
}

/** Shape ids of a new drawing, in id blocks of 1,024 reserved for it (`o:idmap`). */
function withShapeIds(vml: string, shapes: number, reserveBlocks: (count: number) => number): string {
  const count = Math.ceil((shapes + 1) / 1024);
  const first = reserveBlocks(count);
  const blocks = Array.from({ length: count }, (_, i) => first + i);
  return vml.replace("_VP_IDMAP_", blocks.join(",")).replace(/_VP(\d+)_/g, (_, k: string) => String(first * 1024 + 1 + Number(k)));
}

function ourRun(text: string, p: string): string {
  return `<${p}r><${p}rPr><${p}sz val="9"/><${p}rFont val="Tahoma"/></${p}rPr><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}r>`;
}

/**
 * A comment without the checker's lines (from its marker line to the end, and the blank lines before
 * it); the comment unchanged when it has none; null when nothing of the user's is left.
 */
function withoutOurLines(comment: string, marker: string, p: string): string | null {
  const body = new RegExp(`(<${p}text>)([\\s\\S]*)(</${p}text>)`).exec(comment);
  if (!body) return comment;
  const units = [...body[2].matchAll(new RegExp(`<${p}r\\b[\\s\\S]*?</${p}r>|<${p}t\\b[^>]*?(?:/>|>[^<]*</${p}t>)`, "g"))].map((m) => ({
    raw: m[0],
    text: textOf(m[0], p),
  }));
  const full = units.map((u) => u.text).join("");
  const at = new RegExp(`(^|\\n)${marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\n|$)`).exec(full);
  if (!at) return comment;
  const cut = full.slice(0, at.index).trimEnd().length;
  if (cut === 0) return null;
  let kept = "";
  let pos = 0;
  for (const u of units) {
    if (pos >= cut) break;
    const end = pos + u.text.length;
    kept += end <= cut ? u.raw : u.raw.replace(new RegExp(`(<${p}t\\b[^>]*>)[^<]*(</${p}t>)`), (_, open: string, close: string) => open + escapeXml(u.text.slice(0, cut - pos)) + close);
    pos = end;
  }
  return comment.replace(body[0], () => body[1] + kept + body[3]);
}
