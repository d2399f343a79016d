// The checker's own reader (src/cli/reader) against exceljs: the same grid for every workbook of the repository
// and for a few hundred generated ones per run. Where the two deliberately differ from exceljs's raw reading,
// the test below says so and names the spec line.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import type { WorkbookGrid } from "../../src/core";
import { readPackageGrid, Unsupported } from "../../src/cli/reader";
import { BUILTIN_FORMATS } from "../../src/cli/reader/numfmts";
import { loadWorkbook, workbookToGrid } from "../../src/cli/xlsx";
import { tmpDir } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");

/** The grid through exceljs (the fallback reader for packages the checker's reader does not handle), from bytes written to a file. */
async function viaExceljs(bytes: Buffer): Promise<WorkbookGrid> {
  const file = path.join(tmpDir(), "w.xlsx");
  writeFileSync(file, bytes);
  return workbookToGrid(await loadWorkbook(file));
}

function xlsxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...xlsxFiles(p));
    else if (/\.xlsx$/i.test(name)) out.push(p);
  }
  return out;
}

describe("the reader gives exceljs's grid", () => {
  const files = [...xlsxFiles(path.join(ROOT, "test")), ...xlsxFiles(path.join(ROOT, "examples"))];

  it("finds the repository's workbooks, LibreOffice-written ones among them", () => {
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(["obiettivi-2022.xlsx", "obiettivi-2022-libreoffice.xlsx"]));
  });

  it.each(files.map((f) => [path.relative(ROOT, f)]))("on %s", async (rel) => {
    const bytes = readFileSync(path.join(ROOT, rel));
    let fast: WorkbookGrid;
    try {
      fast = readPackageGrid(bytes);
    } catch (e) {
      // Only what is not a plain zip package (the password-protected fixture) goes to exceljs.
      expect(e).toBeInstanceOf(Unsupported);
      await expect(viaExceljs(bytes)).rejects.toMatchObject({ code: "password" });
      return;
    }
    expect(fast).toEqual(await viaExceljs(bytes));
  });
});

// ---- generated workbooks -------------------------------------------------------------------------------

const FORMATS = ["General", "0%", "0.00%", "dd/mm/yyyy", "d-mmm-yy", "mm-dd-yy", "h:mm", "#,##0.00", '"al "dd/mm/yyyy', "[$-410]d mmmm yyyy", "0.0", "@", "yyyy-mm-dd hh:mm"];
const TEXTS = ["fase 1:", "Descrizione", "Incidenza %", "Totale", "  spazi  ", "a & b < c > d \"q\" 'a'", "riga\nnuova", "_x000D_ letterale", "àèìòù €", "31/12/2024", "conclusa", "Obiettivo A: titolo", "😀 emoji", ""];

type Gen = { kind: string; value: ExcelJS.CellValue; numFmt?: string };

const date = fc.integer({ min: Date.UTC(1901, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms - (ms % 1000)));
const number = fc.oneof(fc.integer({ min: -100000, max: 100000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 0.25, 0.1 + 0.2, 45000.5));
const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 20 }));
const format = fc.constantFrom(...FORMATS);

const cell: fc.Arbitrary<Gen> = fc.oneof(
  text.map((v) => ({ kind: "text", value: v })),
  fc.record({ kind: fc.constant("number"), value: number, numFmt: format }),
  fc.record({ kind: fc.constant("date"), value: date, numFmt: format }),
  fc.boolean().map((v) => ({ kind: "bool", value: v })),
  fc.array(fc.record({ text, bold: fc.boolean() }), { minLength: 1, maxLength: 3 }).map((runs) => ({
    kind: "rich",
    value: { richText: runs.map((r) => ({ text: r.text, font: { bold: r.bold } })) },
  })),
  fc
    .record({ result: fc.oneof(number, text, fc.boolean(), date, fc.constant(undefined)), numFmt: format })
    .map(({ result, numFmt }) => ({ kind: "formula", value: { formula: "1+1", result } as ExcelJS.CellFormulaValue, numFmt })),
  fc.constantFrom("#N/A", "#DIV/0!", "#VALUE!").map((e) => ({ kind: "error", value: { error: e } as ExcelJS.CellErrorValue })),
  fc.record({ text, link: fc.constant("https://www.comune.example.it") }).map((h) => ({ kind: "link", value: { text: h.text, hyperlink: h.link } })),
);

const sheet = fc.record({
  cells: fc.array(fc.tuple(fc.nat(40), fc.nat(9), cell), { maxLength: 60 }),
  merges: fc.array(fc.tuple(fc.nat(40), fc.nat(9), fc.nat(3), fc.nat(2)), { maxLength: 5 }),
  state: fc.constantFrom("visible", "visible", "hidden", "veryHidden"),
});
const workbook = fc.record({ sheets: fc.array(sheet, { minLength: 1, maxLength: 3 }), date1904: fc.boolean() });

