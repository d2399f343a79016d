import { cells, dateCell, FINALE, finale, findings, HEADER_MONITORING, pct, scheda, totale, type Cell } from "./helpers";
import { revisioneProcessi } from "./tables";

const RULE = "scadenza-finale-missing";

// 000-obj-036 (seed 000, L4007), Obiettivo A: phases all dated, final deadline written as a sentence.
const NON_PREVEDIBILE =
  "Non prevedibile la data finale, poiché dipende dall'esito della valutazione e dalla tempistica con le relative ed aleatorie variabili procedurali previste dalla normativa in materia";
const borsalino = (final: Cell[]) =>
  scheda({
    title: "Obiettivo A: Strategia gestionale del Complesso sportivo/ricreativo “Borsalino”composto dall’Impianto Sportivo Comunale “I. Barberis”, dalla Piscina Comunale Coperta e dal Campo di Atletica Leggera attraverso forma concessoria di partenariato pubblico privato",
    rows: [
      ["fase 1:", "Avvio gara con pubblicazione bando per affidamento concessione di partenariato pubblico privato", pct(30), null, dateCell("15/03/2022")],
      ["fase 2:", "Commissione giudicatrice e valutazione", pct(25), null, dateCell("31/05/2022")],
      ["fase 3:", "Esame del PEF", pct(20), null, dateCell("15/06/2022")],
      ["fase 4:", "Controlli art 80 D.Lgs 50/2016 e aggiudicazione", pct(25), null, dateCell("30/09/2022")],
      totale(pct(100)),
      final,
    ],
  });

// 000-obj-026 (seed 000, L2874), Obiettivo C (descriptions cut), followed by its evaluation text.
const comunicazione = (final: Cell[][]) =>
  scheda({
    title: "Obiettivo C: Potenziamento delle politiche di comunicazione alla Città",
    rows: [
      ["fase 1:", "Implementazione dei contatti degli organi e organismi d'informazione, compresi contatti diretti con giornalisti e web master, a livello locale, regionale e nazionale", pct(40), null, dateCell("30/06/2022")],
      ["fase 2:", "Incremento e implementazione qualitativa e quantitativa, tramite un'ulteriore qualificazione dei contenuti e delle immagini dei prodotti informativi dell'Ufficio", pct(60), null, dateCell("31/12/2022")],
      totale(pct(100)),
      ...final,
      [null],
      ["Obiettivo raggiunto al 100%: espletamento delle fasi previste entro la scadenza finale"],
      ["Obiettivo non raggiunto: mancato espletamento delle fasi previste entro la scadenza finale"],
    ],
  });

describe("scadenza-finale-missing", () => {
  it("fires on a final deadline that is text (000-obj-036: «Non prevedibile la data finale, …»)", () => {
    const found = findings(borsalino(finale(NON_PREVEDIBILE)), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "E13", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("Non prevedibile la data finale");
    expect(found[0].message).toMatch(/non è una data/);
    const [en] = findings(borsalino(finale(NON_PREVEDIBILE)), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("Non prevedibile la data finale");
    expect(en.message).toMatch(/not a date/);
  });

  // 001-obj-015 (seed 001, L1713): relative deadlines only, final deadline a placeholder.
  it("fires on a placeholder (001-obj-015: «xxxxxx»)", () => {
    const wb = scheda({
      title: "Obiettivo Q: Strategia gestionale dell'area della Piscina Comunale Scoperta attraverso forma concessoria di partenariato pubblico privato",
      header: HEADER_MONITORING,
      rows: [
        ["fase 1:", "Supporto all'esame delle integrazioni della proposta pervenuta, insieme al Collegio Esperti che ne valuterà la fattibilità ai sensi dell'art 193 del D.lgs n. 36/2023, ed in particolare a quelle relative al piano gestionale dell'impianto", pct(20), "OK (in collaborazione con arch. Del Ponte 2255)", "60 gg dalla conclusione della presentazione delle integrazioni della proposta da parte dell'operatore economico"],
        ["fase 2:", "supporto nella raccolta della documentazione necessaria per la predisposizione degli atti necessari al riconoscimento del pubblico interesse", pct(10), "(in collaborazione con arch. Del Ponte 2255)", "30 giorni (dalla data della prima riunione del Collegio esperti)"],
        ["fase 3:", "Supporto nella fase di valutazione delle proposte pervenute a seguito dello svolgimento della selezione ai sensi dell'art 193 del D.lgs n. 36/2023", pct(20), "(Del Ponte) arch Zappa 2470", "30 gg dalla chiusura dei termini di presentazione dell'offerta"],
        ["fase 4:", "supporto nella fase di raccolta ed esame della documentazione necessaria alla stipula della convenzione", pct(20), "(Del Ponte) arch Zappa 2470", "60 giorni dalla conclusione della fase 3"],
        ["fase 5:", "supporto nelle operazioni di consegna dell'immobile", pct(30), "(Del Ponte) arch Zappa 2470", "20 giorni dalla data di aggiudicazione"],
        totale(pct(100)),
        finale("xxxxxx"),
      ],
    });
    const found = findings(wb, RULE, { today: "2024-09-30" });
    expect(cells(found)).toEqual(["E14"]);
    expect(found[0].message).toContain("xxxxxx");
  });

  // 000-obj-022 (seed 000, L2450): the 'Scadenza finale' label (L2522) has no value.
  it("fires on the label when the final deadline has no value (000-obj-022)", () => {
    const wb = revisioneProcessi();
    const found = findings(wb, RULE);
    expect(cells(found)).toEqual(["A14"]);
    expect(found[0].message).toMatch(/manca la «Scadenza finale/);
    const [en] = findings(wb, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/is missing/);
  });

  it("fires on the header's Scadenze cell when there is no final-deadline row; «entro la scadenza finale» is not one", () => {
    expect(cells(findings(comunicazione([]), RULE))).toEqual(["E7"]);
  });

  it("does not fire on a dated final deadline (000-obj-026, 000-obj-036 with a date)", () => {
    expect(findings(comunicazione([finale(dateCell("31/12/2022"))]), RULE)).toEqual([]);
    expect(findings(borsalino(finale(dateCell("30/09/2022"))), RULE)).toEqual([]);
    expect(findings(borsalino(finale("30/09/2022")), RULE)).toEqual([]);
  });

  it("takes the first date right of the label when the Scadenze cell of that row is empty (000-obj-001's glued date)", () => {
    expect(findings(borsalino([FINALE, dateCell("30/09/2022")]), RULE)).toEqual([]);
    expect(findings(borsalino([FINALE, null, null, "30/09/2022"]), RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    const wb = borsalino(finale(NON_PREVEDIBILE));
    expect(findings(wb, RULE, { config: { rules: { [RULE]: "info" } } }).map((f) => f.severity)).toEqual(["info"]);
    expect(findings(wb, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
