import { cells, dateCell, finale, findings, pct, scheda, totale, type Cell } from "./helpers";
import { prfp } from "./tables";

const RULE = "incidenza-invalid";

// 000-obj-035 (seed 000, L3888), Obiettivo 2. The PDF glues fase 1's weight to its date
// ("20% 30/04/2022fase 1 ..."): pasted into one cell, the weight reads "20% 30/04/2022".
const pinqua = (w1: Cell) =>
  scheda({
    title: "Obiettivo 2: Partecipazione al \"Programma Innovativo Nazionale per la Qualità dell'Abitare (PINQUA)\"",
    rows: [
      ["fase 1", "Avvio della fase preliminare con predisposizione di atti, per la stipula della convenzione attuativa e la regolazione dei rapporti Comune-Centrale di committenza (INVITALIA) nell'ambito della collaborazione ANCI-INVITALIA a supporto delle amministrazioni locali per i progetti PINQUA", w1, null, dateCell("30/04/2022")],
      ["fase 2", "Predisposizione e gestione della gara di progettazione da parte di INVITALIA in stretta collaborazione con gli uffici competenti per la predisposizione dei propri atti necessari", pct(50), null, dateCell("30/07/2022")],
      ["fase 3", "Stipula del contratto di incarico di progettazione e svolgimento della prestazione, con successive fasi obbligatorie dell'acquisizione dei pareri necessari al fine dell'approvazione del progetto", pct(30), "29419", dateCell("15/12/2022")],
      totale(pct(100)),
      finale(dateCell("15/12/2022")),
    ],
  });


describe("incidenza-invalid", () => {
  it("fires on a weight that is not a number (000-obj-035's glued «20% 30/04/2022»)", () => {
    const found = findings(pinqua("20% 30/04/2022"), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "C8", objective: "Obiettivo 2" });
    expect(found[0].message).toContain("Obiettivo 2");
    expect(found[0].message).toContain("fase 1");
    expect(found[0].message).toContain("20% 30/04/2022");
    expect(found[0].message).toMatch(/non è un numero/);
    const [en] = findings(pinqua("20% 30/04/2022"), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("phase 1");
    expect(en.message).toContain("20% 30/04/2022");
    expect(en.message).toMatch(/not a number/);
  });

  it("fires on a weight over 100% (000-obj-019's fase 3: 100 pasted into a 0% cell shows 10000%)", () => {
    const found = findings(prfp({ value: 100, format: "0%" }), RULE);
    expect(cells(found)).toEqual(["C10"]);
    expect(found[0].message).toContain("fase 3");
    expect(found[0].message).toContain("10000%");
  });

  it("fires on a negative weight (000-obj-035's fase 1 typed «-20%»)", () => {
    const [f] = findings(pinqua("-20%"), RULE);
    expect(f.cell).toBe("C8");
    expect(f.message).toContain("-20%");
  });

  it("suppresses incidenza-sum and incidenza-total-mismatch, which would only repeat it", () => {
    const wb = pinqua("20% 30/04/2022");
    expect(findings(wb, "incidenza-sum")).toEqual([]);
    expect(findings(wb, "incidenza-total-mismatch")).toEqual([]);
  });

  it("accepts 0% and 100% (000-obj-019 as written) and the text forms «20%», «20 %», «20»", () => {
    expect(findings(prfp(pct(100)), RULE)).toEqual([]);
    expect(findings(prfp("100%"), RULE)).toEqual([]);
    for (const w of ["20%", "20 %", "20", "20,0%"]) expect(findings(pinqua(w), RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(pinqua("20% 30/04/2022"), RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(pinqua("20% 30/04/2022"), RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
