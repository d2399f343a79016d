// The annotated copy written into the input's own package: a differential check of the copy read back
// with exceljs against the report it was written from, re-runs, and the edges of a sheet.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { marksByCell, ruleTitle, SEVERITY_FILL } from "../../src/core";
import type { CheckReport, RuleId, Severity } from "../../src/core";
import { sortFindings } from "../../src/ui/present";
import { annotate, block, buildXlsx, check, parts, put, sheet } from "./copy-fixtures";
import { EXAMPLE } from "./helpers";

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const noteText = (note: ExcelJS.Cell["note"]) => (typeof note === "string" ? note : (note?.texts?.map((t) => t.text).join("") ?? ""));
const argb = (s: Severity) => "FF" + SEVERITY_FILL[s].slice(1).toUpperCase();
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Cells of a worksheet part as raw XML by address. */
function cellsOf(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].map((m) => [m[1], m[0]]));
}

function sheetPath(p: Map<string, string>, name: string): string {
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(p.get("xl/workbook.xml")!)![1];
  return "xl/" + new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(p.get("xl/_rels/workbook.xml.rels")!)![1];
}

async function sheetPart(bytes: Buffer, name: string): Promise<string> {
  const p = await parts(bytes);
  return p.get(sheetPath(p, name))!;
}

