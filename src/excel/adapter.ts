// The Excel adapter. A check is three kinds of round trip:
// 1. read: the sheets' values (values only: a formatted cell far away costs nothing) and the memory;
// 2. prepare: this run's lease, the fills of the cells to colour or restore, the cells where the summary goes;
// 3. write: the memory first, then the summary, the restored fills, the highlights, the lease released.
// Each is one context.sync() for a usual plan; a round trip that would pass Excel on the web's 5 MB is split
// (see Batcher), sheets over 20,000 rows or workbooks over 20 sheets need one more read.
// From ExcelApi 1.9 the check that creates the memory skips the prepare round trip (see twoTripCheck): two
// context.sync() in all. On ExcelApi 1.7/1.8 the originals can only be read once the flagged cells are known,
// and all or nothing needs them in the memory before any colour: three.
//
// Requirement sets: the main path needs ExcelApi 1.7 (Office 2019/2021); 1.9 adds pattern, tint and
// getCellProperties (see fills.ts); merged areas (1.13) are read when available; 1.18 adds cell notes
// (see notes.ts), read in the prepare round trip and written after the fills.
import type { CheckReport, Lang, SheetGrid } from "../core";
import { a1, checkWorkbook, marksByCell } from "../core";
import {
  anchorFormula,
  locate,
  MEMORY_SHEET,
  NO_FILL,
  parseAnchor,
  planHighlights,
  planRestore,
  planSummaries,
  posKey,
  summaryRuns,
  type CellPos,
  type CellState,
  type Fill,
  type FillEntry,
  type HighlightPlan,
  type Located,
  type MemoryEntry,
  type SummaryEntry,
  type SummaryPlan,
} from "../core/memory";
import { Batcher, ByteCounter, BYTES, jsonBytes, MAX_BYTES } from "./batch";
import { fillRuns, queueFillReads, supports, writeFill } from "./fills";
import { assembleSheet, parseMergedAddress, type RangeData } from "./grid";
import {
  leaseCell,
  noMemory,
  queueClaimLease,
  queueCopiedReads,
  queueCreateMemory,
  queueMemoryRead,
  queueMemoryRest,
  queueReleaseLease,
  queueResolveCopied,
  queueWriteMemory,
  resolveCopied,
  toMemory,
  type Copies,
  type LeaseClaim,
  type Memory,
} from "./memory-sheet";
import { firstLine, MESSAGES, oneLine } from "./messages";
import { ourNote } from "../core/note-block";
import { noteChanges, notesSupported, queueNoteReads, queueNoteWrites } from "./notes";
import { hostLang, loadSettings, refreshSettings, type AddinSettings } from "./settings";

export type Scope = "active" | "all";

export interface CheckOutcome {
  ok: boolean;
  /** Why nothing (or not everything) was written: protected sheet, no table, error; null when ok. */
  message: string | null;
  report: CheckReport | null;
  /** The checked sheet (active scope) or null (all sheets). */
  sheet: string | null;
}

const CHUNK_ROWS = 1000;
/** Rows of a chunk when a sheet is read by size (after a refused blind read): finer, to fill each round trip. */
const SAFE_CHUNK_ROWS = 250;
/** Row chunks queued blind in the first batch (rows 1..20,000); longer sheets need one more read. */
const BLIND_CHUNKS = 20;
/** Sheets queued blind for "all sheets" (first, next, next...); a workbook with more needs one more read. */
const BLIND_SHEETS = 20;
/** Usual names of the sheet holding the Responsabili table, read along with the active sheet. */
const RESPONSABILI_NAMES = ["Responsabili", "Elenco Responsabili"];
/** Columns right of the core's summary column read in the prepare round trip (hidden or taken ones are skipped). */
const SUMMARY_SHIFT = 5;
/** What the first read brings for a two-trip check: formulas of the first chunks, hidden state of the first columns. */
const KNOWN_CHUNKS = 2;
const KNOWN_COLUMNS = 40;

interface SheetRead {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  chunks: Excel.Range[];
  merged: Excel.RangeAreas | null;
  /** Read for a two-trip check (null otherwise): columns A.. hidden or not, the number of notes (1.18). */
  columns: Excel.Range[] | null;
  noteCount: OfficeExtension.ClientResult<number> | null;
}

