// The Excel adapter against the fake Excel host (fake-excel.ts) holding the real example workbook
// (tables of seeds 000-002): what a check writes, what Rimuovi gives back, while the user edits the workbook.
import path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { a1, checkWorkbook, marksByCell, parseA1, SEVERITY_FILL, type Finding, type SheetGrid, type WorkbookGrid } from "../../src/core";
import { removeHighlights, runCheck } from "../../src/excel";
import { noMemory, queueCreateMemory, queueMemoryRead, queueWriteMemory, toMemory, type Memory } from "../../src/excel/memory-sheet";
import { Batcher } from "../../src/excel/batch";
import { MEMORY_SHEET, NO_FILL, parseAnchor, type MemoryEntry } from "../../src/core/memory";
import { FakeHost, FakeWorkbook, FakeWorksheet, PAYLOAD_LIMIT, type FakeFill } from "./fake-excel";

const EXAMPLE = path.join(__dirname, "../../examples/obiettivi-2022.xlsx");
const SHEET = "Alessandria 2022";
const TODAY = "2024-10-15";
const FLAGGED = ["D7", "D8", "D9", "C24", "D44", "D61"];
let grid: WorkbookGrid;

beforeAll(async () => {
  grid = await readWorkbookGrid(EXAMPLE);
});

function open(workbook: FakeWorkbook): FakeHost {
  const host = new FakeHost(workbook);
  host.install();
  return host;
}

function workbookWith(active: string, g: WorkbookGrid = grid): FakeWorkbook {
  const wb = FakeWorkbook.fromGrid(g);
  wb.active = active;
  return wb;
}

const expected = (g: WorkbookGrid, sheet: string) => checkWorkbook(g, { sheet, today: TODAY });

/** The adapter as another runtime loads it (the ribbon's, or a pane opened afresh): its own module state. */
function anotherRuntime(): typeof import("../../src/excel") {
  let adapter: typeof import("../../src/excel") | null = null;
  jest.isolateModules(() => {
    adapter = jest.requireActual<typeof import("../../src/excel")>("../../src/excel");
  });
  return adapter!;
}
const syncsOf = (wb: FakeWorkbook, f: () => Promise<unknown>) => {
  const before = wb.log.length;
  return f().then(() => wb.log.slice(before));
};

/** Bands of fills on columns A-F, rows 5-70: every row its own colour, as a user's banded table. */
function paintBands(wb: FakeWorkbook): void {
  const s = wb.sheet(SHEET)!;
  const colours = ["#D9E1F2", "#FCE4D6", "#E2EFDA", "#FFFFFF"];
  for (let r = 4; r < 70; r++) for (let c = 0; c < 6; c++) s.cell(r, c).fill = { color: colours[r % 4], ...(r % 4 === 3 ? {} : {}) };
}

function paintOriginals(wb: FakeWorkbook): void {
  const s = wb.sheet(SHEET)!;
  s.cell(6, 3).fill = { color: "#FFFF00" }; // D7: a user's yellow, flagged
  s.cell(8, 3).fill = { color: "#FFFFFF" }; // D9: explicit white (not "no fill"), flagged
  s.cell(43, 3).fill = { color: "#C6EFCE", pattern: "LightDown", patternColor: "#006100" }; // D44: patterned
  s.cell(60, 3).fill = { color: "#4472C4", tint: 0.6 }; // D61: a theme colour lightened 60%
  s.cell(5, 0).fill = { color: "#D9E1F2" }; // A6: header, not flagged
  // D8, C24: no fill
}

test.each([
  ["1.7", 2],
  ["1.8", 2],
  ["1.9", 2],
  ["1.13", 2],
])("at ExcelApi %s a first check highlights each flagged cell, writes the summary column, keeps its memory in a very hidden sheet: %i syncs", async (api, syncs) => {
  const wb = workbookWith(SHEET);
  wb.maxApi = api;
  open(wb);
  let findings: Finding[] = [];
  const log = await syncsOf(wb, async () => {
    const outcome = await runCheck("active", { today: TODAY });
    expect(outcome).toMatchObject({ ok: true, message: null, sheet: SHEET });
    findings = outcome.report!.findings;
  });
  // Merged cells are read from ExcelApi 1.13: below it the merged labels of rows 77-78 are findings too.
  expect(findings.map((f) => f.cell)).toEqual(api === "1.13" ? FLAGGED : [...FLAGGED, "B77", "B78"]);
  const want = expected(grid, SHEET);
  const fills = wb.fills();
  for (const m of marksByCell(findings)) expect(fills[`${SHEET}!${m.cell}`]?.color).toBe(SEVERITY_FILL[m.severity]);
  expect(Object.keys(fills)).toHaveLength(findings.length);
  const values = wb.valuesOf(SHEET);
  for (const o of want.objectives) {
    o.summary.lines.forEach((line, i) => expect(values[a1(o.summary.firstRow + i, o.summary.col)] ?? "").toBe(line));
  }
  expect(wb.sheet(MEMORY_SHEET)!.visibility).toBe("VeryHidden");
  expect(log).toHaveLength(syncs);
  expect(log.every((l) => !l.error)).toBe(true);
});

test("ExcelApi 1.9+: the first check copies the originals into the memory in the round trip that colours; a re-run from another runtime (3 syncs) and Rimuovi give them back exactly", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  open(wb);
  const first = await syncsOf(wb, () => runCheck("active", { today: TODAY }));
  expect(first).toHaveLength(2);
  // Each original fill was copied, before the cell was coloured, into the memory sheet at the cell's own row of
  // the column that mirrors the cell's column (V for column D), and its memory row points there.
  const memory = wb.sheet(MEMORY_SHEET)!;
  for (const cell of ["D7", "D9", "D44", "D61"]) {
    const { row } = parseA1(cell)!;
    expect(memory.cell(row, 21).fill).toEqual(before[`${SHEET}!${cell}`]);
  }
  const pointers = [...memory.cells].filter(([k]) => k.endsWith(",3")).map(([, c]) => c.value);
  expect(pointers).toEqual(expect.arrayContaining(["@V7", "@V9", "@V44", "@V61"]));
  // Checked again from another runtime (the ribbon's): the originals are read from there in a prepare round
  // trip, and the memory is written back as plain text.
  const ribbon = anotherRuntime();
  expect(await syncsOf(wb, () => ribbon.runCheck("active", { today: TODAY }))).toHaveLength(3);
  expect([...memory.cells].filter(([k, c]) => k.endsWith(",3") && String(c.value).startsWith("@"))).toHaveLength(0);
  expect(await removeHighlights()).toMatchObject({ ok: true, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(before);
});

test("ExcelApi 1.9+: a re-run and Rimuovi in the same runtime take 2 syncs: a fixed cell gets its original back, a newly flagged one keeps its own", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const s = wb.sheet(SHEET)!;
  s.cell(10, 3).fill = { color: "#FCE4D6" }; // D11: a user's orange, flagged only after the edit below
  const before = wb.fills();
  open(wb);
  expect(await syncsOf(wb, () => runCheck("active", { today: TODAY }))).toHaveLength(2);
  // The user gives D8 a date: D8 is no longer flagged, and D11 now comes before it.
  s.cell(7, 3).value = 44804;
  const log = await syncsOf(wb, async () => {
    const cells = (await runCheck("active", { today: TODAY })).report!.findings.map((f) => f.cell);
    expect(cells).toContain("D11");
    expect(cells).not.toContain("D8");
  });
  expect(log).toHaveLength(2);
  expect(wb.fills()[`${SHEET}!D8`]).toBeUndefined();
  expect(Object.values(SEVERITY_FILL)).toContain(wb.fills()[`${SHEET}!D11`].color);
  // The user recolours D7 (still flagged) green: a third run keeps green as D7's original.
  s.cell(6, 3).fill = { color: "#00B050" };
  expect(await syncsOf(wb, () => runCheck("active", { today: TODAY }))).toHaveLength(2);
  // Rimuovi from the same pane reads what it restores with its first round trip too.
  expect(await syncsOf(wb, async () => expect((await removeHighlights()).ok).toBe(true))).toHaveLength(2);
  expect(wb.fills()).toEqual({ ...before, [`${SHEET}!D7`]: { color: "#00B050" } });
});

