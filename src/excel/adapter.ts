// The Excel adapter: runCheck, removeHighlights, selectCell. A check is three kinds of round trip:
// 1. read (read.ts): the sheets' values (values only: a formatted cell far away costs nothing) and the memory;
// 2. prepare: this run's lease (lease.ts), the fills of the cells to colour or restore, the summary cells;
// 3. write: the memory first (memory-sheet.ts), then the marks (marks.ts), the lease released.
// Each is one context.sync() for a usual plan; a round trip that would pass Excel on the web's 5 MB is split
// (see Batcher), sheets over 20,000 rows or workbooks over 20 sheets need one more read.
// A check skips the prepare round trip when the first read brought all its plan needs (two-trip.ts): from
// ExcelApi 1.9 a check that creates the memory, and at every level a re-run in the runtime that wrote last.
// A first check on ExcelApi 1.7/1.8 has no copy of the formats: it reads the fills of the active sheet's
// first cells blind (A1:N250, see BLIND_FILLS), and takes three when it flags a cell outside them (its
// original can only be read once it is known to be flagged, and must be in the memory before any colour).
//
// Requirement sets: the main path needs ExcelApi 1.7 (Office 2019/2021); 1.9 adds pattern, tint and
// getCellProperties (see fills.ts); merged areas (1.13) are read when available; 1.18 adds cell notes
// (see notes.ts), read in the prepare round trip and written after the fills.
import type { CheckReport, Lang } from "../core";
import { a1, checkWorkbook, marksByCell } from "../core";
import {
  locate,
  MEMORY_SHEET,
  NO_FILL,
  planHighlights,
  planRestore,
  planSummaries,
  posKey,
  type CellPos,
  type CellState,
  type Fill,
  type FillEntry,
  type Located,
  type MemoryEntry,
  type SummaryEntry,
} from "../core/memory";
import { Batcher, BYTES, jsonBytes } from "./batch";
import { fillAreas, queueFillReads, queueFillWrites, refuseAreas } from "./fills";
import { claim, granted, queueRelease, withLease, type RunLease } from "./lease";
import { compactMarks, fillEntry, mergesOf, noteBytes, queueMarks, refuseCompactWrites, summaryEntry, summaryGrowth, SUMMARY_SHIFT } from "./marks";
import { generationIs, queueMemoryRead, queueMemoryRest, queueResolveCopied, queueWriteMemory, resolveCopied, toMemory, type Memory } from "./memory-sheet";
import { firstLine, MESSAGES, oneLine } from "./messages";
import { ourNote } from "../core/note-block";
import { noteChanges, notesSupported, queueNoteReads, queueNoteWrites } from "./notes";
import { isMemory, readSheets, type Scope } from "./read";
import { hostLang, loadSettings, refreshSettings, type AddinSettings } from "./settings";
import { grownBy, queueGuess, removalPlan, rememberWrite, stopGuessing, twoTripCheck, twoTripsPossible, type Guess } from "./two-trip";

export type { Scope };


export interface CheckOutcome {
  ok: boolean;
  /** Why nothing (or not everything) was written: protected sheet, no table, error; null when ok. */
  message: string | null;
  report: CheckReport | null;
  /** The checked sheet (active scope) or null (all sheets). */
  sheet: string | null;
}

/** Rows of one summary-cell read: a band of a few columns, so each answer stays small. */
const SUMMARY_BAND_ROWS = 2000;

/**
 * Answer bytes of a cell's value and formula, from its value as the first read saw it: an empty cell is a
 * few bytes, one with a value may hold a formula longer than its result.
 */
const answerBytes = (value: unknown) => (value === null || value === undefined || value === "" ? BYTES.emptyCell : 2 * jsonBytes(value) + BYTES.formula);

/**
 * Values, formulas and hidden state of the cells where the summaries may go, read in the prepare round trip:
 * the summaries of one sheet that share a column are read as one band (columns col..col+SUMMARY_SHIFT), and
 * each column's hidden state once. `valueAt`: a cell's value as the first read saw it, to size the reads.
 */
