// planCopies: where the originals of newly flagged cells are copied in the memory sheet, and in how many
// copyFrom calls (each is a request of its own, so thousands of flagged cells must not be thousands of copies).
import type { MergedRange } from "../../src/core";
import { MEMORY_SHEET, NO_FILL, type CellPos, type FillEntry } from "../../src/core/memory";
import { planCopies, type Copies } from "../../src/excel/memory-sheet";

const SHEET = "Obiettivi 2024";
const entry = (cell: string): FillEntry => ({ kind: "fill", anchor: `='${SHEET}'!${cell}`, sheetId: "{1}", original: NO_FILL, applied: "#FF0000", note: null });
/** Copies of cells of one sheet given as [row, col] (0-based), in that order. */
function copiesOf(cells: [number, number][]): { copies: Copies; entries: FillEntry[] } {
  const copies: Copies = new Map();
  const entries = cells.map(([row, col]) => {
    const e = entry(`R${row}C${col}`);
    copies.set(e, { sheet: SHEET, row, col });
    return e;
  });
  return { copies, entries };
}
const segmentsOf = (copies: Copies, merges: MergedRange[] | null) =>
  planCopies(copies, merges && new Map([[SHEET, merges]])).segments.map((s) => [s.from.row, s.from.col, s.rows, s.to.col]);

test("the flagged cells of a column are one copy, into a column of the memory sheet (from V) at their own rows", () => {
  // D5, D15, D25 and C7, given out of order.
  const { copies, entries } = copiesOf([[14, 3], [4, 3], [6, 2], [24, 3]]);
  const plan = planCopies(copies, new Map([[SHEET, []]]));
  expect(plan.segments).toEqual([
    { from: { sheet: SHEET, row: 4, col: 3 }, to: { sheet: MEMORY_SHEET, row: 4, col: 21 }, rows: 21 },
    { from: { sheet: SHEET, row: 6, col: 2 }, to: { sheet: MEMORY_SHEET, row: 6, col: 22 }, rows: 1 },
  ]);
  const at = (e: FillEntry): CellPos => plan.at.get(e)!;
  expect(entries.map(at)).toEqual([
    { sheet: MEMORY_SHEET, row: 14, col: 21 },
    { sheet: MEMORY_SHEET, row: 4, col: 21 },
    { sheet: MEMORY_SHEET, row: 6, col: 22 },
    { sheet: MEMORY_SHEET, row: 24, col: 21 },
  ]);
});

test("a copy never takes part of a merged cell: a merged flagged cell is copied alone, and a copy stops before a merged row", () => {
  const merges = [
    { top: 9, bottom: 9, left: 0, right: 7 }, // a title row merged across the table
    { top: 20, bottom: 22, left: 3, right: 3 }, // a weight merged over three phases
  ];
  const { copies } = copiesOf([[4, 3], [7, 3], [14, 3], [20, 3], [29, 3], [31, 3]]);
  expect(segmentsOf(copies, merges)).toEqual([
    [4, 3, 4, 21], // D5:D8
    [14, 3, 1, 21], // D15: row 10 (merged) lies between D8 and D15, and D21 is merged
    [20, 3, 1, 21], // D21 alone
    [29, 3, 3, 21], // D30:D32
  ]);
});

test("without the merged areas (before ExcelApi 1.13) only adjacent cells share a copy; cells far apart are two copies", () => {
  expect(segmentsOf(copiesOf([[4, 3], [5, 3], [7, 3]]).copies, null)).toEqual([
    [4, 3, 2, 21],
    [7, 3, 1, 21],
  ]);
  expect(segmentsOf(copiesOf([[4, 3], [1004, 3], [2006, 3]]).copies, [])).toEqual([
    [4, 3, 1001, 21],
    [2006, 3, 1, 21],
  ]);
});

test("each sheet's column gets its own column of the memory sheet", () => {
  const copies: Copies = new Map([
    [entry("D5"), { sheet: SHEET, row: 4, col: 3 }],
    [entry("D6"), { sheet: "Responsabili", row: 5, col: 3 }],
  ]);
  expect(planCopies(copies, null).segments.map((s) => [s.from.sheet, s.to.col])).toEqual([
    [SHEET, 21],
    ["Responsabili", 22],
  ]);
});
