import { cells, dateCell, finale, findings, pct, scheda, totale, type Cell } from "./helpers";

const RULE = "scadenza-missing";

// 000-obj-001 (seed 000, L835), Obiettivo A.
const fineMandato = (d2: Cell) =>
  scheda({
    title: "Obiettivo A: Progettazione e approvazione documento programmatico amministrativo di fine mandato",
    rows: [
      ["fase 1:", "Ultimazione del documento finale", pct(40), null, dateCell("28/02/2022")],
      ["fase 2:", "Approvazione da parte della Giunta Comunale", pct(20), null, d2],
      ["fase 3:", "Programma di diffusione e divulgazione del documento", pct(40), "57098", dateCell("31/05/2022")],
      totale(pct(100)),
      finale(dateCell("31/05/2022")),
    ],
  });

describe("scadenza-missing", () => {
  it("fires on a phase's empty Scadenze cell (000-obj-001 with fase 2's 31/03/2022 left blank)", () => {
    const found = findings(fineMandato(null), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "E9", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 2");
    expect(found[0].message).toMatch(/scadenza/);
    const [en] = findings(fineMandato(null), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("Obiettivo A");
    expect(en.message).toContain("phase 2");
    expect(en.message).toMatch(/no deadline/);
  });

  it("does not fire on the real sheet", () => {
    expect(findings(fineMandato(dateCell("31/03/2022")), RULE)).toEqual([]);
  });

  it("does not fire on «Conclusa» in the Scadenze column (000-obj-019)", () => {
    const wb = scheda({
      title: "Obiettivo A: Attuazione delle azioni esplicitate nei processi del PRFP 2019-2038",
      rows: [
        ["fase 1:", "Contenimento spesa a 827.344 euro per l’anno 2020", pct(0), null, "Conclusa"],
        ["fase 2:", "Contenimento spesa a 648.292 euro per l’anno 2021", pct(0), null, "Conclusa"],
        ["fase 3:", "Contenimento spesa a 300.000 euro per il primo semestre 2022", pct(100), null, dateCell("30/06/2022")],
        totale(pct(100)),
        finale(dateCell("30/06/2022")),
      ],
    });
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("reads a deadline merged across sub-phases for each of them (000-obj-037's 15/11/2022 for fasi 1 a)-1 c))", () => {
    const rows: Cell[][] = [
      ["fase 1 a)", "Redazione del Regolamento", pct(90), null, dateCell("15/11/2022")],
      ["fase 1 b)", "Riunioni con i rappresentanti dei Comuni associati per la presentazione del Regolamento per eventuali osservazioni", null, null, null],
      ["fase 1 c)", "Proposizione alla Giunta Comunale per l'approvazione della proposta di Regolamento", null, null, null],
      ["fase 2", "Proposizione di deliberazione al Consiglio Comunale per l'approvazione del Regolamento e comunicazione ai Comuni coinvolti per la ratifica conclusiva del procedimento", pct(10), null, dateCell("30/11/2022")],
      totale(pct(100)),
      finale(dateCell("30/11/2022")),
    ];
    const title = "Obiettivo B: Redazione Regolamento di Funzionamento della Commissione Locale per il Paesaggio";
    expect(findings(scheda({ title, rows, merges: ["C8:C10", "E8:E10"] }), RULE)).toEqual([]);
    // The same rows unmerged: 1 b) and 1 c) have no deadline.
    expect(cells(findings(scheda({ title, rows, merges: ["C8:C10"] }), RULE))).toEqual(["E9", "E10"]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(fineMandato(null), RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(fineMandato(null), RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