interface SheetSpec {
  cells: [number, number, Gen][];
  merges: [number, number, number, number][];
  state: string;
}

async function write(spec: { sheets: SheetSpec[]; date1904: boolean }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = spec.date1904;
  spec.sheets.forEach((s, i) => {
    const ws = wb.addWorksheet(`Foglio ${i + 1}`, { state: s.state as ExcelJS.WorksheetState });
    for (const [r, c, g] of s.cells) {
      const target = ws.getCell(r + 1, c + 1);
      target.value = g.value;
      if (g.numFmt !== undefined && g.numFmt !== "General") target.numFmt = g.numFmt;
    }
    // Merges that do not overlap (exceljs refuses overlapping ones).
    const taken: [number, number, number, number][] = [];
    for (const [r, c, h, w] of s.merges) {
      const box: [number, number, number, number] = [r + 1, c + 1, r + 1 + h, c + 1 + w];
      if (taken.some((t) => box[0] <= t[2] && t[0] <= box[2] && box[1] <= t[3] && t[1] <= box[3])) continue;
      taken.push(box);
      ws.mergeCells(...box);
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("the reader on generated workbooks", () => {
  it("gives exceljs's grid on a few hundred random workbooks (dates, formats, rich text, formulas, links, merges, hidden sheets, 1904)", async () => {
    await fc.assert(
      fc.asyncProperty(workbook, async (spec) => {
        const bytes = await write(spec);
        expect(readPackageGrid(bytes)).toEqual(await viaExceljs(bytes));
      }),
      { numRuns: 250 },
    );
  }, 120_000);
});

// ---- generated sheet XML: the cell forms other writers use (inline strings, t="str", errors, shared formulas…) --

const COLS = "ABCDEFGHIJKLMN";
const XML_TEXTS = ["a &amp; b", "&lt;tag&gt;", "x&#10;y", "_x0041_B", "  sp  ", "<![CDATA[cd]]>coda", "riga\r\nnuova", "&#x1F600;", "fase 1:", "25%", "31/12/2024", "&amp;lt;doppio&amp;gt;", "conclusa"];
const NUMBERS = ["0", "1", "0.25", "44711", "45000.5", "-3", "1e3", " 7 ", "abc", "2958465.99999"];
const xmlText = fc.constantFrom(...XML_TEXTS);
const num = fc.constantFrom(...NUMBERS);
const formulaType = fc.constantFrom("", ' t="n"', ' t="str"', ' t="b"', ' t="e"');

/** A cell's XML given its address and style attribute. */
const cellXml: fc.Arbitrary<(r: string, s: string, strings: number) => string> = fc.oneof(
  num.map((v) => (r: string, s: string) => `<c r="${r}"${s}><v>${v}</v></c>`),
  num.map((v) => (r: string, s: string) => `<c r="${r}"${s} t="n"><v>${v}</v></c>`),
  fc.nat(50).map((i) => (r: string, s: string, strings: number) => `<c r="${r}"${s} t="s"><v>${i % strings}</v></c>`),
  xmlText.map((v) => (r: string, s: string) => `<c r="${r}"${s} t="str"><v>${v}</v></c>`),
  xmlText.map((v) => (r: string, s: string) => `<c r="${r}"${s} t="inlineStr"><is><t xml:space="preserve">${v}</t></is></c>`),
  fc.tuple(xmlText, xmlText).map(([a, b]) => (r: string, s: string) => `<c r="${r}"${s} t="inlineStr"><is><r><t>${a}</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">${b}</t></r></is></c>`),
  fc.constantFrom("0", "1", "2").map((v) => (r: string, s: string) => `<c r="${r}"${s} t="b"><v>${v}</v></c>`),
  fc.constantFrom("#N/A", "#DIV/0!").map((v) => (r: string, s: string) => `<c r="${r}"${s} t="e"><v>${v}</v></c>`),
  fc.tuple(formulaType, fc.oneof(num, xmlText, fc.constant(""))).map(([t, v]) => (r: string, s: string) =>
    `<c r="${r}"${s}${t}><f>A1+1</f>${v === "" ? "<v></v>" : `<v>${v}</v>`}</c>`),
  formulaType.map((t) => (r: string, s: string) => `<c r="${r}"${s}${t}><f>A1</f></c>`),
  fc.tuple(fc.boolean(), num).map(([master, v]) => (r: string, s: string) =>
    master ? `<c r="${r}"${s}><f t="shared" ref="${r}:${r}" si="0">B1*2</f><v>${v}</v></c>` : `<c r="${r}"${s}><f t="shared" si="0"/><v>${v}</v></c>`),
  fc.constant((r: string, s: string) => `<c r="${r}"${s}/>`),
);

const rawSheet = fc.record({
  rows: fc.uniqueArray(
    fc.record({ row: fc.integer({ min: 1, max: 40 }), cells: fc.uniqueArray(fc.tuple(fc.nat(9), fc.nat(12), cellXml), { maxLength: 6, selector: (c) => c[0] }) }),
    { maxLength: 12, selector: (r) => r.row },
  ),
  merges: fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.nat(9), fc.nat(2), fc.nat(2)), { maxLength: 3 }),
  pretty: fc.boolean(),
});

/** A workbook of exceljs's whose styles hold every format of FORMATS and whose shared strings hold TEXTS. */
async function baseWorkbook(): Promise<{ zip: JSZip; strings: number }> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Obiettivo A");
  const styles = wb.addWorksheet("Formati");
  FORMATS.forEach((f, i) => {
    const c = styles.getCell(1, i + 1);
    c.value = 1;
    c.numFmt = f;
  });
  TEXTS.forEach((t, i) => (styles.getCell(2, i + 1).value = `${t} ${i}`));
  return { zip: await JSZip.loadAsync(await wb.xlsx.writeBuffer()), strings: TEXTS.length };
}

describe("the reader on generated sheet XML", () => {
  it("gives exceljs's grid for a few hundred random sheets of hand-written cells", async () => {
    const base = await baseWorkbook();
    const sheetXml = await base.zip.file("xl/worksheets/sheet1.xml")!.async("string");
    await fc.assert(
      fc.asyncProperty(rawSheet, async (spec) => {
        const sep = spec.pretty ? "\n  " : "";
        const rows = [...spec.rows]
          .sort((a, b) => a.row - b.row)
          .map((row) => {
            const cells = [...row.cells].sort((a, b) => a[0] - b[0]);
            const xml = cells.map(([c, s, make]) => make(`${COLS[c]}${row.row}`, s === 0 ? "" : ` s="${s}"`, base.strings)).join(sep);
            return `<row r="${row.row}">${sep}${xml}${sep}</row>`;
          })
          .join(sep);
        const taken: number[][] = [];
        const merges: string[] = [];
        for (const [r, c, h, w] of spec.merges) {
          const box = [r, c, r + h, c + w];
          if (taken.some((t) => box[0] <= t[2] && t[0] <= box[2] && box[1] <= t[3] && t[1] <= box[3])) continue;
          taken.push(box);
          merges.push(`<mergeCell ref="${COLS[box[1]]}${box[0]}:${COLS[box[3]]}${box[2]}"/>`);
        }
        const mergeXml = merges.length > 0 ? `<mergeCells count="${merges.length}">${merges.join("")}</mergeCells>` : "";
        base.zip.file(
          "xl/worksheets/sheet1.xml",
          sheetXml.replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData>${rows}</sheetData>${mergeXml}`),
        );
        const bytes = await base.zip.generateAsync({ type: "nodebuffer" });
        expect(readPackageGrid(bytes)).toEqual(await viaExceljs(bytes));
      }),
      { numRuns: 250 },
    );
  }, 120_000);
});

// ---- deliberate differences from exceljs's own reading ---------------------------------------------------

/** A workbook whose first sheet's XML is replaced by `sheetData` (and `extra` after it). */
async function withSheetXml(sheetData: string, extra = ""): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Obiettivo A").getCell("A1").value = "x";
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  zip.file("xl/worksheets/sheet1.xml", xml.replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData>${sheetData}</sheetData>${extra}`));
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("where both readers deliberately differ from exceljs's raw reading", () => {
  it("spec §1 'Formulas count as their last computed result, also when it is 0, FALSE or an empty text': exceljs's cell.value drops all three", async () => {
    const bytes = await withSheetXml(
      '<row r="1"><c r="A1"><f>0/100</f><v>0</v></c><c r="B1" t="b"><f>1=2</f><v>0</v></c><c r="C1" t="str"><f>""</f><v></v></c><c r="D1"><f>A1</f></c></row>',
    );
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load(bytes as unknown as Parameters<typeof raw.xlsx.load>[0]);
    for (const a of ["A1", "B1", "C1"]) expect((raw.worksheets[0].getCell(a).value as ExcelJS.CellFormulaValue).result).toBeUndefined();
    const expected = [0, false, ""];
    expect(readPackageGrid(bytes).sheets[0].values[0]).toEqual(expected);
    expect((await viaExceljs(bytes)).sheets[0].values[0]).toEqual(expected);
  });

  it("keeps the exceljs table of built-in number formats", () => {
    const table = createRequire(__filename)("exceljs/lib/xlsx/defaultnumformats.js") as Record<string, { f?: string }>;
    const single = Object.fromEntries(Object.entries(table).filter(([, v]) => v.f !== undefined).map(([k, v]) => [k, v.f]));
    expect(BUILTIN_FORMATS).toEqual(single);
  });
});