/** A cell as the first read saw it: value and formula (the value when it has none). */
type KnownCell = Pick<CellState, "value" | "formula">;

/** What the first read tells of the cells where summaries may go, for a two-trip check. */
interface KnownCells {
  /** null: not read (beyond the first KNOWN_CHUNKS chunks). */
  cell: (row: number, col: number) => KnownCell | null;
  hidden: boolean[];
  /** Notes on the sheet (ExcelApi 1.18), null below 1.18. */
  notes: number | null;
}

interface SheetData {
  name: string;
  id: string;
  protected: boolean;
  grid: SheetGrid;
  known: KnownCells | null;
}

function queueChunk(sheet: Excel.Worksheet, used: Excel.Range, k: number, rows = CHUNK_ROWS, formulas = false): Excel.Range {
  // Whole rows intersected with the used range: a chunk past the end is a null object, so chunks can be
  // queued before the size of the sheet is known, all in the same batch.
  const chunk = sheet.getRange(`${k * rows + 1}:${(k + 1) * rows}`).getIntersectionOrNullObject(used);
  chunk.load(formulas ? "rowIndex,columnIndex,values,numberFormat,formulas" : "rowIndex,columnIndex,values,numberFormat");
  return chunk;
}

const columnLetters = (col: number) => a1(0, col).replace(/\d+$/, "");

/**
 * Queues the read of a sheet (possibly a null object: then everything derived from it is null too).
 * `toWrite`: a sheet the check may write, read with what a two-trip check needs (ExcelApi 1.9).
 */
