// Issue 2: each corpus table produces exactly the findings the spec's rules imply for it, in every
// layout. The expected findings come from the independent oracle in test/fixtures/oracle.ts.
import { checkWorkbook, type CheckReport, type Finding } from "../../src/core";
import { address, expectedForBlock, expectedForWorkbook, keys } from "../fixtures/oracle";
import {
  CONFIGS,
  OBJECTIVES,
  addBlock,
  addResponsabili,
  buildWorkbook,
  cloneObjective,
  configName,
  objective,
  SheetBuilder,
  type BuiltBlock,
  type BuiltWorkbook,
  type WorkbookOptions,
} from "../fixtures/corpus";

const TODAY = "2022-01-15";

function findingsOf(report: CheckReport, b: BuiltBlock): Finding[] {
  const idx = report.objectives.findIndex((o) => o.sheet === b.sheet && o.headerRow === b.headerRow);
  return idx < 0 ? [] : report.findings.filter((f) => f.objectiveIndex === idx);
}

function check(built: BuiltWorkbook, opts: Parameters<typeof checkWorkbook>[1] = {}): CheckReport {
  return checkWorkbook(built.workbook, { today: TODAY, ...opts });
}

const runs = new Map<string, { built: BuiltWorkbook; report: CheckReport }>();
function run(c: WorkbookOptions) {
  const key = configName(c);
  if (!runs.has(key)) {
    const built = buildWorkbook(OBJECTIVES, c);
    runs.set(key, { built, report: check(built) });
  }
  return runs.get(key)!;
}

describe.each(CONFIGS.map((c) => [configName(c), c] as const))("%s", (_name, c) => {
  test.each(OBJECTIVES.map((o, k) => [o.id, k] as const))("%s", (_id, k) => {
    const { built, report } = run(c);
    const b = built.blocks[k];
    const expected = expectedForBlock(b, { responsabili: built.responsabili!.codes, today: TODAY });
    expect(keys(findingsOf(report, b))).toEqual(keys(expected));
  });

  test("no findings outside the expected ones, counts agree", () => {
    const { built, report } = run(c);
    expect(keys(report.findings)).toEqual(keys(expectedForWorkbook(built, { today: TODAY })));
    const bySeverity = { error: 0, warning: 0, info: 0 };
    for (const f of report.findings) bySeverity[f.severity]++;
    expect(report.counts).toEqual(bySeverity);
  });
});

