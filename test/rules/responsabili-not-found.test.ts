import { cells, corpusResponsabili, dateCell, finale, findings, pct, scheda, toSheet, totale, type Cell, type ResponsabiliRow } from "./helpers";

const RULE = "responsabili-not-found";

// 000-obj-002 (seed 000, L897), Obiettivo B. Seed 000 itself has no code table (see responsabili.json,
// other_seeds): its workbook, alone, is this case.
const spinetta = (responsabili?: ResponsabiliRow[] | null, cod1: Cell = "2255") =>
  scheda({
    title: "Obiettivo B: Sede ex Circoscrizione Spinetta Marengo, ricerca Soggetto privato per gestione e cura bene pubblico",
    rows: [
      ["fase 1:", "Approvazione dell'Avviso pubblico e delle condizioni di concessione", pct(50), cod1, dateCell("28/02/2022")],
      ["fase 2:", "Verbale di Commissione tecnico qualitativa sulle candidature", pct(20), "2254, 57098", dateCell("31/03/2022")],
      ["fase 3:", "Firma del Patto di Collaborazione con Soggetto no profit", pct(30), null, dateCell("31/05/2022")],
      totale(pct(100)),
      finale(dateCell("31/05/2022")),
    ],
    responsabili,
  });

describe("responsabili-not-found", () => {
  it("fires on the first Codifica cell with a code when the workbook has no Responsabili table (000-obj-002)", () => {
    const found = findings(spinetta(null), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "D8", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toMatch(/tabella dei Responsabili/);
    const [en] = findings(spinetta(null), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("Obiettivo B");
    expect(en.message).toMatch(/the workbook has no Responsabili table/);
  });

  it("skips codifica-unknown then", () => {
    expect(findings(spinetta(null), "codifica-unknown")).toEqual([]);
  });

  it("points at the first cell that holds a code, not at an empty one", () => {
    expect(cells(findings(spinetta(null, null), RULE))).toEqual(["D9"]);
  });

  it("does not fire when the Responsabili table is there (the corpus table of seed 002)", () => {
    expect(findings(spinetta(), RULE)).toEqual([]);
  });

  it("finds a Responsabili table headed «Codice» / «Responsabile» on any sheet", () => {
    const wb = spinetta(null);
    wb.sheets.push(toSheet("Organigramma", [
      ["Codice", "Responsabile"],
      ...corpusResponsabili().map((r): Cell[] => (r === null ? [null, null] : [String(r[0]), r[1]])),
    ]));
    expect(findings(wb, RULE)).toEqual([]);
    expect(findings(wb, "codifica-unknown")).toEqual([]);
  });

  it("does not fire on a block without codes (000-obj-003) nor on one naming only a party (000-obj-040)", () => {
    const valorial = scheda({
      title: "Obiettivo C: Nuova gestione liquidatoria della Società Valor.I.Al S.r.l.",
      rows: [
        ["fase 1:", "Riapertura della gestione liquidatoria", pct(25), null, dateCell("31/03/2022")],
        ["fase 2:", "Approvazione programma di liquidazione e scioglimento", pct(25), null, dateCell("30/06/2022")],
        ["fase 3:", "Gestione delle procedure di pignoramento in corso", pct(25), null, dateCell("31/12/2022")],
        ["fase 4:", "Approvazione bilancio di liquidazione", pct(25), null, dateCell("30/06/2023")],
        totale(pct(100)),
        finale(dateCell("30/06/2023")),
      ],
      responsabili: null,
    });
    expect(findings(valorial, RULE)).toEqual([]);
    const fontane = scheda({
      title: "Obiettivo B: Fontane e fontanelle",
      rows: [
        ["fase 1:", "censimento e verifica stato di consistenza impianti e fontane", pct(10), "AMAG RETI IDRICHE", dateCell("30/06/2022")],
        ["fase 2:", "analisi dei costi di gestione attuali delle fontane e degli impianti (stazioni di sollevamento)", pct(90), null, dateCell("31/07/2022")],
        totale(pct(100)),
        finale(dateCell("31/07/2022")),
      ],
      responsabili: null,
    });
    expect(findings(fontane, RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(spinetta(null), RULE, { config: { rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error"]);
    expect(findings(spinetta(null), RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