function queueRead(sheet: Excel.Worksheet, blind = BLIND_CHUNKS, toWrite = false): SheetRead {
  sheet.load("name,id");
  sheet.protection.load("protected");
  // Values only: formatting alone (a stray fill at XFD1048576) does not widen what is read.
  const used = sheet.getUsedRange(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const twoTrip = toWrite && twoTripsPossible();
  const chunks = Array.from({ length: blind }, (_, k) => queueChunk(sheet, used, k, CHUNK_ROWS, twoTrip && k < KNOWN_CHUNKS));
  let merged: Excel.RangeAreas | null = null;
  if (supports("1.13")) {
    merged = used.getMergedAreasOrNullObject();
    merged.load("address");
  }
  const columns = twoTrip
    ? Array.from({ length: KNOWN_COLUMNS }, (_, c) => sheet.getRange(`${columnLetters(c)}:${columnLetters(c)}`).load("columnHidden"))
    : null;
  const noteCount = twoTrip && notesSupported() ? sheet.notes.getCount() : null;
  return { sheet, used, chunks, merged, columns, noteCount };
}

/** The cells of the first KNOWN_CHUNKS chunks (formulas loaded), and the columns' hidden state. */
function knownCells(read: SheetRead): KnownCells | null {
  if (!read.columns) return null;
  const knownRows = KNOWN_CHUNKS * CHUNK_ROWS;
  const chunks = read.chunks.slice(0, KNOWN_CHUNKS);
  const empty: KnownCell = { value: "", formula: "" };
  return {
    cell: (row, col) => {
      if (row >= knownRows) return null;
      const chunk = chunks[Math.floor(row / CHUNK_ROWS)];
      // A chunk past the used range, or a cell beside it: nothing there (the used range counts formulas too).
      if (chunk.isNullObject) return empty;
      const r = row - chunk.rowIndex;
      const c = col - chunk.columnIndex;
      if (r < 0 || r >= chunk.values.length || c < 0 || c >= chunk.values[r].length) return empty;
      return { value: chunk.values[r][c] as CellState["value"], formula: chunk.formulas[r][c] };
    },
    hidden: read.columns.map((c) => c.columnHidden),
    notes: read.noteCount ? read.noteCount.value : null,
  };
}

/** Queues the chunks beyond those already queued; true when there were any (the caller syncs once more). */
function queueRest(read: SheetRead, from = BLIND_CHUNKS): boolean {
  if (read.sheet.isNullObject || read.used.isNullObject) return false;
  const lastRow = read.used.rowIndex + read.used.rowCount;
  for (let k = Math.max(from, read.chunks.length); k * CHUNK_ROWS < lastRow; k++) (read.chunks[k] = queueChunk(read.sheet, read.used, k));
  return read.chunks.length > from;
}

function toData(read: SheetRead): SheetData {
  const chunks: RangeData[] = read.chunks
    .filter((c) => !c.isNullObject)
    .map((c) => ({ rowIndex: c.rowIndex, columnIndex: c.columnIndex, values: c.values, numberFormat: c.numberFormat }));
  const merges = read.merged && !read.merged.isNullObject ? parseMergedAddress(read.merged.address) : [];
  return {
    name: read.sheet.name,
    id: read.sheet.id,
    protected: read.sheet.protection.protected,
    grid: assembleSheet(read.sheet.name, chunks, merges),
    known: knownCells(read),
  };
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isMemory = (name: string) => sameName(name, MEMORY_SHEET);

interface ReadResult {
  active: string;
  sheets: SheetData[];
  memory: Memory;
  /** The fills where this runtime's last write left its marks, read with the first round trip; null when not read. */
  cached: CachedReads | null;
}

/** Where this runtime's last write left its marks, and which memory rows hold copied originals (see CachedReads). */
interface LastWrite {
  /** The document written (a runtime serves one; a test host installs a new one for each workbook). */
  document: unknown;
  marks: (CellPos & { sheetId: string })[];
  copiedRows: number[];
}
let lastWrite: LastWrite | null = null;
const currentDocument = (): unknown => (typeof Office === "undefined" ? undefined : Office.context?.document);
/** More marks than this are not read on a guess: the prepare round trip reads them. */
const CACHED_CELLS = 5000;

/**
 * A guess made with the first round trip of a re-run: the fills of the cells the last write of this runtime
 * marked (by sheet id, so a renamed sheet is still found) and of its copied originals. The check uses them
 * only when every mark the memory locates now was among them: then it needs no prepare round trip.
 */
interface CachedReads {
  /** Fills keyed by posKey with the sheet's id as sheet. */
  fills: () => Map<string, Fill>;
  copied: () => Map<number, Fill>;
}

function rememberWrite(entries: MemoryEntry[], copies: Copies): void {
  const marks: LastWrite["marks"] = [];
  const copiedRows: number[] = [];
  entries.forEach((e, i) => {
    if (e.kind !== "fill") return;
    const at = parseAnchor(e.anchor);
    if (at && e.sheetId) marks.push({ ...at, sheetId: e.sheetId });
    if (copies.has(e)) copiedRows.push(i + 1);
  });
  lastWrite = { document: currentDocument(), marks, copiedRows };
}

async function queueCachedReads(ctx: Excel.RequestContext, last: LastWrite): Promise<CachedReads> {
  // Not a real batcher: everything goes in the first round trip, synced by readSheets.
  const unbounded = new Batcher(ctx, Infinity);
  const fills = await queueFillReads(
    last.marks.map((m) => ({ sheet: m.sheetId, row: m.row, col: m.col })),
    (id) => ctx.workbook.worksheets.getItem(id),
    unbounded,
  );
  const copied = await queueCopiedReads(ctx, last.copiedRows, unbounded);
  return { fills, copied };
}

/**
 * Reads what the check needs in ONE sync: the active sheet and its Responsabili sheet (active scope), or
 * every sheet through a blind chain first, next, next... (all sheets), and the memory sheet.
 */
async function readSheets(ctx: Excel.RequestContext, scope: Scope, settings: AddinSettings, lease: RunLease): Promise<ReadResult> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const activeSheet = worksheets.getActiveWorksheet();
  activeSheet.load("name");
  let reads: SheetRead[];
  if (scope === "active") {
    const wanted = [settings.responsabiliSheet, ...RESPONSABILI_NAMES].filter((n): n is string => !!n);
    reads = [queueRead(activeSheet, BLIND_CHUNKS, true), ...wanted.map((n) => queueRead(worksheets.getItemOrNullObject(n)))];
  } else {
    const chain = [worksheets.getFirst()];
    while (chain.length < BLIND_SHEETS) chain.push(chain[chain.length - 1].getNextOrNullObject());
    reads = chain.map((s) => queueRead(s, BLIND_CHUNKS, true));
  }
  const memory = queueMemoryRead(ctx);
  // A re-run in this runtime: the marks of the last write and the lease, so that the check may write next.
  const guess = lastWrite && lastWrite.document === currentDocument() && twoTripsPossible() && !notesSupported() ? lastWrite : null;
  let cached: CachedReads | null = null;
  if (guess && guess.marks.length + guess.copiedRows.length <= CACHED_CELLS) {
    cached = await queueCachedReads(ctx, guess);
    queueClaim(ctx, lease); // last: a call that fails stops the batch before it
  }
  try {
    await ctx.sync();
  } catch (e) {
    // A guess that failed (a sheet marked last time was deleted since): read again without it.
    if (cached && !PAYLOAD_REFUSED.test(firstLine(e))) {
      lastWrite = null;
      return readSheets(ctx, scope, settings, lease);
    }
    // A host may refuse calls on a null object (a missing Responsabili sheet, the sheet after the last, no
    // memory sheet yet), or the answer may pass 5 MB: learn the sheets first, then read only those that
    // exist, in round trips sized to the budget. A failed batch returns no results, so all is queued again.
    // A host that refuses a call of the two-trip read itself gets the three-trip check from now on.
    if (!PAYLOAD_REFUSED.test(firstLine(e)) && !/InvalidObjectPath|null object|ItemNotFound/i.test(firstLine(e))) twoTripsBroken = true;
    return readSheetsSafely(ctx, scope, settings);
  }
  reads = reads.filter((r) => !r.sheet.isNullObject && !isMemory(r.sheet.name));
  reads = reads.filter((r, i) => reads.findIndex((o) => sameName(o.sheet.name, r.sheet.name)) === i);
  const extra =
    scope === "all"
      ? worksheets.items
          .filter((w) => !isMemory(w.name) && !reads.some((r) => sameName(r.sheet.name, w.name)))
          .map((w) => queueRead(worksheets.getItem(w.name)))
      : [];
  const needRest = [reads.map((r) => queueRest(r)).some(Boolean), queueMemoryRest(memory)].some(Boolean);
  if (extra.length > 0 || needRest) await ctx.sync();
  if (extra.map((r) => queueRest(r)).some(Boolean)) await ctx.sync();
  return { active: activeSheet.name, sheets: [...reads, ...extra].map(toData), memory: toMemory(memory), cached };
}

async function readSheetsSafely(ctx: Excel.RequestContext, scope: Scope, settings: AddinSettings): Promise<ReadResult> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const activeSheet = worksheets.getActiveWorksheet();
  activeSheet.load("name");
  await ctx.sync();
  const active = activeSheet.name;
  const names = worksheets.items.map((w) => w.name);
  const isResponsabili = (n: string) => /responsabil/i.test(n) || (!!settings.responsabiliSheet && sameName(n, settings.responsabiliSheet));
  const chosen = (scope === "all" ? names : [active, ...names.filter((n) => !sameName(n, active) && isResponsabili(n))]).filter(
    (n) => !isMemory(n),
  );
  // Sizes first, then the rows in round trips that stay under the budget.
  const reads = chosen.map((n) => queueRead(worksheets.getItem(n), 0));
  const memory = names.some(isMemory) ? queueMemoryRead(ctx) : null;
  await ctx.sync();
  let perCell = BYTES.readCell;
  let queued: Excel.Range[] = [];
  let bytes = 0;
  const syncChunks = async () => {
    await ctx.sync();
    const loaded = queued.filter((c) => !c.isNullObject);
    const cells = loaded.reduce((n, c) => n + c.values.length * (c.values[0]?.length ?? 0), 0);
    const size = loaded.reduce((n, c) => n + jsonBytes(c.values) + jsonBytes(c.numberFormat), 0);
    // The next round trips are sized on what this one carried, with a margin.
    if (cells > 0) perCell = Math.max(8, (size / cells) * 1.25);
    queued = [];
    bytes = 0;
  };
  for (const read of reads) {
    const cols = read.used.columnCount;
    const lastRow = read.used.rowIndex + read.used.rowCount;
    for (let k = 0; k * SAFE_CHUNK_ROWS < lastRow; k++) {
      if (bytes > 0 && bytes + SAFE_CHUNK_ROWS * cols * perCell > MAX_BYTES) await syncChunks();
      read.chunks[k] = queueChunk(read.sheet, read.used, k, SAFE_CHUNK_ROWS);
      queued.push(read.chunks[k]);
      bytes += SAFE_CHUNK_ROWS * cols * perCell;
    }
  }
  if (bytes > 0) await syncChunks();
  if (memory && queueMemoryRest(memory)) await ctx.sync();
  return { active, sheets: reads.map(toData), memory: memory ? toMemory(memory) : noMemory(), cached: null };
}

