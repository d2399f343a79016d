// The check in two round trips (ExcelApi 1.9): the first read brings what the plan needs, the second writes.
// See twoTripCheck; the three-trip check in adapter.ts is the way when this one cannot be taken.
import type { CheckReport, Lang, marksByCell } from "../core";
import { a1 } from "../core";
import {
  NO_FILL,
  parseAnchor,
  planHighlights,
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
import { ourNote } from "../core/note-block";
import { Batcher, BYTES, MAX_BYTES } from "./batch";
import type { CheckOutcome } from "./adapter";
import { fillReadBytes, queueFillReads, supports, toFill } from "./fills";
import { claim, granted, queueClaim, queueRelease, type RunLease } from "./lease";
import { compactMarks, fillEntry, mergesOf, noteBytes, queueMarks, refuseCompactWrites, summaryEntry, summaryGrowth, SUMMARY_SHIFT, type MarksPlan } from "./marks";
import {
  BLIND_ENTRIES,
  generationIs,
  memoryExists,
  memoryReadBytes,
  planCopies,
  queueWriteMemory,
  resolveCopied,
  type Copies,
  type CopyPlan,
  type Memory,
  type MemoryBytes,
} from "./memory-sheet";
import { firstLine, MESSAGES, oneLine } from "./messages";
import { notesSupported, queueNoteReads } from "./notes";
import type { Scope, SheetBytes, SheetData } from "./read";

/** A host that refused a call of the two-trip check: this runtime checks in three round trips from then on. */
let twoTripsBroken = false;
/**
 * A first check copies the originals (Range.copyFrom, ExcelApi 1.9); below 1.9 a first check of the active
 * sheet reads the fills of its first cells blind (see BLIND_FILLS); a re-run or Rimuovi after a write of this
 * runtime reads them with its guess, at any API level (on 1.7/1.8 a re-run that flags a cell the last one
 * did not, or a first check that flags one outside the cells read blind, still needs its original read
 * first: three round trips).
 */
export const twoTripsPossible = (scope: Scope = "active") => !twoTripsBroken && (supports("1.9") || wroteHere() || scope === "active");

/**
 * The cells of the active sheet whose fills a first check below ExcelApi 1.9 reads blind with its first
 * round trip, one format.fill load each (A1:N250, 3,500 cells, some 2.8 MB sent and 0.2 MB back): a plan's
 * tables usually lie there, and a flagged cell among them needs no prepare round trip for its original.
 */
export const BLIND_FILLS = { rows: 250, cols: 14 };

/** Queues the blind fill loads of a first check below 1.9 on `sheet` (its id loaded); after the sync, the fills by posKey with the sheet's id. */
export function queueBlindFills(sheet: Excel.Worksheet): CachedReads {
  const fills: { row: number; col: number; fill: Excel.RangeFill }[] = [];
  for (let row = 0; row < BLIND_FILLS.rows; row++) {
    for (let col = 0; col < BLIND_FILLS.cols; col++) fills.push({ row, col, fill: sheet.getRange(a1(row, col)).format.fill.load("color") });
  }
  return {
    fills: () => new Map(fills.map(({ row, col, fill }) => [posKey({ sheet: sheet.id, row, col }), toFill(fill.color)])),
    copied: () => new Map(),
    notes: null,
  };
}
export const PAYLOAD_REFUSED = /payload size has exceeded the limit/i;

/** After a host refused a call of the two-trip check: three round trips from now on, in this runtime. */
export function giveUpTwoTrips(): void {
  twoTripsBroken = true;
}

/** After the read failed the same way without them: the two-trip calls were not what the host refused. */
export function resumeTwoTrips(): void {
  twoTripsBroken = false;
}

/** Where this runtime's last write left its marks, and which memory-sheet cells hold copied originals (see CachedReads). */
export interface LastWrite {
  /** The document written (a runtime serves one; a test host installs a new one for each workbook). */
  document: unknown;
  marks: (CellPos & { sheetId: string })[];
  copied: CellPos[];
  /** Answer bytes of the sheets in the last check's first read, and of the memory as a first read brings it back. */
  sheetBytes: SheetBytes;
  memoryBytes: MemoryBytes;
  /** Characters of the note blocks written (1.18): the memory keeps only their digests. */
  noteBytes: number;
  /** Per sheet (by id), the columns and the last row of the summary lines written. */
  summaryColumns: { sheetId: string; left: number; right: number; bottom: number }[];
}
let lastWrite: LastWrite | null = null;
/** A guess failed in this runtime (a sheet gone, or a host that does not find sheets by id): no more guesses. */
let guessesFailed = false;
export const currentDocument = (): unknown => (typeof Office === "undefined" ? undefined : Office.context?.document);
/**
 * What a re-run's first read carries besides its guess, as a multiple of its estimate (see firstReadPlan): the
 * sheets as the last check read them and grew by its summary lines, and the memory it wrote, so a margin for
 * what the user typed since.
 */
const CARRIED_MARGIN = 1.1;
/** Rows whose formulas a lean first read brings (see firstReadPlan); a full one brings all 20,000. */
export const LEAN_ROWS = 5000;

/** Whether this runtime has written this document's memory (so the memory sheet exists). */
export const wroteHere = () => lastWrite !== null && lastWrite.document === currentDocument();

/**
 * Whether the first round trip can also read what the last write of this runtime marked (a guess) beside
 * the `carried` answer bytes it brings anyway, under the budget each way.
 */
function guessFits(last: LastWrite, carried: number): boolean {
  if (guessesFailed || twoTripsBroken) return false;
  const cost = fillReadBytes(last.marks.map((m) => ({ sheet: m.sheetId, row: m.row, col: m.col })));
  cost.request += BYTES.rangeWrite;
  if (notesSupported()) {
    // 1.18: one call a mark for its note, which brings back the block written last and the user's text.
    cost.request += last.marks.length * BYTES.noteRead;
    cost.answer += last.noteBytes * 2;
  }
  const copied = fillReadBytes(last.copied);
  cost.request += copied.request;
  cost.answer += copied.answer;
  return cost.request <= MAX_BYTES - READ_REQUEST && cost.answer <= MAX_BYTES - carried;
}

/** What a first read takes of the memory: the entries it reads blind (the rest come with the next round trip). */
export interface MemoryPlan {
  memoryEntries: number;
}

/** The ways to read a memory this runtime wrote: whole, then its first BLIND_ENTRIES (answer bytes of each). */
function memoryReads(last: LastWrite): { memoryEntries: number; bytes: number }[] {
  const blind = { memoryEntries: BLIND_ENTRIES, bytes: last.memoryBytes.blind };
  return last.memoryBytes.entries > BLIND_ENTRIES ? [{ memoryEntries: last.memoryBytes.entries, bytes: last.memoryBytes.all }, blind] : [blind];
}

/**
 * Rimuovi's first round trip: the memory, whole when this runtime wrote it and it fits, and with it the last
 * write of this runtime (a guess: see CachedReads) when what it marked can be read too.
 */
export function removalPlan(): MemoryPlan & { guess: LastWrite | null } {
  if (!wroteHere()) return { memoryEntries: BLIND_ENTRIES, guess: null };
  const reads = memoryReads(lastWrite!);
  for (const read of reads) if (guessFits(lastWrite!, read.bytes * CARRIED_MARGIN)) return { memoryEntries: read.memoryEntries, guess: lastWrite };
  return { memoryEntries: reads.find((r) => r.bytes * CARRIED_MARGIN <= MAX_BYTES)?.memoryEntries ?? BLIND_ENTRIES, guess: null };
}

/**
 * How the first read of a check goes: the formulas of all 20,000 rows or of the first LEAN_ROWS (`lean`),
 * the memory entries it reads, and the guess it makes. A first check in this runtime takes all: a sheet of up
 * to 20,000 rows is then checked in two round trips. A re-run is sized on what the last one read and wrote:
 * lean when its summaries ended within LEAN_ROWS, the whole memory and the guess when they fit beside the
 * sheets (2,000 marks spread over 20,000 rows are 2,000 small reads, which a check of those rows cannot carry
 * but Rimuovi can); without a guess, a lean read and three round trips.
 */
export function firstReadPlan(): MemoryPlan & { lean: boolean; guess: LastWrite | null } {
  if (!wroteHere()) return { lean: false, guess: null, memoryEntries: BLIND_ENTRIES };
  const last = lastWrite!;
  // Summaries that ended within LEAN_ROWS: their formulas come with a lean read. Past it, a lean read brings
  // those columns with the rest of the memory, in the next round trip: reading it whole first gains nothing.
  const lastSummaryRow = Math.max(-1, ...last.summaryColumns.map((c) => c.bottom));
  const modes = lastSummaryRow < LEAN_ROWS ? [true] : [false, true];
  const reads = memoryReads(last);
  const blind = reads[reads.length - 1];
  for (const lean of modes) {
    for (const read of lean && lastSummaryRow >= LEAN_ROWS ? [blind] : reads) {
      // A margin on the estimate: the formulas not loaded last time are sized on their values.
      const carried = (read.bytes + (lean ? last.sheetBytes.lean : last.sheetBytes.all)) * CARRIED_MARGIN;
      if (guessFits(last, carried)) return { lean, guess: last, memoryEntries: read.memoryEntries };
    }
  }
  // Without a guess a re-run takes three round trips, and the prepare one reads the summary cells.
  const whole = reads.find((r) => (r.bytes + last.sheetBytes.lean) * CARRIED_MARGIN <= MAX_BYTES) ?? blind;
  return { lean: true, guess: null, memoryEntries: whole.memoryEntries };
}

/** After a first round trip whose guess failed even with the sheets learnt again: no more guesses here. */
export function stopGuessing(): void {
  guessesFailed = true;
}

/** After the read failed the same way without its guess: the guess was not what the host refused. */
export function resumeGuessing(): void {
  guessesFailed = false;
}

/**
 * A guess made with the first round trip of a re-run: the fills of the cells the last write of this runtime
 * marked (by sheet id, so a renamed sheet is still found) and of its copied originals. The check uses them
 * only when every mark the memory locates now was among them: then it needs no prepare round trip.
 */
export interface CachedReads {
  /** Fills keyed by posKey with the sheet's id as sheet. */
  fills: () => Map<string, Fill>;
  /** The copied originals, keyed by posKey of their memory-sheet cell. */
  copied: () => Map<string, Fill>;
  /** ExcelApi 1.18: the notes of the same cells, keyed alike (null: no note); null below 1.18. */
  notes: (() => Map<string, string | null>) | null;
}

/** The sheets' bytes after a write that added `growth` (see summaryGrowth; a lean read counts it whole: a margin). */
export const grownBy = (bytes: SheetBytes, growth: number): SheetBytes => ({ all: bytes.all + growth, lean: bytes.lean + growth });

/** The sheets' size when no check of this runtime read them (after Rimuovi alone). */
const UNKNOWN_SIZE: SheetBytes = { all: Infinity, lean: Infinity };

/** What a first read sends for the sheets and the memory, besides a guess. */
const READ_REQUEST = 200_000;

/**
 * Remembers where this write left its marks. `sheetBytes`: the answer bytes of the sheets in the check's
 * first read (unknown after Rimuovi: then the last check's, or no guess for a check).
 */
export function rememberWrite(entries: MemoryEntry[], copies: CopyPlan | null, noteBytes: number, sheetBytes = wroteHere() ? lastWrite!.sheetBytes : UNKNOWN_SIZE): void {
  const marks: LastWrite["marks"] = [];
  const summaryColumns = new Map<string, LastWrite["summaryColumns"][number]>();
  for (const e of entries) {
    const at = parseAnchor(e.anchor);
    if (at && e.kind === "summary") {
      const c = summaryColumns.get(e.sheetId) ?? { sheetId: e.sheetId, left: at.col, right: at.col, bottom: at.row };
      summaryColumns.set(e.sheetId, { sheetId: e.sheetId, left: Math.min(c.left, at.col), right: Math.max(c.right, at.col), bottom: Math.max(c.bottom, at.row) });
    }
    if (at && e.kind === "fill" && e.sheetId) marks.push({ ...at, sheetId: e.sheetId });
  }
  const copied = copies ? [...copies.at.values()] : [];
  lastWrite = { document: currentDocument(), marks, copied, sheetBytes, memoryBytes: memoryReadBytes(entries), noteBytes, summaryColumns: [...summaryColumns.values()] };
}

async function queueCachedReads(ctx: Excel.RequestContext, marks: LastWrite["marks"], copiedCells: CellPos[]): Promise<CachedReads> {
  // Not a real batcher: everything goes in the first round trip, synced by the caller.
  const unbounded = new Batcher(ctx, Infinity);
  const cells = marks.map((m) => ({ sheet: m.sheetId, row: m.row, col: m.col }));
  const fills = await queueFillReads(cells, unbounded);
  const copied = await queueFillReads(copiedCells, unbounded);
  const notes = notesSupported() ? await queueNoteReads(cells, unbounded) : null;
  return { fills, copied, notes };
}

/** A guess made with the first round trip: the cached reads and the protection of the sheets marked last; the lease claimed. */
export interface Guess {
  cached: CachedReads;
  /** By sheet id. */
  protection: Map<string, Excel.WorksheetProtection>;
}

/** `sheetIds`: the sheets known to exist (null: not known); marks on others are not read (their sheet is gone). */
export async function queueGuess(ctx: Excel.RequestContext, last: LastWrite, lease: RunLease, sheetIds: Set<string> | null = null): Promise<Guess> {
  const marks = last.marks.filter((m) => !sheetIds || sheetIds.has(m.sheetId));
  const cached = await queueCachedReads(ctx, marks, last.copied);
  const ids = [...new Set(marks.map((m) => m.sheetId))];
  const protection = new Map(
    ids.map((id) => {
      const p = ctx.workbook.worksheets.getItem(id).protection;
      p.load("protected");
      return [id, p];
    }),
  );
  queueClaim(ctx, lease); // last: a call that fails stops the batch before it
  return { cached, protection };
}

export interface TwoTripInput {
  report: CheckReport;
  marks: ReturnType<typeof marksByCell>;
  sheets: Map<string, SheetData>;
  written: Set<string>;
  withNotes: boolean;
  lang: Lang;
  memory: Memory;
  previousFills: Located<FillEntry>[];
  previousSummaries: Located<SummaryEntry>[];
  others: MemoryEntry[];
  cached: CachedReads | null;
  lease: RunLease;
  /** See ReadResult. */
  sheetBytes: SheetBytes;
}

/**
 * A check in the read round trip and the write round trip (ExcelApi 1.9; more than one write round trip only
 * when the write passes the budget). The formulas and hidden columns where the summaries go came with the
 * read. The original fills of newly flagged cells are not read but copied into the memory sheet
 * (Range.copyFrom, formats) in the round trip that colours, before any colour. Without a memory, creating
 * the memory sheet is the lock: a run that started at the same moment fails to create it and is refused,
 * having written nothing; the lease is claimed with it. With one (a re-run in this runtime), the first round
 * trip claimed the lease and read the fills of the cells the last write marked (see CachedReads).
 * Null when the plan needs what the read did not bring (rows past the formulas read, columns past AN, a note
 * on a sheet to mark that was not read, a mark the guess missed): then the three-trip check runs. "again"
 * when the host refused a call of it before the memory was written (check again in three round trips), or
 * refused a compact write after it (check again without: see refuseCompactWrites).
 */
export async function twoTripCheck(
  ctx: Excel.RequestContext,
  input: TwoTripInput,
  fail: (message: string) => CheckOutcome,
): Promise<CheckOutcome | "again" | null> {
  const { memory, lease } = input;
  const t = MESSAGES[input.lang];
  const rerun = memory.exists;
  const known = (sheet: string) => input.sheets.get(sheet)?.known ?? null;
  const idOf = (sheet: string) => input.sheets.get(sheet)?.id ?? "";
  if ([...input.written].some((s) => !known(s))) return null;
  const byId = (p: CellPos) => posKey({ sheet: idOf(p.sheet), row: p.row, col: p.col });

  /** The fill of a cell as read with the first round trip; undefined when it was not read (its original is copied). */
  let current: (pos: CellPos) => Fill | undefined = () => undefined;
  /** The notes read with the first round trip, by cell (posKey): a cell not among them has none. */
  const notes = new Map<string, string | null>();
  /** Per sheet, how many of those cells have a note. */
  const notesRead = new Map<string, number>();
  if (!rerun && input.cached) {
    // Below 1.9 a first check has no copy: the fills read blind with the first round trip are the originals.
    const fills = input.cached.fills();
    current = (p) => fills.get(byId(p));
  }
  if (rerun) {
    if (!input.cached || !lease.claim) return null;
    if (!granted(lease, memory.generation)) return fail(t.busy);
    const fills = input.cached.fills();
    current = (p) => fills.get(byId(p));
    if (input.previousFills.some((l) => !current(l.at!))) return null;
    if (!resolveCopied(memory, input.cached.copied())) return null;
    const read = input.cached.notes?.() ?? new Map<string, string | null>();
    for (const { at } of input.previousFills) {
      const note = read.get(byId(at!));
      if (note === undefined || notes.has(posKey(at!))) continue;
      notes.set(posKey(at!), note);
      if (note !== null) notesRead.set(at!.sheet, (notesRead.get(at!.sheet) ?? 0) + 1);
    }
  }
  // Notes (1.18): a flagged cell's note must be known before ours goes below it. Every note of a sheet to mark
  // must be among those read: the sheet's count of notes says whether there are others.
  if (input.withNotes && input.marks.some((m) => known(m.sheet)!.notes !== (notesRead.get(m.sheet) ?? 0))) return null;

  let unknownCell = false;
  const cellAt = (p: CellPos): CellState => {
    const k = known(p.sheet);
    const cell = k?.cell(p.row, p.col);
    if (!k || !cell || p.col >= k.hidden.length) {
      unknownCell = true;
      return { value: "?", formula: "?", hidden: true };
    }
    return { ...cell, hidden: k.hidden[p.col] };
  };
  const summaries = planSummaries(
    input.report.objectives.map((o) => o.summary),
    input.previousSummaries,
    cellAt,
    SUMMARY_SHIFT,
  );
  if (unknownCell) return null;
  if (summaries.conflict) return fail(t.userCell(summaries.conflict.sheet, a1(summaries.conflict.row, summaries.conflict.col)));
  const highlights = planHighlights(input.previousFills, input.marks, (p) => current(p) ?? NO_FILL, input.withNotes ? ourNote : undefined);
  if (!supports("1.9") && highlights.remember.some((r) => !current(r))) return null;
  // A cell whose fill was not read gets its original copied.
  const copied: Copies = new Map();
  const fillEntries = highlights.remember.map((r) => {
    const entry = fillEntry(r, idOf(r.sheet));
    if (!current(r)) copied.set(entry, { sheet: r.sheet, row: r.row, col: r.col });
    return entry;
  });
  const entries: MemoryEntry[] = [...input.others, ...fillEntries, ...summaries.remember.map((s) => summaryEntry(s, idOf(s.sheet)))];
  const previousNotes = input.withNotes ? input.previousFills.map((l) => ({ ...l.at!, note: l.entry.note })) : null;
  const plan: MarksPlan = { summaries, highlights, previousNotes, notes, merges: mergesOf(input.sheets.values()) };
  const copies = planCopies(copied, plan.merges);
  const compact = compactMarks(plan);
  try {
    const batch = new Batcher(ctx);
    // Creating the memory sheet is the lock; the lease claimed with it keeps it when the write takes more
    // than one round trip (a run that starts in between finds the sheet, and the lease, and is refused).
    if (!rerun) await claim(ctx, memory, batch, lease);
    await queueWriteMemory(batch, entries, memory, copies);
    await queueMarks(ctx, batch, plan);
    await queueRelease(ctx, batch, lease);
    await batch.flush();
    lease.claim = null;
  } catch (e) {
    if (/already exists|ItemAlreadyExists/i.test(firstLine(e))) return fail(t.busy);
    if (compact && refuseCompactWrites(e)) return "again";
    if (await generationIs(ctx, memory.generation + 1)) return fail(t.writeFailed(oneLine(e, input.lang)));
    if (!rerun && !(await memoryExists(ctx))) return fail(t.protectedWorkbook);
    twoTripsBroken = true;
    return "again";
  }
  rememberWrite(entries, copies, noteBytes(plan.highlights), grownBy(input.sheetBytes, summaryGrowth(summaries, (p) => known(p.sheet)?.cell(p.row, p.col)?.value)));
  return { ok: true, message: null, report: input.report, sheet: null };
}
