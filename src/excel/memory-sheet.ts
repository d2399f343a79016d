// The check's memory inside the workbook: a very hidden worksheet (visibility veryHidden, ExcelApi 1.1: not
// listed by Excel's Unhide dialog) with one row per remembered cell, and the lease that lets one check
// run at a time, also across the ribbon's separate runtime.
//
// Row 1: A1 a marker, B1 the generation (raised by every write: a run that read an older one is stale).
// Rows 2..: the memory entries, one per row in A:I (see encodeEntry in core/memory.ts). Column B holds the
// anchor formula ='Sheet'!$C$12: Excel rewrites it when rows or columns move or the sheet is renamed.
// K1:T100: leases, one cell per run (a random one), "token|expiry".
// Column J: for a row whose original colour reads COPIED, the original fill itself, copied from the cell with
// Range.copyFrom(…, "Formats") (ExcelApi 1.9) in the same round trip that colours it: the check that creates
// the memory needs no round trip to read the fills first (see twoTripCheck in two-trip.ts).
import { a1 } from "../core";
import {
  decodeEntry,
  encodeEntry,
  encodeLease,
  isSeverityFill,
  LEASE_MS,
  mayProceed,
  MEMORY_SHEET,
  NO_FILL,
  posKey,
  type CellPos,
  type Fill,
  type FillEntry,
  type MemoryEntry,
} from "../core/memory";
import { Batcher, BYTES, jsonBytes } from "./batch";
import { queueFillReads } from "./fills";

const MARKER = "Verifica PIAO: memoria delle evidenziazioni. Non modificare.";
const LAST_COL = "I";
const COPY_COL = "J";
/** The original colour of a row whose original fill is the format of its column J cell. */
const COPIED = "@";
const LEASE_AREA = { first: 10, rows: 100, cols: 10 }; // K1:T100
const CHUNK_ROWS = 5000;
/** Memory rows read blind in the first round trip (about 1 MB); a bigger memory needs more reads (queueMemoryRest). */
const BLIND_CHUNKS = 1;

export interface MemoryRead {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  generation: Excel.Range;
  chunks: Excel.Range[];
}

export interface Memory {
  exists: boolean;
  protected: boolean;
  generation: number;
  entries: MemoryEntry[];
  /** Rows 2..rows+1 hold entries (and maybe malformed rows): what a rewrite must clear. */
  rows: number;
  /** Entries whose original is the fill of their column J cell, with their row (0-based): see resolveCopied. */
  copied: Map<FillEntry, number>;
}

/** Rows first..first+rows-1 (0-based) of the memory, within its used range. */
function queueChunk(read: Pick<MemoryRead, "sheet" | "used">, first: number, rows = CHUNK_ROWS): Excel.Range {
  const chunk = read.sheet.getRange(`A${first + 1}:${LAST_COL}${first + rows}`).getIntersectionOrNullObject(read.used);
  chunk.load("rowIndex,formulas");
  return chunk;
}

/** Queues the read of the memory sheet (a null object when there is none yet). */
export function queueMemoryRead(ctx: Excel.RequestContext): MemoryRead {
  const sheet = ctx.workbook.worksheets.getItemOrNullObject(MEMORY_SHEET);
  sheet.load("name");
  sheet.protection.load("protected");
  const used = sheet.getRange(`A:${LAST_COL}`).getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  const generation = sheet.getRange("B1");
  generation.load("values");
  const chunks = Array.from({ length: BLIND_CHUNKS }, (_, k) => queueChunk({ sheet, used }, k * CHUNK_ROWS));
  return { sheet, used, generation, chunks };
}

/** Answer bytes of the memory rows a first read brings back (the blind chunks), for these entries. */
export function memoryReadBytes(entries: MemoryEntry[]): number {
  return entries.slice(0, BLIND_CHUNKS * CHUNK_ROWS - 1).reduce((n, e) => n + jsonBytes(encodeEntry(e)), 0);
}

/** Answer bytes of one chunk of the rest: chunks are sized on the rows read blind (notes make rows long). */
const REST_CHUNK_BYTES = 1_000_000;

/**
 * Queues the rows beyond the blind chunks through the batcher, which syncs whenever the next chunk would pass
 * the budget (a memory of 100,000 rows is read in several round trips); the caller flushes.
 */
