import { cells, dateCell, finale, findings, pct, scheda, totale } from "./helpers";
import { agendaDigitale, revisioneProcessi, sistemaPerformance } from "./tables";

const RULE = "scadenza-order";

// 000-obj-009: fase 3's 30/09/2021 is a year before fase 2's 31/08/2022.
const performance = sistemaPerformance();

describe("scadenza-order", () => {
  it("fires on a deadline earlier than a previous phase's (000-obj-009 fase 3)", () => {
    const found = findings(performance, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "E10", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("fase 3");
    expect(found[0].message).toContain("30/09/2021");
    expect(found[0].message).toContain("fase 2");
    expect(found[0].message).toContain("31/08/2022");
  });

  it("speaks English with lang en", () => {
    const [f] = findings(performance, RULE, { config: { lang: "en" } });
    expect(f.message).toMatch(/deadline of phase 3 \(30\/09\/2021\) is earlier than that of phase 2 \(31\/08\/2022\)/);
  });

  // 001-obj-008: 12 phases forming three interleaved tracks (connettività 1,4,7,10; parcheggi 2,5,8,11;
  // Palazzo Cuttica 3,6,9,12), monotonic inside each track but not by phase number.
  it("compares with the latest earlier deadline, phase by phase (001-obj-008)", () => {
    const wb = agendaDigitale();
    expect(cells(findings(wb, RULE, { today: "2024-09-30" }))).toEqual(["E10", "E13", "E15", "E16", "E18", "E19"]);
  });

  it("accepts equal deadlines (000-obj-017 fasi 4-6 on 30/11/2022; 002-obj-004 fasi 2-3 on 30/09/2022)", () => {
    const cartaServizi = scheda({
      title: "Obiettivo A: Carta dei Servizi dell'Ente",
      rows: [
        ["fase 1:", "Mappatura dei servizi erogati", pct(20), null, dateCell("30/04/2022")],
        ["fase 2:", "Selezione dei servizi erogati a valenza esterna potenzialmente oggetto della Carta dei Servizi", pct(10), "2269, 2249, 2247, 2251, 29419, 57098, 2252, 2250, 2255, 2470, 2254", dateCell("31/05/2022")],
        ["fase 3:", "Descrizione analitica del servizio erogato", pct(20), "2269, 2249, 2247, 2251, 29419, 57098, 2252, 2250, 2255, 2470, 2254", dateCell("30/06/2022")],
        ["fase 4:", "Definizione degli standard di qualità", pct(10), null, dateCell("30/11/2022")],
        ["fase 5:", "Definizione degli strumenti di monitoraggio e di valutazione degli standard", pct(15), null, dateCell("30/11/2022")],
        ["fase 6:", "Predisposizione di strumenti di ascolto e di coinvolgimento degli stakeholder", pct(15), null, dateCell("30/11/2022")],
        ["fase 7:", "Presentazione di una nota informativa alla Giunta comunale, afferente all'oggetto", pct(10), null, dateCell("31/12/2022")],
        totale(pct(100)),
        finale(dateCell("31/12/2022")),
      ],
    });
    expect(findings(cartaServizi, RULE)).toEqual([]);
    const chatbot = scheda({
      title: "Obiettivo C: Diffusione dei servizi pubblici digitali per Cittadini e Imprese",
      rows: [
        ["fase 1:", "Realizzazione di una chatbot che possa dialogare in maniera diretta con i cittadini e rendere più fruibili i contenuti del sito internet comunale - attivazione di test sui servizi demografici", pct(20), null, dateCell("28/02/2022")],
        ["fase 2:", "Realizzazione di una chatbot che possa dialogare in maniera diretta con i cittadini e rendere più fruibili i contenuti del sito internet comunale - estensione delle funzionalità a tutti i contenuti disponibili", pct(30), "2269 - 2247 - 57098", dateCell("30/09/2022")],
        ["fase 3:", "Installazione di un nuovo centralino telefonico con risponditore automatico e albero di navigazione dei contenuti", pct(40), null, dateCell("30/09/2022")],
        ["fase 4:", "Aggiornamento del piano triennale ICT del Comune di Alessandria e del conseguente piano operativo annuale", pct(10), null, dateCell("31/12/2022")],
        totale(pct(100)),
        finale(dateCell("31/12/2022")),
      ],
    });
    expect(findings(chatbot, RULE)).toEqual([]);
  });

  it("ignores text deadlines (000-obj-022: dates, then «entro tre mesi …»)", () => {
    const wb = revisioneProcessi();
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(performance, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(performance, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
