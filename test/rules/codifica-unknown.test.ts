import { cells, corpusResponsabili, dateCell, finale, findings, pct, scheda, totale, type Cell, type ResponsabiliRow } from "./helpers";

const RULE = "codifica-unknown";

// 000-obj-002 (seed 000, L897), Obiettivo B: fase 1 "2255", fase 2 "2254, 57098".
const spinetta = (cod1: Cell, cod2: Cell, responsabili: ResponsabiliRow[] | null = corpusResponsabili()) =>
  scheda({
    title: "Obiettivo B: Sede ex Circoscrizione Spinetta Marengo, ricerca Soggetto privato per gestione e cura bene pubblico",
    rows: [
      ["fase 1:", "Approvazione dell'Avviso pubblico e delle condizioni di concessione", pct(50), cod1, dateCell("28/02/2022")],
      ["fase 2:", "Verbale di Commissione tecnico qualitativa sulle candidature", pct(20), cod2, dateCell("31/03/2022")],
      ["fase 3:", "Firma del Patto di Collaborazione con Soggetto no profit", pct(30), null, dateCell("31/05/2022")],
      totale(pct(100)),
      finale(dateCell("31/05/2022")),
    ],
    responsabili,
  });

// fase 2's 57098 typed with two digits swapped.
const typo = spinetta("2255", "2254, 57089");

describe("codifica-unknown", () => {
  it("fires on a code that is not in the Responsabili table (000-obj-002 fase 2 «2254, 57089»)", () => {
    const found = findings(typo, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "D9", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("57089");
    expect(found[0].message).toContain("fase 2");
    expect(found[0].message).not.toContain("2254");
    const [en] = findings(typo, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/code 57089 of phase 2 is not in the Responsabili table/);
  });

  it("reports each distinct unknown code of a cell once (000-obj-011 fase 2 with two typos, one repeated)", () => {
    const wb = scheda({
      title: "Obiettivo A: Razionalizzazione del parco veicolare dell'Ente e introduzione di un sistema di car sharing interno per ciascun Settore/Servizio Autonomo",
      rows: [
        ["fase 1:", "Ricognizione dei veicoli più vetusti e con maggiori esigenze manutentive", pct(15), null, dateCell("30/04/2022")],
        ["fase 2:", "Individuazione, di concerto con gli altri Settori/Servizi Autonomi, delle reali esigenze di utilizzo di veicoli", pct(35), "2269 - 2247 - 2303 - 2249 - 57098 - 2252 - 2470 - 2254 - 2555 - 2303", dateCell("30/06/2022")],
        ["fase 3:", "Individuazione dei veicoli più vetusti da dismettere", pct(15), null, dateCell("31/07/2022")],
        ["fase 4:", "Avvio del procedimento di dismissione dei veicoli vetusti e introduzione del sistema di car sharing presso ogni Settore/Servizio Autonomo", pct(10), null, dateCell("30/11/2022")],
        ["fase 5:", "Progettazione del sistema di gestione efficiente delle prenotazioni dei veicoli da parte dei dipendenti", pct(25), "2249", dateCell("31/12/2022")],
        totale(pct(100)),
        finale(dateCell("31/12/2022")),
      ],
    });
    const found = findings(wb, RULE);
    expect(cells(found)).toEqual(["D9", "D9"]);
    expect(found.map((f) => f.message.match(/\b(2303|2555)\b/)?.[0]).sort()).toEqual(["2303", "2555"]);
  });

  it("does not fire on the real codes, written as text or as a number", () => {
    expect(findings(spinetta("2255", "2254, 57098"), RULE)).toEqual([]);
    expect(findings(spinetta(2255, "2254, 57098"), RULE)).toEqual([]);
  });

  it("finds 2245 past the blank row inside the Responsabili table (000-obj-009)", () => {
    const wb = scheda({
      title: "Obiettivo B: Sistema della Performance per il personale dei livelli",
      rows: [
        ["fase 1:", "Analisi del contesto", pct(25), "2245, 2577", dateCell("30/04/2022")],
        ["fase 2:", "Elaborazione proposta", pct(35), "2245, 2577", dateCell("31/08/2022")],
        ["fase 3:", "relazioni sindacali", pct(35), "2245", dateCell("30/09/2022")],
        ["fase: 4", "adozione atto finale", pct(5), "2245", dateCell("30/11/2022")],
        totale(pct(100)),
        finale(dateCell("30/11/2022")),
      ],
    });
    // The table as in seed 002: 2330 (L319), a blank row (L320), then 2245 (L321).
    const table = corpusResponsabili();
    expect(table.indexOf(null)).toBe(table.findIndex((r) => r?.[0] === 2245) - 1);
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("is skipped when the workbook has no Responsabili table (responsabili-not-found says so)", () => {
    const wb = spinetta("2255", "2254, 57089", null);
    expect(findings(wb, RULE)).toEqual([]);
    expect(findings(wb, "responsabili-not-found")).toHaveLength(1);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(typo, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(typo, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