describe("the corpus notes, rule by rule (layout A)", () => {
  const { built, report } = run(CONFIGS[0]);
  const blockOf = (id: string) => built.blocks.find((b) => b.objective.id === id)!;
  const rulesAt = (id: string) => keys(findingsOf(report, blockOf(id)));
  const scad = (id: string, phase: number) => {
    const b = blockOf(id);
    return `${b.sheet}!${address(b.phaseRows[phase], b.cols.scad)}`;
  };

  test("000-obj-009: fase 3's 30/09/2021 is earlier than fase 2's 31/08/2022", () => {
    expect(rulesAt("000-obj-009")).toEqual([`scadenza-order @ ${scad("000-obj-009", 2)}`]);
  });

  test("000-obj-010: fase 3 (31/10/2022) is after the final deadline 30/10/2022", () => {
    expect(rulesAt("000-obj-010")).toEqual([`scadenza-after-final @ ${scad("000-obj-010", 2)}`]);
  });

  test("000-obj-007: final deadline 30/06/2023 later than the last phase (01/11/2022)", () => {
    const b = blockOf("000-obj-007");
    expect(rulesAt("000-obj-007")).toEqual([`scadenza-finale-mismatch @ ${b.sheet}!${address(b.finalRow!, b.cols.scad)}`]);
  });

  test("000-obj-004: three 'in corso d'anno' deadlines are text deadlines", () => {
    expect(rulesAt("000-obj-004")).toEqual([0, 1, 2].map((i) => `scadenza-text @ ${scad("000-obj-004", i)}`).sort());
  });

  test("000-obj-036: 'Non prevedibile…' final deadline; 000-obj-022: label without value", () => {
    const b36 = blockOf("000-obj-036");
    expect(rulesAt("000-obj-036")).toEqual([`scadenza-finale-missing @ ${b36.sheet}!${address(b36.finalRow!, b36.cols.scad)}`]);
    const b22 = blockOf("000-obj-022");
    expect(rulesAt("000-obj-022")).toContain(`scadenza-finale-missing @ ${b22.sheet}!${address(b22.finalRow!, b22.finalLabelCol)}`);
  });

  test("000-obj-006 / 000-obj-040: external parties in Codifica", () => {
    const b = blockOf("000-obj-040");
    expect(rulesAt("000-obj-040")).toEqual([`codifica-external @ ${b.sheet}!${address(b.phaseRows[0], b.cols.cod!)}`]);
    expect(rulesAt("000-obj-006")).toHaveLength(1);
  });

  test("000-obj-019 / 001-obj-004: 'Conclusa' deadlines are not text deadlines", () => {
    expect(rulesAt("000-obj-019")).toEqual([]);
    expect(rulesAt("001-obj-004")).toEqual([]);
  });

  test("001-obj-008: the phases out of track order, none overdue on the 30/09/2024 deadline", () => {
    expect(rulesAt("001-obj-008")).toEqual([2, 5, 7, 8, 10, 11].map((i) => `scadenza-order @ ${scad("001-obj-008", i)}`).sort());
  });

  test("001-obj-011 / 001-obj-013: phases 'in ritardo' past their deadline at 30/09/2024 are overdue", () => {
    expect(rulesAt("001-obj-011")).toEqual(
      [`scadenza-order @ ${scad("001-obj-011", 1)}`, `fase-overdue @ ${scad("001-obj-011", 1)}`].sort(),
    );
    expect(rulesAt("001-obj-013")).toEqual([`fase-overdue @ ${scad("001-obj-013", 0)}`]);
  });

  test("001-obj-002: 'RAGGIUNTO 16/5/2024' with every phase completed is coherent", () => {
    expect(rulesAt("001-obj-002")).toEqual([]);
  });
});