describe("the annotated copy of the example workbook", () => {
  let input: Buffer;
  let report: CheckReport;
  let copy: Buffer;
  let source: ExcelJS.Workbook;
  let annotated: ExcelJS.Workbook;

  beforeAll(async () => {
    input = readFileSync(EXAMPLE);
    report = await check(input);
    copy = await annotate(input, report);
    source = await load(input);
    annotated = await load(copy);
  });

  it("fills and notes exactly the flagged cells, keeping their font, border, number format and alignment", () => {
    const marks = marksByCell(report.findings);
    expect(marks.length).toBeGreaterThan(5);
    const flagged = new Set(marks.map((m) => `${m.sheet}!${m.cell}`));
    for (const m of marks) {
      const before = source.getWorksheet(m.sheet)!.getCell(m.cell);
      const after = annotated.getWorksheet(m.sheet)!.getCell(m.cell);
      expect(after.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: argb(m.severity) } });
      expect([m.cell, after.font, after.border, after.numFmt, after.alignment]).toEqual([m.cell, before.font, before.border, before.numFmt, before.alignment]);
      expect(after.value).toEqual(before.value);
      expect(noteText(after.note)).toBe(["Verifica PIAO:", ...m.messages].join("\n"));
    }
    for (const ws of source.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (flagged.has(`${ws.name}!${c.address}`)) return;
          const after = annotated.getWorksheet(ws.name)!.getCell(c.address);
          expect([c.address, after.style]).toEqual([c.address, c.style]);
          expect(after.note).toBeUndefined();
        }),
      );
    }
  });

  it("writes every summary line in the column the check chose, and nothing in rows without a line", () => {
    expect(report.objectives.length).toBeGreaterThan(10);
    for (const o of report.objectives) {
      const ws = annotated.getWorksheet(o.summary.sheet)!;
      o.summary.lines.forEach((line, i) => {
        const cell = ws.getCell(o.summary.firstRow + i + 1, o.summary.col + 1);
        expect([cell.address, cell.value]).toEqual([cell.address, line === "" ? null : line]);
        if (line !== "") expect(cell.alignment).toMatchObject({ wrapText: true, vertical: "top" });
      });
      expect(ws.getCell(o.summary.firstRow + 1, o.summary.col + 1).font?.bold).toBe(true);
      expect(String(ws.getCell(o.summary.firstRow + 1, o.summary.col + 1).value)).toBe("Sintesi monitoraggio al 30/09/2024");
    }
  });

  it("adds a report sheet marked by a hidden name: counts and progress first, then the findings by severity with title and id", async () => {
    const ws = annotated.getWorksheet("Verifica PIAO")!;
    expect(annotated.definedNames.model).toContainEqual({ name: "_VerificaPIAO_Report", ranges: ["'Verifica PIAO'!$A$1"] });
    // rows[i] is row i + 1, empty rows included.
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as ExcelJS.CellValue[]).slice(1));
    expect(rows[1][0]).toBe("Data di riferimento: 30/09/2024");
    expect(rows[2][0]).toBe(`${report.counts.error} errori, ${report.counts.warning} avvisi, ${report.counts.info} informazioni`);
    expect(rows[3]).toEqual([]);
    const progress = rows.findIndex((r) => r[0] === "Avanzamento");
    expect(rows.slice(progress + 1, progress + 1 + report.objectives.length).map((r) => [r[1], r[2]])).toEqual(
      report.objectives.map((o) => [o.sheet, o.headerCell]),
    );
    // An objective without monitoring columns is not said to have 0 completed phases (spec §3).
    const progressRows = rows.slice(progress + 1, progress + 1 + report.objectives.length);
    progressRows.forEach((r, i) => {
      const o = report.objectives[i];
      expect(r[0]).toBe(o.hasMonitoring ? `${o.progress}%` : "non rilevato");
      expect(String(r[4])).toMatch(o.hasMonitoring ? / fasi completate;/ : /nessuna colonna di monitoraggio/);
    });
    const header = rows.findIndex((r) => r[0] === "Gravità");
    expect(header).toBeGreaterThan(progress + report.objectives.length);
    const listed = rows.slice(header + 1);
    const words: Record<Severity, string> = { error: "errore", warning: "avviso", info: "informazione" };
    const expected = sortFindings(report.findings, source.worksheets.map((w) => w.name));
    expect(listed).toEqual(expected.map((f) => [words[f.severity], f.sheet, f.cell, ruleTitle(f.rule as RuleId, "it"), f.message, f.rule]));
    // Errors first, then warnings, then the rest, whatever the position.
    const ranks = expected.map((f) => RANK[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(0);

    const headerRow = header + 1;
    expect(ws.autoFilter).toBe(`A${headerRow}:F${headerRow + listed.length}`);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(annotated.definedNames.model).toContainEqual({ name: "_xlnm._FilterDatabase", ranges: [`'Verifica PIAO'!$A$${headerRow}:$F$${headerRow + listed.length}`] });
    expect((await parts(copy)).get("xl/workbook.xml")).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="7">'Verifica PIAO'!$${headerRow}:$${headerRow}</definedName>`);
    // A long message wraps: its row is taller than one line.
    const long = listed.findIndex((r) => String(r[4]).length > 80);
    expect(ws.getRow(headerRow + 1 + long).height).toBeGreaterThan(15);
    // Each cell address links to its cell.
    const xml = await sheetPart(copy, "Verifica PIAO");
    const links = [...xml.matchAll(/<hyperlink ref="C(\d+)" location="([^"]+)"/g)].filter((m) => Number(m[1]) > headerRow);
    expect(links.map((m) => m[2].replace(/&apos;|'/g, "'"))).toEqual(expected.map((f) => `'${f.sheet}'!${f.cell}`));
  });

  it("is the same copy when written again from the copy (no duplicate note lines, summary or report sheet)", async () => {
    const again = await annotate(copy, report);
    expect(await parts(again)).toEqual(await parts(copy));
  });

  it("gives every cell no longer flagged its exact original back, and drops its note, on a corrected copy", async () => {
    const fixed: CheckReport = { ...report, findings: report.findings.filter((f) => f.severity !== "error") };
    const recopy = await annotate(copy, fixed);
    const errorCells = report.findings.filter((f) => f.severity === "error" && !fixed.findings.some((g) => g.sheet === f.sheet && g.cell === f.cell));
    expect(errorCells.length).toBeGreaterThan(0);
    const wb = await load(recopy);
    for (const f of errorCells) {
      const original = cellsOf(await sheetPart(input, f.sheet)).get(f.cell);
      expect(cellsOf(await sheetPart(recopy, f.sheet)).get(f.cell)).toBe(original);
      expect(wb.getWorksheet(f.sheet)!.getCell(f.cell).note).toBeUndefined();
    }
    for (const m of marksByCell(fixed.findings)) {
      expect(noteText(wb.getWorksheet(m.sheet)!.getCell(m.cell).note).match(/Verifica PIAO:/g)).toHaveLength(1);
    }
  });

  it("takes away marks and summary lines that moved down with a row the user inserted above them", async () => {
    // The user inserts a row at 43 in the copy: every cell from row 43 down moves one row down.
    const insertRow = (xml: string) =>
      xml.replace(/(<row r="|<c r="[A-Z]+)(\d+)"/g, (_, head: string, n: string) => `${head}${Number(n) >= 43 ? Number(n) + 1 : n}"`);
    const zip = await JSZip.loadAsync(copy);
    const part = sheetPath(await parts(copy), "Monitoraggio 2024");
    zip.file(part, insertRow(await zip.file(part)!.async("string")));
    const edited = await zip.generateAsync({ type: "nodebuffer" });
    const none: CheckReport = { ...report, findings: [], objectives: [], counts: { error: 0, warning: 0, info: 0 } };
    const clean = await annotate(edited, none);
    expect(report.findings.some((f) => f.sheet === "Monitoraggio 2024" && Number(f.cell.slice(1)) > 43)).toBe(true);
    expect(cellsOf(await sheetPart(clean, "Monitoraggio 2024"))).toEqual(cellsOf(insertRow(await sheetPart(input, "Monitoraggio 2024"))));
  });

  it("cleans a copy that lost its memory (saved by an application that drops custom XML): no stale fill, summary rewritten in place", async () => {
    const wb = await load(copy);
    const roundTrip = Buffer.from(await wb.xlsx.writeBuffer());
    expect([...(await parts(roundTrip)).keys()].some((p) => p.startsWith("customXml/"))).toBe(false);
    const again = await check(roundTrip);
    const fixed: CheckReport = { ...again, findings: again.findings.filter((f) => f.severity !== "error"), counts: { ...again.counts, error: 0 } };
    const recopy = await load(await annotate(roundTrip, fixed));
    const stale = report.findings.filter((f) => f.severity === "error" && !fixed.findings.some((g) => g.sheet === f.sheet && g.cell === f.cell));
    expect(stale.length).toBeGreaterThan(0);
    for (const f of stale) {
      const cell = recopy.getWorksheet(f.sheet)!.getCell(f.cell);
      expect([f.cell, cell.fill?.type === "pattern" && cell.fill.pattern === "solid" ? cell.fill.fgColor?.argb : "none"]).toEqual([f.cell, "none"]);
      expect(cell.note).toBeUndefined();
    }
    for (const o of again.objectives) {
      expect(o.summary.col).toBe(report.objectives.find((p) => p.sheet === o.sheet && p.headerCell === o.headerCell)!.summary.col);
      const ws = recopy.getWorksheet(o.sheet)!;
      o.summary.lines.forEach((line, i) => {
        expect(ws.getCell(o.summary.firstRow + i + 1, o.summary.col + 1).value).toBe(line === "" ? null : line);
        expect(ws.getCell(o.summary.firstRow + i + 1, o.summary.col + 2).value).toBeNull();
      });
    }
  });

  it("takes every mark away when nothing is left to report: each cell exactly as in the input, no notes", async () => {
    const none: CheckReport = { ...report, findings: [], objectives: [], counts: { error: 0, warning: 0, info: 0 } };
    const clean = await annotate(copy, none);
    const after = await parts(clean);
    expect([...after.keys()].filter((p) => /comments|vmlDrawing/.test(p))).toEqual([]);
    for (const ws of source.worksheets) {
      const a = cellsOf(await sheetPart(input, ws.name));
      const b = cellsOf(await sheetPart(clean, ws.name));
      expect([ws.name, b]).toEqual([ws.name, a]);
    }
  });
});