async function queueSummaryCells(
  ctx: Excel.RequestContext,
  report: CheckReport,
  batch: Batcher,
  valueAt: (pos: CellPos) => unknown,
): Promise<() => (pos: CellPos) => CellState> {
  const groups = new Map<string, { sheet: string; col: number; top: number; bottom: number }>();
  for (const { summary: w } of report.objectives) {
    const k = `${w.sheet}\u0000${w.col}`;
    const g = groups.get(k) ?? { sheet: w.sheet, col: w.col, top: w.firstRow, bottom: w.firstRow };
    g.top = Math.min(g.top, w.firstRow);
    g.bottom = Math.max(g.bottom, w.firstRow + w.lines.length - 1);
    groups.set(k, g);
  }
  const bands = new Map<string, { sheet: string; col: number; top: number; range: Excel.Range }>();
  const hidden = new Map<string, Excel.Range>();
  for (const g of groups.values()) {
    const ws = ctx.workbook.worksheets.getItem(g.sheet);
    for (let top = g.top; top <= g.bottom; top += SUMMARY_BAND_ROWS) {
      const bottom = Math.min(g.bottom, top + SUMMARY_BAND_ROWS - 1);
      let answer = 0;
      for (let row = top; row <= bottom; row++) for (let col = g.col; col <= g.col + SUMMARY_SHIFT; col++) answer += answerBytes(valueAt({ sheet: g.sheet, row, col }));
      await batch.add(
        BYTES.rangeWrite,
        () => {
          const range = ws.getRange(`${a1(top, g.col)}:${a1(bottom, g.col + SUMMARY_SHIFT)}`);
          range.load("values,formulas");
          bands.set(`${g.sheet}\u0000${g.col}\u0000${top}`, { sheet: g.sheet, col: g.col, top, range });
        },
        answer,
      );
    }
    for (let col = g.col; col <= g.col + SUMMARY_SHIFT; col++) {
      const k = `${g.sheet}\u0000${col}`;
      if (hidden.has(k)) continue;
      await batch.add(BYTES.rangeWrite, () => {
        const letters = a1(0, col).replace(/\d+$/, "");
        hidden.set(k, ws.getRange(`${letters}:${letters}`).load("columnHidden"));
      });
    }
  }
  return () => {
    const cells = new Map<string, CellState>();
    for (const { sheet, col, top, range } of bands.values()) {
      range.values.forEach((row, r) =>
        row.forEach((value, c) => {
          const pos = { sheet, row: top + r, col: col + c };
          const isHidden = hidden.get(`${sheet}\u0000${col + c}`)!.columnHidden;
          cells.set(posKey(pos), { value: value as CellState["value"], formula: range.formulas[r][c], hidden: isHidden });
        }),
      );
    }
    // A cell not read is never free: the planner then stops within SUMMARY_SHIFT columns.
    return (pos) => cells.get(posKey(pos)) ?? { value: "?", formula: "?", hidden: true };
  };
}

/**
 * A batch that reaches Excel while the user is typing in a cell waits until the edit ends (ExcelApi 1.8)
 * instead of failing; an older host fails it with InvalidOperationInCellEditMode.
 */
const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };
const inCellEdit = (e: unknown) => /InvalidOperationInCellEditMode|cell-editing mode/i.test(firstLine(e));

/** One run at a time in this runtime (the lease in the workbook covers the other runtimes). */
let running = false;

async function exclusive<T>(busy: () => T, run: () => Promise<T>): Promise<T> {
  if (running) return busy();
  running = true;
  try {
    return await run();
  } finally {
    running = false;
  }
}

/**
 * Checks the active sheet (or every sheet), highlights the flagged cells, writes the summary columns.
 * Writes nothing when a sheet to be written is protected, no table is found, another check is running,
 * the memory cannot be written, or the read fails.
 */
export async function runCheck(scope: Scope, options: { today?: string } = {}): Promise<CheckOutcome> {
  const lang = hostLang();
  const t = MESSAGES[lang];
  if (typeof Excel === "undefined") return { ok: false, message: t.noExcel, report: null, sheet: null };
  return exclusive(
    () => ({ ok: false, message: t.busy, report: null, sheet: null }),
    async () => {
      try {
        await refreshSettings();
        const settings = loadSettings();
        return await Excel.run(RUN_OPTIONS, (ctx) => withLease(ctx, (lease) => check(ctx, lease, scope, settings, lang, options.today)));
      } catch (e) {
        return { ok: false, message: inCellEdit(e) ? t.cellEdit : t.failed(oneLine(e, lang)), report: null, sheet: null };
      }
    },
  );
}

const isFill = (l: Located): l is Located<FillEntry> => l.entry.kind === "fill";
const isSummary = (l: Located): l is Located<SummaryEntry> => l.entry.kind === "summary";

