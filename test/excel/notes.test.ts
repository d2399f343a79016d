// Cell notes (spec §5) against the fake host: written from ExcelApi 1.18 below the user's own note text,
// taken away exactly (Rimuovi, a re-run), never written below 1.18.
import path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { checkWorkbook, marksByCell, type WorkbookGrid } from "../../src/core";
import { MEMORY_SHEET } from "../../src/core/memory";
import { noteDigest } from "../../src/core/note-block";
import { removeHighlights, runCheck } from "../../src/excel";
import { FakeHost, FakeWorkbook } from "./fake-excel";

const EXAMPLE = path.join(__dirname, "../../examples/obiettivi-2022.xlsx");
const SHEET = "Alessandria 2022";
const TODAY = "2024-10-15";
const USER_NOTE = "Da verificare con l'ufficio personale.\nRiga due dell'utente.";
let grid: WorkbookGrid;

beforeAll(async () => {
  grid = await readWorkbookGrid(EXAMPLE);
});

function open(api: string): FakeWorkbook {
  const wb = FakeWorkbook.fromGrid(grid);
  wb.active = SHEET;
  wb.maxApi = api;
  wb.sheet(SHEET)!.cell(6, 3).note = USER_NOTE; // D7, flagged
  wb.sheet(SHEET)!.cell(2, 0).note = "Nota su una cella non segnalata."; // A3
  new FakeHost(wb).install();
  return wb;
}

/** Our block for each flagged cell, written out from the core's findings. */
function ourBlocks(): Record<string, string> {
  const marks = marksByCell(checkWorkbook(grid, { sheet: SHEET, today: TODAY }).findings);
  return Object.fromEntries(marks.map((m) => [m.cell, ["Verifica PIAO:", ...m.messages.map((x) => `• ${x}`)].join("\n")]));
}

/** The note column (I) of the memory's fill rows. */
function memoryNotes(wb: FakeWorkbook): string[] {
  const memory = wb.sheet(MEMORY_SHEET)!;
  return [...memory.cells.keys()]
    .map((k) => k.split(",").map(Number))
    .filter(([r, c]) => c === 0 && memory.peek(r, 0)!.value === "F")
    .map(([r]) => String(memory.peek(r, 8)?.value ?? ""));
}

const check = async () => expect((await runCheck("active", { today: TODAY })).ok).toBe(true);

test("at ExcelApi 1.18 a check writes each flagged cell's messages in its note, below the user's own text, in the same 3 syncs", async () => {
  const wb = open("1.18");
  const before = wb.log.length;
  await check();
  expect(wb.log.length - before).toBe(3);
  const blocks = ourBlocks();
  expect(Object.keys(blocks)).toHaveLength(6);
  expect(wb.notesOf(SHEET)).toEqual({
    ...blocks,
    D7: `${USER_NOTE}\n\n${blocks.D7}`,
    A3: "Nota su una cella non segnalata.",
  });
  // The memory row of each highlighted cell records the block we added, by the digests of its lines.
  expect(memoryNotes(wb).sort()).toEqual(Object.values(blocks).map(noteDigest).sort());
});

test("at ExcelApi 1.18 a sheet without notes is checked in 2 syncs, and re-checked in 2: our blocks become its notes, Rimuovi takes them away", async () => {
  const wb = open("1.18");
  for (const c of wb.sheet(SHEET)!.cells.values()) c.note = null;
  const before = wb.log.length;
  await check();
  expect(wb.log.length - before).toBe(2);
  expect(wb.notesOf(SHEET)).toEqual(ourBlocks());
  expect(memoryNotes(wb).sort()).toEqual(Object.values(ourBlocks()).map(noteDigest).sort());
  // A re-run from the same pane reads the notes of the cells it marked with its first round trip: 2 syncs,
  // our blocks once each.
  const again = wb.log.length;
  await check();
  expect(wb.log.length - again).toBe(2);
  expect(wb.notesOf(SHEET)).toEqual(ourBlocks());
  // A note the user writes on another cell: the re-run cannot tell whether a cell it flags has one, 3 syncs.
  wb.sheet(SHEET)!.cell(2, 0).note = "Nota dell'utente.";
  const third = wb.log.length;
  await check();
  expect(wb.log.length - third).toBe(3);
  expect(await removeHighlights()).toMatchObject({ ok: true, restored: 6 });
  expect(wb.notesOf(SHEET)).toEqual({ A3: "Nota dell'utente." });
});

