// The Excel adapter against a fake Excel host holding the real example workbook (tables of seeds 000-002).
import path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { checkWorkbook, marksByCell, SEVERITY_FILL, a1, type SheetGrid, type WorkbookGrid } from "../../src/core";
import { removeHighlights, runCheck } from "../../src/excel";
import { FakeContext, FakeHost, FakeWorkbook } from "./fake-excel";

const EXAMPLE = path.join(__dirname, "../../examples/obiettivi-2022.xlsx");
const SHEET = "Alessandria 2022";
const TODAY = "2024-10-15";
let grid: WorkbookGrid;

beforeAll(async () => {
  grid = await readWorkbookGrid(EXAMPLE);
});

function open(workbook: FakeWorkbook, saved: Record<string, unknown> = {}): FakeHost {
  const host = new FakeHost(workbook);
  host.saved = saved; // a fresh runtime: settings come from the file
  host.install();
  return host;
}

function workbookWith(active: string): FakeWorkbook {
  const wb = FakeWorkbook.fromGrid(grid);
  wb.active = active;
  return wb;
}

const expected = (g: WorkbookGrid, sheet: string) => checkWorkbook(g, { sheet, today: TODAY });

let syncs: jest.SpyInstance;
beforeEach(() => {
  syncs = jest.spyOn(FakeContext.prototype, "sync");
});
afterEach(() => syncs.mockRestore());

test("a check of the active sheet reports what the core reports, highlights each flagged cell and writes the summary column", async () => {
  const wb = workbookWith(SHEET);
  open(wb);
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.message).toBeNull();
  expect(outcome.ok).toBe(true);
  const want = expected(grid, SHEET);
  expect(outcome.report!.findings.map((f) => [f.rule, f.cell])).toEqual(want.findings.map((f) => [f.rule, f.cell]));
  expect(outcome.report!.findings.map((f) => f.cell)).toEqual(["D7", "D8", "D9", "C24", "D44", "D61"]);

  const fills = wb.fills();
  for (const m of marksByCell(want.findings)) expect(fills[`${SHEET}!${m.cell}`]?.color).toBe(SEVERITY_FILL[m.severity]);
  expect(Object.keys(fills)).toHaveLength(marksByCell(want.findings).length);

  const values = wb.valuesOf(SHEET);
  for (const o of want.objectives) {
    o.summary.lines.forEach((line, i) => expect(values[a1(o.summary.firstRow + i, o.summary.col)] ?? "").toBe(line));
  }
  expect(values[a1(want.objectives[0].summary.firstRow, want.objectives[0].summary.col)]).toBe("Sintesi monitoraggio al 15/10/2024");
  expect(syncs).toHaveBeenCalledTimes(2);
});

/** A sheet of `rows` rows made of the real blocks of SHEET repeated (each block: title to final deadline). */
function repeatedSheet(rows: number): SheetGrid {
  const src = grid.sheets.find((s) => s.name === SHEET)!;
  const block = { values: src.values.slice(3, 12), formats: src.formats!.slice(3, 12) };
  const values: SheetGrid["values"] = [];
  const formats: string[][] = [];
  while (values.length + block.values.length <= rows) {
    values.push(...block.values.map((r) => [...r]), []);
    formats.push(...block.formats.map((r) => r.map((f) => f ?? "General")), []);
  }
  return { name: "Obiettivi", values: values.slice(0, rows), formats: formats.slice(0, rows) };
}

test.each([10, 5000])("a check of a %i-row sheet makes 2 context.sync() calls", async (rows) => {
  const sheet = repeatedSheet(rows);
  const responsabili = grid.sheets.find((s) => s.name === "Responsabili")!;
  const wb = FakeWorkbook.fromGrid({ sheets: [sheet, responsabili] });
  wb.active = "Obiettivi";
  open(wb);
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.ok).toBe(true);
  const want = expected({ sheets: [sheet, responsabili] }, "Obiettivi");
  expect(outcome.report!.findings.length).toBe(want.findings.length);
  expect(outcome.report!.findings.length).toBeGreaterThanOrEqual(rows === 10 ? 3 : 1500);
  expect(Object.keys(wb.fills())).toHaveLength(marksByCell(want.findings).length);
  expect(syncs).toHaveBeenCalledTimes(2);
});

test("on ExcelApi 1.7 (no getCellProperties) one more batch reads the flagged cells' fills: 3 syncs for any size", async () => {
  for (const rows of [10, 5000]) {
    syncs.mockClear();
    const wb = FakeWorkbook.fromGrid({ sheets: [repeatedSheet(rows), grid.sheets.find((s) => s.name === "Responsabili")!] });
    wb.active = "Obiettivi";
    wb.maxApi = "1.7";
    open(wb);
    expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
    expect(syncs).toHaveBeenCalledTimes(3);
  }
});

function paintOriginals(wb: FakeWorkbook) {
  const s = wb.sheet(SHEET)!;
  s.cell(6, 3).fill = { color: "#FFFF00" }; // D7: a user's yellow, flagged
  s.cell(8, 3).fill = { color: "#FFFFFF" }; // D9: white fill (not "no fill"), flagged
  s.cell(43, 3).fill = { color: "#C6EFCE", pattern: "LightDown", patternColor: "#006100" }; // D44: patterned, flagged
  s.cell(5, 0).fill = { color: "#D9E1F2" }; // A6: header, not flagged
  // D8, C24, D61: no fill
}

