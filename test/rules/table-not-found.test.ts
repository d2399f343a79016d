import { corpusResponsabili, findings, responsabiliSheet, toSheet } from "./helpers";
import { fineMandato as fineMandatoTable } from "./tables";

const RULE = "table-not-found";

// Seed 004 (Casale Monferrato, PIAO 2022/2024, L453-466): strategic objectives, but no phase table.
const casale = toSheet("Obiettivi strategici", [
  ["INDIRIZZO STRATEGICO ED OBIETTIVI STRATEGICI"],
  ["COD IND. STR", "INDIRIZZO STRATEGICO", "OBIETTIVI STRATEGICI"],
  ["01", "Sviluppo economico: Industria, Artigianato, Commercio, Agricoltura, Impresa per i giovani", "01.01 - Obiettivo Strategico - Occupazione : Garantire politiche di occupazione a favore della comunità e della sua crescita"],
  [null, null, "01.02 - Obiettivo Strategico - Programmazione economica : Attuare una programmazione economica che sia in grado di rilanciare il settore produttivo del territorio valorizzandone le peculiarità"],
  [null, null, "01.04 - Obiettivo Strategico - Agricoltura : valorizzazione dei prodotti monferrini"],
  ["OBIETTIVI STRATEGICI DELL'INDIRIZZO STRATEGICO"],
  ["01.01 - Obiettivo Strategico - Occupazione: Garantire politiche di occupazione a favore della comunità e della sua crescita"],
  ["Codice Obiettivo Strategico", "Priorità strategiche dell'obiettivo"],
  ["01.01", "Attivare politiche di occupazione a favore della cittadinanza"],
]);

// 000-obj-001, Obiettivo A, on sheet "Obiettivi", and the "Elenco Responsabili" sheet.
const fineMandato = fineMandatoTable();

describe("table-not-found", () => {
  const noTable = { sheets: [casale, responsabiliSheet(corpusResponsabili())] };

  it("fires once, on A1 of the first sheet, when no sheet has a phase table (seed 004 + the Responsabili table)", () => {
    const found = findings(noTable, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi strategici", cell: "A1", row: 0, col: 0, objective: null, objectiveIndex: null });
    expect(found[0].message).toMatch(/Nessuna tabella delle fasi/);
    expect(found[0].message).toContain("Incidenza %");
    const [en] = findings(noTable, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/No phase table/);
  });

  it("fires on A1 of the sheet that was asked for when it has no phase table, naming it", () => {
    const found = findings(fineMandato, RULE, { sheet: "Elenco Responsabili" });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ sheet: "Elenco Responsabili", cell: "A1" });
    expect(found[0].message).toContain("«Elenco Responsabili»");
    const [en] = findings(fineMandato, RULE, { sheet: "Elenco Responsabili", config: { lang: "en" } });
    expect(en.message).toMatch(/was found in sheet «Elenco Responsabili»/);
  });

  it("does not fire when a sheet has a phase table (000-obj-001), whether asked for or not", () => {
    expect(findings(fineMandato, RULE)).toEqual([]);
    expect(findings(fineMandato, RULE, { sheet: "Obiettivi" })).toEqual([]);
    expect(findings({ sheets: [casale, ...fineMandato.sheets] }, RULE)).toEqual([]);
  });

  it("recognises a header written in capitals with line breaks (seed 002's «<b>Incidenza %</b>» cells, retyped)", () => {
    const wb = fineMandatoTable({ header: ["", "DESCRIZIONE", "INCIDENZA\n%", "Codifica\nResponsabili coinvolti", "SCADENZE  PREVISTE"] });
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(noTable, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(noTable, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