test("ExcelApi 1.9+: after rows inserted the re-run's guess misses and it takes three syncs; Rimuovi is still exact", async () => {
  const wb = workbookWith(SHEET);
  paintBands(wb);
  open(wb);
  const before = wb.fills();
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.insertRows(SHEET, 0, 3);
  expect(await syncsOf(wb, () => runCheck("active", { today: TODAY }))).toHaveLength(3);
  expect(await removeHighlights()).toMatchObject({ ok: true, restored: FLAGGED.length });
  const shifted = Object.fromEntries(
    Object.entries(before).map(([k, f]) => {
      const { row, col } = parseA1(k.split("!")[1])!;
      return [`${SHEET}!${a1(row + 3, col)}`, f];
    }),
  );
  expect(wb.fills()).toEqual(shifted);
});

test("ExcelApi 1.9+: a sheet marked by the last check was deleted: the next check learns the sheets again (one failed read), the one after takes 2 syncs", async () => {
  const copy = { ...grid.sheets.find((x) => x.name === SHEET)!, name: "Copia" };
  const wb = workbookWith(SHEET, { sheets: [...grid.sheets, copy] });
  open(wb);
  const pane = anotherRuntime();
  expect((await pane.runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.deleteSheet(SHEET);
  wb.active = "Copia";
  const log = await syncsOf(wb, () => pane.runCheck("active", { today: TODAY }));
  expect(log[0].error).toMatch(/ItemNotFound/);
  expect(log.slice(1).every((l) => !l.error)).toBe(true);
  expect(Object.keys(wb.fills()).filter((k) => k.startsWith("Copia!"))).toHaveLength(FLAGGED.length);
  // The next re-run guesses again, without a failed read.
  expect(await syncsOf(wb, () => pane.runCheck("active", { today: TODAY }))).toHaveLength(2);
  expect(await pane.removeHighlights()).toMatchObject({ ok: true, restored: FLAGGED.length });
  expect(wb.fills()).toEqual({});
});

test("ExcelApi 1.9+: a severity fill found on a cell by the first check is never remembered as its original", async () => {
  const wb = workbookWith(SHEET);
  wb.sheet(SHEET)!.cell(6, 3).fill = { color: SEVERITY_FILL.error }; // D7: pink pasted from another workbook
  open(wb);
  expect(await syncsOf(wb, () => runCheck("active", { today: TODAY }))).toHaveLength(2);
  expect(await removeHighlights()).toMatchObject({ ok: true, restored: FLAGGED.length });
  expect(wb.fills()).toEqual({});
});

test("ExcelApi 1.9+: inserted rows and a renamed sheet after the first check, then Rimuovi: every copied original goes back to its own cell", async () => {
  const wb = workbookWith(SHEET);
  paintBands(wb);
  open(wb);
  const before = wb.fills();
  expect(await syncsOf(wb, () => runCheck("active", { today: TODAY }))).toHaveLength(2);
  wb.insertRows(SHEET, 7, 2); // between D7 and D8
  wb.rename(SHEET, "Alessandria 2022 (rivisto)");
  const moved = Object.fromEntries(
    Object.entries(before).map(([k, f]) => {
      const [, cell] = k.split("!");
      const { row, col } = parseA1(cell)!;
      return [`Alessandria 2022 (rivisto)!${a1(row >= 7 ? row + 2 : row, col)}`, f];
    }),
  );
  expect(await removeHighlights()).toMatchObject({ ok: true, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(moved);
});

test("a host without Range.copyFrom: nothing is coloured by that round trip, the check runs again in three and nothing is lost", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  const host = open(wb);
  host.unsupported.add("Range.copyFrom");
  const fresh = anotherRuntime();
  const log = await syncsOf(wb, async () => expect(await fresh.runCheck("active", { today: TODAY })).toMatchObject({ ok: true, message: null }));
  expect(log[1].error).toMatch(/ApiNotFound/);
  expect(log.filter((l) => !l.error).length).toBeGreaterThan(3);
  for (const cell of FLAGGED) expect(Object.values(SEVERITY_FILL)).toContain(wb.fills()[`${SHEET}!${cell}`].color);
  // From then on this runtime checks in three round trips, without asking the host to copy again.
  expect(await syncsOf(wb, () => fresh.runCheck("active", { today: TODAY }))).toHaveLength(3);
  expect(await fresh.removeHighlights()).toMatchObject({ ok: true, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(before);
});

test("insert a row above the flagged cells of a banded table, then Rimuovi: every cell gets exactly its own original", async () => {
  const wb = workbookWith(SHEET);
  paintBands(wb);
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.insertRows(SHEET, 5, 2); // two rows above D7
  const want = workbookWith(SHEET);
  paintBands(want);
  want.insertRows(SHEET, 5, 2);
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(want.fills());
  // The memory is empty afterwards: a second Rimuovi restores nothing.
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: 0 });
});

test("delete a row above adjacent flagged cells on banded fills: no band flips, nothing stays pink", async () => {
  const wb = workbookWith(SHEET);
  paintBands(wb);
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.deleteRows(SHEET, 5); // row 6, just above D7:D9
  const want = workbookWith(SHEET);
  paintBands(want);
  want.deleteRows(SHEET, 5);
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(want.fills());
});

test("a flagged cell whose row was deleted is forgotten; the count is the cells actually restored", async () => {
  const wb = workbookWith(SHEET);
  paintBands(wb);
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.deleteRows(SHEET, 7); // row 8: D8 goes
  wb.sheet(SHEET)!.cell(42, 3).fill = { color: "#00B050" }; // D44 (now row 43) recoloured by the user
  const want = workbookWith(SHEET);
  paintBands(want);
  want.deleteRows(SHEET, 7);
  want.sheet(SHEET)!.cell(42, 3).fill = { color: "#00B050" };
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: 4 });
  expect(wb.fills()).toEqual(want.fills());
});

test("insert a column before the flagged column, and rename the sheet: Rimuovi still gives every original back", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.insertColumns(SHEET, 2);
  wb.rename(SHEET, "Piano 2022 (bozza)");
  const want = workbookWith(SHEET);
  paintOriginals(want);
  want.insertColumns(SHEET, 2);
  want.rename(SHEET, "Piano 2022 (bozza)");
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(want.fills());
});