/** Rows of one summary-cell read: a band of a few columns, so each answer stays small. */
const SUMMARY_BAND_ROWS = 2000;

/**
 * Values, formulas and hidden state of the cells where the summaries may go, read in the prepare round trip:
 * the summaries of one sheet that share a column are read as one band (columns col..col+SUMMARY_SHIFT), and
 * each column's hidden state once.
 */
async function queueSummaryCells(ctx: Excel.RequestContext, report: CheckReport, batch: Batcher): Promise<() => (pos: CellPos) => CellState> {
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
      const cells = (bottom - top + 1) * (SUMMARY_SHIFT + 1);
      await batch.add(BYTES.rangeWrite + cells * BYTES.summaryCell, () => {
        const range = ws.getRange(`${a1(top, g.col)}:${a1(bottom, g.col + SUMMARY_SHIFT)}`);
        range.load("values,formulas");
        bands.set(`${g.sheet}\u0000${g.col}\u0000${top}`, { sheet: g.sheet, col: g.col, top, range });
      });
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

const newToken = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/**
 * A batch that reaches Excel while the user is typing in a cell waits until the edit ends (ExcelApi 1.8)
 * instead of failing; an older host fails it with InvalidOperationInCellEditMode.
 */
const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };
const inCellEdit = (e: unknown) => /InvalidOperationInCellEditMode|cell-editing mode/i.test(firstLine(e));

