import { corpusResponsabili, dateCell, finale, findings, pct, scheda, totale, type ResponsabiliRow } from "./helpers";

const RULE = "responsabili-duplicate";

// 000-obj-002 (seed 000, L897), Obiettivo B, with the Responsabili table of seed 002 (L303-322):
// header on row 1, 16 codes on rows 2-17, a blank row 18, 2245 and 12224 on rows 19-20.
const spinetta = (responsabili: ResponsabiliRow[]) =>
  scheda({
    title: "Obiettivo B: Sede ex Circoscrizione Spinetta Marengo, ricerca Soggetto privato per gestione e cura bene pubblico",
    rows: [
      ["fase 1:", "Approvazione dell'Avviso pubblico e delle condizioni di concessione", pct(50), "2255", dateCell("28/02/2022")],
      ["fase 2:", "Verbale di Commissione tecnico qualitativa sulle candidature", pct(20), "2254, 57098", dateCell("31/03/2022")],
      ["fase 3:", "Firma del Patto di Collaborazione con Soggetto no profit", pct(30), null, dateCell("31/05/2022")],
      totale(pct(100)),
      finale(dateCell("31/05/2022")),
    ],
    responsabili,
  });

// The table with 2330's row (row 17) pasted again at its end (row 21).
const pastedTwice = spinetta([...corpusResponsabili(), [2330, "SERVIZIO AUTONOMO PREVENZIONE E PROTEZIONE"]]);

describe("responsabili-duplicate", () => {
  it("fires on the second occurrence's code cell", () => {
    const found = findings(pastedTwice, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Elenco Responsabili", cell: "A21", objective: null });
    expect(found[0].message).toContain("2330");
    expect(found[0].message).toContain("A17");
    expect(found[0].message).toMatch(/compare più volte/);
    const [en] = findings(pastedTwice, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/code 2330 appears more than once/);
  });

  it("compares codes as text: 2245 as a number and «2245» as text are the same code", () => {
    const found = findings(spinetta([...corpusResponsabili(), ["2245", "SEGRETARIO GENERALE"]]), RULE);
    expect(found.map((f) => f.cell)).toEqual(["A21"]);
  });

  it("does not fire on the real table", () => {
    expect(findings(spinetta(corpusResponsabili()), RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(pastedTwice, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(pastedTwice, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
