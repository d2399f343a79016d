import { subPhaseAfter } from "../../src/core/rules/fase-numbering";
import { cells, dateCell, finale, findings, pct, scheda, totale, type Cell } from "./helpers";
import { eventi, fasi001 as fasi001Table, fineMandato as fineMandatoTable, fineMandatoGlued, regolamento } from "./tables";

const RULE = "fase-numbering";

// 000-obj-001.
const fasi001 = fasi001Table();
const fineMandato = (fasi: Cell[][]) => fineMandatoTable({ fasi });
// The fase 2 row deleted: "fase 1", "fase 3".
const withoutFase2 = fineMandato([fasi001[0], fasi001[2]]);

describe("fase-numbering", () => {
  it("fires on the first label out of order (000-obj-001 without its fase 2 row)", () => {
    const found = findings(withoutFase2, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "A9", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 3");
    expect(found[0].message).toContain("fase 2");
    const [en] = findings(withoutFase2, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/found «phase 3», expected «phase 2»/);
  });

  it("fires on a repeated phase (000-obj-027's fase 3 row printed twice)", () => {
    const wb = scheda({
      title: "Obiettivo A: Istituzione Sezione Biblioteca dello Spettacolo",
      rows: [
        ["fase 1:", "Riordino, trattamento fisico dei volumi (spolveratura, apposizione bande antitaccheggio, etichettatura) e censimento dei fondi provenienti dal Teatro Comunale", pct(30), null, dateCell("28/02/2022")],
        ["fase 2:", "Inaugurazione della sezione Biblioteca dello Spettacolo con l'apertura al pubblico della prima Sala che ospiterà il Fondo \"Giorgio Guazzotti\"", pct(40), null, dateCell("31/05/2022")],
        ["fase 3:", "Organizzazione iniziative ed eventi su temi inerenti lo Spettacolo in collaborazione con esperti e Associazioni locali che si occupano di cinema e teatro", pct(10), null, dateCell("30/09/2022")],
        ["fase 3:", "Organizzazione iniziative ed eventi su temi inerenti lo Spettacolo in collaborazione con esperti e Associazioni locali che si occupano di cinema e teatro", pct(10), null, dateCell("30/09/2022")],
        ["fase 4:", "Inventariazione dei Fondi librari, non ancora catalogati provenienti dal Teatro comunale", pct(10), null, dateCell("30/11/2022")],
        ["fase 5:", "Apertura al pubblico della seconda Sala dedicata allo Spettacolo", pct(10), null, dateCell("31/12/2022")],
        totale(pct(100)),
        finale(dateCell("31/12/2022")),
      ],
    });
    expect(cells(findings(wb, RULE))).toEqual(["A11"]);
  });

  it("accepts the real labels: «fase5:», «fase: 4», «fase 5 :», «fase 1» without colon", () => {
    expect(findings(fineMandato(fasi001), RULE)).toEqual([]);
    // 000-obj-007's «fase5:», 000-obj-009's «fase: 4», 000-obj-014's «fase 5 :», 000-obj-034's «fase 1».
    const labels = fineMandato([
      ["fase 1", "Ultimazione del documento finale", pct(20), null, dateCell("28/02/2022")],
      ["fase 2:", "Approvazione da parte della Giunta Comunale", pct(20), null, dateCell("31/03/2022")],
      ["fase 3:", "Programma di diffusione e divulgazione del documento", pct(20), null, dateCell("31/03/2022")],
      ["fase: 4", "adozione atto finale", pct(20), null, dateCell("31/05/2022")],
      ["fase5:", "Avvio dell’attività presso gli istituti scolastici", pct(10), null, dateCell("31/05/2022")],
    ]);
    expect(findings(labels, RULE)).toEqual([]);
  });

  it("accepts sub-phases: 000-obj-023's 1 a), 1 b), 2 and 000-obj-037's 1 a)-1 c), 2", () => {
    expect(findings(eventi(), RULE)).toEqual([]);
    expect(findings(regolamento(), RULE)).toEqual([]);
  });

  it("accepts «fase 2» followed by «Fase 2 b)» (000-obj-020)", () => {
    const wb = scheda({
      title: "Obiettivo B: Attuazione della Strategia integrata di sviluppo urbano “ALESSANDRIA TORNA AL CEN-TRO” POR-FESR 2014/2020",
      rows: [
        ["fase 1:", "espletamento azioni previste, per quanto di competenza del Settore, nel contesto del Disciplinare approvato dalla Regione Piemonte", pct(0), null, "Conclusa"],
        ["fase 2:", "adempimenti consequenziali come da Disciplinare approvato dalla Regione Piemonte: Fase 2 a) – Wi-fi", pct(0), null, "Conclusa"],
        ["Fase 2 b)", "adempimenti consequenziali come da Disciplinare approvato dalla Regione Piemonte: Fase 2 b) – realtà immersiva", pct(0), null, "Conclusa"],
        ["fase 3:", "adempimenti consequenziali come da Disciplinare approvato dalla Regione Piemonte", pct(100), "2252 - 57098 - 2470", dateCell("31/12/2022")],
        totale(pct(100)),
        finale("Non prevedibile la data finale poiché l’attuazione della Strategia è derivante dal cronoprogramma dei lavori individuati nei progetti esecutivi"),
      ],
    });
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("reads labels written at the start of the Descrizione cell (the PDF's «fase 1: Ultimazione …»)", () => {
    expect(findings(fineMandatoGlued(), RULE)).toEqual([]);
    expect(cells(findings(fineMandatoGlued({ fase3: "fase 4: Programma di diffusione e divulgazione del documento" }), RULE))).toEqual(["A10"]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(withoutFase2, RULE, { config: { rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error"]);
    expect(findings(withoutFase2, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });

  it("orders sub-phases as ICU's numeric collation does, without creating it for letters and numbers", () => {
    // Every sub-phase a label can have: a letter (the case-insensitive match also lets in the long s, U+017F,
    // and the Kelvin sign, lower-cased to k) or one or two digits.
    const subs = [..."abcdefghijklmnopqrstuvwxyz\u017f"];
    for (let n = 0; n < 100; n++) subs.push(String(n), String(n).padStart(2, "0"));
    const differ = subs.flatMap((a) => subs.filter((b) => subPhaseAfter(a, b) !== a.localeCompare(b, "en", { numeric: true }) > 0).map((b) => `${a} ${b}`));
    expect(differ).toEqual([]);
  });
});