async function check(
  ctx: Excel.RequestContext,
  lease: RunLease,
  scope: Scope,
  settings: AddinSettings,
  lang: Lang,
  today: string | undefined,
): Promise<CheckOutcome> {
  const t = MESSAGES[lang];
  const { active, sheets, memory, cached, sheetBytes } = await readSheets(ctx, scope, settings, lease);
  if (isMemory(active)) return { ok: false, message: t.noTable(active), report: null, sheet: active };
  const sheetName = scope === "active" ? active : null;
  const report = checkWorkbook({ sheets: sheets.map((s) => s.grid) }, { sheet: sheetName ?? undefined, today, config: { ...settings, lang } });
  const fail = (message: string): CheckOutcome => ({ ok: false, message, report, sheet: sheetName });
  if (report.findings.some((f) => f.rule === "table-not-found")) return fail(t.noTable(sheetName));

  const byName = new Map(sheets.map((s) => [s.name, s]));
  const checked = new Set(scope === "active" ? [active] : sheets.map((s) => s.name));
  const marks = marksByCell(report.findings);
  for (const m of marks) checked.add(m.sheet); // e.g. responsabili-duplicate on the Responsabili sheet
  // Entries whose cell is gone are dropped; those of sheets not checked now are kept as they are.
  const located = memory.entries.map(locate).filter((l) => l.at !== null);
  const isMine = (l: Located) => checked.has(l.at!.sheet) && byName.has(l.at!.sheet);
  const mine = located.filter(isMine);
  const others = located.filter((l) => !isMine(l)).map((l) => l.entry);
  const previousFills = mine.filter(isFill);
  const previousSummaries = mine.filter(isSummary);

  const written = new Set([...marks.map((m) => m.sheet), ...previousFills.map((l) => l.at!.sheet), ...report.objectives.map((o) => o.sheet)]);
  const locked = [...written].find((s) => byName.get(s)?.protected);
  if (locked) return fail(t.protectedSheet(locked));
  if (memory.protected) return fail(t.protectedSheet(MEMORY_SHEET));
  const withNotes = notesSupported();

  if (twoTripsPossible(scope)) {
    const input = { report, marks, sheets: byName, written, withNotes, lang, memory, previousFills, previousSummaries, others, cached, lease, sheetBytes };
    const done = await twoTripCheck(ctx, input, fail);
    if (done === "again") return check(ctx, lease, scope, settings, lang, today);
    if (done) return { ...done, sheet: sheetName };
  }

  // Prepare: lease, fills, summary cells.
  const batch = new Batcher(ctx);
  const fillCells = new Map<string, CellPos>();
  for (const p of [...previousFills.map((l) => l.at!), ...marks.map((m) => ({ sheet: m.sheet, row: m.row, col: m.col }))]) fillCells.set(posKey(p), p);
  let fills: Map<string, Fill>;
  let notes = new Map<string, string | null>();
  let summaryCells: () => (pos: CellPos) => CellState;
  try {
    await claim(ctx, memory, batch, lease);
    summaryCells = await queueSummaryCells(ctx, report, batch, (p) => byName.get(p.sheet)?.grid.values[p.row]?.[p.col]);
    const readFills = await queueFillReads([...fillCells.values()], batch);
    const readNotes = withNotes ? await queueNoteReads([...fillCells.values()], batch) : null;
    const resolveCopied = await queueResolveCopied(memory, batch);
    await batch.flush();
    resolveCopied();
    fills = readFills();
    if (readNotes) notes = readNotes();
  } catch (e) {
    // Another run created the memory sheet at the same moment, or the workbook structure is protected.
    if (/already exists|ItemAlreadyExists/i.test(firstLine(e))) return fail(t.busy);
    return fail(memory.exists ? t.failed(oneLine(e, lang)) : t.protectedWorkbook);
  }
  if (!granted(lease, memory.generation)) return fail(t.busy);

  const highlights = planHighlights(previousFills, marks, (p) => fills.get(posKey(p)) ?? NO_FILL, withNotes ? ourNote : undefined);
  const readCell = summaryCells();
  const cellAt = (p: CellPos): CellState => {
    const c = readCell(p);
    if (c.formula !== "?") return c;
    // Outside the area read in the prepare round trip (a previous summary elsewhere): its value as read first.
    const value = byName.get(p.sheet)?.grid.values[p.row]?.[p.col] ?? null;
    return { value, formula: value, hidden: false };
  };
  const summaries = planSummaries(
    report.objectives.map((o) => o.summary),
    previousSummaries,
    cellAt,
    SUMMARY_SHIFT,
  );
  if (summaries.conflict) return fail(t.userCell(summaries.conflict.sheet, a1(summaries.conflict.row, summaries.conflict.col)));

  const idOf = (sheet: string) => byName.get(sheet)?.id ?? "";
  const entries: MemoryEntry[] = [
    ...others,
    ...highlights.remember.map((r) => fillEntry(r, idOf(r.sheet))),
    ...summaries.remember.map((s) => summaryEntry(s, idOf(s.sheet))),
  ];

  // Write: the memory first (a failing call stops the batch: if the memory cannot be written, nothing is
  // coloured), then the rest.
  const previousNotes = withNotes ? previousFills.map((l) => ({ ...l.at!, note: l.entry.note })) : null;
  const marksPlan = { summaries, highlights, previousNotes, notes, merges: mergesOf(sheets) };
  const compact = compactMarks(marksPlan);
  try {
    await queueWriteMemory(batch, entries, memory);
    await queueMarks(ctx, batch, marksPlan);
    await queueRelease(ctx, batch, lease);
    await batch.flush();
    lease.claim = null;
  } catch (e) {
    // A host without RangeAreas, or refusing null in a block: check again, writing range by range.
    if (compact && refuseCompactWrites(e)) return check(ctx, lease, scope, settings, lang, today);
    const memoryWritten = await generationIs(ctx, memory.generation + 1);
    return fail(memoryWritten ? t.writeFailed(oneLine(e, lang)) : t.memoryFailed(oneLine(e, lang)));
  }
  rememberWrite(entries, null, noteBytes(highlights), grownBy(sheetBytes, summaryGrowth(summaries, (p) => cellAt(p).value)));
  return { ok: true, message: null, report, sheet: sheetName };
}

