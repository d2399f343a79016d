// The first round trip of a check: the sheets' values (values only: a formatted cell far away costs nothing),
// the memory, and for a two-trip check what its plan needs; split by size when the host refuses it.
import type { SheetGrid } from "../core";
import { a1 } from "../core";
import { MEMORY_SHEET, type CellState } from "../core/memory";
import { Batcher, BYTES, jsonBytes, MAX_BYTES } from "./batch";
import { supports } from "./fills";
import { assembleSheet, parseMergedAddress, type RangeData } from "./grid";
import type { RunLease } from "./lease";
import { noMemory, queueMemoryRead, queueMemoryRest, toMemory, type Memory } from "./memory-sheet";
import { firstLine } from "./messages";
import { notesSupported } from "./notes";
import type { AddinSettings } from "./settings";
import { SUMMARY_SHIFT } from "./marks";
import {
  currentDocument,
  firstReadPlan,
  giveUpTwoTrips,
  resumeGuessing,
  resumeTwoTrips,
  LEAN_ROWS,
  PAYLOAD_REFUSED,
  queueBlindFills,
  queueGuess,
  stopGuessing,
  twoTripsPossible,
  wroteHere,
  type CachedReads,
  type LastWrite,
} from "./two-trip";

export type Scope = "active" | "all";

const CHUNK_ROWS = 1000;
/** Rows of a chunk when a sheet is read by size (after a refused blind read): finer, to fill each round trip. */
const SAFE_CHUNK_ROWS = 250;
/** Row chunks queued blind in the first batch (rows 1..20,000); longer sheets need one more read. */
const BLIND_CHUNKS = 20;
/** Sheets queued blind for "all sheets" (first, next, next...); a workbook with more needs one more read. */
const BLIND_SHEETS = 20;
/** Usual names of the sheet holding the Responsabili table, read along with the active sheet. */
const RESPONSABILI_NAMES = ["Responsabili", "Elenco Responsabili"];
/**
 * What the first read brings for a two-trip check: the formulas of the first LEAN_CHUNKS chunks, and below
 * them, down to row 20,000, those of the columns from FAR_LEFT on, where the summaries go (a table has at
 * least its phase, weight and deadline columns left of its summary; its long texts, objectives and phases,
 * are mostly on the left too), unless this runtime knows that, beside the memory, they would not fit (see
 * firstReadPlan); the hidden state of the first columns.
 */
const LEAN_CHUNKS = LEAN_ROWS / CHUNK_ROWS;
const FAR_LEFT = 3; // D
const LAST_COLUMN = 16383; // XFD
const GRID_ROWS = 1_048_576;
/** A used range wider or taller than this is read block by block, each by its own used range (see queueRowBlocks, usedAreas). */
const BLOCK_COLUMNS = 256;
const BLOCK_ROWS = 65_536;
/** The answer to one block's used range (its four numbers and envelope). */
const BLOCK_ANSWER = 150;
const KNOWN_COLUMNS = 40;

/** Formulas read for an area below the chunks read with theirs: its bounds (0-based, inclusive) and what came. */
interface FormulaBand {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The area within the used range (a null object when they do not meet). */
  range: Excel.Range;
}

/** Queues the formulas of an area (rows and columns 0-based, inclusive) within the used range. */
function queueBand(read: Pick<SheetRead, "sheet" | "used">, top: number, bottom: number, left: number, right: number): FormulaBand {
  const range = read.sheet.getRange(`${a1(top, left)}:${a1(bottom, right)}`).getIntersectionOrNullObject(read.used);
  range.load("rowIndex,columnIndex,formulas");
  return { top, bottom, left, right, range };
}

