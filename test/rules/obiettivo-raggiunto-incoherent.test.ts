import { cells, dateCell, finale, findings, HEADER_MONITORING, pct, scheda, totale, type Cell } from "./helpers";

const RULE = "obiettivo-raggiunto-incoherent";

// 001-obj-002 (seed 001, L142), Obiettivo B: the only objective-level achievement of the corpus,
// "28/02/2025 RAGGIUNTO 16/5/2024" on the final row (L236), every phase completed.
const FASE4_DONE: Cell[] = ["OK", "Fase completata in data 16/05/2024 con comunicazione di avvenuta Liquidazione del finanziamento da parte del Dipartimento per la Trasformazione Digitale - protocollo Entrata n.45639 del 16/05/2024"];
const notifiche = (fase4: Cell[], mark: Cell = "RAGGIUNTO 16/5/2024") =>
  scheda({
    title: "Obiettivo B: Progetto PNRR per la realizzazione della Piattaforma Notifiche Digitali (PND)",
    header: HEADER_MONITORING,
    rows: [
      ["fase 1:", "Contrattualizzazione dei fornitori", pct(25), null, "Conclusa", null],
      ["fase 2:", "Realizzazione Integrazione processi di notifica con PND", pct(40), "OK (in collaborazione con Comandante Bassani)", dateCell("31/03/2024"), "Fase completata in data 13/12/2023 come evidenziato nella piattaforma PADigitale2026"],
      ["fase 3:", "Validazione realizzazione da parte di Agid", pct(20), "OK", dateCell("30/09/2024"), "Fase completata in data 12/02/2024. A fronte dell'asseverazione positiva comunicata con e-mail del 12/02/2024 è stato possibile inoltrare la Domanda di finanziamento al Dipartimento per la Trasformazione Digitale in data 09/05/2024 - comunicazione protocollo Entrata n.42957 del 09/05/2024"],
      ["fase 4:", "Incasso del Finanziamento", pct(15), fase4[0], dateCell("28/02/2025"), fase4[1]],
      totale(pct(100)),
      finale(dateCell("28/02/2025"), mark),
    ],
  });
// The mark left on the sheet while the financing (fase 4) was not yet cashed: no OK, no completion.
const premature = notifiche([null, null]);

describe("obiettivo-raggiunto-incoherent", () => {
  it("fires on the RAGGIUNTO cell when a phase is not completed (001-obj-002 before fase 4 was done)", () => {
    const found = findings(premature, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "F13", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("RAGGIUNTO");
    expect(found[0].message).toContain("fase 4");
    expect(found[0].message).not.toContain("fase 3");
    const [en] = findings(premature, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/marked achieved \(RAGGIUNTO\) but phase 4 is not completed/);
  });

  it("lists every phase not completed, an «OK (avviata …)» one included", () => {
    const found = findings(notifiche(["OK (avviata l'istruttoria)", null]), RULE);
    expect(cells(found)).toEqual(["F13"]);
    expect(found[0].message).toContain("fase 4");
  });

  it("does not fire on the real sheet: every phase completed", () => {
    expect(findings(notifiche(FASE4_DONE), RULE)).toEqual([]);
  });

  it("does not fire without the mark", () => {
    expect(findings(notifiche([null, null], null), RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(premature, RULE, { config: { rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error"]);
    expect(findings(premature, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
