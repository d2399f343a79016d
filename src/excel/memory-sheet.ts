// The check's memory inside the workbook: a very hidden worksheet (visibility veryHidden, ExcelApi 1.1: not
// listed by Excel's Unhide dialog) with one row per remembered cell, and the lease that lets one check
// run at a time, also across the ribbon's separate runtime.
//
// Row 1: A1 a marker, B1 the generation (raised by every write: a run that read an older one is stale), C1 the
// ids of the sheets the entries belong to, as a JSON list.
// Rows 2..: the memory entries, one per row in A:I (see encodeEntry in core/memory.ts). Column B holds the
// anchor formula ='Sheet'!$C$12: Excel rewrites it when rows or columns move or the sheet is renamed. Column
// C holds "~2" for the third id of C1 (a sheet's id is some 40 characters: on every row, a third of the memory).
// K1:T100: leases, one cell per run (a random one), "token|expiry".
// Columns V onwards: originals copied from the cells with Range.copyFrom(…, "Formats") (ExcelApi 1.9) in the
// same round trip that colours them, so the check that creates the memory needs no round trip to read the
// fills first (see twoTripCheck in two-trip.ts). One column per sheet column copied from, at the rows of the
// source: a column of flagged cells is one copy, whatever their number. A row whose original colour reads
// "@V123" has its original fill in that cell; "@" alone (memories written before) in column J of its row.
import { a1, parseA1, type MergedRange } from "../core";
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
import { arrayWriteBytes, Batcher, BYTES, jsonBytes } from "./batch";
import { queueFillReads } from "./fills";

const MARKER = "Verifica PIAO: memoria delle evidenziazioni. Non modificare.";
const LAST_COL = "I";
/** Where memories written before kept a copied original: column J of the entry's row. */
const COPY_COL = "J";
/** The original colour of a row whose original fill is the format of a cell of the memory sheet. */
const COPIED = "@";
/** The first column of copied originals (V). */
const MIRROR_FIRST_COL = 21;
/** Rows between two flagged cells of a column beyond which their copies are two: a copy carries the formats between. */
const MAX_COPY_GAP = 1000;
const LEASE_AREA = { first: 10, rows: 100, cols: 10 }; // K1:T100
/** A row's sheet id as a reference into the list of C1. */
const SHEET_REF = /^~(\d+)$/;
const CHUNK_ROWS = 5000;
/**
 * Entries read blind in the first round trip when their number is not known (the first chunk, about 0.5 MB):
 * a bigger memory needs more reads (queueMemoryRest), unless this runtime wrote it and knows it fits.
 */
export const BLIND_ENTRIES = CHUNK_ROWS - 1;

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
  /** Entries whose original is the fill of a cell of the memory sheet, with that cell: see resolveCopied. */
  copied: Map<FillEntry, CellPos>;
  /** The sheet ids listed in C1, which the rows refer to: a rewrite keeps those still in use in their places. */
  sheets: string[];
}

/** Rows first..first+rows-1 (0-based) of the memory, within its used range. */
function queueChunk(read: Pick<MemoryRead, "sheet" | "used">, first: number, rows = CHUNK_ROWS): Excel.Range {
  const chunk = read.sheet.getRange(`A${first + 1}:${LAST_COL}${first + rows}`).getIntersectionOrNullObject(read.used);
  chunk.load("rowIndex,formulas");
  return chunk;
}

/** Queues the read of the memory sheet (a null object when there is none yet) and of its first `entries` rows. */
export function queueMemoryRead(ctx: Excel.RequestContext, entries = BLIND_ENTRIES): MemoryRead {
  const sheet = ctx.workbook.worksheets.getItemOrNullObject(MEMORY_SHEET);
  sheet.load("name");
  sheet.protection.load("protected");
  const used = sheet.getRange(`A:${LAST_COL}`).getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  const generation = sheet.getRange("B1");
  generation.load("values");
  const chunks = Array.from({ length: Math.max(1, Math.ceil((entries + 1) / CHUNK_ROWS)) }, (_, k) => queueChunk({ sheet, used }, k * CHUNK_ROWS));
  return { sheet, used, generation, chunks };
}

/**
 * The memory as written: its rows, with a reference into `sheets` for the sheet id, and the entries copied
 * (`copies`) with "@" and their cell as their original colour.
 */
function encodeRows(entries: MemoryEntry[], copies: CopyPlan = NO_COPIES, listed: string[] = []): { rows: (string | number)[][]; sheets: string[] } {
  // The ids still in use keep their place; the places of the others are free for new ones (C1 holds 32,767
  // characters: some 800 ids at once).
  const inUse = new Set(entries.map((e) => e.sheetId));
  const sheets = listed.map((id) => (inUse.has(id) ? id : ""));
  const refs = new Map(sheets.flatMap((id, i) => (id ? [[id, `~${i}`] as const] : [])));
  const refOf = (id: string) => {
    if (!id) return "";
    if (!refs.has(id)) {
      const free = sheets.indexOf("");
      const at = free >= 0 ? free : sheets.length;
      sheets[at] = id;
      refs.set(id, `~${at}`);
    }
    return refs.get(id)!;
  };
  const rows = entries.map((e) => {
    const at = e.kind === "fill" ? copies.at.get(e) : undefined;
    const row = encodeEntry(at ? { ...(e as FillEntry), original: { ...NO_FILL, color: COPIED + a1(at.row, at.col) } } : e);
    row[2] = refOf(e.sheetId);
    return row;
  });
  return { rows, sheets };
}

