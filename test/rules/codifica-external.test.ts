import { cells, dateCell, finale, findings, pct, scheda, totale, type Cell } from "./helpers";

const RULE = "codifica-external";

// 000-obj-006 (seed 000, L1190), Obiettivo A (fase 1 description cut): fase 1 "AMAG AMBIENTE SPA / 2251", fase 3 "2254".
const ispettori = (cod1: Cell) =>
  scheda({
    title: "Obiettivo A: Disciplina organizzativa dell'attività degli Ispettori Ambientali",
    rows: [
      ["fase 1:", "Esperire incontri con AMAG AMBIENTE e con il Settore dell’Ente Referente per le Risorse Umane al fine di definire l’organico necessario", pct(20), cod1, dateCell("30/06/2022")],
      ["fase 2:", "Predisposizione bozza di disciplina organizzativa dell’attività degli Ispettori Ambientali", pct(60), null, dateCell("31/08/2022")],
      ["fase 3:", "collaborazione con Servizio Ambiente per revisione della bozza di disciplina predisposta", pct(10), "2254", dateCell("30/09/2022")],
      ["fase 4:", "Predisposizione proposta di deliberazione alla Giunta comunale per approvazione disciplina organizzativa, previo assenso dell'Assessore competente", pct(10), null, dateCell("31/12/2022")],
      totale(pct(100)),
      finale(dateCell("31/12/2022")),
    ],
  });
const real = ispettori("AMAG AMBIENTE SPA / 2251");

describe("codifica-external", () => {
  it("fires, as info, on a party named in the Codifica cell (000-obj-006 «AMAG AMBIENTE SPA / 2251»)", () => {
    const found = findings(real, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "info", sheet: "Obiettivi", cell: "D8", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 1");
    expect(found[0].message).toContain("AMAG AMBIENTE SPA");
    expect(found[0].message).not.toContain("2251");
    const [en] = findings(real, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/phase 1 involves a party without a code \(«AMAG AMBIENTE SPA»\)/);
  });

  it("does not take the party for an unknown code", () => {
    expect(findings(real, "codifica-unknown")).toEqual([]);
  });

  it("fires on a cell holding only a party (000-obj-040 «AMAG RETI IDRICHE») and on 000-obj-023's «ASM Costruire Insieme, 2247, …»", () => {
    const fontane = scheda({
      title: "Obiettivo B: Fontane e fontanelle",
      rows: [
        ["fase 1:", "censimento e verifica stato di consistenza impianti e fontane", pct(10), "AMAG RETI IDRICHE", dateCell("30/06/2022")],
        ["fase 2:", "analisi dei costi di gestione attuali delle fontane e degli impianti (stazioni di sollevamento)", pct(20), null, dateCell("31/07/2022")],
        ["fase 3:", "individuazione dei requisiti tecnico prestazionali dei nuovi modelli gestionali", pct(10), null, dateCell("30/09/2022")],
        ["fase 4:", "verifica ed analisi rapporto costi/benefici tra i diversi modelli gestionali individuati", pct(20), null, dateCell("31/10/2022")],
        ["fase 5:", "redazione di una proposta di affidamento/gestione del servizio", pct(20), null, dateCell("30/11/2022")],
        ["fase 6:", "approvazione del nuovo modello gestionale individuato", pct(10), null, dateCell("15/12/2022")],
        ["fase 7:", "programmazione delle modalità attuative del nuovo modello gestionale approvato", pct(10), null, dateCell("31/12/2022")],
        totale(pct(100)),
        finale(dateCell("31/12/2022")),
      ],
    });
    const [f] = findings(fontane, RULE);
    expect(f.cell).toBe("D8");
    expect(f.message).toContain("AMAG RETI IDRICHE");
    const asm = "ASM Costruire Insieme, 2247, 2250, 2252, 2254, 57098";
    const eventi = scheda({
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
    const found = findings(eventi, RULE);
    expect(cells(found)).toEqual(["D8", "D9"]);
    expect(found[0].message).toContain("ASM Costruire Insieme");
    expect(found[0].objective).toBe("Obiettivo 1");
  });

  it("does not fire on code lists with any separator (000-obj-006's «2251», «2269 - 2247 - 57098», «2470; 2250», «2247, 29419, 2252»)", () => {
    for (const cod of ["2251", 2251, "2269 - 2247 - 57098", "2470; 2250", "2247, 29419, 2252", "2269 - 2247 - 2330 - 2249 - 57098\n- 2252 - 2470 - 2254 - 2255"]) {
      expect(findings(ispettori(cod), RULE)).toEqual([]);
    }
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(real, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(real, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