/** Gives every highlighted cell its original fill back (unless the user recoloured it since). */
export async function removeHighlights(): Promise<{ ok: boolean; message: string | null; restored: number }> {
  const lang = hostLang();
  const t = MESSAGES[lang];
  if (typeof Excel === "undefined") return { ok: false, message: t.noExcel, restored: 0 };
  return exclusive(
    () => ({ ok: false, message: t.busy, restored: 0 }),
    async () => {
      try {
        return await Excel.run(RUN_OPTIONS, (ctx) => withLease(ctx, (lease) => restoreAll(ctx, lease, lang)));
      } catch (e) {
        return { ok: false, message: inCellEdit(e) ? t.cellEdit : t.removeFailed(oneLine(e, lang)), restored: 0 };
      }
    },
  );
}

/** What Rimuovi needs before it writes: the cells' current fills and notes, and whether a sheet is protected. */
interface RestoreInputs {
  fills: Map<string, Fill>;
  notes: Map<string, string | null>;
  /** The first protected sheet among those to restore, or null. */
  locked: string | null;
}

async function restoreAll(ctx: Excel.RequestContext, lease: RunLease, lang: Lang): Promise<{ ok: boolean; message: string | null; restored: number }> {
  const t = MESSAGES[lang];
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name,items/id");
  // From the pane that wrote last: the memory whole when it fits, and what the prepare round trip would read
  // (see CachedReads).
  const first = removalPlan();
  let read = queueMemoryRead(ctx, first.memoryEntries);
  const guess = first.guess ? await queueGuess(ctx, first.guess, lease) : null;
  try {
    await ctx.sync();
  } catch {
    if (guess) {
      stopGuessing();
      return restoreAll(ctx, lease, lang);
    }
    // A host refusing calls on a null object (no memory sheet): learn the sheets first.
    worksheets.load("items/name,items/id");
    await ctx.sync();
    if (!worksheets.items.some((w) => isMemory(w.name))) return { ok: true, message: null, restored: 0 };
    read = queueMemoryRead(ctx);
    await ctx.sync();
  }
  if (read.sheet.isNullObject) return { ok: true, message: null, restored: 0 };
  const rest = new Batcher(ctx);
  await queueMemoryRest(read, rest);
  await rest.flush();
  const memory = toMemory(read);
  const names = new Set(worksheets.items.map((w) => w.name));
  const located = memory.entries.map(locate).filter((l) => l.at !== null && names.has(l.at.sheet));
  const fillsAt = located.filter(isFill);
  if (fillsAt.length === 0 && memory.entries.every((e) => e.kind === "summary")) return { ok: true, message: null, restored: 0 };
  if (memory.protected) return { ok: false, message: t.protectedSheet(MEMORY_SHEET), restored: 0 };

  // Notes (1.18): the cells whose memory row holds a block of ours.
  const noted = notesSupported() ? fillsAt.filter((l) => l.entry.note) : [];
  const idOf = new Map(worksheets.items.map((w) => [w.name, w.id]));
  const batch = new Batcher(ctx);
  let inputs: RestoreInputs | null = guess ? fromGuess(guess, memory, fillsAt, noted, idOf) : null;
  if (!inputs) {
    try {
      inputs = await prepareRestore(ctx, memory, fillsAt, noted, batch, lease);
    } catch (e) {
      return { ok: false, message: t.removeFailed(oneLine(e, lang)), restored: 0 };
    }
  }
  if (!granted(lease, memory.generation)) return { ok: false, message: t.busy, restored: 0 };
  if (inputs.locked) return { ok: false, message: t.protectedSheet(inputs.locked), restored: 0 };
  const { fills, notes } = inputs;
  const plan = planRestore(fillsAt, (p) => fills.get(posKey(p)) ?? null);
  const summaries = located.filter(isSummary).map((l) => l.entry);
  const areas = fillAreas(plan.restore);
  try {
    // Restores first: a cell restored but still remembered is later seen as recoloured and simply forgotten.
    await queueFillWrites(plan.restore, batch);
    // Our note lines go with their memory row (an entry kept for a later try keeps them too).
    const forgotten = noted.filter((l) => !plan.keep.includes(l.entry)).map((l) => ({ ...l.at!, note: l.entry.note }));
    await queueNoteWrites(noteChanges(forgotten, []), notes, batch);
    const entries = [...summaries, ...plan.keep];
    await queueWriteMemory(batch, entries, memory);
    await queueRelease(ctx, batch, lease);
    await batch.flush();
    lease.claim = null;
    // The entries kept still have our blocks in their notes, as the notes read now hold them.
    const keptNotes = noted.filter((l) => plan.keep.includes(l.entry)).reduce((n, l) => n + (notes.get(posKey(l.at!)) ?? "").length, 0);
    rememberWrite(entries, null, keptNotes);
  } catch (e) {
    // A host without RangeAreas fills: again, range by range.
    if (areas && refuseAreas(e)) return restoreAll(ctx, lease, lang);
    return { ok: false, message: t.removeFailed(oneLine(e, lang)), restored: 0 };
  }
  return { ok: true, message: null, restored: plan.count };
}

