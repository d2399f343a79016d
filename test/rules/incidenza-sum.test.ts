import { cells, dateCell, findings, pct, type Cell } from "./helpers";
import { educazioneStradale as educazioneStradaleTable, eventi, fasi001, fasi007, fineMandato as fineMandatoTable, regolamento, tirocini } from "./tables";

const RULE = "incidenza-sum";

// 000-obj-007 (educazione stradale): its five weights add up to 100%.
const educazioneStradale = (fasi: Cell[][], total?: Cell[][]) => educazioneStradaleTable({ fasi, total });

// 000-obj-001: weights 40% / 20% / 40%, written as `weights` says.
const fineMandato = (w1: Cell, w2: Cell, w3: Cell) => fineMandatoTable({ fasi: fasi001({ w1, w2, w3 }) });

describe("incidenza-sum", () => {
  // The fase5 row deleted from the sheet: the four remaining weights add up to 60%.
  const withoutFase5 = educazioneStradale(fasi007().slice(0, 4));

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
    expect(cells(findings(educazioneStradale(fasi007().slice(0, 4), []), RULE))).toEqual(["C11"]);
  });

  it("does not fire on the real sheet (000-obj-007: 20+10+10+20+40)", () => {
    expect(findings(educazioneStradale(fasi007()), RULE)).toEqual([]);
  });

  it("counts 000-obj-037's merged 90% once: 90% + 10% is 100%", () => {
    const wb = regolamento();
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("adds sub-phases with their own weights (000-obj-023: 5% + 10% + 10% + 65% + 10%)", () => {
    const wb = eventi();
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
    const wb = tirocini(dateCell("31/10/2022"), { w1: "33,3%", w2: "33,3%", w3: "33,3%", total: "100%" });
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
