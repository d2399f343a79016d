import { checkWorkbook, type CellValue } from "../../src/core";
import { serial, sheet } from "./helpers";

// Seed 001, 001-obj-002 "Progetto PNRR per la realizzazione della Piattaforma Notifiche Digitali (PND)"
// and 001-obj-013's fase 1 ("Fase in ritardo"), in the layout of the 2024 monitoring schede.
function monitoringSheet(extra: CellValue[][] = []) {
  const rows: CellValue[][] = [
    ["Obiettivo: B) Progetto PNRR per la realizzazione della Piattaforma Notifiche Digitali (PND)"],
    [null, "Descrizione", "Incidenza %", "Monitoraggio al 30/09/2024", "Scadenze previste", "Raggiungimento Obiettivo"],
    ["fase 1:", "Contrattualizzazione dei fornitori", "25%", null, "Conclusa", null],
    ["fase 2:", "Realizzazione Integrazione processi di notifica con PND", "40%", "OK (in collaborazione con Comandante Bassani)", "31/03/2024",
      "Fase completata in data 13/12/2023 come evidenziato nella piattaforma PADigitale2026"],
    ["fase 3:", "Validazione realizzazione da parte di Agid", "20%", "OK", "30/09/2024", "Fase completata in data 12/10/2024."],
    ["fase 4:", "Incasso del Finanziamento", "15%", null, "31/08/2024",
      "Fase in ritardo in quanto rispetto alla scadenza prevista anche se la Fondazione CRAL ha concesso una proroga dei tempi fino al 31/12/2024."],
    [null, null, "100%", null, null, null],
    ["Scadenza finale per il raggiungimento dell'obiettivo:", null, null, null, "28/02/2025", "RAGGIUNTO 16/5/2024"],
    ...extra,
  ];
  return { sheets: [sheet("Monitoraggio", rows)] };
}

describe("monitoring (spec §3)", () => {
  const report = checkWorkbook(monitoringSheet(), { today: "2026-11-23" });
  const objective = report.objectives[0];

  it("takes the reference date from the Monitoraggio header before today", () => {
    expect(report.referenceDate).toBe("2024-09-30");
    expect(objective.referenceDate).toBe("2024-09-30");
    const given = checkWorkbook(monitoringSheet(), { today: "2026-11-23", config: { referenceDate: "2024-12-31" } });
    expect(given.referenceDate).toBe("2024-12-31");
  });

  it("gives each phase its status: Conclusa, completion dates, late completion, 'in ritardo' overdue", () => {
    expect(objective.phaseStatuses.map((s) => [s.label, s.status, s.days, s.completionDate])).toEqual([
      ["1", "completed", null, null],
      ["2", "completed", null, "2023-12-13"],
      ["3", "completed-late", 12, "2024-10-12"],
      ["4", "overdue", 30, null],
    ]);
    // "proroga fino al 31/12/2024" follows no completion word: it is not a completion date.
    expect(objective.phaseStatuses[3].text).toBe("In ritardo di 30 giorni (scadenza 31/08/2024)");
  });

  it("computes progress from the completed phases (a late phase counts in full unless configured)", () => {
    expect(objective.progress).toBe(85);
    expect(objective.completedPhases).toBe(3);
    const strict = checkWorkbook(monitoringSheet(), { config: { lateCountsInFull: false } });
    expect(strict.objectives[0].progress).toBe(65);
  });

  it("reports the monitoring rules on the right cells", () => {
    const found = report.findings.filter((f) => ["fase-overdue", "fase-completed-late", "obiettivo-raggiunto-incoherent"].includes(f.rule));
    expect(found.map((f) => [f.rule, f.cell])).toEqual([
      ["fase-completed-late", "E5"],
      ["fase-overdue", "E6"],
      ["obiettivo-raggiunto-incoherent", "F8"],
    ]);
    expect(found[2].message).toBe("Obiettivo B: l'obiettivo è indicato come RAGGIUNTO ma la fase 4 non risulta completata.");
  });

  it("writes the summary column right of the block, progress on the total row", () => {
    expect(objective.summary.col).toBe(6);
    expect(objective.summary.firstRow).toBe(1);
    expect(objective.summary.lines).toEqual([
      "Sintesi monitoraggio al 30/09/2024",
      "Completata",
      "Completata il 13/12/2023",
      "Completata in ritardo di 12 giorni",
      "In ritardo di 30 giorni (scadenza 31/08/2024)",
      "Avanzamento 85% (3 di 4 fasi completate)",
      "",
    ]);
  });

  it("does not count 'OK (avviata l'istruttoria)' as completed (001-obj-016)", () => {
    const wb = monitoringSheet();
    wb.sheets[0].values[2] = ["fase 1:", "Ricognizione", "25%", "OK (avviata l'istruttoria)", "31/12/2024", null];
    const r = checkWorkbook(wb);
    expect(r.objectives[0].phaseStatuses[0].status).toBe("in-progress");
    expect(r.objectives[0].phaseStatuses[0].text).toBe("In corso: scade il 31/12/2024 (mancano 92 giorni)");
  });

  it("reads 'Fase completata in ritardo il 15/10/2024' as completed late, on that date", () => {
    const wb = monitoringSheet();
    wb.sheets[0].values[2] = ["fase 1:", "Ricognizione", "25%", "OK", "30/09/2024", "Fase completata in ritardo il 15/10/2024"];
    const [first] = checkWorkbook(wb, { config: { referenceDate: "2024-10-31" } }).objectives[0].phaseStatuses;
    expect(first).toMatchObject({ status: "completed-late", days: 15, completionDate: "2024-10-15" });
  });

  it("counts 'Fase completata in quanto sono già stati avviati 2 progetti' as completed: it does not say the phase is only under way (001-obj-014 fase 3)", () => {
    const wb = monitoringSheet();
    wb.sheets[0].values[2] = [
      "fase 1:",
      "Avvio di almeno 2 progetti",
      "25%",
      "OK",
      "31/12/2024",
      "Fase completata in quanto sono già stati avviati 2 progetti: 1. ANCI Giovani e Impresa doc approvazione Nota ANCI",
    ];
    const options = { config: { referenceDate: "2025-01-15" } };
    const overdueCells = (r: ReturnType<typeof checkWorkbook>) => r.findings.filter((f) => f.rule === "fase-overdue").map((f) => f.cell);
    const r = checkWorkbook(wb, options);
    expect(r.objectives[0].phaseStatuses[0]).toMatchObject({ status: "completed", text: "Completata" });
    expect(overdueCells(r)).not.toContain("E3");
    // Without "Fase completata", the bare OK falls to the under-way note and the phase is overdue.
    wb.sheets[0].values[2][5] = "Sono già stati avviati 2 progetti: 1. ANCI Giovani e Impresa doc approvazione Nota ANCI";
    expect(overdueCells(checkWorkbook(wb, options))).toContain("E3");
  });
});

