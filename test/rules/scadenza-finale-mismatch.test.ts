import { dateCell, finale, findings, pct, scheda, totale, type Cell } from "./helpers";

const RULE = "scadenza-finale-mismatch";

// 000-obj-007 (seed 000, L1279), Obiettivo B: final deadline 30/06/2023, latest phase 01/11/2022
// (the sheet evaluates the 2022 annuity of a multi-year objective).
const educazioneStradale = (final: Cell) =>
  scheda({
    title: "Obiettivo B: Educazione stradale",
    rows: [
      ["fase 1:", "Redazione elaborato progettuale", pct(20), null, dateCell("30/04/2022")],
      ["fase 2:", "Comunicazioni ai Dirigenti scolastici", pct(10), null, dateCell("31/05/2022")],
      ["fase 3:", "Individuazione del personale da impiegare nel progetto", pct(10), null, dateCell("30/06/2022")],
      ["fase 4:", "Formazione del personale", pct(20), null, dateCell("31/08/2022")],
      ["fase5:", "Avvio dell’attività presso gli istituti scolastici", pct(40), null, dateCell("01/11/2022")],
      totale(pct(100)),
      finale(final),
    ],
  });

describe("scadenza-finale-mismatch", () => {
  const real = educazioneStradale(dateCell("30/06/2023"));

  it("fires on the final deadline when it is later than every phase's (000-obj-007)", () => {
    const found = findings(real, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "E14", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("30/06/2023");
    expect(found[0].message).toContain("01/11/2022");
    expect(found[0].message).toMatch(/scadenza finale/);
  });

  it("speaks English with lang en", () => {
    const [f] = findings(real, RULE, { config: { lang: "en" } });
    expect(f.message).toMatch(/final deadline \(30\/06\/2023\) is later than the latest phase deadline \(01\/11\/2022\)/);
  });

  it("does not fire when the final deadline is the last phase's (000-obj-007 with 01/11/2022; 000-obj-003 in 2023)", () => {
    expect(findings(educazioneStradale(dateCell("01/11/2022")), RULE)).toEqual([]);
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
    });
    expect(findings(valorial, RULE)).toEqual([]);
  });

  it("does not fire when no phase has a dated deadline (000-obj-004: «in corso d'anno», final 31/12/2022)", () => {
    const wb = scheda({
      title: "Obiettivo A: Recupero crediti dell'Ente attraverso pratiche stragiudiziali e giudiziali attive - II annualità",
      rows: [
        ["fase 1:", "verifica sussistenza credito", pct(10), null, "in corso d'anno"],
        ["fase 2:", "studio e monitoraggio degli atti strategici da adottare", pct(30), null, "in corso d'anno"],
        ["fase 3:", "instaurazione, in caso di inottemperanza, del giudizio o della fase esecutiva in caso di credito giudiziale", pct(60), null, "in corso d'anno"],
        totale(pct(100)),
        finale(dateCell("31/12/2022")),
      ],
    });
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("leaves a final deadline earlier than a phase to scadenza-after-final (000-obj-010)", () => {
    const wb = scheda({
      title: "Obiettivo C: Definizione modalità di accesso ai tirocini formativi e alternanza scuola lavoro",
      rows: [
        ["fase 1:", "analisi del contesto", pct(30), null, dateCell("31/03/2022")],
        ["fase 2:", "elaborazioni proposte", pct(40), null, dateCell("30/06/2022")],
        ["fase 3:", "approvazione - modulistica", pct(30), null, dateCell("31/10/2022")],
        totale(pct(100)),
        finale(dateCell("30/10/2022")),
      ],
    });
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(real, RULE, { config: { rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error"]);
    expect(findings(real, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