test("a host at 1.18 without NoteCollection.getCount: one refused read, then the three-trip check, notes right", async () => {
  const wb = open("1.18");
  const host = new FakeHost(wb);
  host.unsupported.add("NoteCollection.getCount");
  host.install();
  let pane: typeof import("../../src/excel") | null = null;
  jest.isolateModules(() => {
    pane = jest.requireActual<typeof import("../../src/excel")>("../../src/excel");
  });
  const before = wb.log.length;
  expect((await pane!.runCheck("active", { today: TODAY })).ok).toBe(true);
  const log = wb.log.slice(before);
  expect(log[0].error).toMatch(/ApiNotFound/);
  expect(log.slice(1).map((l) => l.error)).toEqual([undefined, undefined, undefined]);
  const blocks = ourBlocks();
  expect(wb.notesOf(SHEET)).toEqual({ ...blocks, D7: `${USER_NOTE}\n\n${blocks.D7}`, A3: "Nota su una cella non segnalata." });
  const again = wb.log.length;
  expect((await pane!.runCheck("active", { today: TODAY })).ok).toBe(true);
  expect(wb.log.length - again).toBe(3);
});

test("a re-run does not duplicate our block, and takes it away from a cell no longer flagged", async () => {
  const wb = open("1.18");
  await check();
  const first = wb.notesOf(SHEET);
  await check();
  expect(wb.notesOf(SHEET)).toEqual(first);
  // The user gives D8 a date: no longer flagged, its note (ours only) goes.
  wb.sheet(SHEET)!.cell(7, 3).value = 44804;
  await check();
  const { D8, ...rest } = first;
  expect(D8).toBeDefined();
  expect(wb.notesOf(SHEET).D8).toBeUndefined();
  expect(wb.notesOf(SHEET)).toMatchObject(rest);
});

test("Rimuovi takes away only our lines: the user's note and the user's edits outside our block stay", async () => {
  const wb = open("1.18");
  await check();
  const s = wb.sheet(SHEET)!;
  s.cell(7, 3).note = `${s.peek(7, 3)!.note}\n\nAggiunto dall'utente dopo la verifica.`; // D8
  expect(await removeHighlights()).toMatchObject({ ok: true, restored: 6 });
  expect(wb.notesOf(SHEET)).toEqual({
    A3: "Nota su una cella non segnalata.",
    D7: USER_NOTE,
    D8: "Aggiunto dall'utente dopo la verifica.",
  });
});

test("a block the user edited: Rimuovi takes away the lines still ours and keeps the edited one", async () => {
  const wb = open("1.18");
  await check();
  const s = wb.sheet(SHEET)!;
  s.cell(60, 3).note = "Verifica PIAO:\n• Controllato con il dirigente: va bene così."; // D61, our bullet rewritten
  await removeHighlights();
  expect(wb.notesOf(SHEET).D61).toBe("• Controllato con il dirigente: va bene così.");
});

test("a memory written before the digests (our block in full) still has its lines taken away", async () => {
  const wb = open("1.18");
  const notesBefore = wb.notesOf(SHEET);
  await check();
  // Rewrite the note column of the memory as versions before this one wrote it: the block itself.
  const memory = wb.sheet(MEMORY_SHEET)!;
  const blockOf = new Map(Object.values(ourBlocks()).map((b) => [noteDigest(b), b]));
  let rewritten = 0;
  for (const [k, c] of memory.cells) {
    const [r, col] = k.split(",").map(Number);
    if (col !== 8 || memory.peek(r, 0)?.value !== "F" || !blockOf.has(String(c.value))) continue;
    c.value = blockOf.get(String(c.value))!;
    rewritten++;
  }
  expect(rewritten).toBe(6);
  expect(await removeHighlights()).toMatchObject({ ok: true, restored: 6 });
  expect(wb.notesOf(SHEET)).toEqual(notesBefore);
});

test("notes move with their cells: after inserting rows and a column, Rimuovi finds our lines where the cells went", async () => {
  const wb = open("1.18");
  await check();
  wb.insertRows(SHEET, 3, 2);
  wb.insertColumns(SHEET, 1);
  await removeHighlights();
  expect(wb.notesOf(SHEET)).toEqual({ A3: "Nota su una cella non segnalata.", E9: USER_NOTE });
});

test.each(["1.7", "1.13"])("at ExcelApi %s a check writes no note and leaves the user's notes alone", async (api) => {
  const wb = open(api);
  const notes = wb.notesOf(SHEET);
  await check();
  expect(wb.notesOf(SHEET)).toEqual(notes);
  expect(memoryNotes(wb).length).toBeGreaterThanOrEqual(6);
  expect(new Set(memoryNotes(wb))).toEqual(new Set([""]));
  await removeHighlights();
  expect(wb.notesOf(SHEET)).toEqual(notes);
});

test("the fake host: one note per cell, notes need ExcelApi 1.18", async () => {
  const wb = open("1.18");
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).notes.add("D7", "seconda");
      await ctx.sync();
    }),
  ).rejects.toThrow(/already has a note/);
  expect(wb.notesOf(SHEET).D7).toBe(USER_NOTE);
  open("1.17");
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).notes.getItemOrNullObject("D7").load("content");
      await ctx.sync();
    }),
  ).rejects.toThrow(/ApiNotFound/);
});
