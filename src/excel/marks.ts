// What a check writes after its memory (the summary lines, the restored fills, the highlights, the notes), and
// the memory entries of what it marked: the same for the three-trip and the two-trip check.
import { a1, type MergedRange } from "../core";
import { noteDigest } from "../core/note-block";
import {
  anchorFormula,
  summaryRuns,
  textDigest,
  type CellPos,
  type SummaryRun,
  type FillEntry,
  type HighlightPlan,
  type SummaryEntry,
  type SummaryPlan,
} from "../core/memory";
import { arrayWriteBytes, Batcher, BYTES, jsonBytes } from "./batch";
import { fillAreas, queueFillWrites, refuseAreas, supports } from "./fills";
import type { SheetData } from "./read";
import { noteChanges, queueNoteWrites } from "./notes";

/** Columns right of the core's summary column read in the prepare round trip (hidden or taken ones are skipped). */
export const SUMMARY_SHIFT = 5;

export interface MarksPlan {
  summaries: SummaryPlan;
  highlights: HighlightPlan;
  /** The cells' previous note blocks to take away; null below ExcelApi 1.18 (no notes written). */
  previousNotes: (CellPos & { note: string | null })[] | null;
  /** The notes of the cells as read before (none: a cell without a note). */
  notes: Map<string, string | null>;
  /** The merged areas of each sheet as read (ExcelApi 1.13); null when they were not read. */
  merges: Map<string, MergedRange[]> | null;
}

/** The merged areas the first read brought, by sheet (ExcelApi 1.13; null below: not read). */
export const mergesOf = (sheets: Iterable<SheetData>): MarksPlan["merges"] =>
  supports("1.13") ? new Map([...sheets].map((s) => [s.name, s.grid.merges ?? []])) : null;

/** From this many runs of summary lines, the runs of one column less than MAX_GAP rows apart are one write. */
const BLOCKS_FROM_RUNS = 50;
const MAX_GAP = 20;
/** Bytes of lines beyond which a block is closed: one write is one call, which the batcher cannot split. */
const BLOCK_BYTES = 500_000;
/** A host refused a write with blocks or RangeAreas in this runtime: plain writes from then on (see refuseCompactWrites). */
let blocksRefused = false;

/**
 * The summary runs as range writes. Many runs (a long sheet, one per scheda) are joined into blocks: the rows
 * between two runs of one column are null in the block, which Excel leaves unchanged ("null input in 2-D
 * array", learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values), so a row without a
 * line keeps whatever the user put there, and 2,000 schede are a few dozen writes instead of 2,000.
 */
export function summaryBlocks(runs: SummaryRun[], merges: MarksPlan["merges"]): { sheet: string; row: number; col: number; texts: (string | null)[] }[] {
  if (runs.length < BLOCKS_FROM_RUNS || !merges || blocksRefused) return runs;
  // Never across part of a merged cell (a title row merged over the column): Excel may refuse such a write.
  const mergedRows = new Map<string, Set<number>>();
  const merged = (sheet: string, row: number, col: number) => {
    const key = `${sheet}\u0000${col}`;
    if (!mergedRows.has(key)) {
      const rows = new Set<number>();
      for (const m of merges.get(sheet) ?? []) if (m.left <= col && col <= m.right) for (let r = m.top; r <= m.bottom; r++) rows.add(r);
      mergedRows.set(key, rows);
    }
    return mergedRows.get(key)!.has(row);
  };
  const blocks: { sheet: string; row: number; col: number; texts: (string | null)[] }[] = [];
  let blockBytes = 0;
  for (const run of runs) {
    const last = blocks[blocks.length - 1];
    const end = last ? last.row + last.texts.length : 0;
    const gap = run.row - end;
    const bytes = jsonBytes(run.texts) + gap * 7; // a null row is [null],
    const joins =
      last && last.sheet === run.sheet && last.col === run.col && gap >= 0 && gap <= MAX_GAP && blockBytes + bytes <= BLOCK_BYTES &&
      Array.from({ length: gap }, (_, i) => end + i).every((row) => !merged(run.sheet, row, run.col));
    if (joins) {
      last.texts.push(...Array<null>(gap).fill(null), ...run.texts);
      blockBytes += bytes;
    } else {
      blocks.push({ ...run, texts: [...run.texts] });
      blockBytes = bytes;
    }
  }
  return blocks;
}