interface SheetRead {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  chunks: Excel.Range[];
  /** A sheet the check may write: a two-trip check reads its formulas (see firstReadPlan). */
  toWrite: boolean;
  /** The first `full` chunks were loaded with their formulas. */
  full: number;
  /** Below them, formulas of some columns: from FAR_LEFT on, or where this runtime wrote summaries last (see queueSummaryBand). */
  bands: FormulaBand[];
  merged: Excel.RangeAreas | null;
  /** Below the blind chunks, the used range of each block of BLOCK_ROWS rows (see queueRowBlocks); empty when not read. */
  rowBlocks: Excel.Range[];
  /** Read for a two-trip check (null otherwise): columns A.. hidden or not, the number of notes (1.18). */
  columns: Excel.Range[] | null;
  noteCount: OfficeExtension.ClientResult<number> | null;
}

/** Answer bytes of the sheets in a first read: with the formulas of every blind chunk, and with those of the first LEAN_CHUNKS. */
export interface SheetBytes {
  all: number;
  lean: number;
}

/** A cell as the first read saw it: value and formula (the value when it has none). */
type KnownCell = Pick<CellState, "value" | "formula">;

/** What the first read tells of the cells where summaries may go, for a two-trip check. */
export interface KnownCells {
  /** null: not read (beyond the chunks loaded with their formulas). */
  cell: (row: number, col: number) => KnownCell | null;
  hidden: boolean[];
  /** Notes on the sheet (ExcelApi 1.18), null below 1.18. */
  notes: number | null;
}

export interface SheetData {
  name: string;
  id: string;
  protected: boolean;
  grid: SheetGrid;
  known: KnownCells | null;
}

function queueChunk(sheet: Excel.Worksheet, used: Excel.Range, k: number, rows = CHUNK_ROWS, formulas = false): Excel.Range {
  // Whole rows intersected with the used range: a chunk past the end is a null object, so chunks can be
  // queued before the size of the sheet is known, all in the same batch. Never past the grid's last row.
  const chunk = sheet.getRange(`${k * rows + 1}:${Math.min((k + 1) * rows, GRID_ROWS)}`).getIntersectionOrNullObject(used);
  chunk.load(formulas ? "rowIndex,columnIndex,values,numberFormat,formulas" : "rowIndex,columnIndex,values,numberFormat");
  return chunk;
}

const columnLetters = (col: number) => a1(0, col).replace(/\d+$/, "");

/**
 * Queues the read of a sheet (possibly a null object: then everything derived from it is null too).
 * `toWrite`: a sheet the check may write, read with what a two-trip check needs (ExcelApi 1.9).
 */