test("cut and paste a flagged cell elsewhere: its original goes with it, and Rimuovi restores it there", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  const cut = { top: 6, left: 3, bottom: 6, right: 3 }; // D7, yellow before the check
  wb.moveCells(SHEET, cut, 79, 9); // to J80
  const want = workbookWith(SHEET);
  paintOriginals(want);
  want.moveCells(SHEET, cut, 79, 9);
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(want.fills());
  expect(wb.fills()[`${SHEET}!J80`]).toEqual({ color: "#FFFF00" });
});

test("a check of a renamed sheet never stores our pink as an original", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.rename(SHEET, "Rinominato");
  const want = workbookWith(SHEET);
  paintOriginals(want);
  want.rename(SHEET, "Rinominato");
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  expect(await removeHighlights()).toEqual({ ok: true, message: null, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(want.fills());
});

test.each(["1.9", "1.13"])("on ExcelApi %s Rimuovi restores colour, pattern, tint and explicit white exactly", async (api) => {
  const wb = workbookWith(SHEET);
  wb.maxApi = api;
  paintOriginals(wb);
  const before = wb.fills();
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  expect(wb.fills()[`${SHEET}!D61`]).toEqual({ color: SEVERITY_FILL.error }); // our fill is plain, without the tint
  const restored = (await removeHighlights()).restored;
  expect(restored).toBeGreaterThanOrEqual(FLAGGED.length);
  expect(wb.fills()).toEqual(before);
});

test.each(["1.7", "1.8"])("ExcelApi %s: a first check (its table within A1:N250, whose fills come blind with the first read), a re-run and Rimuovi from the same pane take 2 syncs; a re-run that flags a new cell reads its original first (3 syncs); Rimuovi is exact", async (api) => {
  const wb = workbookWith(SHEET);
  wb.maxApi = api;
  const s = wb.sheet(SHEET)!;
  s.cell(6, 3).fill = { color: "#FFFF00" }; // D7: a user's yellow, flagged
  s.cell(10, 3).fill = { color: "#FCE4D6" }; // D11: a user's orange, flagged only after the edit below
  const before = wb.fills();
  open(wb);
  const pane = anotherRuntime();
  expect(await syncsOf(wb, () => pane.runCheck("active", { today: TODAY }))).toHaveLength(2);
  // The same findings again: the fills of the cells marked last are read with the first round trip.
  expect(await syncsOf(wb, () => pane.runCheck("active", { today: TODAY }))).toHaveLength(2);
  // The user gives D8 a date: D11 is now flagged, and its original must be read before it is coloured.
  s.cell(7, 3).value = 44804;
  const log = await syncsOf(wb, async () => expect((await pane.runCheck("active", { today: TODAY })).report!.findings.map((f) => f.cell)).toContain("D11"));
  expect(log).toHaveLength(3);
  expect(Object.values(SEVERITY_FILL)).toContain(wb.fills()[`${SHEET}!D11`].color);
  const removed = await syncsOf(wb, async () => expect((await pane.removeHighlights()).ok).toBe(true));
  expect(removed).toHaveLength(2);
  expect(wb.fills()).toEqual(before);
});

test.each(["1.7", "1.8"])("ExcelApi %s: a first check that flags a cell below the cells whose fills come blind reads the originals first (3 syncs), nothing lost; Rimuovi is exact", async (api) => {
  const g = { sheets: [repeatedSheet(400, 0, 3)] };
  const wb = workbookWith("Obiettivi", g);
  wb.maxApi = api;
  const s = wb.sheet("Obiettivi")!;
  for (let r = 0; r < 400; r += 2) s.cell(r, 3).fill = { color: "#E2EFDA" }; // banded: every original differs from its neighbour's
  const before = wb.fills();
  const flagged = marksByCell(expected(g, "Obiettivi").findings);
  expect(flagged.some((m) => m.row >= 250)).toBe(true);
  open(wb);
  const pane = anotherRuntime();
  expect(await syncsOf(wb, async () => expect((await pane.runCheck("active", { today: TODAY })).ok).toBe(true))).toHaveLength(3);
  for (const m of flagged) expect(wb.fills()[`Obiettivi!${m.cell}`]?.color).toBe(SEVERITY_FILL[m.severity]);
  expect(await anotherRuntime().removeHighlights()).toMatchObject({ ok: true, restored: flagged.length });
  expect(wb.fills()).toEqual(before);
});

test("on ExcelApi 1.7 and 1.8 white reads like no fill: it comes back as no fill, and a tint cannot be read", async () => {
  for (const api of ["1.7", "1.8"]) {
    const wb = workbookWith(SHEET);
    wb.maxApi = api;
    paintOriginals(wb);
    const before = wb.fills();
    open(wb);
    expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
    await removeHighlights();
    const { [`${SHEET}!D9`]: white, [`${SHEET}!D61`]: tinted, ...rest } = before;
    expect(white).toEqual({ color: "#FFFFFF" });
    expect(tinted.tint).toBe(0.6);
    expect(wb.fills()).toEqual({ ...rest, [`${SHEET}!D61`]: { color: "#4472C4" } });
  }
});

test("two checks at once in two runtimes (pane and ribbon): one runs, the other is refused; Rimuovi then restores everything", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  open(wb);
  const ribbon = anotherRuntime();
  const outcomes = await Promise.all([runCheck("active", { today: TODAY }), ribbon.runCheck("active", { today: TODAY })]);
  expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
  expect(outcomes.find((o) => !o.ok)!.message).toBe(
    "Un'altra verifica è in corso su questa cartella di lavoro: attendi che finisca e riprova. Nessuna modifica è stata fatta.",
  );
  // Both again, once the first memory exists.
  const again = await Promise.all([ribbon.runCheck("active", { today: TODAY }), runCheck("active", { today: TODAY })]);
  expect(again.filter((o) => o.ok).length).toBeGreaterThanOrEqual(1);
  expect(await removeHighlights()).toMatchObject({ ok: true });
  expect(wb.fills()).toEqual(before);
});