export async function queueMemoryRest(read: MemoryRead, batch: Batcher): Promise<void> {
  if (read.sheet.isNullObject || read.used.isNullObject) return;
  const last = read.used.rowIndex + read.used.rowCount;
  const blind = read.chunks.filter((c) => !c.isNullObject);
  const rowsRead = blind.reduce((n, c) => n + c.formulas.length, 0);
  const rowBytes = rowsRead > 0 ? (blind.reduce((n, c) => n + jsonBytes(c.formulas), 0) / rowsRead) * 1.25 : 1000;
  const rows = Math.max(100, Math.min(CHUNK_ROWS, Math.floor(REST_CHUNK_BYTES / rowBytes)));
  for (let first = BLIND_CHUNKS * CHUNK_ROWS; first < last; first += rows) {
    const index = read.chunks.length; // assigned, not appended: the batcher may queue it again
    await batch.add(BYTES.rangeWrite, () => (read.chunks[index] = queueChunk(read, first, rows)), Math.min(rows, last - first) * rowBytes);
  }
}

export function toMemory(read: MemoryRead): Memory {
  if (read.sheet.isNullObject) return noMemory();
  const entries: MemoryEntry[] = [];
  const copied = new Map<FillEntry, number>();
  let rows = 0;
  for (const chunk of read.chunks) {
    if (chunk.isNullObject) continue;
    chunk.formulas.forEach((row, i) => {
      if (chunk.rowIndex + i === 0) return;
      rows = Math.max(rows, chunk.rowIndex + i);
      const entry = decodeEntry(row);
      if (entry) entries.push(entry);
      if (entry?.kind === "fill" && entry.original.color === COPIED) copied.set(entry, chunk.rowIndex + i);
    });
  }
  const generation = Number(read.generation.values[0][0]) || 0;
  return { exists: true, protected: read.sheet.protection.protected, generation, entries, rows, copied };
}

export const noMemory = (): Memory => ({ exists: false, protected: false, generation: 0, entries: [], rows: 0, copied: new Map() });

/**
 * Queues the read of the fills copied into column J (in the batcher's round trip); after its flush, the
 * returned function puts them into their entries as originals, so the memory is plain again (and is written
 * back as text by the next rewrite). A severity fill found there is never an original: it becomes no fill.
 */
export async function queueResolveCopied(ctx: Excel.RequestContext, memory: Memory, batch: Batcher): Promise<() => void> {
  if (memory.copied.size === 0) return () => undefined;
  const read = await queueCopiedReads(ctx, [...memory.copied.values()], batch);
  return () => void resolveCopied(memory, read());
}

const copyCell = (row: number): CellPos => ({ sheet: MEMORY_SHEET, row, col: COPY_COL.charCodeAt(0) - 65 });

/** Queues the read of the column J fills of memory rows (0-based); after the flush, the fills by row. */
export async function queueCopiedReads(ctx: Excel.RequestContext, rows: number[], batch: Batcher): Promise<() => Map<number, Fill>> {
  const read = await queueFillReads(rows.map(copyCell), (n) => ctx.workbook.worksheets.getItem(n), batch);
  return () => {
    const fills = read();
    return new Map(rows.flatMap((row): [number, Fill][] => {
      const fill = fills.get(posKey(copyCell(row)));
      return fill ? [[row, fill]] : [];
    }));
  };
}

/**
 * Puts the copied fills into their entries as originals (a severity fill becomes no fill); false, changing
 * nothing, when a row's fill is not among `fills`.
 */
export function resolveCopied(memory: Memory, fills: Map<number, Fill>): boolean {
  if (![...memory.copied.values()].every((row) => fills.has(row))) return false;
  for (const [entry, row] of memory.copied) {
    const fill = fills.get(row)!;
    entry.original = isSeverityFill(fill) ? NO_FILL : fill;
  }
  memory.copied.clear();
  return true;
}

/** Queues the creation of the memory sheet, very hidden. Fails the batch when it exists already (another run made it). */
export function queueCreateMemory(ctx: Excel.RequestContext): void {
  const sheet = ctx.workbook.worksheets.add(MEMORY_SHEET);
  sheet.visibility = "VeryHidden";
  sheet.getRange("A1:B1").values = [[MARKER, 0]];
}

const columnLetter = (i: number) => String.fromCharCode(65 + i);

export interface LeaseClaim {
  cell: string;
  /** After the sync: true when no other run holds a live lease and the memory is the one read before. */
  granted: (generationRead: number) => boolean;
}

/** A random cell of the lease area, one per run. */
export function leaseCell(): string {
  const col = columnLetter(LEASE_AREA.first + Math.floor(Math.random() * LEASE_AREA.cols));
  return `${col}${1 + Math.floor(Math.random() * LEASE_AREA.rows)}`;
}

/**
 * Writes this run's lease into its cell of the lease area and reads back the whole area and the
 * generation, all in the current batch (see mayProceed in core/memory.ts for why this is enough).
 */
