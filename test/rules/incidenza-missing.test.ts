import { cells, dateCell, finale, findings, pct, scheda, totale, type Cell } from "./helpers";

const RULE = "incidenza-missing";

// 000-obj-037 (seed 000, L4090), Obiettivo B: fasi 1 a)-1 c) share ONE merged 90% cell (C8:C10).
const regolamento = (merged: boolean) =>
  scheda({
    title: "Obiettivo B: Redazione Regolamento di Funzionamento della Commissione Locale per il Paesaggio",
    rows: [
      ["fase 1 a)", "Redazione del Regolamento", pct(90), null, dateCell("15/11/2022")],
      ["fase 1 b)", "Riunioni con i rappresentanti dei Comuni associati per la presentazione del Regolamento per eventuali osservazioni", null, null, dateCell("15/11/2022")],
      ["fase 1 c)", "Proposizione alla Giunta Comunale per l'approvazione della proposta di Regolamento", null, null, dateCell("15/11/2022")],
      ["fase 2", "Proposizione di deliberazione al Consiglio Comunale per l'approvazione del Regolamento e comunicazione ai Comuni coinvolti per la ratifica conclusiva del procedimento", pct(10), null, dateCell("30/11/2022")],
      totale(pct(100)),
      finale(dateCell("30/11/2022")),
    ],
    merges: merged ? ["C8:C10"] : [],
  });

// 000-obj-001 (seed 000, L835), Obiettivo A.
const fineMandato = (w2: Cell) =>
  scheda({
    title: "Obiettivo A: Progettazione e approvazione documento programmatico amministrativo di fine mandato",
    rows: [
      ["fase 1:", "Ultimazione del documento finale", pct(40), null, dateCell("28/02/2022")],
      ["fase 2:", "Approvazione da parte della Giunta Comunale", w2, null, dateCell("31/03/2022")],
      ["fase 3:", "Programma di diffusione e divulgazione del documento", pct(40), "57098", dateCell("31/05/2022")],
      totale(pct(100)),
      finale(dateCell("31/05/2022")),
    ],
  });

describe("incidenza-missing", () => {
  it("fires on a phase's empty Incidenza cell (000-obj-001 with fase 2's 20% left blank)", () => {
    const found = findings(fineMandato(null), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "C9", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 2");
    const [en] = findings(fineMandato(null), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("Obiettivo A");
    expect(en.message).toContain("phase 2");
    expect(en.message).toMatch(/no weight/);
  });

  it("counts a cell of blanks as missing too", () => {
    expect(cells(findings(fineMandato("   "), RULE))).toEqual(["C9"]);
  });

  it("fires on fasi 1 b) and 1 c) when 000-obj-037's 90% cell is unmerged", () => {
    const found = findings(regolamento(false), RULE);
    expect(cells(found)).toEqual(["C9", "C10"]);
    expect(found[0].message).toContain("fase 1 b)");
    expect(found[1].message).toContain("fase 1 c)");
  });

  it("does not fire on 000-obj-037's merged 90% shared by fasi 1 a)-1 c)", () => {
    expect(findings(regolamento(true), RULE)).toEqual([]);
  });

  it("treats 0% as a weight (000-obj-019: fasi 1-2 weigh 0% and are Conclusa)", () => {
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

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(fineMandato(null), RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(fineMandato(null), RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
