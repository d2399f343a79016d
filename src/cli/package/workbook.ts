// workbook.xml edits of the annotated copy: the report sheet's entry and the defined names that mark it.
import { attr, escapeAttr, escapeXml, quoteSheet, unescapeXml } from "./xml";

/** Hidden workbook-level name whose value points at the report sheet: how readers and re-runs know it. */
export const REPORT_NAME = "_VerificaPIAO_Report";
const FILTER_NAME = "_xlnm._FilterDatabase";
const PRINT_TITLES = "_xlnm.Print_Titles";

/** The sheet named by the report marker, if it still points at one. */
export function reportSheetName(xml: string): string | null {
  const value = definedNames(xml).find((d) => d.name === REPORT_NAME && d.localSheetId === null)?.value;
  const m = value ? /^'((?:[^']|'')+)'!\$?A\$?1$|^([^'!]+)!\$?A\$?1$/.exec(value.trim()) : null;
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

/** A report sheet name no user sheet has, case-insensitively: "Verifica PIAO", "Verifica PIAO (2)", ... */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!lower.has(`${base} (${n})`.toLowerCase())) return `${base} (${n})`;
}

export function addSheet(xml: string, name: string, relId: string): string {
  const p = /<(\w+:)?workbook\b/.exec(xml)?.[1] ?? "";
  const ids = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => Number(attr(m[0], "sheetId") ?? 0));
  const sheetId = Math.max(0, ...ids) + 1;
  const element = `<${p}sheet name="${escapeAttr(name)}" sheetId="${sheetId}" r:id="${relId}"/>`;
  return xml.replace(new RegExp(`</${p}sheets>`), () => element + `</${p}sheets>`);
}

/** Sets a defined name (workbook-level when localSheetId is null), replacing one of the same scope. */
export function setDefinedName(xml: string, name: string, value: string, localSheetId: number | null, hidden = true): string {
  const p = /<(\w+:)?workbook\b/.exec(xml)?.[1] ?? "";
  const scope = localSheetId === null ? "" : ` localSheetId="${localSheetId}"`;
  const element = `<${p}definedName name="${name}"${scope}${hidden ? ' hidden="1"' : ""}>${escapeXml(value)}</${p}definedName>`;
  const existing = definedNames(xml).find((d) => d.name.toLowerCase() === name.toLowerCase() && d.localSheetId === localSheetId);
  if (existing) return xml.replace(existing.raw, () => element);
  if (new RegExp(`</${p}definedNames>`).test(xml)) return xml.replace(new RegExp(`</${p}definedNames>`), () => element + `</${p}definedNames>`);
  // definedNames follows sheets, functionGroups and externalReferences.
  const after = new RegExp(`</${p}externalReferences>|<${p}functionGroups\\b[^>]*?/>|</${p}functionGroups>|</${p}sheets>`, "g");
  let at = -1;
  for (const m of xml.matchAll(after)) at = Math.max(at, m.index + m[0].length);
  return xml.slice(0, at) + `<${p}definedNames>${element}</${p}definedNames>` + xml.slice(at);
}

export function removeDefinedName(xml: string, name: string): string {
  for (const d of definedNames(xml)) if (d.name === name && d.localSheetId === null) xml = xml.replace(d.raw, "");
  return xml;
}

/**
 * The report sheet's sheet-level names: its filter range as Excel names it (`_FilterDatabase`) and the
 * findings' header row repeated on every printed page (`Print_Titles`).
 */
export function setReportNames(xml: string, sheet: string, localSheetId: number, filter: string): string {
  const absolute = filter.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  const headerRow = /\d+/.exec(filter)![0];
  const withFilter = setDefinedName(xml, FILTER_NAME, `${quoteSheet(sheet)}!${absolute}`, localSheetId);
  return setDefinedName(withFilter, PRINT_TITLES, `${quoteSheet(sheet)}!$${headerRow}:$${headerRow}`, localSheetId, false);
}

interface DefinedName {
  raw: string;
  name: string;
  localSheetId: number | null;
  value: string;
}

function definedNames(xml: string): DefinedName[] {
  return [...xml.matchAll(/<(?:\w+:)?definedName\b([^>]*?)(?:\/>|>([^<]*)<\/(?:\w+:)?definedName>)/g)].map((m) => {
    const tag = `<d ${m[1]}>`;
    const local = attr(tag, "localSheetId");
    return { raw: m[0], name: attr(tag, "name") ?? "", localSheetId: local === null ? null : Number(local), value: unescapeXml(m[2] ?? "") };
  });
}