describe("workbook variants", () => {
  test("no Responsabili table: responsabili-not-found on each block with codes, no codifica-unknown", () => {
    const built = buildWorkbook(OBJECTIVES, { layout: "B", arrangement: "stacked", responsabili: "none" });
    const report = check(built);
    const expected = expectedForWorkbook(built, { today: TODAY });
    expect(keys(report.findings)).toEqual(keys(expected));
    const withCodes = OBJECTIVES.filter((o) => o.phases.some((p) => p.codifica_raw !== null && p.codes.length > 0));
    expect(report.findings.filter((f) => f.rule === "responsabili-not-found")).toHaveLength(withCodes.length);
    expect(report.findings.some((f) => f.rule === "codifica-unknown")).toBe(false);
  });

  test("codes missing from the table: one codifica-unknown per distinct code per cell", () => {
    const c: WorkbookOptions = { layout: "A", arrangement: "stacked", responsabili: "Responsabili", table: { omit: ["2249", "57098"] } };
    const built = buildWorkbook(OBJECTIVES, c);
    const report = check(built);
    expect(keys(report.findings)).toEqual(keys(expectedForWorkbook(built, { today: TODAY })));
    // 000-obj-017 fasi 2 and 3 each list both codes.
    const b = built.blocks.find((x) => x.objective.id === "000-obj-017")!;
    const unknown = findingsOf(report, b).filter((f) => f.rule === "codifica-unknown");
    expect(unknown.map((f) => f.cell).sort()).toEqual(
      [1, 1, 2, 2].map((i) => address(b.phaseRows[i], b.cols.cod!)).sort(),
    );
  });

  test("a code twice in the Responsabili table: responsabili-duplicate on the second occurrence", () => {
    const c: WorkbookOptions = { layout: "C-points", arrangement: "per-sheet", responsabili: "Elenco Responsabili", table: { duplicate: "2470" } };
    const built = buildWorkbook(OBJECTIVES, c);
    const report = check(built);
    expect(keys(report.findings)).toEqual(keys(expectedForWorkbook(built, { today: TODAY })));
    const dup = report.findings.filter((f) => f.rule === "responsabili-duplicate");
    expect(dup).toHaveLength(1);
    expect(dup[0].sheet).toBe("Elenco Responsabili");
    expect(dup[0].cell).toBe(address(built.responsabili!.duplicateCell!.row, 0));
  });

  test("period 2022-2022: deadlines in 2021 or 2023 are out of period", () => {
    const objs = OBJECTIVES.filter((o) => !o.seed_file.startsWith("001"));
    const built = buildWorkbook(objs, { layout: "A", arrangement: "stacked", responsabili: "Responsabili" });
    const report = check(built, { config: { period: "2022-2022" } });
    const expected = expectedForWorkbook(built, { today: TODAY, period: [2022, 2022] });
    expect(keys(report.findings)).toEqual(keys(expected));
    // 000-obj-003's fase 4 and final (2023), 000-obj-007's final (2023), 000-obj-009's fase 3 (2021).
    expect(expected.filter((e) => e.rule === "scadenza-out-of-period")).toHaveLength(4);
  });

  test("a reference date given by the user beats the header's 30/09/2024", () => {
    const objs = OBJECTIVES.filter((o) => o.seed_file.startsWith("001"));
    const built = buildWorkbook(objs, { layout: "C-fractions", arrangement: "stacked", responsabili: "Responsabili" });
    const report = check(built, { config: { referenceDate: "2025-01-15" } });
    const expected = expectedForWorkbook(built, { today: TODAY, referenceDate: "2025-01-15" });
    expect(keys(report.findings)).toEqual(keys(expected));
    expect(expected.filter((e) => e.rule === "fase-overdue").length).toBeGreaterThan(3);
  });

  test("rules switched off by configuration are not reported", () => {
    const built = buildWorkbook(OBJECTIVES, { layout: "A", arrangement: "stacked", responsabili: "Responsabili" });
    const report = check(built, { config: { rules: { "scadenza-text": "off", "codifica-external": "warning" } } });
    expect(keys(report.findings)).toEqual(keys(expectedForWorkbook(built, { today: TODAY, off: ["scadenza-text"] })));
    const ext = report.findings.filter((f) => f.rule === "codifica-external");
    expect(ext.length).toBeGreaterThan(0);
    expect(ext.every((f) => f.severity === "warning")).toBe(true);
  });

  test("no phase table anywhere: one table-not-found at A1 of the first sheet", () => {
    const sb = new SheetBuilder("Responsabili");
    addResponsabili(sb, 0);
    const report = checkWorkbook({ sheets: [sb.grid()] }, { today: TODAY });
    expect(report.objectives).toEqual([]);
    expect(report.findings.map((f) => [f.rule, f.sheet, f.cell])).toEqual([["table-not-found", "Responsabili", "A1"]]);
  });

  test("options.sheet naming a sheet without a phase table: table-not-found at its A1", () => {
    const built = buildWorkbook([objective("000-obj-001")], { layout: "A", arrangement: "per-sheet", responsabili: "Responsabili" });
    const report = checkWorkbook(built.workbook, { sheet: "Responsabili", today: TODAY });
    expect(report.findings.map((f) => [f.rule, f.sheet, f.cell])).toEqual([["table-not-found", "Responsabili", "A1"]]);
  });
});