function queueRead(sheet: Excel.Worksheet, blind = BLIND_CHUNKS, toWrite = false, formulaChunks = BLIND_CHUNKS, scope: Scope = "active"): SheetRead {
  sheet.load("name,id");
  sheet.protection.load("protected");
  // Values only: formatting alone (a stray fill at XFD1048576) does not widen what is read.
  const used = sheet.getUsedRange(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const twoTrip = toWrite && twoTripsPossible(scope);
  const known = twoTrip ? Math.min(blind, formulaChunks) : 0;
  const full = Math.min(known, LEAN_CHUNKS);
  const chunks = Array.from({ length: blind }, (_, k) => queueChunk(sheet, used, k, CHUNK_ROWS, k < full));
  const bands = Array.from({ length: known - full }, (_, i) => queueBand({ sheet, used }, (full + i) * CHUNK_ROWS, (full + i + 1) * CHUNK_ROWS - 1, FAR_LEFT, LAST_COLUMN));
  let merged: Excel.RangeAreas | null = null;
  if (supports("1.13")) {
    merged = used.getMergedAreasOrNullObject();
    merged.load("address");
  }
  const columns = twoTrip
    ? Array.from({ length: KNOWN_COLUMNS }, (_, c) => sheet.getRange(`${columnLetters(c)}:${columnLetters(c)}`).load("columnHidden"))
    : null;
  const noteCount = twoTrip && notesSupported() ? sheet.notes.getCount() : null;
  const rowBlocks = blind === BLIND_CHUNKS ? queueRowBlocks(sheet) : [];
  return { sheet, used, chunks, toWrite, full, bands, merged, rowBlocks, columns, noteCount };
}

/**
 * Below the rows read blind, the used range of each block of BLOCK_ROWS rows, queued with them: the rest of a
 * sheet is then read only where it has values (a stray value at A1048576 makes the used range a million rows
 * tall, where a long plan has tens of thousands).
 */
function queueRowBlocks(sheet: Excel.Worksheet): Excel.Range[] {
  const blocks: Excel.Range[] = [];
  for (let top = BLIND_CHUNKS * CHUNK_ROWS; top < GRID_ROWS; top += BLOCK_ROWS) {
    blocks.push(sheet.getRange(`${top + 1}:${Math.min(top + BLOCK_ROWS, GRID_ROWS)}`).getUsedRangeOrNullObject(true).load("rowIndex,rowCount"));
  }
  return blocks;
}

/** Whether rows top..bottom (0-based, inclusive) may hold values: they meet a block's used range (see queueRowBlocks). */
function mayHoldValues(read: SheetRead, top: number, bottom: number): boolean {
  if (read.rowBlocks.length === 0) return true;
  return read.rowBlocks.some((b) => !b.isNullObject && b.rowIndex <= bottom && top < b.rowIndex + b.rowCount);
}

/** The cells of the chunks and bands loaded with their formulas, and the columns' hidden state. */
function knownCells(read: SheetRead): KnownCells | null {
  if (!read.columns) return null;
  const fullRows = read.full * CHUNK_ROWS;
  const empty: KnownCell = { value: "", formula: "" };
  return {
    cell: (row, col) => {
      const band = row < fullRows ? null : read.bands.find((b) => b.top <= row && row <= b.bottom && b.left <= col && col <= b.right);
      if (row >= fullRows && !band) return null;
      const chunk = chunkOf(read, row);
      // A chunk past the used range, or a cell beside it: nothing there (the used range counts formulas too).
      if (!chunk || chunk.isNullObject) return empty;
      const r = row - chunk.rowIndex;
      const c = col - chunk.columnIndex;
      if (r < 0 || r >= chunk.values.length || c < 0 || c >= chunk.values[r].length) return empty;
      const value = chunk.values[r][c] as CellState["value"];
      if (!band) return { value, formula: chunk.formulas[r][c] };
      // Within the used range, so within the band's part of it.
      const formula = band.range.isNullObject ? undefined : band.range.formulas[row - band.range.rowIndex]?.[col - band.range.columnIndex];
      return formula === undefined ? null : { value, formula };
    },
    hidden: read.columns.map((c) => c.columnHidden),
    notes: read.noteCount ? read.noteCount.value : null,
  };
}

/**
 * Queues the rows beyond the blind chunks, in chunks of SAFE_CHUNK_ROWS, through the batcher (which syncs
 * whenever the next would pass the budget); the caller flushes. `perCell`: answer bytes of a cell.
 */
async function queueRest(read: SheetRead, batch: Batcher, perCell: number): Promise<void> {
  if (read.sheet.isNullObject || read.used.isNullObject) return;
  const lastRow = read.used.rowIndex + read.used.rowCount;
  // A sheet read with the formulas of all its blind rows: those of the rest too (see FAR_LEFT), sized on
  // what the formulas of the blind rows weighed beside their values.
  const withBands = read.bands.length > 0 && read.full + read.bands.length === BLIND_CHUNKS;
  const bandShare = withBands ? formulaShare(read) : 0;
  const blindRows = BLIND_CHUNKS * CHUNK_ROWS;
  for (let first = blindRows; first < lastRow; first += SAFE_CHUNK_ROWS) {
    const rows = Math.min(SAFE_CHUNK_ROWS, lastRow - first);
    // Rows without values are not read: their chunk stays a hole (see chunkOf), and they come out empty.
    if (!mayHoldValues(read, first, first + rows - 1)) continue;
    const index = BLIND_CHUNKS + (first - blindRows) / SAFE_CHUNK_ROWS; // assigned, not appended: the batcher may queue it again
    const k = first / SAFE_CHUNK_ROWS;
    const band = read.bands.length;
    await batch.add(
      withBands ? BYTES.rangeWrite * 2 : BYTES.rangeWrite,
      () => {
        read.chunks[index] = queueChunk(read.sheet, read.used, k, SAFE_CHUNK_ROWS);
        if (withBands) read.bands[band] = queueBand(read, first, first + rows - 1, FAR_LEFT, LAST_COLUMN);
      },
      rows * read.used.columnCount * perCell * (1 + bandShare),
    );
  }
}

/** Answer bytes of the formula bands of the blind rows for a byte of their chunks' values and formats. */
function formulaShare(read: SheetRead): number {
  const chunks = chunkBytes(read.chunks.slice(read.full, BLIND_CHUNKS)).bytes;
  const bands = read.bands.reduce((n, b) => n + (b.range.isNullObject ? 0 : jsonBytes(b.range.formulas)), 0);
  return chunks === 0 ? 1 : Math.max(0.1, bands / chunks);
}

/** The chunk holding a row: blind chunks of CHUNK_ROWS, then the rest in chunks of SAFE_CHUNK_ROWS. */
function chunkOf(read: SheetRead, row: number): Excel.Range | undefined {
  const blindRows = BLIND_CHUNKS * CHUNK_ROWS;
  return read.chunks[row < blindRows ? Math.floor(row / CHUNK_ROWS) : BLIND_CHUNKS + Math.floor((row - blindRows) / SAFE_CHUNK_ROWS)];
}

/**
 * A lean re-run (see firstReadPlan) whose last summaries went below the rows whose formulas came with the
 * first read: the formulas of those summary columns (and the SUMMARY_SHIFT beside them) down to row 20,000,
 * read with the rest of the memory, so that the check still needs no prepare round trip.
 */
async function queueSummaryBand(read: SheetRead, last: LastWrite | null, batch: Batcher): Promise<void> {
  const columns = last?.summaryColumns.find((c) => c.sheetId === read.sheet.id);
  const top = read.full * CHUNK_ROWS;
  // Not when the first read brought the formulas of those columns already.
  if (!columns || !read.columns || read.used.isNullObject || columns.bottom < top || read.bands.length > 0) return;
  const bottom = Math.min(columns.bottom, BLIND_CHUNKS * CHUNK_ROWS - 1);
  const right = columns.right + SUMMARY_SHIFT;
  let answer = 0;
  for (let row = top; row <= bottom; row++) {
    const chunk = chunkOf(read, row);
    const loaded = chunk && !chunk.isNullObject ? chunk : null;
    for (let col = columns.left; col <= right; col++) answer += BYTES.emptyCell + jsonBytes(loaded?.values[row - loaded.rowIndex]?.[col - loaded.columnIndex] ?? "");
  }
  await batch.add(BYTES.rangeWrite, () => (read.bands[0] = queueBand(read, top, bottom, columns.left, right)), answer);
}

/** Cells and answer bytes (values and number formats) of the chunks read. */
function chunkBytes(chunks: Excel.Range[]): { cells: number; bytes: number } {
  const loaded = chunks.filter((c) => !c.isNullObject);
  return {
    cells: loaded.reduce((n, c) => n + c.values.length * (c.values[0]?.length ?? 0), 0),
    bytes: loaded.reduce((n, c) => n + jsonBytes(c.values) + jsonBytes(c.numberFormat), 0),
  };
}

/** Answer bytes of the blind chunks of a first read, with the formulas of all 20,000 rows (see FAR_LEFT) and of the first LEAN_CHUNKS. */
function sheetBytesOf(reads: SheetRead[]): SheetBytes {
  let base = 0;
  let all = 0;
  let lean = 0;
  for (const r of reads) {
    r.chunks.forEach((c, k) => {
      if (c.isNullObject) return;
      const values = jsonBytes(c.values);
      base += values + jsonBytes(c.numberFormat);
      if (!r.toWrite) return;
      // Where the formulas were not loaded they weigh about what the values do.
      if (k < LEAN_CHUNKS) {
        const formulas = k < r.full ? jsonBytes(c.formulas) : values;
        all += formulas;
        lean += formulas;
      } else {
        const band = r.bands[k - r.full];
        all += band && !band.range.isNullObject ? jsonBytes(band.range.formulas) : jsonBytes(c.values.map((row) => row.slice(Math.max(0, FAR_LEFT - c.columnIndex))));
      }
    });
  }
  return { all: base + all, lean: base + lean };
}

/** Answer bytes of a cell in the chunks read (see chunkBytes), with a margin: to size the next. */
function perCellOf({ cells, bytes }: { cells: number; bytes: number }): number {
  return cells === 0 ? BYTES.readCell : Math.max(8, (bytes / cells) * 1.25);
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

/** The sheets (names and ids) seen by this runtime's last read, for the document it read. */
interface KnownSheets {
  document: unknown;
  names: string[];
  ids: Set<string>;
}
let knownSheets: KnownSheets | null = null;

const toKnown = (items: Excel.Worksheet[]): KnownSheets => ({
  document: currentDocument(),
  names: items.map((w) => w.name),
  ids: new Set(items.map((w) => w.id)),
});

async function learnSheets(ctx: Excel.RequestContext): Promise<KnownSheets> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name,items/id");
  await ctx.sync();
  return toKnown(worksheets.items);
}
export const isMemory = (name: string) => sameName(name, MEMORY_SHEET);

export interface ReadResult {
  active: string;
  sheets: SheetData[];
  memory: Memory;
  /** Answer bytes of the sheets in the first round trip (to plan the next one; Infinity: it was refused). */
  sheetBytes: SheetBytes;
  /** The fills where this runtime's last write left its marks, read with the first round trip; null when not read. */
  cached: CachedReads | null;
}

/**
 * Reads what the check needs in ONE sync: the active sheet and its Responsabili sheet (active scope), or
 * every sheet through a blind chain first, next, next... (all sheets), and the memory sheet.
 */
export async function readSheets(
  ctx: Excel.RequestContext,
  scope: Scope,
  settings: AddinSettings,
  lease: RunLease,
  relearned = false,
  switchedOff: (() => void)[] = [],
): Promise<ReadResult> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name,items/id");
  const activeSheet = worksheets.getActiveWorksheet();
  activeSheet.load("name,id");
  const twoTrip = twoTripsPossible(scope);
  // A re-run in this runtime: the marks of the last write and the lease, so that the check may write next;
  // and the formulas of all 20,000 rows, or of the first 5,000 only, as they fit.
  const plan = firstReadPlan();
  const formulaChunks = plan.lean ? LEAN_CHUNKS : BLIND_CHUNKS;
  // The sheets seen last in this runtime: with them no call goes to a sheet that may not exist.
  const known = knownSheets && knownSheets.document === currentDocument() ? knownSheets : null;
  const names = known?.names ?? null;
  const existing = (wanted: string[]) => wanted.flatMap((w) => names!.filter((n) => sameName(n, w)).slice(0, 1));
  const wanted = [settings.responsabiliSheet, ...RESPONSABILI_NAMES].filter((n): n is string => !!n);
  let reads: SheetRead[];
  if (scope === "active") {
    const others = names ? existing(wanted).map((n) => worksheets.getItem(n)) : wanted.map((n) => worksheets.getItemOrNullObject(n));
    reads = [queueRead(activeSheet, BLIND_CHUNKS, true, formulaChunks), ...others.map((s) => queueRead(s))];
  } else if (names) {
    reads = names.filter((n) => !isMemory(n)).slice(0, BLIND_SHEETS).map((n) => queueRead(worksheets.getItem(n), BLIND_CHUNKS, true, formulaChunks, scope));
  } else {
    const chain = [worksheets.getFirst()];
    while (chain.length < BLIND_SHEETS) chain.push(chain[chain.length - 1].getNextOrNullObject());
    reads = chain.map((s) => queueRead(s, BLIND_CHUNKS, true, formulaChunks, scope));
  }
  // Known to be absent: not read now (if another runtime made it since, it is read after this round trip).
  const memoryAbsent = names !== null && !names.some(isMemory) && !wroteHere();
  let memory = memoryAbsent ? null : queueMemoryRead(ctx, plan.memoryEntries);
  // Below 1.9 a first check reads the fills of the active sheet's first cells blind (see BLIND_FILLS); not
  // when the memory is known to exist (a check after another runtime's: it takes three round trips anyway).
  const blindFills = twoTrip && !supports("1.9") && !wroteHere() && !names?.some(isMemory);
  const cached = plan.guess ? (await queueGuess(ctx, plan.guess, lease, known?.ids ?? null)).cached : blindFills ? queueBlindFills(activeSheet) : null;
  try {
    await ctx.sync();
  } catch (e) {
    const refused = PAYLOAD_REFUSED.test(firstLine(e));
    const nullObject = /InvalidObjectPath|null object|ItemNotFound/i.test(firstLine(e));
    // A host that refuses calls on a null object (a missing Responsabili sheet, the sheet after the last, no
    // memory sheet yet), or sheets renamed or deleted since: learn the sheets, then read again calling only
    // sheets that exist.
    if (nullObject && !relearned) {
      knownSheets = await learnSheets(ctx);
      return readSheets(ctx, scope, settings, lease, true);
    }
    // A guess that still failed: read again without it, and guess no more.
    if (cached && !refused) {
      stopGuessing();
      return readSheets(ctx, scope, settings, lease, relearned, [...switchedOff, resumeGuessing]);
    }
    // A host that refuses a call of the two-trip read itself (say, the count of notes): read again without
    // it, and take the three-trip check from now on.
    if (twoTrip && !refused && !nullObject) {
      giveUpTwoTrips();
      return readSheets(ctx, scope, settings, lease, relearned, [...switchedOff, resumeTwoTrips]);
    }
    // The same failure without the guess or the calls of the two-trip read: not theirs (a used range too
    // large to answer, say), so the next checks may use them again.
    if (!refused && !nullObject) for (const switchOn of switchedOff) switchOn();
    // An answer over 5 MB: learn the sheets first, then read only those that exist, in round trips sized to
    // the budget. A failed batch returns no results, so all is queued again.
    knownSheets = null;
    return readSheetsSafely(ctx, scope, settings);
  }
  knownSheets = toKnown(worksheets.items);
  // Sheets made since the names were learnt (a Responsabili sheet added, the memory made by the other
  // runtime): read now, one more round trip.
  const made = names ? worksheets.items.filter((w) => !names.some((n) => sameName(n, w.name))) : [];
  const late = scope === "active" ? made.filter((w) => wanted.some((n) => sameName(n, w.name))).map((w) => queueRead(worksheets.getItem(w.name))) : [];
  if (!memory && worksheets.items.some((w) => isMemory(w.name))) memory = queueMemoryRead(ctx);
  if (late.length > 0 || (memoryAbsent && memory)) await ctx.sync();
  reads.push(...late);
  reads = reads.filter((r) => !r.sheet.isNullObject && !isMemory(r.sheet.name));
  reads = reads.filter((r, i) => reads.findIndex((o) => sameName(o.sheet.name, r.sheet.name)) === i);
  // Sheets longer than 20,000 rows, more than 20 sheets, a large memory: more round trips, each under the budget.
  const batch = new Batcher(ctx);
  const first = chunkBytes(reads.flatMap((r) => r.chunks));
  const sheetBytes = sheetBytesOf(reads);
  const perCell = perCellOf(first);
  let extra: SheetRead[] = [];
  try {
    for (const r of reads) await queueRest(r, batch, perCell);
    if (memory) await queueMemoryRest(memory, batch);
    for (const r of reads) await queueSummaryBand(r, plan.guess, batch);
    await batch.flush();
    if (scope === "all") {
      extra = worksheets.items
        .filter((w) => !isMemory(w.name) && !reads.some((r) => sameName(r.sheet.name, w.name)))
        .map((w) => queueRead(worksheets.getItem(w.name), BLIND_CHUNKS, true, formulaChunks, scope));
      if (extra.length > 0) await ctx.sync();
      for (const r of extra) await queueRest(r, batch, perCellOf(chunkBytes(extra.flatMap((x) => x.chunks))));
      await batch.flush();
    }
  } catch (e) {
    // The blind read of the sheets beyond the 20th passed 5 MB: all again, by size.
    if (PAYLOAD_REFUSED.test(firstLine(e))) return readSheetsSafely(ctx, scope, settings);
    throw e;
  }
  return { active: activeSheet.name, sheets: [...reads, ...extra].map(toData), memory: memory ? toMemory(memory) : noMemory(), cached, sheetBytes };
}

