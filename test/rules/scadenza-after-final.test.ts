import { corpusResponsabili, dateCell, finale, findings, HEADER_PLAN, pct, responsabiliSheet, scheda, toSheet, totale, type Cell } from "./helpers";

const RULE = "scadenza-after-final";

// 000-obj-010 (seed 000, L1470), Obiettivo C: the final deadline 30/10/2022 is one day before fase 3's 31/10/2022.
const tirocini = (final: Cell) =>
  scheda({
    title: "Obiettivo C: Definizione modalità di accesso ai tirocini formativi e alternanza scuola lavoro",
    rows: [
      ["fase 1:", "analisi del contesto", pct(30), null, dateCell("31/03/2022")],
      ["fase 2:", "elaborazioni proposte", pct(40), null, dateCell("30/06/2022")],
      ["fase 3:", "approvazione - modulistica", pct(30), null, dateCell("31/10/2022")],
      totale(pct(100)),
      finale(final),
    ],
  });

describe("scadenza-after-final", () => {
  it("fires on a phase due after the final deadline (000-obj-010 fase 3)", () => {
    const found = findings(tirocini(dateCell("30/10/2022")), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "E10", objective: "Obiettivo C" });
    expect(found[0].message).toContain("Obiettivo C");
    expect(found[0].message).toContain("fase 3");
    expect(found[0].message).toContain("31/10/2022");
    expect(found[0].message).toContain("30/10/2022");
    expect(found[0].message).toMatch(/scadenza finale/);
  });

  it("speaks English with lang en", () => {
    const [f] = findings(tirocini(dateCell("30/10/2022")), RULE, { config: { lang: "en" } });
    expect(f.message).toMatch(/deadline of phase 3 \(31\/10\/2022\) is later than the final deadline \(30\/10\/2022\)/);
  });

  it("reads a final deadline written as text the same way", () => {
    expect(findings(tirocini("30/10/2022"), RULE).map((f) => f.cell)).toEqual(["E10"]);
  });

  it("accepts a phase due on the final deadline, and a final deadline later than every phase (000-obj-007)", () => {
    expect(findings(tirocini(dateCell("31/10/2022")), RULE)).toEqual([]);
    const educazioneStradale = scheda({
      title: "Obiettivo B: Educazione stradale",
      rows: [
        ["fase 1:", "Redazione elaborato progettuale", pct(20), null, dateCell("30/04/2022")],
        ["fase 2:", "Comunicazioni ai Dirigenti scolastici", pct(10), null, dateCell("31/05/2022")],
        ["fase 3:", "Individuazione del personale da impiegare nel progetto", pct(10), null, dateCell("30/06/2022")],
        ["fase 4:", "Formazione del personale", pct(20), null, dateCell("31/08/2022")],
        ["fase5:", "Avvio dell’attività presso gli istituti scolastici", pct(40), null, dateCell("01/11/2022")],
        totale(pct(100)),
        finale(dateCell("30/06/2023")),
      ],
    });
    expect(findings(educazioneStradale, RULE)).toEqual([]);
  });

  it("checks every block of a sheet: 000-obj-009 (B) and 000-obj-010 (C) stacked as on seed 000's pages", () => {
    const sheet = toSheet("Settore Risorse Umane", [
      ["Obiettivo B: Sistema della Performance per il personale dei livelli"],
      HEADER_PLAN,
      ["fase 1:", "Analisi del contesto", pct(25), "2245, 2577", dateCell("30/04/2022")],
      ["fase 2:", "Elaborazione proposta", pct(35), "2245, 2577", dateCell("31/08/2022")],
      ["fase 3:", "relazioni sindacali", pct(35), "2245", dateCell("30/09/2021")],
      ["fase: 4", "adozione atto finale", pct(5), "2245", dateCell("30/11/2022")],
      // The total and the final date printed on one line, as in the source (L1423).
      [null, null, pct(100), null, dateCell("30/11/2022")],
      finale(dateCell("30/11/2022")),
      [],
      [],
      ["Obiettivo C: Definizione modalità di accesso ai tirocini formativi e alternanza scuola lavoro"],
      HEADER_PLAN,
      ["fase 1:", "analisi del contesto", pct(30), null, dateCell("31/03/2022")],
      ["fase 2:", "elaborazioni proposte", pct(40), null, dateCell("30/06/2022")],
      ["fase 3:", "approvazione - modulistica", pct(30), null, dateCell("31/10/2022")],
      totale(pct(100)),
      finale(dateCell("30/10/2022")),
    ]);
    const found = findings({ sheets: [sheet, responsabiliSheet(corpusResponsabili())] }, RULE);
    expect(found.map((f) => [f.objective, f.cell])).toEqual([["Obiettivo C", "E15"]]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    const wb = tirocini(dateCell("30/10/2022"));
    expect(findings(wb, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(wb, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
