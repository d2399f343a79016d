import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SEVERITY_FILL } from "../../src/core";
import { EXAMPLE, runCli, tmpDir } from "./helpers";

interface JsonFinding {
  rule: string;
  severity: "error" | "warning" | "info";
  sheet: string;
  cell: string;
  message: string;
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const noteText = (note: ExcelJS.Cell["note"]) =>
  typeof note === "string" ? note : (note?.texts?.map((t) => t.text).join("") ?? "");

/** Every cell address holding a value or a style in either sheet. */
function addresses(a: ExcelJS.Worksheet, b: ExcelJS.Worksheet): Set<string> {
  const all = new Set<string>();
  for (const ws of [a, b]) ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => all.add(c.address)));
  return all;
}

describe("piao-check --out", () => {
  let dir: string;
  let input: string;
  let out: string;
  let before: Buffer;
  let findings: JsonFinding[];
  let source: ExcelJS.Workbook;
  let annotated: ExcelJS.Workbook;

  beforeAll(async () => {
    dir = tmpDir();
    input = path.join(dir, "obiettivi.xlsx");
    out = path.join(dir, "obiettivi-verificato.xlsx");
    copyFileSync(EXAMPLE, input);
    before = readFileSync(input);
    const result = await runCli([input, "--out", out, "--format", "json"]);
    expect(result.code).toBe(1);
    findings = JSON.parse(result.stdout).findings;
    source = await load(input);
    annotated = await load(out);
  });

  it("never touches the input file", () => {
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it("fills every flagged cell with its most severe finding's colour and notes its messages", () => {
    const byCell = new Map<string, JsonFinding[]>();
    for (const f of findings) byCell.set(`${f.sheet}!${f.cell}`, [...(byCell.get(`${f.sheet}!${f.cell}`) ?? []), f]);
    expect(byCell.size).toBeGreaterThan(5);
    for (const [key, list] of byCell) {
      const [sheet, cell] = key.split("!");
      const c = annotated.getWorksheet(sheet)!.getCell(cell);
      const worst = list.some((f) => f.severity === "error") ? "error" : list.some((f) => f.severity === "warning") ? "warning" : "info";
      expect(c.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FF" + SEVERITY_FILL[worst].slice(1) } });
      const note = noteText(c.note);
      expect(note.startsWith("Verifica PIAO:\n")).toBe(true);
      for (const f of list) expect(note).toContain(f.message);
    }
    // 001-obj-011 fase 2: an error and a warning on one cell -> the error's colour, both messages.
    expect(byCell.get("Monitoraggio 2024!E44")?.map((f) => f.rule)).toEqual(["scadenza-order", "fase-overdue"]);
  });

  it("writes the summary column right of each block, moving past the office's note", () => {
    const ws = annotated.getWorksheet("Monitoraggio 2024")!;
    // Block 001-obj-011 (header row 42): G holds the office's note, so the summary goes to H.
    expect(ws.getCell("G44").value).toBe("Nota dell'ufficio: sollecitata la consegna degli smartphone");
    expect(ws.getCell("H42").value).toBe("Sintesi monitoraggio al 30/09/2024");
    expect(ws.getCell("H42").font?.bold).toBe(true);
    expect(String(ws.getCell("H44").value)).toMatch(/61 giorni/);
    expect(String(ws.getCell("H46").value)).toMatch(/^Avanzamento 30% \(1 di 3 fasi completate\)/);
    expect(ws.getCell("G42").value).toBeNull();
    // The other blocks of the sheet have a free G column.
    expect(ws.getCell("G6").value).toBe("Sintesi monitoraggio al 30/09/2024");
  });

  it("adds a Verifica PIAO sheet listing every finding, errors first", () => {
    const ws = annotated.getWorksheet("Verifica PIAO")!;
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === "Gravità");
    const listed = rows.slice(header + 1);
    expect(listed).toHaveLength(findings.length);
    expect(listed.map((r) => `${r[1]}!${r[2]} ${r[5]}`).sort()).toEqual(findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`).sort());
    const words = listed.map((r) => r[0]);
    expect(words.slice(0, findings.filter((f) => f.severity === "error").length).every((w) => w === "errore")).toBe(true);
    expect(annotated.definedNames.model).toContainEqual({ name: "_VerificaPIAO_Report", ranges: ["'Verifica PIAO'!$A$1"] });
  });

  it("leaves every other cell's value and style as it was, also cells that shared a style with a flagged cell", () => {
    const flagged = new Set(findings.map((f) => `${f.sheet}!${f.cell}`));
    const summary = new Set<string>();
    for (const ws of annotated.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === "string" && c.value.startsWith("Sintesi monitoraggio al ")) {
            for (let r = Number(c.row); r <= ws.rowCount; r++) summary.add(`${ws.name}!${ws.getCell(r, Number(c.col)).address}`);
          }
        }),
      );
    }
    let compared = 0;
    let sharedWithFlagged = 0;
    for (const src of source.worksheets) {
      const dst = annotated.getWorksheet(src.name)!;
      const flaggedStyles = new Set([...flagged].filter((k) => k.startsWith(src.name + "!")).map((k) => src.getCell(k.split("!")[1]).style));
      for (const address of addresses(src, dst)) {
        const key = `${src.name}!${address}`;
        if (flagged.has(key) || summary.has(key)) continue;
        const a = src.getCell(address);
        const b = dst.getCell(address);
        expect([key, b.value]).toEqual([key, a.value]);
        expect([key, b.style]).toEqual([key, a.style]);
        expect(b.note).toEqual(a.note);
        if (flaggedStyles.has(a.style)) sharedWithFlagged++;
        compared++;
      }
      expect(dst.model.merges.sort()).toEqual(src.model.merges.sort());
    }
    expect(compared).toBeGreaterThan(1000);
    // exceljs shares one style object between cells of the same look: the comparison covered such cells.
    expect(sharedWithFlagged).toBeGreaterThan(10);
  });

  it("replaces its own sheet and summary columns when run again on the annotated copy", async () => {
    const again = path.join(dir, "di-nuovo.xlsx");
    const result = await runCli([out, "--out", again]);
    expect(result.code).toBe(1);
    const wb = await load(again);
    expect(wb.worksheets.map((w) => w.name)).toEqual(annotated.worksheets.map((w) => w.name));
    const ws = wb.getWorksheet("Monitoraggio 2024")!;
    expect(ws.getCell("H42").value).toBe("Sintesi monitoraggio al 30/09/2024");
    expect(ws.getCell("I42").value).toBeNull();
    expect(noteText(ws.getCell("E44").note).match(/Verifica PIAO:/g)).toHaveLength(1);
  });

  it("refuses to write over the input (exit 2, file unchanged)", async () => {
    const result = await runCli([input, "--out", path.join(dir, ".", "obiettivi.xlsx")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^piao-check: --out .* è il file da controllare/);
    expect(readFileSync(input).equals(before)).toBe(true);
  });
});

describe("piao-check --out on an .xlsm", () => {
  it("refuses a copy named .xlsx in one line (exit 2) and writes a .xlsm copy", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "piano.xlsm");
    const zip = await JSZip.loadAsync(readFileSync(EXAMPLE));
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file("[Content_Types].xml", types.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"));
    writeFileSync(input, await zip.generateAsync({ type: "nodebuffer" }));
    const wrong = await runCli([input, "--out", path.join(dir, "copia.xlsx")]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(`piao-check: --out ${path.join(dir, "copia.xlsx")}: la copia di questo file deve avere estensione .xlsm\n`);
    expect(existsSync(path.join(dir, "copia.xlsx"))).toBe(false);
    const right = await runCli([input, "--out", path.join(dir, "copia.xlsm")]);
    expect(right.code).toBe(1);
    const copy = await JSZip.loadAsync(readFileSync(path.join(dir, "copia.xlsm")));
    expect(await copy.file("[Content_Types].xml")!.async("string")).toContain("macroEnabled.main+xml");
  });
});
