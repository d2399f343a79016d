// Workbooks for the annotated-copy tests, written as OOXML by hand so that a test controls exactly
// what is in the package (hidden columns, formulas without a result, cells at the sheet's edges).
import { promises as fs } from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { checkWorkbook } from "../../src/core";
import type { CheckReport, Lang } from "../../src/core";
import { annotatePackage } from "../../src/cli/annotate";
import { Package } from "../../src/cli/package/opc";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { a1 } from "../../src/core";
import { tmpDir } from "./helpers";

export type FixtureCell = string | number | { formula: string } | { date: number };

export interface FixtureSheet {
  name: string;
  /** 0-based row -> 0-based col -> value. */
  cells: Map<number, Map<number, FixtureCell>>;
  cols?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function sheet(name: string, cols?: string): FixtureSheet {
  return { name, cells: new Map(), cols };
}

export function put(s: FixtureSheet, row: number, col: number, value: FixtureCell): void {
  if (!s.cells.has(row)) s.cells.set(row, new Map());
  s.cells.get(row)!.set(col, value);
}

/**
 * An objective block from (row, col): title, header, two phases (the second with a text deadline, a
 * warning), total and final deadline. Returns the rows of its phases.
 */
export function block(s: FixtureSheet, row: number, col: number, monitoring = false): { phases: number[] } {
  put(s, row, col, "Obiettivo A: Prova di scrittura della copia");
  const headers = ["Fase", "Descrizione", "Incidenza", "Scadenze", ...(monitoring ? ["Monitoraggio al 30/09/2024"] : [])];
  headers.forEach((h, i) => put(s, row + 1, col + i, h));
  put(s, row + 2, col, "fase 1");
  put(s, row + 2, col + 1, "Analisi");
  put(s, row + 2, col + 2, 0.5);
  put(s, row + 2, col + 3, { date: 45000 });
  put(s, row + 3, col, "fase 2");
  put(s, row + 3, col + 1, "Realizzazione");
  put(s, row + 3, col + 2, 0.5);
  put(s, row + 3, col + 3, "in corso d'anno");
  if (monitoring) put(s, row + 2, col + 4, "OK");
  return { phases: [row + 2, row + 3] };
}

function cellXml(row: number, col: number, v: FixtureCell): string {
  const r = a1(row, col);
  if (typeof v === "number") return `<c r="${r}" s="1"><v>${v}</v></c>`;
  if (typeof v === "string") return `<c r="${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  if ("date" in v) return `<c r="${r}" s="2"><v>${v.date}</v></c>`;
  return `<c r="${r}"><f>${esc(v.formula)}</f></c>`;
}

function sheetXml(s: FixtureSheet): string {
  const rows = [...s.cells.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([r, cells]) => {
      const xml = [...cells.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([c, v]) => cellXml(r, c, v))
        .join("");
      return `<row r="${r + 1}">${xml}</row>`;
    })
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${s.cols ? `<cols>${s.cols}</cols>` : ""}<sheetData>${rows}</sheetData></worksheet>`
  );
}

/** A minimal but complete .xlsx package with these sheets. */
export async function buildXlsx(sheets: FixtureSheet[]): Promise<Buffer> {
  const zip = new JSZip();
  const ns = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
      "</Types>",
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ${ns}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    "xl/workbook.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join("") +
      "</sheets></workbook>",
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ${ns}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
      "</Relationships>",
  );
  zip.file(
    "xl/styles.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>' +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
  );
  sheets.forEach((s, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)));
  return zip.generateAsync({ type: "nodebuffer" });
}

/** Checks a workbook's bytes as the CLI does (reference date fixed). */
export async function check(bytes: Buffer, lang: Lang = "it"): Promise<CheckReport> {
  const file = path.join(tmpDir(), "input.xlsx");
  await fs.writeFile(file, bytes);
  return checkWorkbook(await readWorkbookGrid(file), { today: "2025-06-30", config: { referenceDate: "2024-09-30", lang } });
}

export async function annotate(bytes: Buffer, report: CheckReport, lang: Lang = "it"): Promise<Buffer> {
  return annotatePackage(await Package.open(bytes), report, "input.xlsx", lang);
}

/** Every part of a package as text (binary parts as base64), by name. */
export async function parts(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    out.set(name, name.endsWith(".bin") ? await file.async("base64") : await file.async("string"));
  }
  return out;
}