/** One run at a time in this runtime (the lease in the workbook covers the other runtimes). */
let running = false;

/** A host that refused a call of the two-trip check: this runtime checks in three round trips from then on. */
let twoTripsBroken = false;
const twoTripsPossible = () => supports("1.9") && !twoTripsBroken;
const PAYLOAD_REFUSED = /payload size has exceeded the limit/i;

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

/** This run's lease: one token and one cell of the lease area for the whole run, however often it is claimed. */
interface RunLease {
  token: string;
  cell: string;
  /** The last claim queued (answered by the next sync); null before the first and after the release. */
  claim: LeaseClaim | null;
}

const newLease = (): RunLease => ({ token: newToken(), cell: leaseCell(), claim: null });

/** Queues the claim in the current batch; after the sync, `granted` says whether this run may write. */
function queueClaim(ctx: Excel.RequestContext, lease: RunLease): void {
  lease.claim = queueClaimLease(ctx, lease.token, Date.now(), lease.cell);
}

/** Claims the lease (creating the memory sheet first when there is none) in the batcher's current round trip. */
async function claim(ctx: Excel.RequestContext, memory: Memory, batch: Batcher, lease: RunLease): Promise<void> {
  await batch.add(BYTES.rangeWrite * 4, () => {
    if (!memory.exists) queueCreateMemory(ctx);
    queueClaim(ctx, lease);
  });
}

const granted = (lease: RunLease, generation: number) => lease.claim?.granted(generation) ?? false;

/** Queues the release in the batcher's round trip (the last of a write). */
async function queueRelease(ctx: Excel.RequestContext, batch: Batcher, lease: RunLease): Promise<void> {
  const claimed = lease.claim;
  if (claimed) await batch.add(BYTES.rangeWrite, () => queueReleaseLease(ctx, claimed));
}

/** After a failed write: whether the memory was written (its generation raised) before the failure. */
async function generationIs(ctx: Excel.RequestContext, generation: number): Promise<boolean> {
  const cell = ctx.workbook.worksheets.getItem(MEMORY_SHEET).getRange("B1");
  cell.load("values");
  return ctx.sync().then(
    () => Number(cell.values[0][0]) === generation,
    () => false,
  );
}

/** Releases the lease now, if this run holds one. */
async function release(ctx: Excel.RequestContext, lease: RunLease): Promise<void> {
  if (!lease.claim) return;
  queueReleaseLease(ctx, lease.claim);
  lease.claim = null;
  await ctx.sync().catch(() => undefined);
}

