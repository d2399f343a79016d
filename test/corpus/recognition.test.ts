// Issue 2, "What it must show": the 68 corpus tables, in every layout, are recognised as exactly one
// block each with the right phase count, weights, final deadline and header cell.
import { checkWorkbook, type CheckReport, type ObjectiveReport } from "../../src/core";
import { address } from "../fixtures/oracle";
import { CONFIGS, OBJECTIVES, buildWorkbook, configName, type BuiltBlock, type BuiltWorkbook } from "../fixtures/corpus";

const TODAY = "2022-01-15";

interface Run {
  built: BuiltWorkbook;
  report: CheckReport;
}

const runs = new Map<string, Run>();
function run(i: number): Run {
  const key = configName(CONFIGS[i]);
  let r = runs.get(key);
  if (!r) {
    const built = buildWorkbook(OBJECTIVES, CONFIGS[i]);
    r = { built, report: checkWorkbook(built.workbook, { today: TODAY }) };
    runs.set(key, r);
  }
  return r;
}

/** The first non-empty cell of the header row. */
function headerCell(b: BuiltBlock): string {
  const cols = Object.values(b.cols).filter((c): c is number => c !== null);
  const withText = b.layout === "A" ? cols.filter((c) => c !== b.cols.label) : cols;
  return address(b.headerRow, Math.min(...withText));
}

function reportFor(r: Run, b: BuiltBlock): ObjectiveReport[] {
  return r.report.objectives.filter((o) => o.sheet === b.sheet && o.headerRow === b.headerRow);
}

test("the corpus has the 68 tables the issue talks about", () => {
  expect(OBJECTIVES).toHaveLength(68);
});

describe.each(CONFIGS.map((c, i) => [configName(c), i] as const))("%s", (_name, i) => {
  test("one block per table, nothing else", () => {
    const r = run(i);
    expect(r.report.objectives).toHaveLength(OBJECTIVES.length);
    expect(r.report.objectives.map((o) => `${o.sheet}!${o.headerCell}`).sort()).toEqual(
      r.built.blocks.map((b) => `${b.sheet}!${headerCell(b)}`).sort(),
    );
  });

  test.each(OBJECTIVES.map((o, k) => [o.id, k] as const))("%s", (_id, k) => {
    const r = run(i);
    const b = r.built.blocks[k];
    const o = b.objective;
    const found = reportFor(r, b);
    expect(found).toHaveLength(1);
    const rep = found[0];
    expect(rep.headerCell).toBe(headerCell(b));
    expect(rep.title).toBe(b.titleText);
    expect(rep.name).toBe(`Obiettivo ${o.objective_letter}`);
    expect(rep.phases).toBe(o.phases.length);
    expect(rep.phaseStatuses.map((s) => s.row)).toEqual(b.phaseRows);
    const weights = o.phases.reduce((s, p) => s + (p.incidenza_pct ?? 0), 0) + (o.incidenza_groups ?? []).reduce((s, g) => s + g.incidenza_pct, 0);
    expect(rep.incidenzaTotal).not.toBeNull();
    expect(rep.incidenzaTotal!).toBeCloseTo(weights, 6);
    expect(rep.finalDeadline).toBe(o.final_deadline);
    expect(rep.hasMonitoring).toBe(o.monitoring_date !== null);
    // Reference date (spec §3): a block's own "Monitoraggio al 30/09/2024" header, else the run's one date,
    // which is the first such header of the workbook (the corpus has one) and beats today.
    expect(rep.referenceDate).toBe(o.monitoring_date ?? r.report.referenceDate);
    expect(r.report.referenceDate).not.toBe(TODAY);
  });
});

test("000-obj-037: the merged 90% over fasi 1 a)-1 c) counts once", () => {
  const built = buildWorkbook(
    OBJECTIVES.filter((o) => o.id === "000-obj-037"),
    { layout: "A", arrangement: "per-sheet", responsabili: "Responsabili" },
  );
  const sheet = built.workbook.sheets.find((s) => s.name === "000-obj-037")!;
  expect(sheet.merges).toHaveLength(1);
  const rep = checkWorkbook(built.workbook, { today: TODAY });
  expect(rep.objectives[0].phases).toBe(4);
  expect(rep.objectives[0].incidenzaTotal).toBeCloseTo(100, 6);
  expect(rep.findings).toEqual([]);
});

test("options.sheet checks only that sheet, still resolving codes on the Responsabili sheet", () => {
  const built = buildWorkbook(OBJECTIVES, { layout: "A", arrangement: "per-sheet", responsabili: "Responsabili" });
  const rep = checkWorkbook(built.workbook, { sheet: "000-obj-017", today: TODAY });
  expect(rep.objectives.map((o) => o.sheet)).toEqual(["000-obj-017"]);
  // fase 2 and 3 carry 11 codes each, all in the table: nothing to report.
  expect(rep.findings).toEqual([]);
});
