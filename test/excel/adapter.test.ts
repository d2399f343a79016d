// The Excel adapter against a fake Excel host holding the real example workbook (tables of seeds 000-002).
import path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { checkWorkbook, marksByCell, SEVERITY_FILL, a1, type SheetGrid, type WorkbookGrid } from "../../src/core";
import { removeHighlights, runCheck } from "../../src/excel";
import { cellBands } from "../../src/excel/grid";
import { FakeContext, FakeHost, FakeWorkbook, type FillRead } from "./fake-excel";

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

/** The fill reads the host ran, as "sync kind sheet" with how many of each. */
function fillReadCounts(reads: FillRead[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reads) out[`${r.sync} ${r.kind} ${r.sheet}`] = (out[`${r.sync} ${r.kind} ${r.sheet}`] ?? 0) + 1;
  return out;
}

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

test.each([
  ["1.7", 10],
  ["1.7", 5000],
  ["1.9", 5000],
  ["1.13", 10],
  ["1.13", 5000],
])("on ExcelApi %s a check of a %i-row sheet makes 2 context.sync() calls", async (api, rows) => {
  const sheet = repeatedSheet(rows);
  const responsabili = grid.sheets.find((s) => s.name === "Responsabili")!;
  const wb = FakeWorkbook.fromGrid({ sheets: [sheet, responsabili] });
  wb.active = "Obiettivi";
  wb.maxApi = api;
  open(wb);
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.ok).toBe(true);
  const want = expected({ sheets: [sheet, responsabili] }, "Obiettivi");
  expect(outcome.report!.findings.length).toBe(want.findings.length);
  expect(outcome.report!.findings.length).toBeGreaterThanOrEqual(rows === 10 ? 3 : 1500);
  expect(Object.keys(wb.fills())).toHaveLength(marksByCell(want.findings).length);
  expect(syncs).toHaveBeenCalledTimes(2);
  // The originals: one getCellProperties over the flagged cells on 1.9+, one load per flagged cell on 1.7.
  const flagged = marksByCell(want.findings).length;
  expect(fillReadCounts(wb.fillReads)).toEqual(api === "1.7" ? { "2 load Obiettivi": flagged } : { "2 getCellProperties Obiettivi": 1 });

  // A re-run (restores, reads the originals and colours again, in one write batch) is 2 syncs as well.
  syncs.mockClear();
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  expect(syncs).toHaveBeenCalledTimes(2);
  expect(Object.keys(wb.fills())).toHaveLength(marksByCell(want.findings).length);
  // Its read batch reads the current colour of the previous highlights (all still ours: nothing to read after).
  expect(fillReadCounts(wb.fillReads.filter((r) => r.sync === 3))).toEqual(
    api === "1.7" ? { "3 load Obiettivi": flagged } : { "3 getCellProperties Obiettivi": 1 },
  );
  expect(wb.fillReads.filter((r) => r.sync === 4)).toEqual([]);
});

function paintOriginals(wb: FakeWorkbook) {
  const s = wb.sheet(SHEET)!;
  s.cell(6, 3).fill = { color: "#FFFF00" }; // D7: a user's yellow, flagged
  s.cell(8, 3).fill = { color: "#FFFFFF" }; // D9: white fill (not "no fill"), flagged
  s.cell(43, 3).fill = { color: "#C6EFCE", pattern: "LightDown", patternColor: "#006100" }; // D44: patterned, flagged
  s.cell(5, 0).fill = { color: "#D9E1F2" }; // A6: header, not flagged
  // D8, C24, D61: no fill
}

test.each(["1.13", "1.9"])("on ExcelApi %s highlight then remove restores every original fill exactly, also after the file is closed and reopened", async (api) => {
  const wb = workbookWith(SHEET);
  wb.maxApi = api;
  paintOriginals(wb);
  const before = wb.fills();
  const host = open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  expect(wb.fills()).not.toEqual(before);
  expect(wb.fills()[`${SHEET}!D8`].color).toBe(SEVERITY_FILL.warning);

  open(wb, host.saved); // reopen: a new runtime that only has what was saved in the file
  const removed = await removeHighlights();
  // Before ExcelApi 1.13 merged weight cells are read without their merge: more cells are flagged.
  expect(removed).toEqual({ ok: true, message: null, restored: api === "1.13" ? 6 : 8 });
  expect(wb.fills()).toEqual(before);
});