/** The prepare round trip of Rimuovi: the lease, the current fills and notes, the copied originals, protection. */
async function prepareRestore(
  ctx: Excel.RequestContext,
  memory: Memory,
  fillsAt: Located<FillEntry>[],
  noted: Located<FillEntry>[],
  batch: Batcher,
  lease: RunLease,
): Promise<RestoreInputs> {
  const worksheets = ctx.workbook.worksheets;
  const sheetNames = [...new Set(fillsAt.map((l) => l.at!.sheet))];
  const sheets = sheetNames.map((n) => worksheets.getItem(n));
  for (const s of sheets) s.protection.load("protected");
  await claim(ctx, memory, batch, lease);
  const readFills = await queueFillReads(
    fillsAt.map((l) => l.at!),
    batch,
  );
  const readNotes = await queueNoteReads(
    noted.map((l) => l.at!),
    batch,
  );
  const resolveCopied = await queueResolveCopied(memory, batch);
  await batch.flush();
  resolveCopied();
  const locked = sheets.findIndex((s) => s.protection.protected);
  return { fills: readFills(), notes: readNotes(), locked: locked >= 0 ? sheetNames[locked] : null };
}

/** The inputs from the guess of the first round trip, when it read every cell to restore; null otherwise. */
function fromGuess(guess: Guess, memory: Memory, fillsAt: Located<FillEntry>[], noted: Located<FillEntry>[], idOf: Map<string, string>): RestoreInputs | null {
  const byId = (p: CellPos) => posKey({ sheet: idOf.get(p.sheet) ?? "", row: p.row, col: p.col });
  const read = guess.cached.fills();
  if (fillsAt.some((l) => !read.has(byId(l.at!)))) return null;
  if (!resolveCopied(memory, guess.cached.copied())) return null;
  const readNotes = guess.cached.notes?.() ?? new Map<string, string | null>();
  if (noted.some((l) => !readNotes.has(byId(l.at!)))) return null;
  const sheetIds = new Set(fillsAt.map((l) => idOf.get(l.at!.sheet) ?? ""));
  if ([...sheetIds].some((id) => !guess.protection.has(id))) return null;
  const locked = fillsAt.find((l) => guess.protection.get(idOf.get(l.at!.sheet) ?? "")!.protected);
  return {
    fills: new Map(fillsAt.map((l) => [posKey(l.at!), read.get(byId(l.at!))!])),
    notes: new Map(noted.map((l) => [posKey(l.at!), readNotes.get(byId(l.at!))!])),
    locked: locked ? locked.at!.sheet : null,
  };
}

/** Activates the sheet and selects the cell of a finding. */
export async function selectCell(sheet: string, cell: string): Promise<string | null> {
  const t = MESSAGES[hostLang()];
  if (typeof Excel === "undefined") return t.noExcel;
  try {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    });
    return null;
  } catch {
    return t.selectFailed(sheet, cell);
  }
}
