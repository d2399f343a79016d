import { cells, dateCell, finale, findings, pct, scheda, totale, type Cell } from "./helpers";

const RULE = "incidenza-sum";

// 000-obj-007 (seed 000, L1279), Obiettivo B: Educazione stradale. Its five weights add up to 100%.
const fasi007: Cell[][] = [
  ["fase 1:", "Redazione elaborato progettuale", pct(20), null, dateCell("30/04/2022")],
  ["fase 2:", "Comunicazioni ai Dirigenti scolastici", pct(10), null, dateCell("31/05/2022")],
  ["fase 3:", "Individuazione del personale da impiegare nel progetto", pct(10), null, dateCell("30/06/2022")],
  ["fase 4:", "Formazione del personale", pct(20), null, dateCell("31/08/2022")],
  ["fase5:", "Avvio dell’attività presso gli istituti scolastici", pct(40), null, dateCell("01/11/2022")],
];
const educazioneStradale = (fasi: Cell[][], total: Cell[][] = [totale(pct(100))]) =>
  scheda({ title: "Obiettivo B: Educazione stradale", rows: [...fasi, ...total, finale(dateCell("30/06/2023"))] });

// 000-obj-001 (seed 000, L835), Obiettivo A: weights 40% / 20% / 40%, written as `weights` says.
const fineMandato = (w1: Cell, w2: Cell, w3: Cell) =>
  scheda({
    title: "Obiettivo A: Progettazione e approvazione documento programmatico amministrativo di fine mandato",
    rows: [
      ["fase 1:", "Ultimazione del documento finale", w1, null, dateCell("28/02/2022")],
      ["fase 2:", "Approvazione da parte della Giunta Comunale", w2, null, dateCell("31/03/2022")],
      ["fase 3:", "Programma di diffusione e divulgazione del documento", w3, "57098", dateCell("31/05/2022")],
      totale(pct(100)),
      finale(dateCell("31/05/2022")),
    ],
  });

describe("incidenza-sum", () => {
  // The fase5 row deleted from the sheet: the four remaining weights add up to 60%.
  const withoutFase5 = educazioneStradale(fasi007.slice(0, 4));

  it("fires on the total cell when the weights do not add up to 100% (000-obj-007 without fase5)", () => {
    const found = findings(withoutFase5, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "C12", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("60%");
    expect(found[0].message).toMatch(/somma delle incidenze/);
  });

  it("speaks English with lang en", () => {
    const [f] = findings(withoutFase5, RULE, { config: { lang: "en" } });
    expect(f.message).toContain("Obiettivo B");
    expect(f.message).toContain("60%");
    expect(f.message).toMatch(/add up/);
    expect(f.message).not.toMatch(/somma/);
  });

  it("falls back to the last phase's Incidenza cell when there is no total row", () => {
    expect(cells(findings(educazioneStradale(fasi007.slice(0, 4), []), RULE))).toEqual(["C11"]);
  });

  it("does not fire on the real sheet (000-obj-007: 20+10+10+20+40)", () => {
    expect(findings(educazioneStradale(fasi007), RULE)).toEqual([]);
  });

  it("counts 000-obj-037's merged 90% once: 90% + 10% is 100%", () => {
    const wb = scheda({
      title: "Obiettivo B: Redazione Regolamento di Funzionamento della Commissione Locale per il Paesaggio",
      rows: [
        ["fase 1 a)", "Redazione del Regolamento", pct(90), null, dateCell("15/11/2022")],
        ["fase 1 b)", "Riunioni con i rappresentanti dei Comuni associati per la presentazione del Regolamento per eventuali osservazioni", null, null, dateCell("15/11/2022")],
        ["fase 1 c)", "Proposizione alla Giunta Comunale per l'approvazione della proposta di Regolamento", null, null, dateCell("15/11/2022")],
        ["fase 2", "Proposizione di deliberazione al Consiglio Comunale per l'approvazione del Regolamento e comunicazione ai Comuni coinvolti per la ratifica conclusiva del procedimento", pct(10), null, dateCell("30/11/2022")],
        totale(pct(100)),
        finale(dateCell("30/11/2022")),
      ],
      merges: ["C8:C10"],
    });
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("adds sub-phases with their own weights (000-obj-023: 5% + 10% + 10% + 65% + 10%)", () => {
    const asm = "ASM Costruire Insieme, 2247, 2250, 2252, 2254, 57098";
    const wb = scheda({
      title: "Obiettivo 1: Realizzazione di un programma coordinato di eventi fra Comune e ASM Costruire Insieme",
      rows: [
        ["fase 1 a):", "Programmazione degli eventi per le stagioni primavera/estate", pct(5), asm, dateCell("28/02/2022")],
        ["fase 1 b):", "Programmazione degli eventi per le stagioni autunno/inverno", pct(10), asm, dateCell("30/06/2022")],
        ["fase 2:", "Sviluppo della comunicazione delle manifestazioni in modo coordinato ed organico alle comunicazioni della Città a livello locale e nazionale", pct(10), null, dateCell("30/09/2022")],
        ["fase 3:", "Coordinamento e controllo della realizzazione degli eventi programmati e della sinergia fra i diversi soggetti", pct(65), null, dateCell("31/12/2022")],
        ["fase 4:", "Redazione della relazione conclusiva afferente allo svolgimento degli eventi a programma e sua presentazione all'Amministrazione comunale", pct(10), null, dateCell("31/12/2022")],
        totale(pct(100)),
        finale(dateCell("31/12/2022")),
      ],
    });
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("reads 000-obj-001's weights the same whether written as 0.4 with 0%, as text 40%, as points 40 or as plain fractions 0.4", () => {
    expect(findings(fineMandato(pct(40), pct(20), pct(40)), RULE)).toEqual([]);
    expect(findings(fineMandato("40%", "20 %", "40"), RULE)).toEqual([]);
    expect(findings(fineMandato(40, 20, 40), RULE)).toEqual([]);
    expect(findings(fineMandato(0.4, 0.2, 0.4), RULE)).toEqual([]);
  });

  it("is not reported when a weight is missing (000-obj-001 with fase 2's 20% blank)", () => {
    const wb = fineMandato(pct(40), null, pct(40));
    expect(findings(wb, RULE)).toEqual([]);
    expect(cells(findings(wb, "incidenza-missing"))).toEqual(["C9"]);
  });

  it("applies weightTolerance (000-obj-010's three phases written as 33,3% each: 99,9%)", () => {
    const wb = scheda({
      title: "Obiettivo C: Definizione modalità di accesso ai tirocini formativi e alternanza scuola lavoro",
      rows: [
        ["fase 1:", "analisi del contesto", "33,3%", null, dateCell("31/03/2022")],
        ["fase 2:", "elaborazioni proposte", "33,3%", null, dateCell("30/06/2022")],
        ["fase 3:", "approvazione - modulistica", "33,3%", null, dateCell("31/10/2022")],
        totale("100%"),
        finale(dateCell("31/10/2022")),
      ],
    });
    const [f] = findings(wb, RULE);
    expect(f.cell).toBe("C11");
    expect(f.message).toContain("99,9%");
    expect(findings(wb, RULE, { config: { weightTolerance: 0.05 } })).toHaveLength(1);
    expect(findings(wb, RULE, { config: { weightTolerance: 0.5 } })).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(withoutFase5, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(withoutFase5, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