test("on ExcelApi 1.7 remove restores every original exactly except a white fill, which comes back as no fill", async () => {
  const wb = workbookWith(SHEET);
  wb.maxApi = "1.7";
  paintOriginals(wb);
  const before = wb.fills();
  const host = open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  // No getCellProperties before 1.9: one format.fill.load per flagged cell, all in the write batch.
  expect(fillReadCounts(wb.fillReads)).toEqual({ [`2 load ${SHEET}`]: 8 });
  expect(wb.fillReads.every((r) => r.cells === 1)).toBe(true);
  open(wb, host.saved);
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: 8 });
  const { [`${SHEET}!D9`]: white, ...rest } = before;
  expect(white).toEqual({ color: "#FFFFFF" }); // Excel 2019 reports "no fill" as white too
  expect(wb.fills()).toEqual(rest);
});

test("the fake runs a batch in queue order: a load queued before a set returns the value before it", async () => {
  const wb = workbookWith(SHEET);
  wb.sheet(SHEET)!.cell(6, 3).fill = { color: "#FFFF00" };
  const host = open(wb);
  const ctx = new FakeContext(host);
  const before = ctx.workbook.worksheets.getItem(SHEET).getRange("D7").format.fill.load("color");
  ctx.workbook.worksheets.getItem(SHEET).getRange("D7").format.fill.color = "#FF0000";
  const after = ctx.workbook.worksheets.getItem(SHEET).getRange("D7").format.fill.load("color");
  await ctx.sync();
  expect([before.color, after.color]).toEqual(["#FFFF00", "#FF0000"]);
});

test("the fake runs getCellProperties in queue order too: it returns the fills before a later set", async () => {
  const wb = workbookWith(SHEET);
  wb.sheet(SHEET)!.cell(6, 3).fill = { color: "#C6EFCE", pattern: "LightDown", patternColor: "#006100" };
  const ctx = new FakeContext(open(wb));
  const sheet = ctx.workbook.worksheets.getItem(SHEET);
  const props = sheet.getRange("C7:D7").getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } });
  sheet.getRange("D7").format.fill.color = "#FF0000";
  await ctx.sync();
  expect(props.value).toEqual([
    [
      { format: { fill: { color: "#FFFFFF", pattern: "None", patternColor: "#000000" } } },
      { format: { fill: { color: "#C6EFCE", pattern: "LightDown", patternColor: "#006100" } } },
    ],
  ]);
});

test.each(["1.9", "1.13"])(
  "on ExcelApi %s checking all sheets reads the fills with one getCellProperties per sheet per batch, and remove restores yellow, no fill, white and patterned exactly",
  async (api) => {
    const wb = workbookWith("Trasparenza");
    wb.maxApi = api;
    paintOriginals(wb);
    wb.sheet("Monitoraggio 2024")!.cell(43, 4).fill = { color: "#FFC000", pattern: "Gray25", patternColor: "#7030A0" }; // E44, flagged
    const before = wb.fills();
    const host = open(wb);
    expect((await runCheck("all", { today: TODAY })).ok).toBe(true);
    const seen = api === "1.13" ? grid : { sheets: grid.sheets.map((g) => ({ ...g, merges: [] })) };
    const marked = [...new Set(marksByCell(checkWorkbook(seen, { today: TODAY }).findings).map((m) => m.sheet))];
    expect(marked).toEqual(["Polizia locale", SHEET, "Monitoraggio 2024"]);
    const once = (sync: number) => Object.fromEntries(marked.map((sheet) => [`${sync} getCellProperties ${sheet}`, 1]));
    // First run: nothing highlighted before, so no read in the read batch; the originals in the write batch.
    expect(fillReadCounts(wb.fillReads)).toEqual(once(2));

    // A re-run at a later date: the read batch reads the previous highlights' colours, one call per sheet.
    expect((await runCheck("all", { today: "2025-01-31" })).ok).toBe(true);
    expect(fillReadCounts(wb.fillReads.filter((r) => r.sync === 3))).toEqual(once(3));
    expect(wb.fillReads.filter((r) => r.sync === 4).every((r) => r.kind === "getCellProperties")).toBe(true);

    open(wb, host.saved); // reopen, then remove: one call per sheet again, and every original comes back
    const first = wb.syncs + 1;
    expect((await removeHighlights()).ok).toBe(true);
    expect(fillReadCounts(wb.fillReads.filter((r) => r.sync >= first))).toEqual(once(first));
    expect(wb.fills()).toEqual(before);
    expect(before[`${SHEET}!D9`]).toEqual({ color: "#FFFFFF" }); // white stays white, not "no fill"
  },
);

