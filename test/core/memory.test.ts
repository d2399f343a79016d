import type { CellMark } from "../../src/core";
import { SEVERITY_FILL } from "../../src/core";
import {
  anchorFormula,
  decodeEntry,
  encodeEntry,
  encodeLease,
  isOurSummaryCell,
  textDigest,
  isSeverityFill,
  locate,
  mayProceed,
  NO_FILL,
  oneEntryPerCell,
  parseAnchor,
  planHighlights,
  planRestore,
  planSummaries,
  summaryRuns,
  type CellPos,
  type CellState,
  type Fill,
  type FillEntry,
  type SummaryEntry,
} from "../../src/core/memory";

const fill = (color: string | null, extra: Partial<Fill> = {}): Fill => ({ ...NO_FILL, color, ...extra });
const PINK = SEVERITY_FILL.error.toUpperCase();
const YELLOW = SEVERITY_FILL.warning.toUpperCase();
const key = (p: CellPos) => `${p.sheet}!${p.row},${p.col}`;

function fillEntry(sheet: string, row: number, col: number, original: Fill, applied = PINK): FillEntry {
  return { kind: "fill", anchor: anchorFormula(sheet, row, col), sheetId: "{1}", original, applied, note: null };
}
const mark = (sheet: string, row: number, col: number, severity: CellMark["severity"] = "error"): CellMark => ({
  sheet,
  cell: "",
  row,
  col,
  severity,
  messages: ["m"],
});

describe("anchors", () => {
  it("writes a quoted absolute reference and reads it back", () => {
    expect(anchorFormula("Fase 1", 11, 2)).toBe("='Fase 1'!$C$12");
    expect(parseAnchor(anchorFormula("It's", 0, 27))).toEqual({ sheet: "It's", row: 0, col: 27 });
  });
  it("reads the forms a host gives back, and null once the cell is gone", () => {
    expect(parseAnchor("=Sheet1!C12")).toEqual({ sheet: "Sheet1", row: 11, col: 2 });
    expect(parseAnchor("='Piano 2025'!$AB$7")).toEqual({ sheet: "Piano 2025", row: 6, col: 27 });
    expect(parseAnchor("=#REF!")).toBeNull();
    expect(parseAnchor("='Fase 1'!#REF!")).toBeNull();
    expect(parseAnchor("C12")).toBeNull();
    expect(parseAnchor(42)).toBeNull();
  });
});

describe("memory rows", () => {
  it("round-trips a fill entry with pattern and tint, and a summary entry", () => {
    const e: FillEntry = { ...fillEntry("A", 1, 1, fill("#ddebf7", { pattern: "Solid", tint: -0.25 })), note: "n" };
    expect(decodeEntry(encodeEntry(e))).toEqual({ ...e, original: { ...e.original, color: "#DDEBF7" } });
    const s: SummaryEntry = { kind: "summary", anchor: anchorFormula("A", 0, 5), sheetId: "{2}", digest: textDigest("Sintesi") };
    expect(decodeEntry(encodeEntry(s))).toEqual(s);
    // A row written before digests holds the text itself: read as its digest.
    expect(decodeEntry(["S", s.anchor, "{2}", "", "", "", "", "", "Sintesi"])).toEqual(s);
  });
  it("keeps a summary line as a short digest that tells apart every other line", () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `Fasi concluse: ${i % 7} di 7; prossima scadenza ${i}/12/2025`);
    const digests = lines.map(textDigest);
    expect(new Set(digests).size).toBe(lines.length);
    expect(digests.every((d) => /^s:[0-9a-z]{1,11}$/.test(d))).toBe(true);
    expect(textDigest(lines[0])).toBe(digests[0]);
    expect(textDigest("In corso ")).not.toBe(textDigest("In corso"));
  });
  it("drops malformed rows", () => {
    expect(decodeEntry(["F", "C12", "{1}", "", "", "", "", PINK, ""])).toBeNull();
    expect(decodeEntry(["X", "=A!$A$1", "{1}"])).toBeNull();
    expect(decodeEntry(["F", "=A!$A$1", "{1}", "", "", "", "", "", ""])).toBeNull();
  });
});

describe("isSeverityFill", () => {
  it("recognises our colours case-insensitively", () => {
    expect(isSeverityFill(SEVERITY_FILL.warning.toLowerCase())).toBe(true);
    expect(isSeverityFill(fill(PINK))).toBe(true);
    expect(isSeverityFill(fill("#FFFFFF"))).toBe(false);
    expect(isSeverityFill(NO_FILL)).toBe(false);
  });
});

