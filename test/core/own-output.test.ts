// Issue 9, points 3 and 5 (spec §5): the checker never reads its own report sheet or summary columns as data.
import { checkWorkbook, type CheckReport, type SheetGrid, type WorkbookGrid } from "../../src/core";
import { dateCell, FINALE, pct, scheda, toSheet } from "../rules/helpers";
import { fasi001, FINE_MANDATO, spinetta } from "../rules/tables";

const TODAY = { today: "2022-06-30" };

/** The grid as a host shows it after it wrote the report's summary columns. */
function withSummaries(workbook: WorkbookGrid, report: CheckReport): WorkbookGrid {
  const sheets = workbook.sheets.map((s) => ({ ...s, values: s.values.map((row) => [...row]) }));
  for (const o of report.objectives) {
    const sheet = sheets.find((s) => s.name === o.summary.sheet) as SheetGrid;
    o.summary.lines.forEach((line, i) => {
      if (line === "") return;
      const row = sheet.values[o.summary.firstRow + i];
      while (row.length <= o.summary.col) row.push(null);
      row[o.summary.col] = line;
    });
  }
  return { sheets };
}

/** The "Verifica PIAO" sheet of the annotated copy (src/cli/annotate.ts) for `report`. */
function reportSheet(report: CheckReport, checkerReport: boolean): SheetGrid {
  const rows = [
    ["Verifica PIAO di obiettivi.xlsx, data di riferimento 30/06/2022"],
    [`${report.counts.error} errori`],
    [],
    ["Gravità", "Foglio", "Cella", "Regola", "Messaggio"],
    ...report.findings.map((f) => [f.severity, f.sheet, f.cell, f.rule, f.message]),
    [],
    ["Avanzamento per obiettivo"],
    ["Foglio", "Obiettivo", "Intestazione", "Fasi", "Incidenza totale", "Scadenza finale", "Avanzamento", "Fasi completate"],
    ...report.objectives.map((o) => [o.sheet, o.title, o.headerCell, o.phases, o.incidenzaTotal, o.finalDeadline, o.progress, `${o.completedPhases}/${o.phases}`]),
  ];
  return { ...toSheet("Verifica PIAO", rows), checkerReport };
}

describe("the checker's own report sheet", () => {
  it("is not read as a Responsabili or phase table (000-obj-002 with an unknown code, as in issue 9)", () => {
    const workbook = spinetta({ cod2: "2254, 99999, 99998, 99997, 99996" });
    const first = checkWorkbook(workbook, TODAY);
    expect(first.findings.filter((f) => f.rule === "codifica-unknown")).toHaveLength(4);
    const again = checkWorkbook({ sheets: [...workbook.sheets, reportSheet(first, true)] }, TODAY);
    expect(again.findings).toEqual(first.findings);
    expect(again.objectives).toHaveLength(first.objectives.length);
  });

  it("is never the table the workbook lacks", () => {
    const report = checkWorkbook(spinetta(), TODAY);
    const found = checkWorkbook({ sheets: [reportSheet(report, true)] }, TODAY).findings;
    expect(found.map((f) => f.rule)).toEqual(["table-not-found"]);
  });
});

describe("summary columns written by a previous run", () => {
  const noFinalDate = () =>
    scheda({ title: FINE_MANDATO, rows: [...fasi001(), [FINALE, null, null, null, null]], responsabili: null });

  it("are not read as the final deadline (issue 9 point 5: «Avanzamento 0% …»)", () => {
    const workbook = noFinalDate();
    const first = checkWorkbook(workbook, TODAY);
    const progressLine = first.objectives[0].summary.lines.find((l) => l.startsWith("Avanzamento"));
    expect(progressLine).toBeDefined();
    const again = checkWorkbook(withSummaries(workbook, first), TODAY);
    expect(again.findings).toEqual(first.findings);
    expect(again.findings.find((f) => f.rule === "scadenza-finale-missing")?.message).not.toContain("Avanzamento");
  });

  it("are not a table column, and a re-run writes to the same column", () => {
    const workbook = scheda({ title: FINE_MANDATO, rows: [...fasi001(), [null, null, pct(100)], [FINALE, null, null, null, dateCell("31/05/2022")]] });
    const first = checkWorkbook(workbook, TODAY);
    const again = checkWorkbook(withSummaries(workbook, first), TODAY);
    expect(again.findings).toEqual(first.findings);
    expect(again.objectives[0].headerCell).toBe(first.objectives[0].headerCell);
    expect(again.objectives[0].summary.col).toBe(first.objectives[0].summary.col);
    expect(again.objectives[0].finalDeadline).toBe("2022-05-31");
  });

  it("do not keep a block open past its two blank rows", () => {
    const workbook = noFinalDate();
    const first = checkWorkbook(workbook, TODAY);
    const summarised = withSummaries(workbook, first);
    // Two rows below the block, a stray "fase 4" line must stay outside it although the progress line sits in between.
    const obiettivi = summarised.sheets[0];
    obiettivi.values.push([], [], ["fase 4:", "Riga estranea", pct(10).value, null, dateCell("30/06/2022").value]);
    obiettivi.formats?.push([], [], ["General", "General", "0%", "General", "dd/mm/yyyy"]);
    expect(checkWorkbook(summarised, TODAY).objectives[0].phases).toBe(3);
  });
});
