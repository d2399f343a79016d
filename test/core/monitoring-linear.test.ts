// Issue 9 points 2 and 16: monitoring costs time linear in the text and in the phases, proven by
// counting steps, never by timing (the patterns' shapes are checked in regex-linearity.test.ts).
import { checkWorkbook, JsonReportSchema, toJsonReport, type CellValue } from "../../src/core";
import type { Phase } from "../../src/core/blocks";
import { progressOf, type PhaseState } from "../../src/core/monitoring";
import { sheet } from "./helpers";

describe("monitoring patterns (issue 9 point 2)", () => {
  it("reads a completion date after 'conclusa' + 32,000 spaces, and no date after 'conclusa' + 32,000 spaces + x", () => {
    const block = (monitoring: string): CellValue[][] => [
      ["Obiettivo A: prova"],
      ["Fase", "Descrizione", "Incidenza %", "Scadenze", "Monitoraggio al 30/09/2024"],
      ["fase 1", "Analisi", "100%", "30/06/2024", monitoring],
    ];
    const spaces = " ".repeat(32_000);
    const dated = checkWorkbook({ sheets: [sheet("A", block(`conclusa${spaces}28/06/2024`))] }).objectives[0].phaseStatuses[0];
    expect(dated).toMatchObject({ status: "completed", completionDate: "2024-06-28" });
    const undated = checkWorkbook({ sheets: [sheet("A", block(`conclusa${spaces}x`))] }).objectives[0].phaseStatuses[0];
    expect(undated).toMatchObject({ status: "completed", completionDate: null });
  });
});

describe("progress (issue 9 point 16)", () => {
  /** Completed phases whose `phase` reads are counted: the steps progressOf takes. */
  function countedStates(n: number, groupSize: number) {
    let reads = 0;
    const states = Array.from({ length: n }, (_, i) => {
      const phase = { weight: 100 / n, sharesWeightWithPrevious: i % groupSize !== 0 } as Phase;
      return Object.defineProperty({ completed: true, completionDay: null, status: "completed", days: null }, "phase", {
        get: () => {
          reads++;
          return phase;
        },
      }) as PhaseState;
    });
    return { states, reads: () => reads };
  }

  it.each([1, 4, 10_000])("reads each phase a bounded number of times (weights shared by groups of %i)", (groupSize) => {
    for (const n of [5_000, 10_000]) {
      const { states, reads } = countedStates(n, groupSize);
      const progress = progressOf(states, true, true);
      expect(progress).not.toBeNull();
      expect(reads()).toBeLessThanOrEqual(4 * n);
    }
  });

  it("splits a weight shared by merged phases among them and counts only completed ones", () => {
    const phase = (weight: number | null, shares: boolean) => ({ weight, sharesWeightWithPrevious: shares }) as Phase;
    const state = (p: Phase, completed: boolean, status: PhaseState["status"] = "completed"): PhaseState => ({ phase: p, completed, completionDay: null, status, days: null });
    const states = [
      state(phase(90, false), true),
      state(phase(null, true), false),
      state(phase(null, true), true, "completed-late"),
      state(phase(10, false), false),
    ];
    expect(progressOf(states, true, true)).toBe(60);
    expect(progressOf(states, false, true)).toBe(30);
    expect(progressOf(states, true, false)).toBeNull();
  });

  it("checks a block of 20,000 completed phases: progress 100%", () => {
    const n = 20_000;
    const rows: CellValue[][] = [["Obiettivo A: molte fasi"], ["Fase", "Descrizione", "Incidenza %", "Scadenze", "Monitoraggio al 30/09/2024"]];
    for (let i = 1; i <= n; i++) rows.push([`fase ${i}`, "Attività", 100 / n, "30/06/2024", "Conclusa"]);
    const objective = checkWorkbook({ sheets: [sheet("A", rows)] }).objectives[0];
    expect(objective).toMatchObject({ phases: n, completedPhases: n, progress: 100 });
  });
});

