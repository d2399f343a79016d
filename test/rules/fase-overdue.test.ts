import { cells, dateCell, finale, findings, HEADER_MONITORING, pct, scheda, totale, type Cell } from "./helpers";
import { agendaDigitale, appIo, coesione, fasi008, fineMandato, notifiche, spesaInformatica as spesaInformaticaTable } from "./tables";

const RULE = "fase-overdue";

// 001-obj-011 (seed 001, L1246), Obiettivo M, at the 30/09/2024 monitoring: fase 2 (due 31/07/2024)
// is "in ritardo".
const spesaInformatica = (header = HEADER_MONITORING) => spesaInformaticaTable({ header });
const real = spesaInformatica();
const TODAY = "2024-10-15";

describe("fase-overdue", () => {
  it("fires on a phase not completed whose deadline is before the header's date (001-obj-011 fase 2)", () => {
    const found = findings(real, RULE, { today: TODAY });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "E9", objective: "Obiettivo M" });
    expect(found[0].message).toContain("Obiettivo M");
    expect(found[0].message).toContain("fase 2");
    expect(found[0].message).toContain("31/07/2024");
    expect(found[0].message).toContain("61 giorni");
    expect(found[0].message).toContain("30/09/2024");
    const [en] = findings(real, RULE, { today: TODAY, config: { lang: "en" } });
    expect(en.message).toMatch(/phase 2 is not completed and was due on 31\/07\/2024 \(61 days overdue at 30\/09\/2024\)/);
  });

  it("takes the reference date from the configuration first, then the header, then today", () => {
    // Configured: 31/07/2024 is the deadline itself, not after it.
    expect(findings(real, RULE, { today: TODAY, config: { referenceDate: "2024-07-31" } })).toEqual([]);
    const [configured] = findings(real, RULE, { today: TODAY, config: { referenceDate: "2024-08-31" } });
    expect(configured.message).toContain("31 giorni");
    // The header's 30/09/2024 wins over a later today, when fasi 1 and 3 would be overdue too.
    expect(cells(findings(real, RULE, { today: "2025-06-01" }))).toEqual(["E9"]);
    // A header without a date: today decides.
    const undated = spesaInformatica(HEADER_MONITORING.map((h) => (h.startsWith("Monitoraggio") ? "Monitoraggio" : h)));
    expect(findings(undated, RULE, { today: "2024-07-31" })).toEqual([]);
    const [byToday] = findings(undated, RULE, { today: "2024-08-01" });
    expect(byToday.cell).toBe("E9");
    expect(byToday.message).toContain("1 giorno ");
  });

  // 001-obj-008 (seed 001, L814), its first four phases.
  it("does not fire on a phase due on the reference date itself (001-obj-008 fasi 1-2, due 30/09/2024)", () => {
    const wb = agendaDigitale(fasi008().slice(0, 4));
    expect(findings(wb, RULE, { today: TODAY })).toEqual([]);
  });

  // 001-obj-013 (seed 001, L1472).
  it("fires when the only date after the deadline is an extension, not a completion (001-obj-013 fase 1)", () => {
    const wb = coesione();
    const found = findings(wb, RULE, { today: TODAY });
    expect(cells(found)).toEqual(["E8"]);
    expect(found[0].message).toContain("22 giorni");
  });

  // 001-obj-016 (seed 001, L1864).
  it("treats «OK (avviata l'istruttoria)» as under way, not completed (001-obj-016 fase 1 at 15/01/2025)", () => {
    const palacima = (mon: Cell) =>
      scheda({
        title: "Obiettivo R: GESTIONE-RIQUALIFICAZIONE DEL PALAZZETTO DELLO SPORT DENOMINATO PALACIMA",
        header: HEADER_MONITORING,
        rows: [
          ["fase 1:", "predisposizione atti per l'espletamento di Avviso pubblico finalizzato all'individuazione di una Associazione/Società sportiva interessata a riqualificare e gestire l'impianto sportivo individuato ai sensi del Dlgs 38/2021", pct(30), mon, dateCell("31/12/2024"), null],
          ["fase 2:", "monitoraggio ed individuazione dei possibili costi di gestione a seguito delle risultanze dell'efficientamento energetico operato sul Palazzetto dello Sport", pct(20), null, dateCell("30/04/2025"), null],
          ["fase 3:", "pubblicazione Avviso Pubblico", pct(10), null, dateCell("31/05/2025"), null],
          ["fase 4 :", "valutazione delle offerte pervenute con possibili integrazioni anche con supporto di una commissione di esperti in caso di più proposte pervenute", pct(20), "2470", dateCell("30/09/2025"), null],
          ["fase 5", "proposizione della deliberazione della Giunta/ Consiglio Comunale per l'approvazione dell'interesse pubblico sulla proposta di riqualificazione e successiva aggiudicazione", pct(20), null, dateCell("31/12/2025"), null],
          totale(pct(100)),
          finale(dateCell("31/12/2025")),
        ],
      });
    const config = { referenceDate: "2025-01-15" };
    expect(cells(findings(palacima("OK (avviata l'istruttoria)"), RULE, { config }))).toEqual(["E8"]);
    expect(findings(palacima("OK"), RULE, { config })).toEqual([]);
  });

  // 001-obj-002 (seed 001, L142).
  it("does not fire on completed phases: «Conclusa» as deadline, OK with a completion date (001-obj-002 at 01/06/2025)", () => {
    const wb = notifiche();
    expect(findings(wb, RULE, { config: { referenceDate: "2025-06-01" } })).toEqual([]);
  });

  // 001-obj-004 (seed 001, L400).
  it("treats «31/01/2024 ma già conclusa nel 2023» as completed (001-obj-004 fase 3)", () => {
    const wb = appIo();
    expect(findings(wb, RULE, { today: TODAY })).toEqual([]);
    // Without the note the same deadline is overdue: 243 days at 30/09/2024.
    const bare = structuredClone(wb);
    bare.sheets[0].values[9][4] = "31/01/2024";
    bare.sheets[0].values[9][5] = null;
    const [f] = findings(bare, RULE, { today: TODAY });
    expect(f.cell).toBe("E10");
    expect(f.message).toContain("243 giorni");
  });

  it("runs only on blocks with a Monitoraggio or Raggiungimento column (000-obj-001 in 2024)", () => {
    const wb = fineMandato();
    expect(findings(wb, RULE, { today: "2024-09-30" })).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(real, RULE, { today: TODAY, config: { rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error"]);
    expect(findings(real, RULE, { today: TODAY, config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