const applied = (plan: MarksPlan) =>
  plan.highlights.apply.map((a) => ({ ...a, fill: { color: a.color, pattern: "Solid", patternColor: null, tint: null } }));

/**
 * Whether queueMarks writes compactly: fills as RangeAreas, summary lines in blocks with null rows. To know it
 * before a failure: see refuseCompactWrites.
 */
export function compactMarks(plan: MarksPlan): boolean {
  const runs = summaryRuns(plan.summaries.writes);
  return fillAreas(plan.highlights.restore) || fillAreas(applied(plan)) || summaryBlocks(runs, plan.merges).length < runs.length;
}

/**
 * After a failed write that wrote compactly: true when it failed for another reason than its size, which may
 * be a host without RangeAreas or that refuses null in a block. This runtime then writes range by range, and
 * the caller runs again (nothing is lost: the memory was written first, and a remembered cell that was not
 * coloured is seen as the user's).
 */
export function refuseCompactWrites(e: unknown): boolean {
  if (!refuseAreas(e)) return false;
  blocksRefused = true;
  return true;
}

/** Queues what a check writes after its memory: the summary lines, the restored fills, the highlights, the notes. */
export async function queueMarks(ctx: Excel.RequestContext, batch: Batcher, plan: MarksPlan): Promise<void> {
  for (const w of summaryBlocks(summaryRuns(plan.summaries.writes), plan.merges)) {
    const range = `${a1(w.row, w.col)}:${a1(w.row + w.texts.length - 1, w.col)}`;
    const texts = w.texts.map((x) => [x]);
    await batch.add(arrayWriteBytes(texts), () => (batch.sheet(w.sheet).getRange(range).values = texts));
  }
  for (const c of plan.summaries.clears) await batch.add(BYTES.rangeWrite, () => (batch.sheet(c.sheet).getRange(a1(c.row, c.col)).values = [[""]]));
  await queueFillWrites(plan.highlights.restore, batch);
  await queueFillWrites(applied(plan), batch);
  if (plan.previousNotes) await queueNoteWrites(noteChanges(plan.previousNotes, plan.highlights.remember), plan.notes, batch);
}

/**
 * What the summary writes add to the sheets' answer in the next read: a line comes back as its value and its
 * formula (the text), in place of what the cell held (`valueAt`); a cleared line comes back empty.
 */
export function summaryGrowth(plan: SummaryPlan, valueAt: (pos: CellPos) => unknown): number {
  const held = (pos: CellPos) => jsonBytes(valueAt(pos) ?? "");
  let bytes = 0;
  for (const w of plan.writes) bytes += 2 * (jsonBytes(w.text) - held(w));
  for (const c of plan.clears) bytes -= 2 * (held(c) - jsonBytes(""));
  return bytes;
}

/** Characters of the note blocks a check writes (the memory keeps only their digests). */
export const noteBytes = (highlights: HighlightPlan) => highlights.remember.reduce((n, r) => n + (r.note?.length ?? 0), 0);

export const fillEntry = (r: HighlightPlan["remember"][number], sheetId: string): FillEntry => ({
  kind: "fill",
  anchor: anchorFormula(r.sheet, r.row, r.col),
  sheetId,
  original: r.original,
  applied: r.applied,
  note: r.note && noteDigest(r.note),
});
export const summaryEntry = (s: SummaryPlan["remember"][number], sheetId: string): SummaryEntry => ({
  kind: "summary",
  anchor: anchorFormula(s.sheet, s.row, s.col),
  sheetId,
  digest: textDigest(s.text),
});