describe("one reference date per run (spec §3)", () => {
  const plan: CellValue[][] = [
    ["Obiettivo A: piano"],
    ["Fase", "Descrizione", "Incidenza %", "Scadenze"],
    ["fase 1", "Analisi", "50%", "31/12/2022"],
    ["fase 2", "Sviluppo", "50%", "31/12/2025"],
    ["fase 3", "Collaudo", null, "in corso d'anno"],
  ];
  const monitored = (date: string): CellValue[][] => [
    ["Obiettivo B: monitorato"],
    ["Fase", "Descrizione", "Incidenza %", "Scadenze", `Monitoraggio al ${date}`],
    ["fase 1", "Analisi", "100%", "31/08/2024", "in corso"],
  ];

  it("takes the first Monitoraggio header of the checked sheets, in sheet order, for the unmonitored blocks too", () => {
    const report = checkWorkbook({ sheets: [sheet("Piano", plan), sheet("Monitoraggio", monitored("30/09/2024"))] }, { today: "2026-12-02" });
    expect(report.referenceDate).toBe("2024-09-30");
    expect(report.objectives.map((o) => o.referenceDate)).toEqual(["2024-09-30", "2024-09-30"]);
    expect(report.objectives[0].summary.lines[0]).toBe("Sintesi monitoraggio al 30/09/2024");
  });

  it("gives an unmonitored block only deadline statuses, no progress, and never an overdue finding", () => {
    const report = checkWorkbook({ sheets: [sheet("Piano", plan), sheet("Monitoraggio", monitored("30/09/2024"))] }, { today: "2026-12-02" });
    const [piano, monitoraggio] = report.objectives;
    expect(piano.hasMonitoring).toBe(false);
    expect(piano.phaseStatuses.map((s) => [s.status, s.text])).toEqual([
      ["past-unmonitored", "Scadenza passata: non monitorata"],
      ["due", "Scade il 31/12/2025"],
      ["no-deadline", "Senza scadenza datata"],
    ]);
    expect(piano.progress).toBeNull();
    expect(piano.summary.lines).toContain("Avanzamento non rilevato (nessuna colonna di monitoraggio)");
    const json = JsonReportSchema.parse(toJsonReport(report, "piano.xlsx"));
    expect(json.objectives.map((o) => o.progress)).toEqual([null, 0]);
    expect(json.referenceDate).toBe("2024-09-30");
    expect(report.findings.filter((f) => f.rule === "fase-overdue").map((f) => `${f.sheet}!${f.cell}`)).toEqual(["Monitoraggio!D3"]);
    expect(monitoraggio.phaseStatuses[0].text).toBe("In ritardo di 30 giorni (scadenza 31/08/2024)");
    const en = checkWorkbook({ sheets: [sheet("Piano", plan)] }, { today: "2024-01-10", config: { lang: "en" } }).objectives[0];
    expect(en.phaseStatuses.map((s) => s.text)).toEqual(["Deadline passed: not monitored", "Due 31/12/2025", "No dated deadline"]);
    expect(en.summary.lines).toContain("Progress not recorded (no monitoring column)");
  });

  it("lets a block whose own header carries another date use it, and say so in its summary header", () => {
    const report = checkWorkbook({ sheets: [sheet("S1", monitored("30/09/2024")), sheet("S2", monitored("31/12/2024"))] }, { today: "2026-12-02" });
    expect(report.referenceDate).toBe("2024-09-30");
    expect(report.objectives.map((o) => o.summary.lines[0])).toEqual([
      "Sintesi monitoraggio al 30/09/2024",
      "Sintesi monitoraggio al 31/12/2024 (data della sua colonna Monitoraggio)",
    ]);
    expect(report.objectives[1].phaseStatuses[0].days).toBe(122);
    // A re-run finds its own column under that longer header and writes it again in place.
    const { col, lines } = report.objectives[1].summary;
    const again = monitored("31/12/2024").map((row, r) => (r === 0 ? row : [...row, ...Array(col - row.length).fill(null), lines[r - 1] ?? null]));
    const rerun = checkWorkbook({ sheets: [sheet("S1", monitored("30/09/2024")), sheet("S2", again)] }, { today: "2026-12-02" });
    expect(rerun.objectives[1].summary).toMatchObject({ col, lines });
  });

  it("uses today when no checked sheet has a Monitoraggio date, and the user's date over everything", () => {
    expect(checkWorkbook({ sheets: [sheet("Piano", plan)] }, { today: "2026-12-02" }).referenceDate).toBe("2026-12-02");
    const given = checkWorkbook({ sheets: [sheet("Piano", plan), sheet("S2", monitored("31/12/2024"))] }, { config: { referenceDate: "2024-10-15" } });
    expect(given.objectives.map((o) => [o.referenceDate, o.summary.lines[0]])).toEqual([
      ["2024-10-15", "Sintesi monitoraggio al 15/10/2024"],
      ["2024-10-15", "Sintesi monitoraggio al 15/10/2024"],
    ]);
  });
});