describe("planHighlights", () => {
  const current = (fills: Record<string, Fill>) => (p: CellPos) => fills[key(p)] ?? NO_FILL;

  it("remembers the fill a newly flagged cell shows, never a severity fill", () => {
    const plan = planHighlights([], [mark("S", 1, 1), mark("S", 2, 1, "warning")], current({ "S!1,1": fill("#00FF00"), "S!2,1": fill(PINK) }));
    expect(plan.apply).toEqual([
      { sheet: "S", row: 1, col: 1, color: PINK },
      { sheet: "S", row: 2, col: 1, color: YELLOW },
    ]);
    expect(plan.remember.map((r) => r.original)).toEqual([fill("#00FF00"), NO_FILL]);
  });

  it("keeps the remembered original of a cell flagged again, restores the others", () => {
    const previous = [fillEntry("S", 5, 2, fill("#111111")), fillEntry("S", 6, 2, fill("#222222"))].map(locate);
    const plan = planHighlights(previous, [mark("S", 5, 2, "warning")], current({ "S!5,2": fill(PINK), "S!6,2": fill(PINK) }));
    expect(plan.remember).toEqual([{ sheet: "S", row: 5, col: 2, original: fill("#111111"), applied: YELLOW, note: null }]);
    expect(plan.restore).toEqual([{ sheet: "S", row: 6, col: 2, fill: fill("#222222") }]);
  });

  it("leaves a cell the user recoloured, forgets entries whose cell is gone", () => {
    const gone: FillEntry = { ...fillEntry("S", 1, 1, fill("#333333")), anchor: "='S'!#REF!" };
    const previous = [fillEntry("S", 5, 2, fill("#111111")), gone].map(locate);
    const plan = planHighlights(previous, [mark("S", 5, 2)], current({ "S!5,2": fill("#ABCDEF") }));
    expect(plan.restore).toEqual([]);
    expect(plan.remember[0].original).toEqual(fill("#ABCDEF"));
    expect(planHighlights(previous, [], current({ "S!5,2": fill("#ABCDEF") })).restore).toEqual([]);
  });
});

describe("planRestore", () => {
  it("restores exactly the cells still showing our colour and counts them", () => {
    const entries = [
      fillEntry("S", 3, 0, fill("#FFFFFF", { pattern: "Solid" })),
      fillEntry("S", 4, 0, fill("#0000FF", { tint: 0.4 })),
      { ...fillEntry("S", 9, 0, NO_FILL), anchor: "=#REF!" },
      fillEntry("S", 7, 0, NO_FILL),
    ].map(locate);
    const now: Record<string, Fill | null> = { "S!3,0": fill(PINK.toLowerCase()), "S!4,0": fill("#00FF00"), "S!7,0": null };
    const plan = planRestore(entries, (p) => (key(p) in now ? now[key(p)] : NO_FILL));
    expect(plan.restore).toEqual([{ sheet: "S", row: 3, col: 0, fill: fill("#FFFFFF", { pattern: "Solid" }) }]);
    expect(plan.count).toBe(1);
    expect(plan.keep).toEqual([entries[3].entry]);
  });
});

describe("two entries of one cell (a cut and paste onto a remembered cell)", () => {
  // The older entry applied yellow over blue, the newer pink over green; both anchors now point to S!4,1.
  const older = fillEntry("S", 4, 1, fill("#0000FF"), YELLOW);
  const newer = fillEntry("S", 4, 1, fill("#00FF00"), PINK);
  const both = [older, newer].map(locate);

  it("oneEntryPerCell keeps the entry whose colour the cell shows, else the newest, and drops gone cells", () => {
    const gone = locate({ ...fillEntry("S", 1, 1, NO_FILL), anchor: "=#REF!" });
    const other = locate(fillEntry("S", 9, 1, NO_FILL));
    expect(oneEntryPerCell([...both, gone, other], () => YELLOW.toLowerCase()).map((l) => l.entry)).toEqual([older, other.entry]);
    expect(oneEntryPerCell(both, () => PINK).map((l) => l.entry)).toEqual([newer]);
    expect(oneEntryPerCell(both, () => "#ABCDEF").map((l) => l.entry)).toEqual([newer]);
    expect(oneEntryPerCell(both, () => null).map((l) => l.entry)).toEqual([newer]);
  });

  it("planRestore gives back the original of the entry whose colour the cell shows", () => {
    expect(planRestore(both, () => fill(YELLOW)).restore).toEqual([{ sheet: "S", row: 4, col: 1, fill: fill("#0000FF") }]);
    expect(planRestore(both, () => fill(PINK)).restore).toEqual([{ sheet: "S", row: 4, col: 1, fill: fill("#00FF00") }]);
    const unread = planRestore(both, () => null);
    expect(unread).toEqual({ restore: [], keep: [newer], count: 0 });
  });

  it("planHighlights restores, or keeps as original, the fill under the colour the cell shows", () => {
    expect(planHighlights(both, [], () => fill(PINK)).restore).toEqual([{ sheet: "S", row: 4, col: 1, fill: fill("#00FF00") }]);
    expect(planHighlights(both, [mark("S", 4, 1)], () => fill(YELLOW)).remember[0].original).toEqual(fill("#0000FF"));
  });
});

