import { writeFileSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { checkWorkbook } from "../../src/core";
import type { SheetGrid } from "../../src/core";
import { InputError, readWorkbookGrid } from "../../src/cli/xlsx";
import { buildWorkbook, objective } from "../fixtures/corpus";
import { EXAMPLE, tmpDir, writeGridXlsx } from "./helpers";

const FIXTURES = path.join(__dirname, "fixtures");

const sheetNamed = (sheets: SheetGrid[], name: string) => {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

/** Trailing empty cells are not part of a sheet's content. */
const trimmed = (rows: unknown[][]) =>
  rows.map((r) => {
    const copy = [...r];
    while (copy.length > 0 && copy[copy.length - 1] === null) copy.pop();
    return copy;
  });

describe("readWorkbookGrid on the example workbook", () => {
  let sheets: SheetGrid[];
  beforeAll(async () => {
    sheets = (await readWorkbookGrid(EXAMPLE)).sheets;
  });

  it("reads every sheet in order", () => {
    expect(sheets.map((s) => s.name)).toEqual([
      "Risorse finanziarie",
      "Sistemi informativi",
      "Polizia locale",
      "Trasparenza",
      "Alessandria 2022",
      "Monitoraggio 2024",
      "Responsabili",
    ]);
  });

  it("reads percent weights as fractions with their format, dates as serials with a date format", () => {
    const s = sheetNamed(sheets, "Risorse finanziarie");
    // Seed 002, Obiettivo A, fase 1: 20%, 30/05/2022.
    const row = s.values.findIndex((r) => r[0] === "fase 1:");
    expect(s.values[row][2]).toBe(0.2);
    expect(s.formats?.[row][2]).toBe("0%");
    expect(s.values[row][4]).toBe(44711); // 30/05/2022
    expect(s.formats?.[row][4]).toBe("dd/mm/yyyy");
    expect(s.values[row][1]).toMatch(/^Confronto con la software house/);
  });

  it("keeps text weights and text deadlines as text", () => {
    const s = sheetNamed(sheets, "Sistemi informativi");
    const row = s.values.findIndex((r) => r[0] === "fase 2:");
    expect(s.values[row][2]).toBe("30%");
    expect(s.values[row][3]).toBe("2269 - 2247 - 57098");
    const a = sheetNamed(sheets, "Alessandria 2022");
    expect(a.values.find((r) => String(r[0]).startsWith("fase 1: verifica sussistenza credito"))?.[3]).toBe("in corso d'anno");
  });

  it("reads the merged 90% weight of 000-obj-037 once, at its top-left cell", () => {
    const s = sheetNamed(sheets, "Alessandria 2022");
    const first = s.values.findIndex((r) => String(r[0]).startsWith("fase 1 a)"));
    expect(s.merges).toContainEqual({ top: first, left: 1, bottom: first + 2, right: 1 });
    expect(s.values[first][1]).toBe(0.9);
    expect(s.values[first + 1][1]).toBeNull();
    expect(s.values[first + 2][1]).toBeNull();
  });
});

describe("readWorkbookGrid on cell kinds", () => {
  it("turns rich text, formulas, hyperlinks, errors and booleans into plain values", async () => {
    const file = path.join(tmpDir(), "kinds.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Obiettivo A");
    ws.getCell("A1").value = { richText: [{ text: "fase 1:", font: { bold: true } }, { text: " Analisi del contesto" }] };
    ws.getCell("B1").value = { formula: "0.25", result: 0.25 };
    ws.getCell("B1").numFmt = "0%";
    ws.getCell("C1").value = { text: "Sito del Comune", hyperlink: "https://www.comune.alessandria.it" };
    ws.getCell("D1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("E1").value = true;
    ws.getCell("F1").value = new Date(Date.UTC(2022, 3, 30));
    ws.getCell("G1").value = { formula: "F1", result: new Date(Date.UTC(2022, 7, 31)) };
    await wb.xlsx.writeFile(file);

    const [sheet] = (await readWorkbookGrid(file)).sheets;
    expect(sheet.values[0]).toEqual(["fase 1: Analisi del contesto", 0.25, "Sito del Comune", "#N/A", true, 44681, 44804]);
    expect(sheet.formats?.[0][1]).toBe("0%");
    expect(sheet.formats?.[0][0]).toBe("General");
    // A date without a date format of its own still reaches the core as a date cell.
    expect(sheet.formats?.[0][6]).toMatch(/[dmy]/);
  });

  it("gives the core the same findings as the grid the file was written from (corpus 000-obj-009, -010, -037)", async () => {
    const built = buildWorkbook([objective("000-obj-009"), objective("000-obj-010"), objective("000-obj-037")], {
      layout: "A",
      arrangement: "stacked",
      responsabili: "Responsabili",
    });
    const file = path.join(tmpDir(), "corpus.xlsx");
    await writeGridXlsx(built.workbook, file);
    const read = await readWorkbookGrid(file);

    expect(read.sheets.map((s) => s.name)).toEqual(built.workbook.sheets.map((s) => s.name));
    read.sheets.forEach((s, i) => expect(trimmed(s.values)).toEqual(trimmed(built.workbook.sheets[i].values)));
    const options = { today: "2022-06-30" };
    const fromFile = checkWorkbook(read, options).findings.map((f) => [f.rule, f.sheet, f.cell]);
    expect(fromFile).toEqual(checkWorkbook(built.workbook, options).findings.map((f) => [f.rule, f.sheet, f.cell]));
    expect(fromFile).toContainEqual(expect.arrayContaining(["scadenza-order"]));
    expect(fromFile).toContainEqual(expect.arrayContaining(["scadenza-after-final"]));
  });
});

describe("readWorkbookGrid errors", () => {
  it("names a missing file", async () => {
    const file = path.join(tmpDir(), "manca.xlsx");
    await expect(readWorkbookGrid(file)).rejects.toThrow(new InputError("missing", file));
    await expect(readWorkbookGrid(file)).rejects.toThrow(`file non trovato: ${file}`);
  });

  it("names a corrupt file, in English when asked", async () => {
    const file = path.join(tmpDir(), "rotto.xlsx");
    writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await expect(readWorkbookGrid(file)).rejects.toMatchObject({ code: "not-xlsx", file });
    await expect(readWorkbookGrid(file, "en")).rejects.toThrow(`${file} is not a readable Excel .xlsx file`);
  });

  // Seed 002's "Risorse finanziarie" scheda and the Responsabili sheet of the example workbook, saved with
  // the password "piao" (officecrypto-tool) and as .xls (LibreOffice).
  it("says that a file is password-protected, or an old .xls, rather than damaged", async () => {
    const protectedFile = path.join(FIXTURES, "risorse-protetto.xlsx");
    await expect(readWorkbookGrid(protectedFile)).rejects.toMatchObject({ code: "password", file: protectedFile });
    await expect(readWorkbookGrid(protectedFile)).rejects.toThrow(`${protectedFile} è protetto da password`);
    await expect(readWorkbookGrid(protectedFile, "en")).rejects.toThrow(`${protectedFile} is password-protected`);
    const xls = path.join(FIXTURES, "risorse.xls");
    await expect(readWorkbookGrid(xls)).rejects.toMatchObject({ code: "xls" });
    await expect(readWorkbookGrid(xls)).rejects.toThrow(`${xls} è nel vecchio formato Excel .xls: salvarlo in Excel come .xlsx`);
  });

  it("refuses a directory and a text file", async () => {
    const dir = path.join(tmpDir(), "cartella.xlsx");
    mkdirSync(dir);
    await expect(readWorkbookGrid(dir)).rejects.toMatchObject({ code: "not-a-file" });
    const csv = path.join(tmpDir(), "obiettivi.csv");
    writeFileSync(csv, "fase 1:;Analisi del contesto;25%;2245, 2577;30/04/2022\n");
    await expect(readWorkbookGrid(csv)).rejects.toMatchObject({ code: "not-xlsx" });
  });
});
