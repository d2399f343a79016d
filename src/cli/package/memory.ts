// What the copy remembers of the user's workbook, in a custom XML part of the copy itself (invisible
// in Excel and LibreOffice, kept by both when they save): per marked cell its original fill, per
// summary cell what it held before and the text the checker wrote, and the column widths it added.
// A re-run reads it to take the previous marks away before it writes new ones.
import { CONTENT_TYPE, REL } from "./opc";
import type { Package } from "./opc";
import { attr, escapeAttr, escapeXml, unescapeXml } from "./xml";

const NAMESPACE = "urn:verifica-piao:marks:1";
/** The custom XML part's store id: the same on every copy, so Office sees one known part. */
const STORE_ITEM_ID = "{5E6C2A41-7D1B-4C39-9A0F-3B8E2D6F9C17}";

export interface SheetRef {
  sheet: string;
  sheetId: string;
}

export interface FillMemory extends SheetRef {
  ref: string;
  /** The cell's style index before the mark, and the one the mark gave it. */
  xf: number;
  marked: number;
  /** Its original fill element. */
  fill: string;
}

export interface SummaryMemory extends SheetRef {
  ref: string;
  /** The cell's XML before the checker wrote it; null when there was no cell. */
  original: string | null;
  text: string;
}

export interface ColumnMemory extends SheetRef {
  element: string;
}

export interface Memory {
  fills: FillMemory[];
  summaries: SummaryMemory[];
  columns: ColumnMemory[];
}

export function emptyMemory(): Memory {
  return { fills: [], summaries: [], columns: [] };
}

/** The memory part of a previous run and the memory it holds; null when the workbook has none. */
export async function readMemory(pkg: Package): Promise<{ part: string; memory: Memory } | null> {
  for (const part of pkg.parts().filter((p) => /^customXml\/item\d*\.xml$/i.test(p))) {
    const xml = (await pkg.read(part)) ?? "";
    if (!xml.includes(NAMESPACE)) continue;
    const memory = emptyMemory();
    for (const m of xml.matchAll(/<(fill|summary|column)\b([^>]*?)(?:\/>|>([^<]*)<\/\1>)/g)) {
      const tag = `<x ${m[2]}>`;
      const sheet = { sheet: attr(tag, "sheet") ?? "", sheetId: attr(tag, "sheetId") ?? "" };
      const body = unescapeXml(m[3] ?? "");
      if (m[1] === "fill") memory.fills.push({ ...sheet, ref: attr(tag, "ref") ?? "", xf: Number(attr(tag, "xf") ?? 0), marked: Number(attr(tag, "marked") ?? -1), fill: body });
      else if (m[1] === "summary") memory.summaries.push({ ...sheet, ref: attr(tag, "ref") ?? "", original: attr(tag, "original"), text: body });
      else memory.columns.push({ ...sheet, element: body });
    }
    return { part, memory };
  }
  return null;
}

/** Removes the memory part of a previous run and its relationships. */
export async function removeMemory(pkg: Package, part: string): Promise<void> {
  const workbook = await pkg.workbookPart();
  for (const rel of await pkg.relationships(workbook)) if (rel.part === part) await pkg.removeRelationship(workbook, rel.id);
  for (const rel of await pkg.relationships(part)) {
    if (rel.type !== REL.customXmlProps || !rel.part) continue;
    pkg.remove(rel.part);
    await pkg.removeOverride(rel.part);
  }
  pkg.remove(part);
  pkg.remove(part.replace(/([^/]+)$/, "_rels/$1.rels"));
}

export async function writeMemory(pkg: Package, memory: Memory): Promise<void> {
  const sheet = (s: SheetRef) => `sheet="${escapeAttr(s.sheet)}" sheetId="${escapeAttr(s.sheetId)}"`;
  const body = [
    ...memory.fills.map((f) => `<fill ${sheet(f)} ref="${f.ref}" xf="${f.xf}" marked="${f.marked}">${escapeXml(f.fill)}</fill>`),
    ...memory.summaries.map(
      (s) => `<summary ${sheet(s)} ref="${s.ref}"${s.original === null ? "" : ` original="${escapeAttr(s.original)}"`}>${escapeXml(s.text)}</summary>`,
    ),
    ...memory.columns.map((c) => `<column ${sheet(c)}>${escapeXml(c.element)}</column>`),
  ].join("");
  const part = pkg.freeName("customXml/item", ".xml");
  const props = part.replace("item", "itemProps");
  pkg.write(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<marks xmlns="${NAMESPACE}">${body}</marks>`);
  pkg.write(
    props,
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${STORE_ITEM_ID}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
  );
  await pkg.addOverride(props, CONTENT_TYPE.customXmlProps);
  await pkg.addRelationship(part, REL.customXmlProps, props);
  await pkg.addRelationship(await pkg.workbookPart(), REL.customXml, part);
}
