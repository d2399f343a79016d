// The readers' guards on hostile and damaged packages (issue 9: bounded time and memory, one-line messages),
// and what both readers add to exceljs: long sheet names, the checker's report sheet, Excel's text limit.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { WorkbookGrid } from "../../src/core";
import { readPackageGrid } from "../../src/cli/reader";
import { MAX_TEXT } from "../../src/cli/reader/grid";
import { InputError, loadWorkbook, readWorkbookGrid, workbookToGrid } from "../../src/cli/xlsx";
import { runCli, tmpDir } from "./helpers";

function save(bytes: Buffer, name = "w.xlsx"): string {
  const file = path.join(tmpDir(), name);
  writeFileSync(file, bytes);
  return file;
}

/** Both readers: the checker's own and exceljs's (the fallback for packages the checker's reader does not handle). */
async function bothGrids(bytes: Buffer): Promise<[WorkbookGrid, WorkbookGrid]> {
  const file = save(bytes);
  return [await readWorkbookGrid(file), workbookToGrid(await loadWorkbook(file))];
}

/** A one-sheet workbook written by exceljs, then its sheet XML and workbook XML edited. */
async function edited(edit: { sheetData?: string; afterSheetData?: string; workbook?: (xml: string) => string; name?: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Obiettivo A");
  ws.getCell("A1").value = "fase 1:";
  ws.getCell("B1").value = "Analisi";
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const data = edit.sheetData === undefined ? /<sheetData>[\s\S]*<\/sheetData>/.exec(sheet)![0] : `<sheetData>${edit.sheetData}</sheetData>`;
  zip.file("xl/worksheets/sheet1.xml", sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, data + (edit.afterSheetData ?? "")));
  if (edit.workbook) zip.file("xl/workbook.xml", edit.workbook(await zip.file("xl/workbook.xml")!.async("string")));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The central directory record of `name`, for editing its declared fields. */
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
function centralEntry(bytes: Buffer, name: string): number {
  for (let p = bytes.indexOf(CENTRAL); p >= 0; p = bytes.indexOf(CENTRAL, p + 4)) {
    const length = bytes.readUInt16LE(p + 28);
    if (bytes.toString("latin1", p + 46, p + 46 + length) === name) return p;
  }
  throw new Error(`no ${name}`);
}

describe("merged areas that would make exceljs create millions of cells", () => {
  it.each([["G1:XFD1048576"], ["H1:Z200000"], ["C1:C1048576"]])("%s: both readers give the grid with the merge; the CLI checks the file and writes the copy", async (ref) => {
    const bytes = await edited({ afterSheetData: `<mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>` });
    const [fast, viaExceljs] = await bothGrids(bytes);
    expect(fast).toEqual(viaExceljs);
    expect(fast.sheets[0].merges).toHaveLength(1);
    expect(fast.sheets[0].values).toEqual([["fase 1:", "Analisi"]]);
    const file = save(bytes, "bomba.xlsx");
    const check = await runCli([file, "--format", "json"]);
    expect(check.stderr).toBe("");
    expect([0, 1]).toContain(check.code);
    const copy = await runCli([file, "--out", path.join(path.dirname(file), "copia.xlsx")]);
    expect(copy.stderr).toBe("");
    expect([0, 1]).toContain(copy.code);
  });

  it("clears the cells a merge covers, as Excel shows them, in both readers", async () => {
    const bytes = await edited({
      sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>resta</t></is></c><c r="B1"><v>5</v></c></row><row r="2"><c r="A2"><v>7</v></c></row>',
      afterSheetData: '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    });
    const [fast, viaExceljs] = await bothGrids(bytes);
    expect(fast).toEqual(viaExceljs);
    expect(fast.sheets[0].values).toEqual([["resta"]]);
  });
});

describe("declared and inflated sizes", () => {
  it("refuses a part that declares more than the bounds, naming the file, without inflating it", async () => {
    const bytes = await edited({});
    bytes.writeUInt32LE(0x7fffffff, centralEntry(bytes, "xl/worksheets/sheet1.xml") + 24);
    const file = save(bytes, "dichiarato.xlsx");
    await expect(readWorkbookGrid(file)).rejects.toThrow(new InputError("too-large", file));
    await expect(loadWorkbook(file, "en")).rejects.toThrow(`${file} is too large to check`);
  });

  it("calls damaged a part that inflates to more than it declares (a zip bomb stops at the declared size)", async () => {
    const bytes = await edited({});
    const at = centralEntry(bytes, "xl/worksheets/sheet1.xml");
    bytes.writeUInt32LE(100, at + 24);
    const file = save(bytes, "bomba-zip.xlsx");
    await expect(readWorkbookGrid(file)).rejects.toMatchObject({ code: "not-xlsx", file });
    await expect(loadWorkbook(file)).rejects.toMatchObject({ code: "not-xlsx", file });
  });

  it("stops inflating a 4 MB run of spaces declared as 1 KB", async () => {
    const zip = await JSZip.loadAsync(await edited({}));
    zip.file("xl/worksheets/sheet1.xml", Buffer.alloc(4 * 1024 * 1024, 0x20));
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    bytes.writeUInt32LE(1024, centralEntry(bytes, "xl/worksheets/sheet1.xml") + 24);
    const file = save(bytes);
    await expect(readWorkbookGrid(file)).rejects.toMatchObject({ code: "not-xlsx" });
  });

  it("leaves to exceljs what the reader does not handle (an encrypted zip entry): today's message", async () => {
    const bytes = await edited({});
    const at = centralEntry(bytes, "xl/worksheets/sheet1.xml");
    bytes.writeUInt16LE(bytes.readUInt16LE(at + 8) | 1, at + 8);
    expect(() => readPackageGrid(bytes)).toThrow(expect.objectContaining({ name: "Unsupported" }));
    const file = save(bytes);
    await expect(readWorkbookGrid(file)).rejects.toMatchObject({ code: "not-xlsx", file });
  });

  it("calls a zip without a workbook (a .docx) not an Excel file", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document/>");
    const file = save(await zip.generateAsync({ type: "nodebuffer" }), "lettera.docx");
    await expect(readWorkbookGrid(file)).rejects.toMatchObject({ code: "not-xlsx", file });
  });
});

describe("cells outside Excel's sheet", () => {
  it.each([
    ["a column past XFD", '<row r="1"><c r="XFE1"><v>1</v></c></row>'],
    ["a row past 1,048,576", '<row r="1048577"><c r="A1048577"><v>1</v></c></row>'],
  ])("%s: a damaged file for both readers", async (_, sheetData) => {
    const file = save(await edited({ sheetData }));
    await expect(readWorkbookGrid(file)).rejects.toMatchObject({ code: "not-xlsx" });
    await expect(loadWorkbook(file)).rejects.toMatchObject({ code: "not-xlsx" });
  });
});

describe("what both readers add to exceljs", () => {
  it("reads a sheet name longer than 31 characters whole, without exceljs's console warning (issue 9, point 10)", async () => {
    const long = "Obiettivi del Settore Risorse finanziarie e tributi 2024";
    const bytes = await edited({ workbook: (xml) => xml.replace('name="Obiettivo A"', `name="${long}"`) });
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const [fast, viaExceljs] = await bothGrids(bytes);
      expect(fast).toEqual(viaExceljs);
      expect(fast.sheets[0].name).toBe(long);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("marks the sheet named by _VerificaPIAO_Report as the checker's report (spec §5: never read as data)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Obiettivo A").getCell("A1").value = "fase 1:";
    wb.addWorksheet("Verifica PIAO").getCell("A1").value = "codifica-duplicate";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    const names = `<definedNames><definedName name="_VerificaPIAO_Report" hidden="1">'Verifica PIAO'!$A$1</definedName></definedNames>`;
    zip.file("xl/workbook.xml", xml.replace(/<definedNames\/>|<definedNames>[\s\S]*<\/definedNames>/, "").replace("</sheets>", `</sheets>${names}`));
    const [fast, viaExceljs] = await bothGrids(await zip.generateAsync({ type: "nodebuffer" }));
    expect(fast).toEqual(viaExceljs);
    expect(fast.sheets.map((s) => s.checkerReport === true)).toEqual([false, true]);
  });

  it("reads LibreOffice's date1904=\"true\" as the 1904 date system, as Excel's \"1\" (exceljs knows only \"1\")", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("Obiettivo A");
    ws.getCell("A1").value = new Date(Date.UTC(2022, 4, 30));
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const excel = await zip.generateAsync({ type: "nodebuffer" });
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    expect(xml).toMatch(/date1904="1"/);
    zip.file("xl/workbook.xml", xml.replace('date1904="1"', 'date1904="true"'));
    const libreOffice = await zip.generateAsync({ type: "nodebuffer" });
    const [fast, viaExceljs] = await bothGrids(libreOffice);
    expect(fast).toEqual(viaExceljs);
    expect(fast.sheets[0].values[0]).toEqual([44711]); // 30/05/2022
    expect(fast).toEqual((await bothGrids(excel))[0]);
  });

  it("cuts a text at Excel's 32,767 characters", async () => {
    const text = "x".repeat(MAX_TEXT + 5000);
    const bytes = await edited({ sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>` });
    const [fast, viaExceljs] = await bothGrids(bytes);
    expect(fast).toEqual(viaExceljs);
    expect(fast.sheets[0].values[0][0]).toBe("x".repeat(MAX_TEXT));
  });
});
