import { cells, dateCell, findings, pct, scheda, totale, type Cell } from "./helpers";
import { educazioneStradale as educazioneStradaleTable, fasi001, fasi007, fineMandato as fineMandatoTable } from "./tables";

const RULE = "incidenza-total-mismatch";

// 000-obj-007 (educazione stradale); total row "100%".
const educazioneStradale = (fasi: Cell[][], total: Cell[] = totale(pct(100))) => educazioneStradaleTable({ fasi, total: [total] });

// 000-obj-001: 40% / 20% / 40%, total 100%.
const fineMandato = (w1: Cell, w2: Cell, w3: Cell, total: Cell) => fineMandatoTable({ fasi: fasi001({ w1, w2, w3 }), total });

describe("incidenza-total-mismatch", () => {
  // The fase5 row deleted, the total left at 100%: the phases now add up to 60%.
  const withoutFase5 = educazioneStradale(fasi007().slice(0, 4));

  it("fires on the total cell when it states another value than the phases' sum (000-obj-007 without fase5)", () => {
    const found = findings(withoutFase5, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "C12", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("100%");
    expect(found[0].message).toContain("60%");
    expect(found[0].message).toMatch(/totale indicato/);
  });

  it("speaks English with lang en", () => {
    const [f] = findings(withoutFase5, RULE, { config: { lang: "en" } });
    expect(f.message).toMatch(/stated total is 100% but the phase weights add up to 60%/);
    expect(f.message).toContain("Obiettivo B");
  });

  it("does not fire on the real sheet, nor with a «Totale» label on the total row", () => {
    expect(findings(educazioneStradale(fasi007()), RULE)).toEqual([]);
    expect(findings(educazioneStradale(fasi007(), ["Totale", null, pct(100)]), RULE)).toEqual([]);
  });

  it("accepts the total printed on the Scadenza finale row (000-obj-030)", () => {
    const wb = scheda({
      title: "Obiettivo D: Progetto Pedibus: Nidi e Scuola Infanzia al Giardino Botanico, in Biblioteca e al Parco Isola delle Sensazioni",
      rows: [
        ["fase 1:", "Organizzazione e preparazione del progetto", pct(40), null, dateCell("24/05/2022")],
        ["fase 2:", "Pubblicizzazione progetto", pct(10), null, dateCell("31/05/2022")],
        ["fase 3:", "Coinvolgimento e collaborazione con il Personale Educativo e non", pct(25), null, dateCell("31/05/2022")],
        ["fase 4:", "Realizzazione del progetto nel periodo previsto (giugno)", pct(20), "2247", dateCell("30/06/2022")],
        ["fase 5:", "Verifica grado di soddisfacimento delle famiglie", pct(5), null, dateCell("30/06/2022")],
        ["Scadenza finale per il raggiungimento dell'obiettivo:", null, pct(100), null, dateCell("30/06/2022")],
      ],
    });
    expect(findings(wb, RULE)).toEqual([]);
    // Only fasi 1-2 kept: the 100% on that row is still read as the total.
    const wrong = scheda({
      title: "Obiettivo D: Progetto Pedibus",
      rows: [
        ["fase 1:", "Organizzazione e preparazione del progetto", pct(40), null, dateCell("24/05/2022")],
        ["fase 2:", "Pubblicizzazione progetto", pct(10), null, dateCell("31/05/2022")],
        ["Scadenza finale per il raggiungimento dell'obiettivo:", null, pct(100), null, dateCell("30/06/2022")],
      ],
    });
    expect(cells(findings(wrong, RULE))).toEqual(["C10"]);
  });

  it("reads the total the same way as the block's weights (plain fractions 0.4 / 0.2 / 0.4, total 1)", () => {
    expect(findings(fineMandato(0.4, 0.2, 0.4, 1), RULE)).toEqual([]);
    expect(findings(fineMandato("40%", "20%", "40%", "100%"), RULE)).toEqual([]);
  });

  it("reads a plain total of 1 under weights formatted as percentages as 100%, but still checks it", () => {
    expect(findings(fineMandato(pct(40), pct(20), pct(40), 1), RULE)).toEqual([]);
    const [f] = findings(fineMandato(pct(40), pct(20), pct(30), 1), RULE);
    expect(f.message).toContain("100%");
    expect(f.message).toContain("90%");
  });

  it("is not reported when a weight is missing (000-obj-001 with fase 2's 20% blank)", () => {
    const wb = fineMandato(pct(40), null, pct(40), pct(100));
    expect(findings(wb, RULE)).toEqual([]);
    expect(cells(findings(wb, "incidenza-missing"))).toEqual(["C9"]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(withoutFase5, RULE, { config: { rules: { [RULE]: "info" } } }).map((f) => f.severity)).toEqual(["info"]);
    expect(findings(withoutFase5, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