test("two quick clicks in one runtime: the second is refused while the first runs", async () => {
  const wb = workbookWith(SHEET);
  open(wb);
  const [a, b] = await Promise.all([runCheck("active", { today: TODAY }), runCheck("active", { today: TODAY })]);
  expect(a.ok).toBe(true);
  expect(b).toMatchObject({ ok: false, message: expect.stringMatching(/^Un'altra verifica è in corso/) });
});

test("a check started while the user types in a cell waits for the edit to end", async () => {
  const wb = workbookWith(SHEET);
  const host = open(wb);
  host.cellEditMode = true;
  const running = runCheck("active", { today: TODAY });
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(wb.log).toHaveLength(0);
  host.cellEditMode = false;
  expect((await running).ok).toBe(true);
});

test("a stale lease of a run that never finished expires", async () => {
  const wb = workbookWith(SHEET);
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.sheet(MEMORY_SHEET)!.cell(3, 12).value = `crashed|${Date.now() - 1}`;
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  wb.sheet(MEMORY_SHEET)!.cell(3, 12).value = `running|${Date.now() + 60_000}`;
  expect((await runCheck("active", { today: TODAY })).message).toMatch(/^Un'altra verifica è in corso/);
});

describe("summary column", () => {
  const want = () => expected(grid, SHEET).objectives[0].summary;

  test("a formula yielding an empty string is the user's: the summary goes to the next free column", async () => {
    const wb = workbookWith(SHEET);
    const s = want();
    const cell = wb.sheet(SHEET)!.cell(s.firstRow + 1, s.col);
    Object.assign(cell, { formula: '=IF(A7>0,"")', value: "" });
    open(wb);
    expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
    expect(wb.sheet(SHEET)!.peek(s.firstRow + 1, s.col)).toMatchObject({ formula: '=IF(A7>0,"")', value: "" });
    expect(wb.sheet(SHEET)!.peek(s.firstRow, s.col + 1)?.value).toBe(s.lines[0]);
  });

  test("a user's edit of one of our lines is kept on a re-run, and so is text in rows without a line", async () => {
    const wb = workbookWith(SHEET);
    const s = want();
    const noLine = s.lines.findIndex((l) => l === "");
    expect(noLine).toBeGreaterThan(0);
    open(wb);
    expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
    const sheet = wb.sheet(SHEET)!;
    sheet.cell(s.firstRow + noLine, s.col).value = "nota dell'utente";
    expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
    expect(sheet.peek(s.firstRow + noLine, s.col)?.value).toBe("nota dell'utente");
    expect(sheet.peek(s.firstRow, s.col)?.value).toBe(s.lines[0]); // the same column, rewritten

    sheet.cell(s.firstRow + 1, s.col).value = "Completata, vedi delibera 12/2024";
    expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
    expect(sheet.peek(s.firstRow + 1, s.col)?.value).toBe("Completata, vedi delibera 12/2024");
    expect(sheet.peek(s.firstRow + 1, s.col + 1)?.value).toBe(s.lines[1]);
  });

  test("a hidden column is skipped", async () => {
    const wb = workbookWith(SHEET);
    const s = want();
    wb.sheet(SHEET)!.hiddenColumns.add(s.col);
    open(wb);
    expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
    expect(wb.sheet(SHEET)!.peek(s.firstRow, s.col)?.value ?? "").toBe("");
    expect(wb.sheet(SHEET)!.peek(s.firstRow, s.col + 1)?.value).toBe(s.lines[0]);
  });
});

/**
 * A sheet of `rows` rows made of the real blocks of SHEET repeated, `width` columns wide (text beyond the table).
 * `fixedDeadlines`: how many of the three phases of a block get a real date instead of "in corso d'anno".
 */
function repeatedSheet(rows: number, width = 0, fixedDeadlines = 0): SheetGrid {
  const src = grid.sheets.find((s) => s.name === SHEET)!;
  const block = { values: src.values.slice(3, 12).map((r) => [...r]), formats: src.formats!.slice(3, 12) };
  for (let i = 0; i < fixedDeadlines; i++) block.values[3 + i][3] = 44900; // 6 December 2022, before the final deadline
  const values: SheetGrid["values"] = [];
  const formats: string[][] = [];
  while (values.length + block.values.length + 1 <= rows) {
    values.push(...block.values.map((r) => [...r]), []);
    formats.push(...block.formats.map((r) => r.map((f) => f ?? "General")), []);
  }
  if (width > 0) {
    // Free text far right of the tables (notes of the office), so each row is `width` cells of data.
    for (let r = 0; r < values.length; r++) {
      values[r] = [...values[r], ...Array(30 - values[r].length).fill(null)];
      for (let c = 30; c < 30 + width; c++) values[r][c] = `Annotazione dell'ufficio n. ${r}-${c}`;
    }
  }
  return { name: "Obiettivi", values, formats };
}

test("Excel on the web: a 7,000-row sheet with 30 columns of text is read under 5 MB per round trip", async () => {
  const sheet = repeatedSheet(7000, 30);
  const wb = workbookWith("Obiettivi", { sheets: [sheet] });
  open(wb);
  const log = await syncsOf(wb, async () => expect((await runCheck("active", { today: TODAY })).ok).toBe(true));
  // The blind first read is refused by the host (its answer passes 5 MB); then the sheet is read by size.
  expect(log[0].error).toBe("RichApi.Error: The response payload size has exceeded the limit");
  const done = log.slice(1);
  expect(done.every((l) => !l.error)).toBe(true);
  expect(Math.max(...done.map((l) => Math.max(l.request, l.response)))).toBeLessThan(PAYLOAD_LIMIT);
  expect(Object.keys(wb.fills()).length).toBeGreaterThan(1000);
}, 120_000);

test("a stray formatted cell at XFD1048576 on the checked sheet and on Responsabili costs nothing", async () => {
  const wb = workbookWith(SHEET);
  for (const name of [SHEET, "Responsabili"]) wb.sheet(name)!.cell(1048575, 16383).fill = { color: "#FF0000" };
  open(wb);
  const log = await syncsOf(wb, async () => expect((await runCheck("active", { today: TODAY })).message).toBeNull());
  expect(log).toHaveLength(2);
  expect(Math.max(...log.map((l) => l.response))).toBeLessThan(200_000);
});

test.each([
  // A used range 16,384 columns wide: the blind read is refused (or too large to answer), then the sheet is
  // sized and read block by block.
  ["XFD1", 0, 16383, 8],
  ["XFD1048576", 1_048_575, 16383, 8],
  // A million rows tall: below the rows read blind, only the blocks of rows with values are read.
  ["A1048576", 1_048_575, 0, 3],
])("a stray value at %s widens the used range: only where there are values is read, same findings, every answer under 5 MB, Rimuovi exact", async (address, row, col, syncs) => {
  const wb = workbookWith(SHEET);
  wb.sheet(SHEET)!.cell(row, col).value = "x";
  paintBands(wb);
  const before = wb.fills();
  open(wb);
  let findings: Finding[] = [];
  const log = await syncsOf(wb, async () => {
    const outcome = await runCheck("active", { today: TODAY });
    expect(outcome).toMatchObject({ ok: true, message: null });
    findings = outcome.report!.findings;
  });
  expect(findings.map((f) => f.cell)).toEqual(expected(grid, SHEET).findings.map((f) => f.cell));
  expect(log.length).toBeLessThanOrEqual(syncs);
  expect(log.filter((l) => !l.error).every((l) => Math.max(l.request, l.response) < PAYLOAD_LIMIT)).toBe(true);
  const fills = wb.fills();
  for (const m of marksByCell(findings)) expect(fills[`${SHEET}!${m.cell}`]?.color).toBe(SEVERITY_FILL[m.severity]);
  expect(await removeHighlights()).toMatchObject({ ok: true, restored: marksByCell(findings).length });
  expect(wb.fills()).toEqual(before);
  expect(wb.valuesOf(SHEET)[address]).toBe("x");
  // The failed first read did not switch off the two-round-trip check: the next workbook, 2 syncs.
  const next = workbookWith(SHEET);
  open(next);
  expect(await syncsOf(next, () => runCheck("active", { today: TODAY }))).toHaveLength(2);
}, 120_000);

/** A long sheet of repeated schede, column D banded, opened in the fake host; its fills before the check. */
function bandedSheet(rows: number, fixedDeadlines = 0): { wb: FakeWorkbook; before: Record<string, FakeFill> } {
  const wb = workbookWith("Obiettivi", { sheets: [repeatedSheet(rows, 0, fixedDeadlines)] });
  const s = wb.sheet("Obiettivi")!;
  for (let r = 0; r < rows; r += 2) s.cell(r, 3).fill = { color: "#E2EFDA" };
  const before = wb.fills();
  open(wb);
  return { wb, before };
}

const severityFills = (wb: FakeWorkbook) =>
  Object.values(wb.fills()).filter((f) => f.color === SEVERITY_FILL.error || f.color === SEVERITY_FILL.warning).length;

test("thousands of flagged cells: writes split under 5 MB, Rimuovi restores all of them", async () => {
  const { wb, before } = bandedSheet(20_000);
  const log = await syncsOf(wb, async () => expect((await runCheck("active", { today: TODAY })).ok).toBe(true));
  const flagged = severityFills(wb);
  expect(flagged).toBeGreaterThan(5500);
  for (const l of log) expect(Math.max(l.request, l.response)).toBeLessThan(PAYLOAD_LIMIT);
  const removed = await removeHighlights();
  expect(removed.restored).toBe(flagged);
  expect(wb.fills()).toEqual(before);
}, 300_000);

test("ExcelApi 1.9+: 500 schede on 5,000 rows: a first check, a re-run and Rimuovi take 2 syncs each, and Rimuovi is exact", async () => {
  const { wb, before } = bandedSheet(5_000);
  const { runCheck, removeHighlights } = anotherRuntime(); // no state of the tests before
  for (const run of [() => runCheck("active", { today: TODAY }), () => runCheck("active", { today: TODAY })]) {
    const log = await syncsOf(wb, async () => expect((await run()).ok).toBe(true));
    expect(log.map((l) => l.error ?? "ok")).toEqual(["ok", "ok"]);
  }
  const flagged = severityFills(wb);
  expect(flagged).toBe(1500);
  const removed = await syncsOf(wb, async () => expect((await removeHighlights()).restored).toBe(flagged));
  expect(removed).toHaveLength(2);
  expect(wb.fills()).toEqual(before);
}, 120_000);

test.each(["1.13", "1.18"])("ExcelApi %s: 1,999 schede on 19,990 rows: a first check takes 2 syncs (the formulas of 20,000 rows come with the read, a column of flagged cells is one copy); a formula of the user where a line would go, and one over our line, far down, are kept; every round trip under 5 MB; Rimuovi is exact", async (api) => {
  const { wb, before } = bandedSheet(19_990, 3);
  wb.maxApi = api;
  // A formula yielding "" where a summary line would go, far below row 5,000: the user's, never written over.
  const far = expected({ sheets: [repeatedSheet(19_990, 0, 3)] }, "Obiettivi").objectives.find((o) => o.summary.firstRow > 12_000 && o.summary.lines[1])!;
  const farCell = wb.sheet("Obiettivi")!.cell(far.summary.firstRow + 1, far.summary.col);
  Object.assign(farCell, { formula: '=SE(B2="";"";"")', value: "" });
  const { runCheck, removeHighlights } = anotherRuntime(); // no state of the tests before
  const first = await syncsOf(wb, async () => expect((await runCheck("active", { today: TODAY })).ok).toBe(true));
  expect(first.map((l) => l.error ?? "ok")).toEqual(["ok", "ok"]);
  expect(farCell).toMatchObject({ formula: '=SE(B2="";"";"")', value: "" });
  const flagged = severityFills(wb);
  expect(flagged).toBeGreaterThan(1900);
  // Every original of column D was copied into column V of the memory sheet, at its own row.
  const memory = wb.sheet(MEMORY_SHEET)!;
  const sheet = wb.sheet("Obiettivi")!;
  const copied = [...sheet.cells].filter(([, c]) => c.fill && Object.values(SEVERITY_FILL).includes(c.fill.color));
  for (const [k] of copied) {
    const [row, col] = k.split(",").map(Number);
    expect(col).toBe(3);
    expect(memory.peek(row, 21)?.fill ?? null).toEqual(before[`Obiettivi!${a1(row, col)}`] ?? null);
  }
  // The user puts a formula yielding "" over one of our lines far down: the re-run must see it as the user's.
  const anchors = [...memory.cells].filter(([k, c]) => k.endsWith(",0") && c.value === "S").map(([k]) => String(memory.peek(Number(k.split(",")[0]), 1)!.formula));
  const lines = new Set(anchors.map((f) => f.split("!")[1].replace(/\$/g, "")));
  // A line below the first of its block (the first is the header, which the core itself looks for).
  const at = [...lines].map((cell) => parseA1(cell)!).find((p) => p.row > 10_000 && lines.has(a1(p.row - 1, p.col)))!;
  const userCell = sheet.cell(at.row, at.col);
  Object.assign(userCell, { formula: '=SE(A1="";"";"")', value: "" });
  const rerun = await syncsOf(wb, async () => expect((await runCheck("active", { today: TODAY })).ok).toBe(true));
  expect(sheet.peek(at.row, at.col)).toMatchObject({ formula: '=SE(A1="";"";"")', value: "" });
  // The sheets, the memory and the guess of the re-run do not fit one round trip: read, the rest of the
  // memory, the summary cells and the fills, write.
  expect(rerun.length).toBeLessThanOrEqual(4);
  const removed = await syncsOf(wb, async () => expect((await removeHighlights()).restored).toBe(flagged));
  for (const l of [...first, ...rerun, ...removed]) {
    expect(l.error).toBeUndefined();
    expect(Math.max(l.request, l.response)).toBeLessThan(PAYLOAD_LIMIT);
  }
  expect(wb.fills()).toEqual(before);
}, 300_000);

test("a memory written by an earlier version (originals copied into column J of their row, marked \"@\"; full sheet ids; summary lines as text) is still read right: a re-run keeps its column, Rimuovi is exact", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  const summary = expected(grid, SHEET).objectives[0].summary;
  const lines = wb.sheet(SHEET)!;
  const summaryColumn = () => summary.lines.map((_, i) => [lines.peek(summary.firstRow + i, summary.col)?.value ?? "", lines.peek(summary.firstRow + i, summary.col + 1)?.value ?? ""]);
  const written = summaryColumn();
  // Rewrite the memory as the earlier version kept it: each copied original in column J of its own row, the
  // sheet's id in full on every row (no list in C1), a summary line's text instead of its digest.
  const memory = wb.sheet(MEMORY_SHEET)!;
  const ids = JSON.parse(String(memory.peek(0, 2)!.value)) as string[];
  memory.cell(0, 2).value = "";
  let moved = 0;
  let texts = 0;
  for (const [k, c] of [...memory.cells]) {
    const [row, col] = k.split(",").map(Number);
    if (row === 0) continue;
    if (col === 2 && /^~\d+$/.test(String(c.value))) c.value = ids[Number(String(c.value).slice(1))];
    if (col === 8 && memory.peek(row, 0)?.value === "S") {
      const at = parseAnchor(memory.peek(row, 1)!.formula)!;
      c.value = wb.sheet(at.sheet)!.peek(at.row, at.col)!.value;
      texts++;
    }
    if (col !== 3 || !String(c.value).startsWith("@V")) continue;
    const at = parseA1(String(c.value).slice(1))!;
    memory.cell(row, 9).fill = memory.peek(at.row, at.col)!.fill;
    memory.cell(at.row, at.col).fill = { color: "#123456" };
    c.value = "@";
    moved++;
  }
  expect(moved).toBeGreaterThan(3);
  expect(texts).toBeGreaterThan(3);
  expect((await anotherRuntime().runCheck("active", { today: TODAY })).ok).toBe(true);
  expect(summaryColumn()).toEqual(written); // the lines were known as ours: rewritten in place, not moved right
  expect(await anotherRuntime().removeHighlights()).toMatchObject({ ok: true, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(before);
});

test("the memory lists each sheet's id once, in C1: its rows refer to the list and read back with their sheet's id", async () => {
  const wb = workbookWith(SHEET);
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  const memory = wb.sheet(MEMORY_SHEET)!;
  const id = wb.sheet(SHEET)!.id;
  expect(JSON.parse(String(memory.peek(0, 2)!.value))).toEqual([id]);
  const rows = [...memory.cells].filter(([k]) => /^[1-9]\d*,2$/.test(k)).map(([, c]) => c.value);
  expect(new Set(rows)).toEqual(new Set(["~0"]));
  const read = await Excel.run(async (ctx) => {
    const queued = queueMemoryRead(ctx);
    await ctx.sync();
    return toMemory(queued);
  });
  expect(read.entries).toHaveLength(rows.length);
  expect(new Set(read.entries.map((e) => e.sheetId))).toEqual(new Set([id]));
});

test("a rewrite of the memory keeps the ids still in use where they were and gives a new id the place of one no longer used", async () => {
  const wb = workbookWith(SHEET);
  open(wb);
  const entry = (id: string, row: number): MemoryEntry => ({ kind: "fill", anchor: `='${SHEET}'!$D$${row}`, sheetId: id, original: NO_FILL, applied: "#FFC7CE", note: null });
  const write = (entries: MemoryEntry[], previous: Memory) =>
    Excel.run(async (ctx) => {
      const batch = new Batcher(ctx);
      if (!previous.exists) queueCreateMemory(ctx);
      await queueWriteMemory(batch, entries, previous);
      await batch.flush();
      const read = queueMemoryRead(ctx);
      await ctx.sync();
      return toMemory(read);
    });
  const first = await write([entry("{X}", 5), entry("{Y}", 6)], noMemory());
  expect(first.sheets).toEqual(["{X}", "{Y}"]);
  const second = await write([entry("{Z}", 7), entry("{Y}", 6)], first);
  expect(second.sheets).toEqual(["{Z}", "{Y}"]);
  expect(second.entries.map((e) => e.sheetId)).toEqual(["{Z}", "{Y}"]);
});

test("ExcelApi 1.18: a first check whose write takes two round trips holds the lease between them (claimed with the memory sheet it creates)", async () => {
  const { wb, before } = bandedSheet(25_000);
  wb.maxApi = "1.18";
  const { runCheck, removeHighlights } = anotherRuntime(); // no state of the tests before
  // What the memory sheet holds in its lease area (K1:T100) when each round trip starts.
  const leasesAtSync: number[] = [];
  const push = wb.log.push.bind(wb.log);
  wb.log.push = (...records) => {
    const memory = wb.sheet(MEMORY_SHEET);
    leasesAtSync.push(memory ? [...memory.cells].filter(([k, c]) => { const [r, col] = k.split(",").map(Number); return r < 100 && col >= 10 && col < 20 && c.value !== ""; }).length : -1);
    return push(...records);
  };
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  // The reads (no memory sheet yet), the first write (creates it and claims the lease), the second write.
  expect(leasesAtSync.length).toBeGreaterThanOrEqual(3);
  expect(leasesAtSync).toEqual([...Array(leasesAtSync.length - 1).fill(-1), 1]);
  expect((await anotherRuntime().runCheck("active", { today: TODAY })).ok).toBe(true); // the lease was released
  expect((await removeHighlights()).ok).toBe(true);
  expect(wb.fills()).toEqual(before);
}, 300_000);

test("2,000 flagged cells spread over 19,990 rows: the re-run's first read stays under 5 MB (its guess would read 20,000 fills); Rimuovi reads the memory whole with its guess: 2 syncs", async () => {
  const { wb, before } = bandedSheet(19_990, 3);
  const { runCheck, removeHighlights } = anotherRuntime(); // no state of the tests before
  const first = await syncsOf(wb, async () => expect((await runCheck("active", { today: TODAY })).ok).toBe(true));
  const flagged = severityFills(wb);
  expect(flagged).toBeGreaterThan(1900);
  const rerun = await syncsOf(wb, async () => expect((await runCheck("active", { today: TODAY })).ok).toBe(true));
  const removed = await syncsOf(wb, async () => expect((await removeHighlights()).restored).toBe(flagged));
  for (const l of [...first, ...rerun, ...removed]) {
    expect(l.error).toBeUndefined();
    expect(Math.max(l.request, l.response)).toBeLessThan(PAYLOAD_LIMIT);
  }
  // Rimuovi's first round trip carries only the memory (12,000 rows, whole: this runtime wrote it and knows
  // its size), and with it the fills of the marks.
  expect(removed.length).toBe(2);
  expect(wb.fills()).toEqual(before);
}, 300_000);

test("51,000 flagged cells on 170,000 rows: every read and write under 5 MB, the memory in the very hidden sheet, Rimuovi restores them all", async () => {
  const { wb, before } = bandedSheet(170_000);
  const log = await syncsOf(wb, async () => expect((await runCheck("active", { today: TODAY })).ok).toBe(true));
  for (const l of log) expect(Math.max(l.request, l.response)).toBeLessThan(PAYLOAD_LIMIT);
  const flagged = severityFills(wb);
  expect(flagged).toBeGreaterThanOrEqual(51_000);
  const removed = await syncsOf(wb, async () => expect((await removeHighlights()).restored).toBe(flagged));
  for (const l of removed) expect(Math.max(l.request, l.response)).toBeLessThan(PAYLOAD_LIMIT);
  expect(wb.fills()).toEqual(before);
}, 600_000);

test("200 schede: highlights go as RangeAreas, summary lines in blocks, a row without a line keeps the user's text; Rimuovi is exact", async () => {
  const { wb, before } = bandedSheet(2_000);
  const { runCheck, removeHighlights } = anotherRuntime(); // no state of the tests before
  const sheetGrid = { sheets: [repeatedSheet(2_000)] };
  const [o0, o1] = checkWorkbook(sheetGrid, { sheet: "Obiettivi", today: TODAY }).objectives.map((o) => o.summary);
  const gapRow = o0.firstRow + o0.lines.length;
  expect(gapRow).toBeLessThan(o1.firstRow); // a row between two schede, without a line
  const userCell = wb.sheet("Obiettivi")!.cell(gapRow, o0.col);
  userCell.value = "nota dell'ufficio";
  const areas = jest.spyOn(FakeWorksheet.prototype, "getRanges");
  try {
    const outcome = await runCheck("active", { today: TODAY });
    expect(outcome.ok).toBe(true);
    const marks = marksByCell(outcome.report!.findings);
    expect(marks.length).toBeGreaterThan(500);
    expect(areas.mock.calls.length).toBeGreaterThan(0);
    expect(areas.mock.calls.length).toBeLessThan(20);
    const fills = wb.fills();
    for (const m of marks) expect(fills[`Obiettivi!${m.cell}`]?.color).toBe(SEVERITY_FILL[m.severity]);
    expect(severityFills(wb)).toBe(marks.length);
  } finally {
    areas.mockRestore();
  }
  expect(wb.sheet("Obiettivi")!.peek(gapRow, o0.col)?.value).toBe("nota dell'ufficio");
  const values = wb.valuesOf("Obiettivi");
  for (const o of [o0, o1]) o.lines.forEach((line, i) => expect(values[a1(o.firstRow + i, o.col)] ?? "").toBe(line));
  const flagged = severityFills(wb);
  expect((await removeHighlights()).restored).toBe(flagged);
  expect(wb.fills()).toEqual(before);
}, 120_000);

/**
 * 200 schede on a host that refuses one kind of compact write (`refuse`), checked in a fresh runtime: the check
 * succeeds with exactly one refused round trip, `error`, and Rimuovi then gives every original back.
 */
async function checkOnRefusingHost(wb: FakeWorkbook, before: Record<string, FakeFill>, refuse: (host: FakeHost) => void, error: string): Promise<void> {
  const host = new FakeHost(wb);
  refuse(host);
  host.install();
  const adapter = anotherRuntime();
  const log = await syncsOf(wb, async () => expect((await adapter.runCheck("active", { today: TODAY })).ok).toBe(true));
  expect(log.filter((l) => l.error).map((l) => l.error)).toEqual([error]);
  const flagged = severityFills(wb);
  expect(flagged).toBeGreaterThan(500);
  expect((await adapter.removeHighlights()).restored).toBe(flagged);
  expect(wb.fills()).toEqual(before);
}

test("a host without Worksheet.getRanges: its refusal colours nothing wrong, the check runs again range by range, Rimuovi is exact", async () => {
  const { wb, before } = bandedSheet(2_000);
  await checkOnRefusingHost(wb, before, (host) => host.unsupported.add("Worksheet.getRanges"), "ApiNotFound: Worksheet.getRanges");
}, 120_000);

test("a host that refuses null in a block of summary lines: the check runs again line by line, the user's text stays, Rimuovi is exact", async () => {
  const { wb, before } = bandedSheet(2_000);
  const [o0] = checkWorkbook({ sheets: [repeatedSheet(2_000)] }, { sheet: "Obiettivi", today: TODAY }).objectives.map((o) => o.summary);
  const gapRow = o0.firstRow + o0.lines.length;
  wb.sheet("Obiettivi")!.cell(gapRow, o0.col).value = "nota dell'ufficio";
  await checkOnRefusingHost(wb, before, (host) => (host.nullValuesRefused = true), "InvalidArgument: null in values");
  // Rimuovi gives back fills only: the summary lines and the user's text are as the check left them.
  expect(wb.sheet("Obiettivi")!.peek(gapRow, o0.col)?.value).toBe("nota dell'ufficio");
  const values = wb.valuesOf("Obiettivi");
  o0.lines.forEach((line, i) => expect(values[a1(o0.firstRow + i, o0.col)] ?? "").toBe(line));
}, 120_000);

test("a protected sheet changes nothing and gets the Italian message", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  wb.sheet(SHEET)!.protected = true;
  const before = { fills: wb.fills(), values: wb.valuesOf(SHEET) };
  open(wb);
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome).toMatchObject({ ok: false, message: "Il foglio 'Alessandria 2022' è protetto: rimuovi la protezione e riprova. Nessuna modifica è stata fatta." });
  expect(outcome.report!.findings).toHaveLength(6);
  expect({ fills: wb.fills(), values: wb.valuesOf(SHEET) }).toEqual(before);
});

test("all or nothing: a protected workbook structure (no memory sheet) or a failing memory write colours nothing", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = { fills: wb.fills(), values: wb.valuesOf(SHEET) };
  wb.structureProtected = true;
  const host = open(wb);
  expect((await runCheck("active", { today: TODAY })).message).toMatch(/^La struttura della cartella di lavoro è protetta/);
  expect({ fills: wb.fills(), values: wb.valuesOf(SHEET) }).toEqual(before);

  wb.structureProtected = false;
  host.failingFormulaWrites = true; // the memory rows (anchor formulas) cannot be written
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.message).toMatch(/^Verifica PIAO non può salvare nella cartella di lavoro i colori originali/);
  expect({ fills: wb.fills(), values: wb.valuesOf(SHEET) }).toEqual(before);
  host.failingFormulaWrites = false;
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true); // the lease was released
});