/** Runs `work` with this run's lease, released at the end whatever happened (a no-op when it was released or never claimed). */
async function withLease<T>(ctx: Excel.RequestContext, work: (lease: RunLease) => Promise<T>): Promise<T> {
  const lease = newLease();
  try {
    return await work(lease);
  } finally {
    await release(ctx, lease);
  }
}

interface MarksPlan {
  summaries: SummaryPlan;
  highlights: HighlightPlan;
  /** The cells' previous note blocks to take away; null below ExcelApi 1.18 (no notes written). */
  previousNotes: (CellPos & { note: string | null })[] | null;
  /** The notes of the cells as read before (none: a cell without a note). */
  notes: Map<string, string | null>;
}

/** Queues what a check writes after its memory: the summary lines, the restored fills, the highlights, the notes. */
async function queueMarks(ctx: Excel.RequestContext, batch: Batcher, plan: MarksPlan): Promise<void> {
  const sheetOf = (name: string) => ctx.workbook.worksheets.getItem(name);
  for (const w of summaryRuns(plan.summaries.writes)) {
    const range = `${a1(w.row, w.col)}:${a1(w.row + w.texts.length - 1, w.col)}`;
    await batch.add(BYTES.rangeWrite + jsonBytes(w.texts), () => (sheetOf(w.sheet).getRange(range).values = w.texts.map((x) => [x])));
  }
  for (const c of plan.summaries.clears) await batch.add(BYTES.rangeWrite, () => (sheetOf(c.sheet).getRange(a1(c.row, c.col)).values = [[""]]));
  for (const r of fillRuns(plan.highlights.restore)) await batch.add(BYTES.fillWrite, () => writeFill(sheetOf(r.sheet).getRange(r.address), r.fill));
  const applied = plan.highlights.apply.map((a) => ({ ...a, fill: { color: a.color, pattern: "Solid", patternColor: null, tint: null } }));
  for (const r of fillRuns(applied)) await batch.add(BYTES.fillWrite, () => writeFill(sheetOf(r.sheet).getRange(r.address), r.fill));
  if (plan.previousNotes) await queueNoteWrites(noteChanges(plan.previousNotes, plan.highlights.remember), plan.notes, sheetOf, batch);
}

const fillEntry = (r: HighlightPlan["remember"][number], sheetId: string): FillEntry => ({
  kind: "fill",
  anchor: anchorFormula(r.sheet, r.row, r.col),
  sheetId,
  original: r.original,
  applied: r.applied,
  note: r.note,
});
const summaryEntry = (s: SummaryPlan["remember"][number], sheetId: string): SummaryEntry => ({
  kind: "summary",
  anchor: anchorFormula(s.sheet, s.row, s.col),
  sheetId,
  text: s.text,
});

interface TwoTripInput {
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
}

/**
 * A check in the read round trip and ONE write round trip (ExcelApi 1.9). The formulas and hidden columns
 * where the summaries go came with the read. The original fills of newly flagged cells are not read but
 * copied into the memory sheet (Range.copyFrom, formats) in the round trip that colours, before any colour.
 * Without a memory, creating the memory sheet is the lock: a run that started at the same moment fails to
 * create it and is refused, having written nothing. With one (a re-run in this runtime), the first round trip
 * claimed the lease and read the fills of the cells the last write marked (see CachedReads).
 * Null when the plan needs what the read did not bring (rows past the first 2,000, columns past AN, notes
 * already on a sheet to mark, a mark the guess missed) or, without a lease, would not fit one round trip: then
 * the three-trip check runs. "again" when the host refused a call of it before the memory was written: check
 * again in three round trips.
 */