describe("summary column", () => {
  const header = "Sintesi monitoraggio al 01/03/2025";
  const column = { sheet: "S", col: 5, firstRow: 2, lines: [header, "In corso", "", "Avanzamento 0%"] };
  const grid = (cells: Record<string, Partial<CellState>>, hidden: number[] = []) => (p: CellPos): CellState => ({
    value: null,
    formula: "",
    hidden: hidden.includes(p.col),
    ...cells[key(p)],
  });

  it("ours only while the cell holds exactly our text and no formula", () => {
    expect(isOurSummaryCell("In corso", "In corso", textDigest("In corso"))).toBe(true);
    expect(isOurSummaryCell("In corso (verificato)", "In corso (verificato)", textDigest("In corso"))).toBe(false);
    expect(isOurSummaryCell("", '=IF(A1>0,"")', textDigest(""))).toBe(false);
    expect(isOurSummaryCell("x", "=B1", textDigest("x"))).toBe(false);
  });

  it("writes only rows with a line into its own column, leaving the user's text in the other rows", () => {
    const cells = { "S!2,5": { value: "Sintesi monitoraggio al 01/02/2025" }, "S!4,5": { value: "user note", formula: "user note" } };
    const plan = planSummaries([column], [], grid(cells));
    expect(plan.writes.map((w) => [w.row, w.col, w.text])).toEqual([
      [2, 5, header],
      [3, 5, "In corso"],
      [5, 5, "Avanzamento 0%"],
    ]);
    expect(new Set(planSummaries([column], [], grid({ "S!4,5": cells["S!4,5"] })).writes.map((w) => w.col))).toEqual(new Set([6]));
  });

  it("moves past a formula yielding an empty string and past a hidden column", () => {
    const plan = planSummaries([column], [], grid({ "S!3,5": { value: "", formula: '=IF(A4>0,"x","")' } }, [6]));
    expect(new Set(plan.writes.map((w) => w.col))).toEqual(new Set([7]));
  });

  it("reports a conflict when no column within maxShift is usable", () => {
    const plan = planSummaries([column], [], grid({}, [5, 6, 7]), 2);
    expect(plan).toEqual({ writes: [], clears: [], remember: [], conflict: { sheet: "S", row: 2, col: 5 } });
  });

  it("replaces its own column, but not a user's edit of its line", () => {
    const previous = [
      { kind: "summary" as const, anchor: anchorFormula("S", 2, 5), sheetId: "1", digest: textDigest("Sintesi monitoraggio al 01/02/2025") },
      { kind: "summary" as const, anchor: anchorFormula("S", 3, 5), sheetId: "1", digest: textDigest("Scade il 31/12/2025") },
    ].map(locate);
    const own = grid({ "S!2,5": { value: "Sintesi monitoraggio al 01/02/2025" }, "S!3,5": { value: "Scade il 31/12/2025" } });
    expect(new Set(planSummaries([column], previous, own).writes.map((w) => w.col))).toEqual(new Set([5]));
    const edited = grid({ "S!2,5": { value: "Sintesi monitoraggio al 01/02/2025" }, "S!3,5": { value: "Fatto, vedi delibera" } });
    const plan = planSummaries([column], previous, edited);
    expect(new Set(plan.writes.map((w) => w.col))).toEqual(new Set([6]));
    expect(plan.clears).toEqual([{ sheet: "S", row: 2, col: 5 }]);
  });
});

describe("summaryRuns", () => {
  test("consecutive rows of one column make one run; a gap, another column or another sheet starts a new one", () => {
    const cell = (sheet: string, row: number, col: number, text: string) => ({ sheet, row, col, text });
    const runs = summaryRuns([
      cell("B", 3, 5, "b3"),
      cell("A", 4, 5, "a4"),
      cell("A", 2, 5, "a2"),
      cell("A", 3, 5, "a3"),
      cell("A", 6, 5, "a6"),
      cell("A", 3, 6, ""),
    ]);
    expect(runs).toEqual([
      { sheet: "A", row: 2, col: 5, texts: ["a2", "a3", "a4"] },
      { sheet: "A", row: 6, col: 5, texts: ["a6"] },
      { sheet: "A", row: 3, col: 6, texts: [""] },
      { sheet: "B", row: 3, col: 5, texts: ["b3"] },
    ]);
    expect(summaryRuns([])).toEqual([]);
  });
});

describe("mayProceed", () => {
  it("goes on only when no other live lease is seen", () => {
    const now = 1_000_000;
    expect(mayProceed([encodeLease({ token: "a", expires: now + 1 }), ""], "a", now)).toBe(true);
    expect(mayProceed([encodeLease({ token: "a", expires: now + 1 }), encodeLease({ token: "b", expires: now + 5 })], "a", now)).toBe(false);
    expect(mayProceed([encodeLease({ token: "a", expires: now + 1 }), encodeLease({ token: "b", expires: now })], "a", now)).toBe(true);
  });
});