/** Answer bytes of a memory of these entries as a first read brings it back: of its first BLIND_ENTRIES rows (`blind`), and whole. */
export interface MemoryBytes {
  entries: number;
  blind: number;
  all: number;
}

export function memoryReadBytes(entries: MemoryEntry[]): MemoryBytes {
  const { rows, sheets } = encodeRows(entries);
  const bytes = rows.map((row) => jsonBytes(row));
  const sum = (list: number[]) => list.reduce((n, b) => n + b, jsonBytes(sheets));
  return { entries: entries.length, blind: sum(bytes.slice(0, BLIND_ENTRIES)), all: sum(bytes) };
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
  for (let first = read.chunks.length * CHUNK_ROWS; first < last; first += rows) {
    const index = read.chunks.length; // assigned, not appended: the batcher may queue it again
    await batch.add(BYTES.rangeWrite, () => (read.chunks[index] = queueChunk(read, first, rows)), Math.min(rows, last - first) * rowBytes);
  }
}

export function toMemory(read: MemoryRead): Memory {
  if (read.sheet.isNullObject) return noMemory();
  const entries: MemoryEntry[] = [];
  const copied = new Map<FillEntry, CellPos>();
  let rows = 0;
  let sheets: string[] | null = null;
  for (const chunk of read.chunks) {
    if (chunk.isNullObject) continue;
    chunk.formulas.forEach((row, i) => {
      if (chunk.rowIndex + i === 0) {
        sheets = sheetList(row[2]);
        return;
      }
      rows = Math.max(rows, chunk.rowIndex + i);
      const ref = SHEET_REF.exec(String(row[2] ?? ""));
      const entry = decodeEntry(sheets && ref ? [row[0], row[1], sheets[Number(ref[1])] ?? "", ...row.slice(3)] : row);
      if (entry) entries.push(entry);
      if (entry?.kind === "fill" && entry.original.color?.startsWith(COPIED)) copied.set(entry, copiedAt(entry.original.color, chunk.rowIndex + i));
    });
  }
  const generation = Number(read.generation.values[0][0]) || 0;
  return { exists: true, protected: read.sheet.protection.protected, generation, entries, rows, copied, sheets: sheets ?? [] };
}

/** The sheet ids of C1 (null: none, a memory written before they were listed there). */
function sheetList(cell: unknown): string[] | null {
  try {
    const list: unknown = typeof cell === "string" && cell ? JSON.parse(cell) : null;
    return Array.isArray(list) ? list.map(String) : null;
  } catch {
    return null;
  }
}

export const noMemory = (): Memory => ({ exists: false, protected: false, generation: 0, entries: [], rows: 0, copied: new Map(), sheets: [] });

/** The memory-sheet cell holding the original of an entry whose colour reads `color` ("@V123", or "@" on memory row `row`). */
function copiedAt(color: string, row: number): CellPos {
  const at = parseA1(color.slice(COPIED.length));
  return { sheet: MEMORY_SHEET, ...(at ?? { row, col: COPY_COL.charCodeAt(0) - 65 }) };
}

/**
 * Queues the read of the copied originals (in the batcher's round trip); after its flush, the returned
 * function puts them into their entries as originals, so the memory is plain again (and is written back as
 * text by the next rewrite). A severity fill found there is never an original: it becomes no fill.
 */
export async function queueResolveCopied(memory: Memory, batch: Batcher): Promise<() => void> {
  if (memory.copied.size === 0) return () => undefined;
  const read = await queueFillReads([...memory.copied.values()], batch);
  return () => void resolveCopied(memory, read());
}

/**
 * Puts the copied fills into their entries as originals (a severity fill becomes no fill); false, changing
 * nothing, when a cell's fill is not among `fills`.
 */