async function twoTripCheck(
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
  if (input.withNotes && (rerun || input.marks.some((m) => known(m.sheet)!.notes !== 0))) return null;

  /** The fill of a cell as read with the first round trip; undefined when it was not read (its original is copied). */
  let current: (pos: CellPos) => Fill | undefined = () => undefined;
  if (rerun) {
    if (!input.cached || !lease.claim) return null;
    if (!granted(lease, memory.generation)) return fail(t.busy);
    const fills = input.cached.fills();
    current = (p) => fills.get(posKey({ sheet: idOf(p.sheet), row: p.row, col: p.col }));
    if (input.previousFills.some((l) => !current(l.at!))) return null;
    if (!resolveCopied(memory, input.cached.copied())) return null;
  }

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
  // A cell whose fill was not read gets its original copied. In column order, so that adjacent cells are one copy.
  const remember = [...highlights.remember].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col || a.row - b.row));
  const copies: Copies = new Map();
  const fillEntries = remember.map((r) => {
    const entry = fillEntry(r, idOf(r.sheet));
    if (!current(r)) copies.set(entry, { sheet: r.sheet, row: r.row, col: r.col });
    return entry;
  });
  const entries: MemoryEntry[] = [...input.others, ...fillEntries, ...summaries.remember.map((s) => summaryEntry(s, idOf(s.sheet)))];
  const previousNotes = input.withNotes ? input.previousFills.map((l) => ({ ...l.at!, note: l.entry.note })) : null;
  const plan: MarksPlan = { summaries, highlights, previousNotes, notes: new Map() };
  const queueAll = async (batch: Batcher) => {
    if (!rerun) await batch.add(BYTES.rangeWrite * 4, () => queueCreateMemory(ctx));
    await queueWriteMemory(ctx, batch, entries, memory.rows, memory.generation, copies);
    await queueMarks(ctx, batch, plan);
    await queueRelease(ctx, batch, lease);
  };
  if (!rerun) {
    // Without a lease the write must be one round trip: another run could start between two.
    const size = new ByteCounter(ctx);
    await queueAll(size);
    if (size.total > MAX_BYTES) return null;
  }
  try {
    const batch = new Batcher(ctx);
    await queueAll(batch);
    await batch.flush();
    lease.claim = null;
  } catch (e) {
    if (/already exists|ItemAlreadyExists/i.test(firstLine(e))) return fail(t.busy);
    if (await generationIs(ctx, memory.generation + 1)) return fail(t.writeFailed(oneLine(e, input.lang)));
    if (!rerun && !(await memoryExists(ctx))) return fail(t.protectedWorkbook);
    twoTripsBroken = true;
    return "again";
  }
  rememberWrite(entries, copies);
  return { ok: true, message: null, report: input.report, sheet: null };
}

async function memoryExists(ctx: Excel.RequestContext): Promise<boolean> {
  const sheet = ctx.workbook.worksheets.getItemOrNullObject(MEMORY_SHEET);
  sheet.load("name");
  return ctx.sync().then(
    () => !sheet.isNullObject,
    () => false,
  );
}