describe("summary column placement (spec §3)", () => {
  it("never overwrites a user's cell: a note in the next column pushes the summary one column right", () => {
    const wb = monitoringSheet();
    wb.sheets[0].values[3][6] = "nota del dirigente";
    expect(checkWorkbook(wb).objectives[0].summary.col).toBe(7);
  });

  it("re-uses its own column on a re-run instead of adding another", () => {
    const first = checkWorkbook(monitoringSheet());
    const { col, firstRow, lines } = first.objectives[0].summary;
    const wb = monitoringSheet();
    lines.forEach((line, i) => {
      const row = wb.sheets[0].values[firstRow + i];
      while (row.length < col) row.push(null);
      row[col] = line;
    });
    const again = checkWorkbook(wb, { config: { lang: "en" } });
    expect(again.objectives[0].summary.col).toBe(col);
    expect(again.objectives[0].summary.lines[0]).toBe("Monitoring summary at 30/09/2024");
    expect(checkWorkbook({ sheets: [{ ...wb.sheets[0] }] }).objectives[0].summary.col).toBe(col);
  });

  it("treats cells covered by a merge as taken", () => {
    const wb = monitoringSheet();
    wb.sheets[0].values[0][6] = "Note";
    wb.sheets[0].merges = [{ top: 0, left: 6, bottom: 3, right: 7 }];
    expect(checkWorkbook(wb).objectives[0].summary.col).toBe(8);
  });
});

describe("dates as cells", () => {
  it("reads date serials with a date format and the monitoring header date", () => {
    const wb = monitoringSheet();
    wb.sheets[0].values[3][4] = serial("31/03/2024");
    wb.sheets[0].formats![3][4] = "dd/mm/yyyy";
    expect(checkWorkbook(wb).objectives[0].phaseStatuses[1].deadline).toBe("2024-03-31");
  });
});

describe("merged cells (spec §1)", () => {
  it("a phase label merged over two rows is one phase, and a weight merged over sub-phases counts once (000-obj-037)", () => {
    const rows = [
      ["Obiettivo B: Redazione Regolamento di Funzionamento della Commissione Locale per il Paesaggio"],
      [null, "Descrizione", "Incidenza %", "Codifica Responsabili coinvolti", "Scadenze previste"],
      ["fase 1 a)", "Redazione del Regolamento", "90%", null, "15/11/2022"],
      [null, "(segue) bozza condivisa con gli uffici", null, null, null],
      ["fase 1 b)", "Riunioni con i rappresentanti dei Comuni associati", null, null, "15/11/2022"],
      ["fase 1 c)", "Proposizione alla Giunta Comunale", null, null, "15/11/2022"],
      ["fase 2", "Proposizione di deliberazione al Consiglio Comunale", "10%", null, "30/11/2022"],
      [null, null, "100%", null, null],
      ["Scadenza finale per il raggiungimento dell'obiettivo:", null, null, null, "30/11/2022"],
    ];
    const merges = [
      { top: 2, left: 0, bottom: 3, right: 0 },
      { top: 2, left: 2, bottom: 5, right: 2 },
    ];
    const report = checkWorkbook({ sheets: [sheet("Urbanistica", rows, {}, merges)] });
    expect(report.objectives[0].phases).toBe(4);
    expect(report.objectives[0].incidenzaTotal).toBe(100);
    expect(report.findings).toEqual([]);
  });
});
