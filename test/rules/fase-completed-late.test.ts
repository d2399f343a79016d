import { cells, dateCell, finale, findings, HEADER_MONITORING, pct, scheda, totale, type Cell } from "./helpers";
import { coesione, spesaInformatica as spesaInformaticaTable } from "./tables";

const RULE = "fase-completed-late";

// 001-obj-011 (seed 001, L1246), Obiettivo M. At the 30/09/2024 monitoring fase 2 (due 31/07/2024) is
// "Fase in ritardo"; here it is as a year-end monitoring would report it once done, on 14/10/2024.
const spesaInformatica = (mon2: Cell, rag2: Cell) =>
  spesaInformaticaTable({
    header: HEADER_MONITORING.map((h) => (h.startsWith("Monitoraggio") ? "Monitoraggio al 31/12/2024" : h)),
    fase2: [mon2, rag2],
    mon3: "OK",
  });
const late = spesaInformatica("OK", "Fase completata in data 14/10/2024 con l'adesione alla Convenzione Consip di Telefonia Mobile");

describe("fase-completed-late", () => {
  it("fires on the Scadenze cell of a phase completed after its deadline (001-obj-011 fase 2)", () => {
    const found = findings(late, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "E9", objective: "Obiettivo M" });
    expect(found[0].message).toContain("Obiettivo M");
    expect(found[0].message).toContain("fase 2");
    expect(found[0].message).toContain("14/10/2024");
    expect(found[0].message).toContain("31/07/2024");
    expect(found[0].message).toContain("75 giorni");
    const [en] = findings(late, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/phase 2 was completed on 14\/10\/2024, 75 days after its deadline of 31\/07\/2024/);
  });

  it("reads the completion date in the Monitoraggio cell as well", () => {
    expect(cells(findings(spesaInformatica("Conclusa il 14/10/2024", null), RULE))).toEqual(["E9"]);
  });

  it("does not fire while the phase is only late, nor on a phase completed without a date", () => {
    expect(findings(spesaInformatica(null, "Fase in ritardo in quanto sono subentrati problemi nell'approvvigionamento degli smatphone."), RULE)).toEqual([]);
    expect(findings(spesaInformatica("OK", "Fase completata"), RULE)).toEqual([]);
  });

  // 001-obj-009 (seed 001, L992): every completion on or before its deadline (fase 3: 27/09 for 30/09/2024).
  it("does not fire on phases completed in time (001-obj-009)", () => {
    const wb = scheda({
      title: "Obiettivo I: Revisione e digitalizzazione dei processi interni ai Servizi Demografici e loro efficientamento.",
      header: HEADER_MONITORING,
      rows: [
        ["fase 1:", "Avvio della notifica dei decreti di cittadinanza tramite la Piattaforma nazionale SEND", pct(20), "OK", dateCell("31/03/2024"), "Fase completata in data 30/01/2024 con l'attivazione dell'apposito portale per le cittadinanze. La prima verifica con esito positivo è stata eseguita il 6/2/2024"],
        ["fase 2:", "Definizione delle modalità per la digitalizzazione e automazione del procedimento di accertamento anagrafico di residenza", pct(15), "OK (in collaborazione con Comandante Bassani)", dateCell("31/05/2024"), "Fase completata in data 30/05/2024 a seguito di specifico corso Anusca fequentato nelle giornate precedenti"],
        ["fase 3:", "Verifica della presenza delle funzionalità software necessarie per gli accertamenti della residenza", pct(15), "OK", dateCell("30/09/2024"), "Fase completata in data 27/09/2024 a seguito di verifica positiva delle funzionalità messe a disposizione dal software"],
        ["fase 4:", "Verifica della fattibilità tecnica in merito all'avvio della migrazione dello Stato Civile in ANSC", pct(20), null, dateCell("31/12/2024"), null],
        ["fase 5:", "Studio dell'iter amministrativo necessario per irrogare la sanzione amministrativa pecuniaria in caso di violazione degli obblighi anagrafici così come modificata dal comma 242 dell’art. 1 della Legge 30.12.2023, n. 213", pct(15), null, dateCell("31/12/2024"), null],
        ["fase 6:", "Digitalizzazione degli archivi cartacei ancora esistenti presso dell'Ufficio Elettorale quali ad esempio le ricevute di consegna delle Tessere Elettorali", pct(15), null, dateCell("31/12/2024"), null],
        totale(pct(100)),
        finale(dateCell("31/12/2024")),
      ],
    });
    expect(findings(wb, RULE)).toEqual([]);
  });

  // 001-obj-013 (seed 001, L1472) fase 1: "proroga dei tempi fino al 31/12/2024" is not a completion date.
  it("does not take a date after other words for a completion date (001-obj-013 fase 1)", () => {
    const wb = coesione();
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(late, RULE, { config: { rules: { [RULE]: "info" } } }).map((f) => f.severity)).toEqual(["info"]);
    expect(findings(late, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