async function check(
  ctx: Excel.RequestContext,
  lease: RunLease,
  scope: Scope,
  settings: AddinSettings,
  lang: Lang,
  today: string | undefined,
): Promise<CheckOutcome> {
  const t = MESSAGES[lang];
  const { active, sheets, memory, cached } = await readSheets(ctx, scope, settings, lease);
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

  if (twoTripsPossible()) {
    const input = { report, marks, sheets: byName, written, withNotes, lang, memory, previousFills, previousSummaries, others, cached, lease };
    const done = await twoTripCheck(ctx, input, fail);
    if (done === "again") return check(ctx, lease, scope, settings, lang, today);
    if (done) return { ...done, sheet: sheetName };
  }

  // Prepare: lease, fills, summary cells.
  const batch = new Batcher(ctx);
  const sheetOf = (name: string) => ctx.workbook.worksheets.getItem(name);
  const fillCells = new Map<string, CellPos>();
  for (const p of [...previousFills.map((l) => l.at!), ...marks.map((m) => ({ sheet: m.sheet, row: m.row, col: m.col }))]) fillCells.set(posKey(p), p);
  let fills: Map<string, Fill>;
  let notes = new Map<string, string | null>();
  let summaryCells: () => (pos: CellPos) => CellState;
  try {
    await claim(ctx, memory, batch, lease);
    summaryCells = await queueSummaryCells(ctx, report, batch);
    const readFills = await queueFillReads([...fillCells.values()], sheetOf, batch);
    const readNotes = withNotes ? await queueNoteReads([...fillCells.values()], sheetOf, batch) : null;
    const resolveCopied = await queueResolveCopied(ctx, memory, batch);
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
  try {
    await queueWriteMemory(ctx, batch, entries, memory.rows, memory.generation);
    const previousNotes = withNotes ? previousFills.map((l) => ({ ...l.at!, note: l.entry.note })) : null;
    await queueMarks(ctx, batch, { summaries, highlights, previousNotes, notes });
    await queueRelease(ctx, batch, lease);
    await batch.flush();
    lease.claim = null;
  } catch (e) {
    const memoryWritten = await generationIs(ctx, memory.generation + 1);
    return fail(memoryWritten ? t.writeFailed(oneLine(e, lang)) : t.memoryFailed(oneLine(e, lang)));
  }
  rememberWrite(entries, new Map());
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

async function restoreAll(ctx: Excel.RequestContext, lease: RunLease, lang: Lang): Promise<{ ok: boolean; message: string | null; restored: number }> {
  const t = MESSAGES[lang];
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  let read = queueMemoryRead(ctx);
  try {
    await ctx.sync();
  } catch {
    // A host refusing calls on a null object (no memory sheet): learn the sheets first.
    worksheets.load("items/name");
    await ctx.sync();
    if (!worksheets.items.some((w) => isMemory(w.name))) return { ok: true, message: null, restored: 0 };
    read = queueMemoryRead(ctx);
    await ctx.sync();
  }
  if (read.sheet.isNullObject) return { ok: true, message: null, restored: 0 };
  if (queueMemoryRest(read)) await ctx.sync();
  const memory = toMemory(read);
  const names = new Set(worksheets.items.map((w) => w.name));
  const located = memory.entries.map(locate).filter((l) => l.at !== null && names.has(l.at.sheet));
  const fillsAt = located.filter(isFill);
  if (fillsAt.length === 0 && memory.entries.every((e) => e.kind === "summary")) return { ok: true, message: null, restored: 0 };
  if (memory.protected) return { ok: false, message: t.protectedSheet(MEMORY_SHEET), restored: 0 };

  const batch = new Batcher(ctx);
  const sheetNames = [...new Set(fillsAt.map((l) => l.at!.sheet))];
  const sheets = sheetNames.map((n) => {
    const s = worksheets.getItem(n);
    s.protection.load("protected");
    return s;
  });
  // Notes (1.18): the cells whose memory row holds a block of ours.
  const noted = notesSupported() ? fillsAt.filter((l) => l.entry.note) : [];
  let readFills: () => Map<string, Fill>;
  let readNotes: () => Map<string, string | null>;
  try {
    await claim(ctx, memory, batch, lease);
    readFills = await queueFillReads(
      fillsAt.map((l) => l.at!),
      (n) => worksheets.getItem(n),
      batch,
    );
    readNotes = await queueNoteReads(
      noted.map((l) => l.at!),
      (n) => worksheets.getItem(n),
      batch,
    );
    const resolveCopied = await queueResolveCopied(ctx, memory, batch);
    await batch.flush();
    resolveCopied();
  } catch (e) {
    return { ok: false, message: t.removeFailed(oneLine(e, lang)), restored: 0 };
  }
  if (!granted(lease, memory.generation)) return { ok: false, message: t.busy, restored: 0 };
  const locked = sheets.findIndex((s) => s.protection.protected);
  if (locked >= 0) return { ok: false, message: t.protectedSheet(sheetNames[locked]), restored: 0 };
  const fills = readFills();
  const plan = planRestore(fillsAt, (p) => fills.get(posKey(p)) ?? null);
  const summaries = located.filter(isSummary).map((l) => l.entry);
  try {
    // Restores first: a cell restored but still remembered is later seen as recoloured and simply forgotten.
    for (const r of fillRuns(plan.restore)) await batch.add(BYTES.fillWrite, () => writeFill(worksheets.getItem(r.sheet).getRange(r.address), r.fill));
    // Our note lines go with their memory row (an entry kept for a later try keeps them too).
    const forgotten = noted.filter((l) => !plan.keep.includes(l.entry)).map((l) => ({ ...l.at!, note: l.entry.note }));
    await queueNoteWrites(noteChanges(forgotten, []), readNotes(), (n) => worksheets.getItem(n), batch);
    const entries = [...summaries, ...plan.keep];
    await queueWriteMemory(ctx, batch, entries, memory.rows, memory.generation);
    await queueRelease(ctx, batch, lease);
    await batch.flush();
    lease.claim = null;
    rememberWrite(entries, new Map());
  } catch (e) {
    return { ok: false, message: t.removeFailed(oneLine(e, lang)), restored: 0 };
  }
  return { ok: true, message: null, restored: plan.count };
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