export function resolveCopied(memory: Memory, fills: Map<string, Fill>): boolean {
  if (![...memory.copied.values()].every((at) => fills.has(posKey(at)))) return false;
  for (const [entry, at] of memory.copied) {
    const fill = fills.get(posKey(at))!;
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

/** One copyFrom: `rows` cells of a column from `from` down, into the memory sheet from `to` down. */
interface CopySegment {
  from: CellPos;
  to: CellPos;
  rows: number;
}

/** The copies of a write: the memory-sheet cell of each copied original, and the copyFrom calls that put them there. */
export interface CopyPlan {
  at: Map<FillEntry, CellPos>;
  segments: CopySegment[];
}

export const NO_COPIES: CopyPlan = { at: new Map(), segments: [] };

/**
 * Plans the copies: each sheet column copied from gets a column of the memory sheet from V on, and a cell's
 * original goes to the same row there, so the flagged cells of a column are one copyFrom however many they
 * are (the formats between them come along and are never read). A copy never takes part of a merged cell
 * (what Excel does with part of a merge is not documented): a cell of a merged area is copied alone, and a
 * segment stops before a merged row.
 * Without the merged areas (`merges` null, before ExcelApi 1.13) only adjacent cells share a copy.
 */
export function planCopies(copies: Copies, merges: Map<string, MergedRange[]> | null): CopyPlan {
  const byColumn = new Map<string, { entry: FillEntry; from: CellPos }[]>();
  for (const [entry, from] of copies) {
    const k = `${from.sheet}\u0000${from.col}`;
    if (!byColumn.has(k)) byColumn.set(k, []);
    byColumn.get(k)!.push({ entry, from });
  }
  const plan: CopyPlan = { at: new Map(), segments: [] };
  let mirror = MIRROR_FIRST_COL;
  for (const cells of byColumn.values()) {
    cells.sort((a, b) => a.from.row - b.from.row);
    const { sheet, col } = cells[0].from;
    const mergedRows = new Set<number>();
    for (const m of merges?.get(sheet) ?? []) if (m.left <= col && col <= m.right) for (let r = m.top; r <= m.bottom; r++) mergedRows.add(r);
    const merged = (row: number) => mergedRows.has(row);
    let last: CopySegment | null = null;
    for (const { entry, from } of cells) {
      const to = { sheet: MEMORY_SHEET, row: from.row, col: mirror };
      plan.at.set(entry, to);
      const end = last ? last.from.row + last.rows : -1;
      const joins =
        last !== null && from.row >= end && !merged(from.row) && !merged(end - 1) &&
        (merges ? from.row - end <= MAX_COPY_GAP && Array.from({ length: from.row - end }, (_, i) => end + i).every((r) => !merged(r)) : from.row === end);
      if (joins) last!.rows = from.row - last!.from.row + 1;
      else plan.segments.push((last = { from, to, rows: 1 }));
    }
    mirror++;
  }
  return plan;
}

/**
 * Queues the rewrite of the memory over the one read (`previous`): the entries from row 2, the rows beyond
 * cleared, the generation raised. Split by the batcher; queued before anything else of the write so a failure
 * here colours nothing. The entries copied (`copies`) get "@" and their cell as their original colour, and the
 * cells' formats are copied there first (see planCopies). The list of sheet ids goes in before the rows and
 * keeps the ids still in use where they were: rows of either memory read right if a write stops halfway.
 */
export async function queueWriteMemory(
  batch: Batcher,
  entries: MemoryEntry[],
  previous: Pick<Memory, "rows" | "generation" | "sheets">,
  copies: CopyPlan = NO_COPIES,
): Promise<void> {
  const sheet = () => batch.sheet(MEMORY_SHEET);
  const column = (top: CellPos, rows: number) => `${a1(top.row, top.col)}:${a1(top.row + rows - 1, top.col)}`;
  for (const { from, to, rows } of copies.segments) {
    await batch.add(BYTES.copy, () => sheet().getRange(column(to, rows)).copyFrom(batch.sheet(from.sheet).getRange(column(from, rows)), "Formats"));
  }
  const { rows, sheets } = encodeRows(entries, copies, previous.sheets);
  const list = JSON.stringify(sheets);
  await batch.add(BYTES.rangeWrite + list.length, () => (sheet().getRange("C1").values = [[list]]));
  for (let i = 0; i < rows.length; ) {
    const part = writeChunk(rows, i);
    const first = i;
    await batch.add(arrayWriteBytes(part), () => {
      sheet().getRange(`A${first + 2}:${LAST_COL}${first + 1 + part.length}`).formulas = part;
    });
    i += part.length;
  }
  if (previous.rows > rows.length) {
    await batch.add(BYTES.rangeWrite, () => sheet().getRange(`A${rows.length + 2}:${LAST_COL}${previous.rows + 1}`).clear("Contents"));
  }
  await batch.add(BYTES.rangeWrite, () => (sheet().getRange("B1").values = [[previous.generation + 1]]));
}

/** Bytes of memory rows beyond which a write is closed (rows with long notes): one write is one call, which the batcher cannot split. */
const WRITE_BYTES = 500_000;

/** The rows from `first` that one write takes: at most CHUNK_ROWS, and WRITE_BYTES (at least one row). */
function writeChunk(rows: (string | number)[][], first: number): (string | number)[][] {
  let bytes = 0;
  let end = first;
  while (end < rows.length && end - first < CHUNK_ROWS && (end === first || bytes + jsonBytes(rows[end]) <= WRITE_BYTES)) bytes += jsonBytes(rows[end++]);
  return rows.slice(first, end);
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
