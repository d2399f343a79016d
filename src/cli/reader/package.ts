// Workbook-level parts of an .xlsx package: which worksheets, in which order and under which names (the way
// exceljs 4.4 resolves them), the 1904 date system, the checker's report sheet, number formats, shared strings.
import { BUILTIN_FORMATS } from "./numfmts";
import { walk } from "./tokens";
import { decodeAgain, decodeText, tags } from "./xml";
import { PackageError, Unsupported, type ZipPackage } from "./zip";

/** The hidden defined name that marks the checker's own report sheet in an annotated copy. */
export const REPORT_NAME = "_VerificaPIAO_Report";

export interface SheetEntry {
  name: string;
  /** The part's name in the package, e.g. xl/worksheets/sheet1.xml. */
  path: string;
  sheetId: number;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
  /** Name of the sheet the defined name `_VerificaPIAO_Report` points at, if any. */
  reportSheet: string | null;
}

const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

export function workbookInfo(pkg: ZipPackage): WorkbookInfo {
  const xml = pkg.text("xl/workbook.xml");
  const relsXml = pkg.text("xl/_rels/workbook.xml.rels");
  if (xml === null || relsXml === null) return { sheets: [], date1904: false, reportSheet: null };
  const rels = new Map<string, string>();
  for (const r of tags(relsXml, "Relationship")) if (r.Id !== undefined && r.Target !== undefined) rels.set(r.Id, r.Target);
  const sheetTags = tags(xml, "sheet");
  // A prefixed workbook (<x:sheet>) is valid XML that this scan does not follow: exceljs decides.
  if (sheetTags.length === 0 && /<[A-Za-z_][\w.-]*:sheet\b/.test(xml)) throw new Unsupported("prefixed workbook");

  const sheets: SheetEntry[] = [];
  const ids = new Set<number>();
  const paths = new Set<string>();
  const lowerNames = new Set<string>();
  for (const s of sheetTags) {
    const target = s["r:id"] === undefined ? undefined : rels.get(s["r:id"]);
    if (target === undefined) continue;
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, "")}`;
    // Chart sheets and anything else that is not a worksheet part are not read (as exceljs).
    if (!pkg.has(path) || !WORKSHEET_PART.test(path)) continue;
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) throw new Unsupported("unusual worksheet part");
    if (s.name === undefined) throw new PackageError("damaged");
    const sheetId = parseInt(s.sheetId, 10);
    if (!(sheetId >= 1)) continue;
    const name = decodeAgain(s.name);
    const lower = name.toLowerCase();
    if (ids.has(sheetId) || paths.has(path)) throw new Unsupported("shared sheet ids or parts");
    // Two sheets of the same name: Excel never writes that.
    if (lowerNames.has(lower)) throw new PackageError("damaged");
    ids.add(sheetId);
    paths.add(path);
    lowerNames.add(lower);
    sheets.push({ name, path, sheetId });
  }
  // xsd:boolean: LibreOffice writes "true" where Excel writes "1" (exceljs knows only "1").
  const date1904 = tags(xml, "workbookPr")[0]?.date1904;
  return { sheets, date1904: date1904 === "1" || date1904 === "true", reportSheet: reportSheet(xml) };
}

/** The sheet named by `<definedName name="_VerificaPIAO_Report">'Sheet name'!$A$1</definedName>`. */
function reportSheet(xml: string): string | null {
  const marker = `name="${REPORT_NAME}"`;
  const at = xml.indexOf(marker);
  if (at < 0) return null;
  const open = xml.lastIndexOf("<definedName", at);
  const start = xml.indexOf(">", at) + 1;
  const end = xml.indexOf("</definedName>", start);
  if (open < 0 || start <= 0 || end < 0) return null;
  const ref = decodeText(xml.slice(start, end)).trim();
  const bang = ref.lastIndexOf("!");
  if (bang <= 0) return null;
  const sheet = ref.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2 ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** The number format of each cell style (cellXfs index), as exceljs resolves it; undefined when none. */
export function styleFormats(pkg: ZipPackage): (string | undefined)[] {
  const xml = pkg.text("xl/styles.xml");
  if (xml === null) return [];
  const custom = new Map<number, string>();
  // Only the workbook's own <numFmts>: the <numFmt> of differential formats (dxfs) are not cell formats.
  const fmtStart = xml.indexOf("<numFmts");
  const fmtEnd = fmtStart < 0 ? -1 : xml.indexOf("</numFmts>", fmtStart);
  for (const f of fmtEnd < 0 ? [] : tags(xml.slice(fmtStart, fmtEnd), "numFmt")) {
    if (f.formatCode === undefined) throw new PackageError("damaged");
    custom.set(parseInt(f.numFmtId, 10), f.formatCode.replace(/[\\](.)/g, "$1"));
  }
  const start = xml.indexOf("<cellXfs");
  if (start < 0) return [];
  const close = xml.indexOf("</cellXfs>", start);
  const section = xml.slice(start, close < 0 ? xml.indexOf(">", start) + 1 : close);
  return tags(section, "xf").map((xf) => {
    const id = parseInt(xf.numFmtId, 10);
    return id ? custom.get(id) || BUILTIN_FORMATS[id] || undefined : undefined;
  });
}

/** Shared strings as plain text (rich text runs joined), like exceljs's <si> reading; null without the part. */
export function sharedStrings(pkg: ZipPackage): string[] | null {
  const xml = pkg.text("xl/sharedStrings.xml");
  if (xml === null) return null;
  const out: string[] = [];
  // Inside <si>: the last <t> directly in it, or the runs <r><t>; <rPh> (phonetic) text is not part of the value.
  let depth = 0; // 1 in <si>, 2 in one of its children
  let child = "";
  let inT = false;
  let text = "";
  let plain: string | undefined;
  let runs: string[] | null = null;
  let runText: string | undefined;
  walk(xml, 0, xml.length, {
    open(name) {
      if (depth === 0) {
        if (name === "si") {
          depth = 1;
          plain = undefined;
          runs = null;
        } else if (name !== "sst") throw new Unsupported(`sharedStrings <${name}>`);
        return;
      }
      if (depth === 1) {
        depth = 2;
        child = name;
        if (name === "t") {
          inT = true;
          text = "";
        } else if (name === "r") runText = undefined;
        return;
      }
      depth++;
      if (child === "r" && name === "t" && depth === 3) {
        inT = true;
        text = "";
      }
    },
    text(raw) {
      if (inT) text += raw;
    },
    close(name) {
      if (depth === 0) return;
      if (depth === 1) {
        if (name !== "si") throw new PackageError("damaged");
        depth = 0;
        if (runs !== null) {
          if (plain !== undefined) throw new Unsupported("text and runs in one string");
          out.push(runs.join(""));
        } else if (plain !== undefined) out.push(plain);
        else throw new Unsupported("string without text");
        return;
      }
      if (depth === 3 && child === "r" && name === "t" && inT) {
        inT = false;
        runText = unescapeX(decodeText(text));
      }
      if (depth === 2) {
        if (child === "t") {
          inT = false;
          if (runs !== null) throw new Unsupported("text and runs in one string");
          plain = unescapeX(decodeText(text));
        } else if (child === "r") {
          runs ??= [];
          runs.push(runText ?? "");
        }
      }
      depth--;
    },
  });
  return out;
}

/** OOXML's escapes for characters XML cannot carry, `_x000D_`, decoded as exceljs's text reader does. */
export function unescapeX(s: string): string {
  return s.includes("_x") ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}