export function queueClaimLease(ctx: Excel.RequestContext, token: string, now: number, cell: string): LeaseClaim {
  const sheet = ctx.workbook.worksheets.getItem(MEMORY_SHEET);
  sheet.getRange(cell).values = [[encodeLease({ token, expires: now + LEASE_MS })]];
  const area = sheet.getRange(`${columnLetter(LEASE_AREA.first)}1:${columnLetter(LEASE_AREA.first + LEASE_AREA.cols - 1)}${LEASE_AREA.rows}`);
  area.load("values");
  const generation = sheet.getRange("B1");
  generation.load("values");
  return {
    cell,
    granted: (generationRead) =>
      mayProceed(area.values.flat(), token, now) && (Number(generation.values[0][0]) || 0) === generationRead,
  };
}

export function queueReleaseLease(ctx: Excel.RequestContext, claim: LeaseClaim): void {
  ctx.workbook.worksheets.getItem(MEMORY_SHEET).getRange(claim.cell).values = [[""]];
}

/** Where the original fill of a new entry is copied from (instead of being written as text). */
export type Copies = Map<FillEntry, CellPos>;

/**
 * Queues the rewrite of the memory: the entries from row 2, the rows beyond cleared, the generation raised.
 * Split by the batcher; queued before anything else of the write so a failure here colours nothing. The
 * `copies` entries get COPIED as their original colour and the cell's formats copied into column J, one
 * copyFrom per run of vertically adjacent cells, queued first.
 */
export async function queueWriteMemory(
  ctx: Excel.RequestContext,
  batch: Batcher,
  entries: MemoryEntry[],
  previousRows: number,
  generation: number,
  copies: Copies = new Map(),
): Promise<void> {
  // Proxies are made inside the queued functions only: a ByteCounter (which queues nothing) calls this too.
  const sheet = () => ctx.workbook.worksheets.getItem(MEMORY_SHEET);
  for (const run of copyRuns(entries, copies)) {
    await batch.add(BYTES.rangeWrite * 2, () =>
      sheet()
        .getRange(`${COPY_COL}${run.index + 2}:${COPY_COL}${run.index + run.count + 1}`)
        .copyFrom(ctx.workbook.worksheets.getItem(run.from.sheet).getRange(`${a1(run.from.row, run.from.col)}:${a1(run.from.row + run.count - 1, run.from.col)}`), "Formats"),
    );
  }
  const rows = entries.map((e) => encodeEntry(e.kind === "fill" && copies.has(e) ? { ...e, original: { ...NO_FILL, color: COPIED } } : e));
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const part = rows.slice(i, i + CHUNK_ROWS);
    await batch.add(BYTES.rangeWrite + jsonBytes(part), () => {
      sheet().getRange(`A${i + 2}:${LAST_COL}${i + 1 + part.length}`).formulas = part;
    });
  }
  if (previousRows > rows.length) {
    await batch.add(BYTES.rangeWrite, () => sheet().getRange(`A${rows.length + 2}:${LAST_COL}${previousRows + 1}`).clear("Contents"));
  }
  await batch.add(BYTES.rangeWrite, () => (sheet().getRange("B1").values = [[generation + 1]]));
}

/** Consecutive entries copied from vertically adjacent cells of one column: one copyFrom each. */
function copyRuns(entries: MemoryEntry[], copies: Copies): { index: number; count: number; from: CellPos }[] {
  const runs: { index: number; count: number; from: CellPos }[] = [];
  entries.forEach((e, index) => {
    const from = e.kind === "fill" ? copies.get(e) : undefined;
    if (!from) return;
    const last = runs[runs.length - 1];
    const follows = last && last.index + last.count === index && last.from.sheet === from.sheet && last.from.col === from.col;
    if (follows && last.from.row + last.count === from.row) last.count++;
    else runs.push({ index, count: 1, from });
  });
  return runs;
}

/** After a failed write: whether the memory was written (its generation raised) before the failure. */
export async function generationIs(ctx: Excel.RequestContext, generation: number): Promise<boolean> {
  const cell = ctx.workbook.worksheets.getItem(MEMORY_SHEET).getRange("B1");
  cell.load("values");
  return ctx.sync().then(
    () => Number(cell.values[0][0]) === generation,
    () => false,
  );
}

/** Whether the memory sheet exists (after a failed first write: was it created?). */
export async function memoryExists(ctx: Excel.RequestContext): Promise<boolean> {
  const sheet = ctx.workbook.worksheets.getItemOrNullObject(MEMORY_SHEET);
  sheet.load("name");
  return ctx.sync().then(
    () => !sheet.isNullObject,
    () => false,
  );
}