test("a re-run leaves one set of highlights and one summary column; Rimuovi restores the originals", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  open(wb);
  await runCheck("active", { today: TODAY });
  const fillsOnce = wb.fills();
  const valuesOnce = wb.valuesOf(SHEET);
  await runCheck("active", { today: TODAY });
  expect(wb.fills()).toEqual(fillsOnce);
  expect(wb.valuesOf(SHEET)).toEqual(valuesOnce);
  await runCheck("active", { today: "2025-01-31" });
  const headers = Object.entries(wb.valuesOf(SHEET)).filter(([, v]) => String(v).startsWith("Sintesi monitoraggio"));
  expect(headers.every(([, v]) => v === "Sintesi monitoraggio al 31/01/2025")).toBe(true);
  expect(headers).toHaveLength(expected(grid, SHEET).objectives.length);
  await removeHighlights();
  expect(wb.fills()).toEqual(before);
});

test("checking all sheets, also with a host that refuses calls on null objects", async () => {
  for (const strict of [false, true]) {
    const wb = workbookWith("Trasparenza");
    paintOriginals(wb);
    const before: Record<string, FakeFill> = wb.fills();
    const host = open(wb);
    host.strictNullObjects = strict;
    const outcome = await runCheck("all", { today: TODAY });
    expect(outcome.ok).toBe(true);
    const want = checkWorkbook(grid, { today: TODAY });
    expect(outcome.report!.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(want.findings.map((f) => `${f.sheet}!${f.cell}`));
    expect(Object.keys(wb.fills()).filter((k) => wb.fills()[k].color.startsWith("#FF")).length).toBeGreaterThan(0);
    // A second check of all sheets does not read the memory sheet as data.
    expect((await runCheck("all", { today: TODAY })).report!.findings.length).toBe(want.findings.length);
    await removeHighlights();
    expect(wb.fills()).toEqual(before);
  }
});

test("ExcelApi 1.9+: all sheets of a workbook of 25: the sheets past the 20th in one more read, 3 syncs for a check and a re-run, Rimuovi exact", async () => {
  const src = grid.sheets.find((s) => s.name === SHEET)!;
  const many: WorkbookGrid = { sheets: [...Array.from({ length: 25 }, (_, i) => ({ ...src, name: `Settore ${i + 1}` })), grid.sheets.find((s) => s.name === "Responsabili")!] };
  const wb = workbookWith("Settore 1", many);
  const before = wb.fills();
  open(wb);
  const { runCheck, removeHighlights } = anotherRuntime(); // a pane opened afresh: no state of the tests before
  const want = checkWorkbook(many, { today: TODAY });
  for (let run = 0; run < 2; run++) {
    const log = await syncsOf(wb, async () => {
      const outcome = await runCheck("all", { today: TODAY });
      expect(outcome.ok).toBe(true);
      expect(outcome.report!.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(want.findings.map((f) => `${f.sheet}!${f.cell}`));
    });
    expect(log.map((l) => l.error ?? "ok")).toEqual(["ok", "ok", "ok"]);
  }
  expect(wb.fills()["Settore 25!D7"]?.color).toBe(SEVERITY_FILL.warning);
  await removeHighlights();
  expect(wb.fills()).toEqual(before);
}, 60_000);

test("a host that fails calls on a null object: the first check learns the sheet names (4 syncs), the next take 2; a renamed Responsabili sheet is found again", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  const host = open(wb);
  host.strictNullObjects = true;
  const pane = anotherRuntime();
  const first = await syncsOf(wb, async () => {
    const outcome = await pane.runCheck("active", { today: TODAY });
    expect(outcome.report!.findings.map((f) => f.cell)).toEqual(FLAGGED);
  });
  expect(first.map((l) => (l.error ?? "").split(":")[0])).toEqual(["InvalidObjectPath", "", "", ""]);
  expect(await syncsOf(wb, () => pane.runCheck("active", { today: TODAY }))).toHaveLength(2);
  wb.rename("Responsabili", "Elenco Responsabili");
  const renamed = await syncsOf(wb, async () => {
    const outcome = await pane.runCheck("active", { today: TODAY });
    expect(outcome.report!.findings.map((f) => f.cell)).toEqual(FLAGGED);
  });
  expect(renamed[0].error).toMatch(/ItemNotFound/);
  expect(renamed.slice(1).every((l) => !l.error)).toBe(true);
  expect(await pane.removeHighlights()).toMatchObject({ ok: true, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(before);
});

test("a Responsabili sheet added after a check is read by the next one", async () => {
  const withoutResponsabili = { sheets: grid.sheets.filter((x) => x.name !== "Responsabili") };
  const wb = workbookWith(SHEET, withoutResponsabili);
  open(wb);
  const before = (await runCheck("active", { today: TODAY })).report!;
  const responsabili = grid.sheets.find((x) => x.name === "Responsabili")!;
  wb.sheets.push(FakeWorkbook.fromGrid({ sheets: [responsabili] }).sheets[0]);
  const after = (await runCheck("active", { today: TODAY })).report!;
  expect(after.findings).toEqual(expected(grid, SHEET).findings);
  expect(after.findings).not.toEqual(before.findings);
});

test("a highlighted sheet deleted since: the next check and Rimuovi work, its memory is forgotten", async () => {
  const wb = workbookWith("Trasparenza");
  paintOriginals(wb);
  open(wb);
  expect((await runCheck("all", { today: TODAY })).ok).toBe(true);
  wb.deleteSheet("Polizia locale");
  const before = workbookWith("Trasparenza");
  paintOriginals(before);
  before.deleteSheet("Polizia locale");
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  expect((await removeHighlights()).ok).toBe(true);
  expect(wb.fills()).toEqual(before.fills());
  const anchors = [...wb.sheet(MEMORY_SHEET)!.cells.values()].filter((c) => c.formula);
  expect(anchors.filter((c) => c.formula!.includes("#REF!"))).toEqual([]);
});

test("a sheet without a phase table gets a message and nothing is changed", async () => {
  const wb = workbookWith("Responsabili");
  const before = { fills: wb.fills(), values: wb.valuesOf("Responsabili") };
  open(wb);
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome).toMatchObject({ ok: false, message: "Nessuna tabella delle fasi trovata nel foglio 'Responsabili'. Nessuna modifica è stata fatta." });
  expect({ fills: wb.fills(), values: wb.valuesOf("Responsabili") }).toEqual(before);
  expect(wb.sheet(MEMORY_SHEET)).toBeUndefined();
});

test("Rimuovi on a sheet protected since the check: the Italian message, nothing changed, and it works once unprotected", async () => {
  const wb = workbookWith(SHEET);
  paintOriginals(wb);
  const before = wb.fills();
  open(wb);
  expect((await runCheck("active", { today: TODAY })).ok).toBe(true);
  const marked = wb.fills();
  wb.sheet(SHEET)!.protected = true;
  expect(await removeHighlights()).toEqual({
    ok: false,
    restored: 0,
    message: "Il foglio 'Alessandria 2022' è protetto: rimuovi la protezione e riprova. Nessuna modifica è stata fatta.",
  });
  expect(wb.fills()).toEqual(marked);
  wb.sheet(SHEET)!.protected = false;
  expect(await removeHighlights()).toMatchObject({ ok: true, restored: FLAGGED.length });
  expect(wb.fills()).toEqual(before);
});

test("the message is in English when Office runs in English", async () => {
  const wb = workbookWith(SHEET);
  wb.sheet(SHEET)!.protected = true;
  const host = open(wb);
  host.displayLanguage = "en-US";
  const outcome = await runCheck("active", { today: TODAY });
  expect(outcome.message).toBe("The sheet 'Alessandria 2022' is protected: unprotect it and try again. Nothing was changed.");
});