describe("the annotated copy at the edges of a sheet", () => {
  it("skips a hidden column and a column of formulas without a result for the summary", async () => {
    const s = sheet("Scheda", '<col min="5" max="5" width="9" hidden="1" customWidth="1"/>');
    const { phases } = block(s, 0, 0);
    for (let r = 1; r <= 4; r++) put(s, r, 5, { formula: 'IF(1=1,"","x")' });
    const input = await buildXlsx([s]);
    const report = await check(input);
    expect(report.objectives[0].summary.col).toBe(4);
    const copy = await annotate(input, report);
    const before = cellsOf(await sheetPart(input, "Scheda"));
    const after = cellsOf(await sheetPart(copy, "Scheda"));
    for (const ref of ["E2", "E3", "F2", "F3", "F4"]) expect(after.get(ref)).toBe(before.get(ref));
    const ws = (await load(copy)).getWorksheet("Scheda")!;
    expect(ws.getCell("G2").value).toBe("Sintesi monitoraggio al 30/09/2024");
    expect(String(ws.getCell(phases[1] + 1, 7).value)).toMatch(/31\/12|senza|scad/i);
    expect(ws.getColumn(5).hidden).toBe(true);
    expect(ws.getColumn(7).hidden).toBe(false);
  });

  it("writes no summary for a block ending at column XFD, says so on the report sheet, and still marks its cells", async () => {
    const s = sheet("Scheda");
    const { phases } = block(s, 0, 16380);
    const input = await buildXlsx([s]);
    const report = await check(input);
    expect(report.objectives[0].summary.col).toBe(16384);
    const copy = await annotate(input, report);
    const wb = await load(copy);
    const ws = wb.getWorksheet("Scheda")!;
    expect(ws.getCell(phases[1] + 1, 16384).fill).toMatchObject({ fgColor: { argb: argb("warning") } });
    const texts: string[] = [];
    wb.getWorksheet("Verifica PIAO")!.eachRow((row) => texts.push(String(row.getCell(1).value)));
    expect(texts).toContain("Sintesi di «Obiettivo A» (foglio Scheda) non scritta: nessuna colonna libera visibile a destra della tabella");
    expect(await sheetPart(copy, "Scheda")).not.toMatch(/Sintesi/);
  });

  it("never writes past row 1,048,576 for a block ending on the last row", async () => {
    const s = sheet("Scheda");
    block(s, 1048572, 0);
    const input = await buildXlsx([s]);
    const report = await check(input);
    const { summary } = report.objectives[0];
    expect(summary.firstRow + summary.lines.length - 1).toBe(1048576);
    const copy = await annotate(input, report);
    const xml = await sheetPart(copy, "Scheda");
    expect(xml).not.toMatch(/r="[A-Z]*1048577"/);
    expect(xml).toMatch(/<c r="E1048574"[^>]*t="inlineStr"><is><t[^>]*>Sintesi monitoraggio al 30\/09\/2024</);
    const wb = await load(copy);
    expect(wb.getWorksheet("Scheda")!.rowCount).toBe(1048576);
  });

  it("keeps a user's sheet called VERIFICA PIAO as it is and names the report sheet Verifica PIAO (2)", async () => {
    const own = sheet("VERIFICA PIAO");
    block(own, 0, 0);
    const input = await buildXlsx([own]);
    const report = await check(input);
    expect(report.objectives).toHaveLength(1);
    const none: CheckReport = { ...report, findings: [], objectives: [], counts: { error: 0, warning: 0, info: 0 } };
    const copy = await annotate(input, none);
    expect((await parts(copy)).get("xl/worksheets/sheet1.xml")).toBe((await parts(input)).get("xl/worksheets/sheet1.xml"));
    const wb = await load(copy);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["VERIFICA PIAO", "Verifica PIAO (2)"]);
    expect(wb.definedNames.model).toContainEqual({ name: "_VerificaPIAO_Report", ranges: ["'Verifica PIAO (2)'!$A$1"] });
    // A re-run rewrites its own report sheet rather than adding a third.
    const again = await load(await annotate(copy, none));
    expect(again.worksheets.map((w) => w.name)).toEqual(["VERIFICA PIAO", "Verifica PIAO (2)"]);
  });

  it("leaves a summary line the user edited to the user and writes the new summary in the next column", async () => {
    const s = sheet("Scheda");
    block(s, 0, 0);
    const input = await buildXlsx([s]);
    const report = await check(input);
    const copy = await annotate(input, report);
    const p = await parts(copy);
    const part = "xl/worksheets/sheet1.xml";
    const edited = p.get(part)!.replace(/(<c r="E3"[^>]*><is><t[^>]*>)[^<]*/, "$1Fatto, vedi verbale");
    expect(edited).not.toBe(p.get(part));
    const zip = await JSZip.loadAsync(copy);
    zip.file(part, edited);
    const userCopy = await zip.generateAsync({ type: "nodebuffer" });
    const ws = (await load(await annotate(userCopy, report))).getWorksheet("Scheda")!;
    expect(ws.getCell("E3").value).toBe("Fatto, vedi verbale");
    expect(ws.getCell("E2").value).toBeNull();
    expect(ws.getCell("F2").value).toBe("Sintesi monitoraggio al 30/09/2024");
  });

  it("writes the report sheet in English with --lang en: one word per severity, English titles and plurals", async () => {
    const s = sheet("Scheda");
    block(s, 0, 0);
    const input = await buildXlsx([s]);
    const report = await check(input, "en");
    // The block has no final deadline and a text deadline: two warnings, no error.
    expect(report.counts).toMatchObject({ error: 0, warning: 2 });
    const ws = (await load(await annotate(input, report, "en"))).getWorksheet("Verifica PIAO")!;
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    expect(rows[1][0]).toBe("Reference date: 30/09/2024");
    expect(rows[2][0]).toBe(`0 errors, 2 warnings, ${report.counts.info} ${report.counts.info === 1 ? "notice" : "notices"}`);
    const header = rows.findIndex((r) => r[0] === "Severity");
    expect(rows[header]).toEqual(["Severity", "Sheet", "Cell", "Rule", "Message", "Rule id"]);
    const warning = report.findings.find((f) => f.rule === "scadenza-text")!;
    expect(rows.slice(header + 1)).toContainEqual(["warning", "Scheda", warning.cell, ruleTitle(warning.rule as RuleId, "en"), warning.message, warning.rule]);
  });

  it("cleans a damaged sheet without sheetData that carries the checker's note, without failing", async () => {
    const input = await buildXlsx([sheet("Vuoto")]);
    const zip = await JSZip.loadAsync(input);
    zip.file("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/></worksheet>');
    zip.file(
      "xl/worksheets/_rels/sheet1.xml.rels",
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>',
    );
    zip.file(
      "xl/comments1.xml",
      '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Verifica PIAO</author></authors><commentList><comment ref="B2" authorId="0"><text><r><t xml:space="preserve">Verifica PIAO:\nvecchio messaggio</t></r></text></comment></commentList></comments>',
    );
    const damaged = await zip.generateAsync({ type: "nodebuffer" });
    const none: CheckReport = { schemaVersion: 1, referenceDate: "2024-09-30", findings: [], objectives: [], counts: { error: 0, warning: 0, info: 0 } };
    const after = await parts(await annotate(damaged, none));
    expect(after.has("xl/comments1.xml")).toBe(false);
    expect(after.get("xl/worksheets/sheet1.xml")).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/></worksheet>');
  });

  it("adds a styles part to a workbook without one, keeping index 0 as the plain format", async () => {
    const s = sheet("Scheda");
    block(s, 0, 0);
    const zip = await JSZip.loadAsync(await buildXlsx([s]));
    zip.remove("xl/styles.xml");
    zip.file("xl/_rels/workbook.xml.rels", (await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).replace(/<Relationship Id="rId1"[^>]*\/>/, ""));
    zip.file("xl/worksheets/sheet1.xml", (await zip.file("xl/worksheets/sheet1.xml")!.async("string")).replace(/ s="\d+"/g, ""));
    const input = await zip.generateAsync({ type: "nodebuffer" });
    const report = await check(input);
    expect(report.findings.length).toBeGreaterThan(0);
    const copy = await annotate(input, report);
    const styles = (await parts(copy)).get("xl/styles.xml")!;
    expect(/<cellXfs count="\d+"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"\/>/.test(styles)).toBe(true);
    const ws = (await load(copy)).getWorksheet("Scheda")!;
    const flagged = new Set(report.findings.map((f) => f.cell));
    expect(JSON.stringify(ws.getCell("A1").fill ?? null)).not.toContain("solid");
    for (const cell of flagged) expect(ws.getCell(cell).fill).toMatchObject({ pattern: "solid" });
  });
});
