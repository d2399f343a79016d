import { cells, dateCell, finale, findings, HEADER_MONITORING, pct, scheda, totale, type Cell } from "./helpers";

const RULE = "scadenza-invalid";

// 000-obj-008 (seed 000, L1352), Obiettivo A: 28/02/2022, 31/03/2022, 31/05/2022, 30/06/2022.
const reclutamento = (d1: Cell, d4: Cell) =>
  scheda({
    title: "Obiettivo A: Regolamento del reclutamento del personale - adeguamento.",
    rows: [
      ["fase 1:", "Studio della normativa vigente", pct(35), null, d1],
      ["fase 2:", "Elaborazione di proposte modifica del regolamento", pct(30), null, dateCell("31/03/2022")],
      ["fase 3:", "Confronto con le OO.SS.", pct(10), null, dateCell("31/05/2022")],
      ["fase 4:", "Adozione finale", pct(25), null, d4],
      totale(pct(100)),
      finale(dateCell("30/06/2022")),
    ],
  });

// 000-obj-008's fase 1 typed 29/02/2022 (2022 is not a leap year), fase 4 typed 31/06/2022.
const mistyped = reclutamento("29/02/2022", "31/06/2022");

describe("scadenza-invalid", () => {
  it("fires on text shaped like a date that is not a calendar date", () => {
    const found = findings(mistyped, RULE);
    expect(cells(found)).toEqual(["E8", "E11"]);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 1");
    expect(found[0].message).toContain("29/02/2022");
    expect(found[1].message).toContain("31/06/2022");
    expect(found[0].message).toMatch(/non è una data/);
  });

  it("speaks English with lang en", () => {
    const [f] = findings(mistyped, RULE, { config: { lang: "en" } });
    expect(f.message).toContain("phase 1");
    expect(f.message).toContain("29/02/2022");
    expect(f.message).toMatch(/not a calendar date/);
  });

  it("fires on the spec's 15/13/2022 and is not also a text deadline", () => {
    const wb = reclutamento("15/13/2022", dateCell("30/06/2022"));
    expect(cells(findings(wb, RULE))).toEqual(["E8"]);
    expect(findings(wb, "scadenza-text")).toEqual([]);
  });

  it("accepts the real dates as date cells and as text in every format of the spec", () => {
    expect(findings(reclutamento(dateCell("28/02/2022"), dateCell("30/06/2022")), RULE)).toEqual([]);
    for (const [d1, d4] of [
      ["28/02/2022", "30/06/2022"],
      ["28.02.2022", "30-06-2022"],
      ["2022-02-28", "30/6/2022"],
    ]) {
      expect(findings(reclutamento(d1, d4), RULE)).toEqual([]);
    }
  });

  it("accepts 001-obj-003's 01/01/2026 (a public holiday is still a date) and a date followed by a note", () => {
    const wb = scheda({
      title: "Obiettivo C: Progetto PNRR per il miglioramento dell’Esperienza del cittadino nei servizi pubblici",
      header: HEADER_MONITORING,
      rows: [
        ["fase 1:", "Contrattualizzazione dei fornitori", pct(25), null, "Conclusa", "Conclusa"],
        ["fase 2:", "Realizzazione interventi di sviluppo dei sito comunale e standardizzazione servizi forniti al cittadino attraverso interfacce digitali.", pct(40), "OK", "07/07/2025", "La struttura del sito è definita, ora è in corso la personalizzazione dell'alberatura dei servizi e l'inserimento dei contenuti soggetti a bassa variabilità"],
        ["fase 3:", "Validazione realizzazione da parte di Agid", pct(20), null, "01/01/2026", null],
        // 001-obj-004's fase 3 deadline cell.
        ["fase 4:", "Incasso del Finanziamento", pct(15), null, "31/01/2024 ma già conclusa nel 2023", null],
        totale(pct(100)),
        finale(dateCell("01/07/2026")),
      ],
    });
    expect(findings(wb, RULE, { today: "2024-09-30" })).toEqual([]);
  });

  it("leaves a relative deadline that quotes a date to scadenza-text (000-obj-038)", () => {
    const wb = reclutamento("Entro 105 giorni dall'adozione della variante con D.C.C. n. 111 del 03/11/2021", dateCell("30/06/2022"));
    expect(findings(wb, RULE)).toEqual([]);
    expect(cells(findings(wb, "scadenza-text"))).toEqual(["E8"]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(mistyped, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(findings(mistyped, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