test("flagged cells far apart on one sheet are read in row bands of at most 50,000 cells, all in the write batch", async () => {
  const src = grid.sheets.find((s) => s.name === SHEET)!;
  // The real table, and the same table again 15,000 rows down and 20 columns right.
  const far = (r: unknown[]) => [...Array(20).fill(null), ...r];
  const values = [...src.values, ...Array(15000 - src.values.length).fill([]), ...src.values.map(far)];
  const formats = [...src.formats!, ...Array(15000 - src.values.length).fill([]), ...src.formats!.map((r) => far(r).map((f) => f ?? "General"))];
  const merges = [...src.merges!, ...src.merges!.map((m) => ({ top: m.top + 15000, bottom: m.bottom + 15000, left: m.left + 20, right: m.right + 20 }))];
  const sheet: SheetGrid = { name: SHEET, values: values as SheetGrid["values"], formats: formats as string[][], merges };
  const g = { sheets: [sheet, grid.sheets.find((s) => s.name === "Responsabili")!] };
  const wb = FakeWorkbook.fromGrid(g);
  wb.active = SHEET;
  paintOriginals(wb);
  wb.sheet(SHEET)!.cell(15006, 23).fill = { color: "#C6EFCE", pattern: "LightDown", patternColor: "#006100" }; // X15007
  const before = wb.fills();
  const host = open(wb);
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.ok).toBe(true);
  expect(outcome.report!.findings.map((f) => f.cell)).toEqual(["D7", "D8", "D9", "C24", "D44", "D61", "X15007", "X15008", "X15009", "W15024", "X15044", "X15061"]);
  expect(syncs).toHaveBeenCalledTimes(2);
  const reads = wb.fillReads.filter((r) => r.kind === "getCellProperties");
  expect(reads.map((r) => r.sync)).toEqual([2, 2]); // one rectangle would be 15,056 rows x 22 columns
  expect(reads.every((r) => r.cells <= 50_000)).toBe(true);
  expect(reads.reduce((n, r) => n + r.cells, 0)).toBeLessThan(300); // the bands hug the two tables
  open(wb, host.saved);
  expect((await removeHighlights()).ok).toBe(true);
  expect(wb.fills()).toEqual(before);
});

test.each([
  ["1.7", 2],
  ["1.13", 4],
])("on ExcelApi %s a highlighted sheet deleted since does not break the next check or remove (%i syncs)", async (api, n) => {
  const wb = workbookWith("Trasparenza");
  wb.maxApi = api;
  paintOriginals(wb);
  const before = wb.fills();
  open(wb);
  expect((await runCheck("all", { today: TODAY })).ok).toBe(true);
  wb.sheets = wb.sheets.filter((s) => s.name !== "Polizia locale");
  syncs.mockClear();
  // 1.7: a load on the deleted sheet's cells is a null object. 1.13: getCellProperties on a null object
  // fails the fake's batch (the harder case), so the check learns the sheet names first: 2 more syncs.
  expect((await runCheck("all", { today: TODAY })).ok).toBe(true);
  expect(syncs).toHaveBeenCalledTimes(n);
  expect((await removeHighlights()).ok).toBe(true);
  const gone = (k: string) => k.startsWith("Polizia locale!") || (api === "1.7" && k === `${SHEET}!D9`); // 1.7: white reads as no fill
  expect(wb.fills()).toEqual(Object.fromEntries(Object.entries(before).filter(([k]) => !gone(k))));
});

test("cellBands: one rectangle when it is small enough, row bands of at most maxCells cells otherwise", () => {
  expect(cellBands(["D7", "C24", "D61"], 50_000)).toEqual([
    { top: 6, left: 2, bottom: 60, right: 3, cells: [{ cell: "D7", row: 6, col: 3 }, { cell: "C24", row: 23, col: 2 }, { cell: "D61", row: 60, col: 3 }] },
  ]);
  // Columns A and Z over 3,000 rows: 78,000 cells in one rectangle, so two bands, each within the cap.
  const cells = Array.from({ length: 3000 }, (_, r) => [a1(r, 0), a1(r, 25)]).flat();
  const bands = cellBands(cells, 50_000);
  expect(bands.map((b) => [b.top, b.bottom, b.left, b.right])).toEqual([[0, 1922, 0, 25], [1923, 2999, 0, 25]]);
  expect(bands.every((b) => (b.bottom - b.top + 1) * (b.right - b.left + 1) <= 50_000)).toBe(true);
  expect(bands.flatMap((b) => b.cells.map((c) => c.cell)).sort()).toEqual([...cells].sort());
});

