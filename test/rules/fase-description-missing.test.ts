import { cells, dateCell, finale, findings, pct, scheda, totale, type Cell } from "./helpers";

const RULE = "fase-description-missing";

// 000-obj-002 (seed 000, L897), Obiettivo B. In the source fase 1's label sits on its own line and its
// description wraps over L900-902: here the description cell was left empty.
const spinetta = (descr1: Cell) =>
  scheda({
    title: "Obiettivo B: Sede ex Circoscrizione Spinetta Marengo, ricerca Soggetto privato per gestione e cura bene pubblico",
    rows: [
      ["fase 1:", descr1, pct(50), "2255", dateCell("28/02/2022")],
      ["fase 2:", "Verbale di Commissione tecnico qualitativa sulle candidature", pct(20), "2254, 57098", dateCell("31/03/2022")],
      ["fase 3:", "Firma del Patto di Collaborazione con Soggetto no profit", pct(30), null, dateCell("31/05/2022")],
      totale(pct(100)),
      finale(dateCell("31/05/2022")),
    ],
  });

describe("fase-description-missing", () => {
  it("fires on the empty Descrizione cell of a labelled phase (000-obj-002 fase 1)", () => {
    const found = findings(spinetta(null), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "B8", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("fase 1");
    expect(found[0].message).toMatch(/descrizione/);
    const [en] = findings(spinetta(null), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("phase 1");
    expect(en.message).toMatch(/no description/);
  });

  it("does not fire on the real row", () => {
    expect(findings(spinetta("Approvazione dell'Avviso pubblico e delle condizioni di concessione"), RULE)).toEqual([]);
  });

  it("reads a label at the start of the Descrizione cell: a bare «fase 2:» has no description", () => {
    const header = ["Descrizione", "Incidenza %", "Codifica Responsabili coinvolti", "Scadenze previste"];
    const wb = (fase2: string) =>
      scheda({
        title: "Obiettivo A: Progettazione e approvazione documento programmatico amministrativo di fine mandato",
        header,
        rows: [
          ["fase 1: Ultimazione del documento finale", pct(40), null, dateCell("28/02/2022")],
          [fase2, pct(20), null, dateCell("31/03/2022")],
          ["fase 3: Programma di diffusione e divulgazione del documento", pct(40), "57098", dateCell("31/05/2022")],
          [null, pct(100)],
        ],
      });
    expect(findings(wb("fase 2: Approvazione da parte della Giunta Comunale"), RULE)).toEqual([]);
    expect(cells(findings(wb("fase 2:"), RULE))).toEqual(["A9"]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(spinetta(null), RULE, { config: { rules: { [RULE]: "info" } } }).map((f) => f.severity)).toEqual(["info"]);
    expect(findings(spinetta(null), RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
