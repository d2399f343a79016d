// What a check writes after its memory (the summary lines, the restored fills, the highlights, the notes), and
// the memory entries of what it marked: the same for the three-trip and the two-trip check.
import { a1 } from "../core";
import {
  anchorFormula,
  summaryRuns,
  type CellPos,
  type FillEntry,
  type HighlightPlan,
  type SummaryEntry,
  type SummaryPlan,
} from "../core/memory";
import { Batcher, BYTES, jsonBytes } from "./batch";
import { fillRuns, writeFill } from "./fills";
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
}

/** Queues what a check writes after its memory: the summary lines, the restored fills, the highlights, the notes. */
export async function queueMarks(ctx: Excel.RequestContext, batch: Batcher, plan: MarksPlan): Promise<void> {
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

export const fillEntry = (r: HighlightPlan["remember"][number], sheetId: string): FillEntry => ({
  kind: "fill",
  anchor: anchorFormula(r.sheet, r.row, r.col),
  sheetId,
  original: r.original,
  applied: r.applied,
  note: r.note,
});
export const summaryEntry = (s: SummaryPlan["remember"][number], sheetId: string): SummaryEntry => ({
  kind: "summary",
  anchor: anchorFormula(s.sheet, s.row, s.col),
  sheetId,
  text: s.text,
});