test("highlight then remove restores every original fill exactly, also after the file is closed and reopened", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  const host = open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  expect(wb.fills()).not.toEqual(before);
  expect(wb.fills()[`${SHEET}!D8`].color).toBe(SEVERITY_FILL.warning);

  open(wb, host.saved); // reopen: a new runtime that only has what was saved in the file
  const removed = await removeHighlights();
  expect(removed).toEqual({ ok: true, message: null, restored: 6 });
  expect(wb.fills()).toEqual(before);
});

test("a re-run leaves one set of highlights and one summary column, and originals stay the user's colours", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  open(wb);
  await runCheck("active", { today: TODAY });
  const fillsOnce = wb.fills();
  const valuesOnce = wb.valuesOf(SHEET);
  await runCheck("active", { today: TODAY });
  await runCheck("active", { today: TODAY });
  expect(wb.fills()).toEqual(fillsOnce);
  expect(wb.valuesOf(SHEET)).toEqual(valuesOnce);
  const summaryCells = Object.entries(valuesOnce).filter(([, v]) => String(v).startsWith("Sintesi monitoraggio"));
  expect(summaryCells.map(([cell]) => cell)).toEqual(expected(grid, SHEET).objectives.map((o) => a1(o.summary.firstRow, o.summary.col)));

  // A later reference date rewrites the same column rather than adding one.
  await runCheck("active", { today: "2025-01-31" });
  const headers = Object.entries(wb.valuesOf(SHEET)).filter(([, v]) => String(v).startsWith("Sintesi monitoraggio"));
  expect(headers.map(([c]) => c)).toEqual(summaryCells.map(([c]) => c));
  expect(headers.every(([, v]) => v === "Sintesi monitoraggio al 31/01/2025")).toBe(true);

  await removeHighlights();
  expect(wb.fills()).toEqual(before);
});

test("a cell the user recoloured after the check keeps the user's colour when highlights are removed", async () => {
  const wb = workbookWith(SHEET);
  open(wb);
  await runCheck("active", { today: TODAY });
  wb.sheet(SHEET)!.cell(43, 3).fill = { color: "#00B050" }; // D44 recoloured by hand
  await removeHighlights();
  expect(wb.fills()).toEqual({ [`${SHEET}!D44`]: { color: "#00B050" } });
});

test("a protected sheet changes nothing and gets the Italian message", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  wb.sheet(SHEET)!.protected = true;
  const before = { fills: wb.fills(), values: wb.valuesOf(SHEET) };
  const host = open(wb);
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.ok).toBe(false);
  expect(outcome.message).toBe(
    "Il foglio 'Alessandria 2022' è protetto: rimuovi la protezione e riprova. Nessuna modifica è stata fatta.",
  );
  expect(outcome.report!.findings).toHaveLength(6); // the findings are still shown in the pane
  expect({ fills: wb.fills(), values: wb.valuesOf(SHEET) }).toEqual(before);
  expect(host.saved).toEqual({});
});

test("the message is in English when Office runs in English", async () => {
  const wb = workbookWith(SHEET);
  wb.sheet(SHEET)!.protected = true;
  const host = open(wb);
  host.displayLanguage = "en-US";
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.message).toBe("The sheet 'Alessandria 2022' is protected: unprotect it and try again. Nothing was changed.");
  expect(outcome.report!.findings[0].message).not.toMatch(/scadenza|testo/i);
});

test("a sheet without a phase table gets a message and nothing is changed", async () => {
  const wb = workbookWith("Responsabili");
  const before = { fills: wb.fills(), values: wb.valuesOf("Responsabili") };
  const host = open(wb);
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome).toMatchObject({ ok: false, message: "Nessuna tabella delle fasi trovata nel foglio 'Responsabili'. Nessuna modifica è stata fatta." });
  expect({ fills: wb.fills(), values: wb.valuesOf("Responsabili") }).toEqual(before);
  expect(host.saved).toEqual({});
});

test("a used range that does not start at A1 is read at its real position", async () => {
  const src = grid.sheets.find((s) => s.name === SHEET)!;
  // The same table moved down 3 rows and right 2 columns, with nothing in A1.
  const shifted: SheetGrid = {
    name: SHEET,
    values: [[], [], [], ...src.values.map((r) => [null, null, ...r])],
    formats: [[], [], [], ...src.formats!.map((r) => ["General", "General", ...r])],
    merges: src.merges!.map((m) => ({ top: m.top + 3, bottom: m.bottom + 3, left: m.left + 2, right: m.right + 2 })),
  };
  const g = { sheets: [shifted, grid.sheets.find((s) => s.name === "Responsabili")!] };
  const wb = FakeWorkbook.fromGrid(g);
  wb.active = SHEET;
  open(wb);
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.report!.findings.map((f) => f.cell)).toEqual(["F10", "F11", "F12", "E27", "F47", "F64"]);
  expect(Object.keys(wb.fills()).sort()).toEqual(["F10", "F11", "F12", "E27", "F47", "F64"].map((c) => `${SHEET}!${c}`).sort());
});

test("checking all sheets reads every sheet and highlights findings on each", async () => {
  const wb = workbookWith("Trasparenza");
  open(wb);
  const outcome = await runCheck("all", { today: TODAY });
  expect(outcome.ok).toBe(true);
  const want = checkWorkbook(grid, { today: TODAY });
  expect(outcome.report!.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(want.findings.map((f) => `${f.sheet}!${f.cell}`));
  expect(Object.keys(wb.fills()).sort()).toEqual(marksByCell(want.findings).map((m) => `${m.sheet}!${m.cell}`).sort());
  expect(syncs).toHaveBeenCalledTimes(3); // sheet names first, then the other sheets, then the writes
});