describe("monitoring on modified seed 001 tables", () => {
  function single(o: ReturnType<typeof objective>, today = TODAY) {
    const sb = new SheetBuilder("Monitoraggio");
    const b = addBlock(sb, o, "A");
    sb.row += 1;
    const r = addResponsabili(sb, 0);
    const report = checkWorkbook({ sheets: [sb.grid()] }, { today });
    return { b, report, expected: expectedForBlock(b, { responsabili: r.codes, today }) };
  }

  test("a Monitoraggio header without a date: the reference date is today", () => {
    for (const id of ["001-obj-011", "001-obj-013", "001-obj-008"]) {
      const o = cloneObjective(objective(id));
      o.header_columns = o.header_columns.map((h) => (/monitoraggio/i.test(h) ? "Monitoraggio" : h));
      o.monitoring_date = null;
      const { report, expected } = single(o, "2024-08-15");
      expect(report.objectives[0].referenceDate).toBe("2024-08-15");
      expect(keys(report.findings)).toEqual(keys(expected));
    }
    // 001-obj-011 fase 2 (31/07/2024) is overdue on 15/08/2024; 001-obj-013 fase 1 (08/09/2024) is not yet.
    const o = cloneObjective(objective("001-obj-013"));
    o.header_columns = o.header_columns.map((h) => (/monitoraggio/i.test(h) ? "Monitoraggio" : h));
    o.monitoring_date = null;
    expect(single(o, "2024-08-15").report.findings).toEqual([]);
  });

  test("001-obj-002 marked RAGGIUNTO while fase 4 is not completed: incoherent, on the mark's cell", () => {
    const o = cloneObjective(objective("001-obj-002"));
    o.phases[3].monitoring_raw = null;
    o.phases[3].raggiungimento_raw = "in corso la liquidazione";
    const { b, report, expected } = single(o);
    expect(keys(report.findings)).toEqual(keys(expected));
    expect(report.findings.map((f) => [f.rule, f.cell])).toEqual([["obiettivo-raggiunto-incoherent", address(b.finalRow!, b.cols.rag!)]]);
  });

  test("001-obj-005 fase 1 completed on 05/04/2024 after its 31/03/2024 deadline: completed late", () => {
    const o = cloneObjective(objective("001-obj-005"));
    o.phases[0].raggiungimento_raw = "Fase completata in data 05/04/2024 con e-mail di Cristina Gho";
    const { b, report, expected } = single(o);
    expect(keys(report.findings)).toEqual(keys(expected));
    expect(report.findings.map((f) => [f.rule, f.cell])).toEqual([["fase-completed-late", address(b.phaseRows[0], b.cols.scad)]]);
  });

  test("a date after other words ('proroga fino al 31/12/2024') is not a completion date", () => {
    // 001-obj-013 fase 1 is 'in ritardo' with a proroga: overdue, never completed late.
    const { report, expected } = single(cloneObjective(objective("001-obj-013")));
    expect(keys(report.findings)).toEqual(keys(expected));
    expect(report.findings.map((f) => f.rule)).toEqual(["fase-overdue"]);
  });
});

describe("messages", () => {
  const built = buildWorkbook([objective("000-obj-009"), objective("000-obj-010")], {
    layout: "A",
    arrangement: "stacked",
    responsabili: "Responsabili",
  });

  test("Italian by default, naming the objective and the dates", () => {
    const report = check(built);
    const order = report.findings.find((f) => f.rule === "scadenza-order")!;
    expect(order.objective).toBe("Obiettivo B");
    expect(order.message).toContain("Obiettivo B");
    expect(order.message).toContain("30/09/2021");
    expect(order.message).toMatch(/scadenz/i);
    const after = report.findings.find((f) => f.rule === "scadenza-after-final")!;
    expect(after.objective).toBe("Obiettivo C");
    expect(after.message).toContain("Obiettivo C");
    expect(after.message).toContain("31/10/2022");
    expect(after.message).toContain("30/10/2022");
  });

  test("English with config lang en, same findings", () => {
    const it = check(built);
    const en = check(built, { config: { lang: "en" } });
    expect(keys(en.findings)).toEqual(keys(it.findings));
    const order = en.findings.find((f) => f.rule === "scadenza-order")!;
    expect(order.message).toContain("30/09/2021");
    expect(order.message).toMatch(/deadline/i);
    expect(order.message).not.toBe(it.findings.find((f) => f.rule === "scadenza-order")!.message);
  });
});