test("if the originals cannot be saved, the user is told, the previous ones stay in the file and remove still restores everything", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  const host = open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  const savedFirst = structuredClone(host.saved);

  // The user recolours D61's highlight by hand; the re-run takes that colour as D61's new original.
  wb.sheet(SHEET)!.cell(60, 3).fill = { color: "#7030A0" };
  host.failingSaves = 2; // the save and its immediate retry
  const outcome = await runCheck("active", { today: "2025-01-31" });
  expect(outcome.ok).toBe(false);
  expect(outcome.message).toBe(
    "Le celle sono state evidenziate, ma i loro colori originali non sono stati salvati nel file (Impossibile salvare le impostazioni). Non chiudere il file: ripeti la verifica o usa Rimuovi evidenziazioni da questo pannello per riprovare a salvarli.",
  );
  expect(outcome.report!.findings.length).toBeGreaterThan(0);
  expect(host.saved).toEqual(savedFirst); // the previous run's originals are not dropped

  // Same session: the memory kept in this runtime restores every original, the user's purple included.
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: 6 });
  expect(wb.fills()).toEqual({ ...before, [`${SHEET}!D61`]: { color: "#7030A0" } });
  open(wb, host.saved);
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: 0 });
});

test("a failed save is retried by the next check, so the file ends up with the originals", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  const host = open(wb);
  host.failingSaves = 2;
  expect((await runCheck("active", { today: TODAY })).ok).toBe(false);
  expect(host.saved).toEqual({});
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  open(wb, host.saved); // reopen
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: 6 });
  expect(wb.fills()).toEqual(before);
});

test("a host that refuses calls on null objects still gets a correct check (one more read) and remove", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  const host = open(wb);
  host.strictNullObjects = true; // "Elenco Responsabili" does not exist: the blind first batch fails
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.ok).toBe(true);
  expect(outcome.report!.findings.map((f) => f.cell)).toEqual(expected(grid, SHEET).findings.map((f) => f.cell));
  expect(syncs).toHaveBeenCalledTimes(4); // failed blind read, sheet names, read, write
  syncs.mockClear();
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: 6 });
  expect(syncs).toHaveBeenCalledTimes(2);
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

test("a write that fails in the write batch leaves no cell coloured (values are written before any fill)", async () => {
  const wb = workbookWith(SHEET);
  const host = open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.sheet(SHEET)!.cell(6, 3).fill = { color: "#00B050" }; // the user recolours D7, which is flagged again
  const before = wb.fills();
  host.failingValueWrites = true;
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.ok).toBe(false);
  expect(outcome.message).toMatch(/^Verifica interrotta durante la scrittura: GeneralException/);
  expect(wb.fills()).toEqual(before); // D7 keeps the user's green: it was not coloured without its original saved
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

test.each(["1.7", "1.13"])("on ExcelApi %s checking all sheets reads every sheet and highlights findings on each in 2 syncs", async (api) => {
  const wb = workbookWith("Trasparenza");
  wb.maxApi = api;
  open(wb);
  const outcome = await runCheck("all", { today: TODAY });
  expect(outcome.ok).toBe(true);
  // Before ExcelApi 1.13 the adapter cannot see merged cells: the core gets the grid without them.
  const seen = api === "1.13" ? grid : { sheets: grid.sheets.map((g) => ({ ...g, merges: [] })) };
  const want = checkWorkbook(seen, { today: TODAY });
  expect(outcome.report!.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(want.findings.map((f) => `${f.sheet}!${f.cell}`));
  expect(Object.keys(wb.fills()).sort()).toEqual(marksByCell(want.findings).map((m) => `${m.sheet}!${m.cell}`).sort());
  expect(syncs).toHaveBeenCalledTimes(2);
});

test("checking all sheets of a workbook with more than 20 sheets reads the rest in one more sync", async () => {
  const empty = Array.from({ length: 20 }, (_, i) => ({ name: `Vuoto ${i + 1}`, values: [] }));
  const big = { sheets: [...empty, ...grid.sheets] };
  const wb = FakeWorkbook.fromGrid(big);
  open(wb);
  const outcome = await runCheck("all", { today: TODAY });
  expect(outcome.ok).toBe(true);
  const want = checkWorkbook(big, { today: TODAY });
  expect(outcome.report!.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(want.findings.map((f) => `${f.sheet}!${f.cell}`));
  expect(want.findings.length).toBeGreaterThan(6);
  expect(syncs).toHaveBeenCalledTimes(3);
});