/**
 * Where each sheet's values are: its used range, or, when that is wider than BLOCK_COLUMNS or taller than
 * BLOCK_ROWS (a stray value far right or far down makes it so), the used range of each block of it, learnt in
 * round trips under the budget: the empty cells between the table and the stray value are never read.
 */
async function usedAreas(ctx: Excel.RequestContext, reads: SheetRead[]): Promise<Excel.Range[][]> {
  const batch = new Batcher(ctx);
  const blocks: Excel.Range[][] = reads.map(() => []);
  for (const [i, read] of reads.entries()) {
    const used = read.used;
    if (used.columnCount <= BLOCK_COLUMNS && used.rowCount <= BLOCK_ROWS) continue;
    const [end, last] = [used.rowIndex + used.rowCount, used.columnIndex + used.columnCount];
    for (let top = used.rowIndex; top < end; top += BLOCK_ROWS) {
      for (let left = used.columnIndex; left < last; left += BLOCK_COLUMNS) {
        const address = `${a1(top, left)}:${a1(Math.min(top + BLOCK_ROWS, end) - 1, Math.min(left + BLOCK_COLUMNS, last) - 1)}`;
        const at = blocks[i].length;
        // Assigned, not appended: the batcher may queue it again.
        await batch.add(BYTES.rangeWrite, () => (blocks[i][at] = read.sheet.getRange(address).getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount")), BLOCK_ANSWER);
      }
    }
  }
  await batch.flush();
  return reads.map((read, i) => (blocks[i].length === 0 ? [read.used] : blocks[i].filter((b) => !b.isNullObject)));
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
  const areas = await usedAreas(ctx, reads);
  let perCell = BYTES.readCell;
  let queued: Excel.Range[] = [];
  let bytes = 0;
  const syncChunks = async () => {
    await ctx.sync();
    // The next round trips are sized on what this one carried.
    perCell = perCellOf(chunkBytes(queued));
    queued = [];
    bytes = 0;
  };
  for (const [i, read] of reads.entries()) {
    for (const area of areas[i]) {
      const cols = area.columnCount;
      const lastRow = area.rowIndex + area.rowCount;
      for (let k = Math.floor(area.rowIndex / SAFE_CHUNK_ROWS); k * SAFE_CHUNK_ROWS < lastRow; k++) {
        if (bytes > 0 && bytes + SAFE_CHUNK_ROWS * cols * perCell > MAX_BYTES) await syncChunks();
        const chunk = queueChunk(read.sheet, area, k, SAFE_CHUNK_ROWS);
        read.chunks.push(chunk);
        queued.push(chunk);
        bytes += SAFE_CHUNK_ROWS * cols * perCell;
      }
    }
  }
  if (bytes > 0) await syncChunks();
  if (memory) {
    const batch = new Batcher(ctx);
    await queueMemoryRest(memory, batch);
    await batch.flush();
  }
  return { active, sheets: reads.map(toData), memory: memory ? toMemory(memory) : noMemory(), cached: null, sheetBytes: { all: Infinity, lean: Infinity } };
}
