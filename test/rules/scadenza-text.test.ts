import { cells, dateCell, finale, findings, pct, scheda, totale } from "./helpers";
import { appIo, recuperoCrediti as recuperoCreditiTable } from "./tables";

const RULE = "scadenza-text";

// 000-obj-004: all three deadlines are "in corso d'anno".
const recuperoCrediti = recuperoCreditiTable();

describe("scadenza-text", () => {
  it("fires on each text deadline (000-obj-004: «in corso d'anno»)", () => {
    const found = findings(recuperoCrediti, RULE);
    expect(cells(found)).toEqual(["E8", "E9", "E10"]);
    expect(found.every((f) => f.severity === "warning" && f.objective === "Obiettivo A")).toBe(true);
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 1");
    expect(found[0].message).toContain("in corso d'anno");
    expect(found[0].message).toMatch(/non una data/);
  });

  it("speaks English with lang en", () => {
    const [f] = findings(recuperoCrediti, RULE, { config: { lang: "en" } });
    expect(f.message).toContain("phase 1");
    expect(f.message).toContain("in corso d'anno");
    expect(f.message).toMatch(/not a date/);
  });

  // 000-obj-038 (seed 000, L4178); descriptions cut to their first numbered step.
  it("fires on relative deadlines, even one that quotes a date (000-obj-038)", () => {
    const wb = scheda({
      title: "Obiettivo C: Approvazione definitiva Progetto Preliminare di Variante Parziale al PRGC, ex art. 17, comma 5 LR 56/77, per insediamento polo logistico",
      rows: [
        ["fase 1:", "1) Conseguimento del parere degli Enti con competenza ambientale in ambito VAS.", pct(40), "2254", "Entro 105 giorni dall'adozione della variante con D.C.C. n. 111 del 03/11/2021"],
        ["fase 2:", "5) Proposizione Deliberazione di Giunta per l’inoltro al Consiglio Comunale", pct(40), null, "Entro 60 giorni dalla conclusione del punto 4)"],
        ["fase 3:", "7) Valutazione del Progetto Definitivo di Variante Parziale al P.R.G.C. nella Commissione Consiliare competente.", pct(20), null, "Entro 40 giorni dalla conclusione del punto 6)"],
        totale(pct(100)),
        finale("non prevedibile così come specificato nei Vincoli"),
      ],
    });
    expect(cells(findings(wb, RULE))).toEqual(["E8", "E9", "E10"]);
  });

  it("does not fire on «Conclusa» nor on «31/01/2024 ma già conclusa nel 2023» (001-obj-004)", () => {
    const wb = appIo();
    expect(findings(wb, RULE)).toEqual([]);
    expect(findings(wb, "scadenza-missing")).toEqual([]);
  });

  it("reads a bare serial number in the Scadenze column as a date (000-obj-004's final 31/12/2022 is 44926)", () => {
    const wb = scheda({
      title: "Obiettivo A: Recupero crediti dell'Ente attraverso pratiche stragiudiziali e giudiziali attive - II annualità",
      rows: [
        ["fase 1:", "verifica sussistenza credito", pct(10), null, 44926],
        ["fase 2:", "studio e monitoraggio degli atti strategici da adottare", pct(90), null, "in corso d'anno"],
        totale(pct(100)),
        finale(dateCell("31/12/2022")),
      ],
    });
    expect(cells(findings(wb, RULE))).toEqual(["E9"]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(recuperoCrediti, RULE, { config: { rules: { [RULE]: "info" } } }).map((f) => f.severity)).toEqual(["info", "info", "info"]);
    expect(findings(recuperoCrediti, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
