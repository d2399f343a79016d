import { cells, findings, type Cell } from "./helpers";
import { fasi001, fineMandato as fineMandatoTable, prfp, regolamento as regolamentoTable } from "./tables";

const RULE = "incidenza-missing";

// 000-obj-037: fasi 1 a)-1 c) share ONE merged 90% cell (C8:C10).
const regolamento = (merged: boolean) => regolamentoTable({ merges: merged ? ["C8:C10"] : [] });

// 000-obj-001: `w2` is fase 2's Incidenza cell.
const fineMandato = (w2: Cell) => fineMandatoTable({ fasi: fasi001({ w2 }) });

describe("incidenza-missing", () => {
  it("fires on a phase's empty Incidenza cell (000-obj-001 with fase 2's 20% left blank)", () => {
    const found = findings(fineMandato(null), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "C9", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 2");
    const [en] = findings(fineMandato(null), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("Obiettivo A");
    expect(en.message).toContain("phase 2");
    expect(en.message).toMatch(/no weight/);
  });

  it("counts a cell of blanks as missing too", () => {
    expect(cells(findings(fineMandato("   "), RULE))).toEqual(["C9"]);
  });

  it("fires on fasi 1 b) and 1 c) when 000-obj-037's 90% cell is unmerged", () => {
    const found = findings(regolamento(false), RULE);
    expect(cells(found)).toEqual(["C9", "C10"]);
    expect(found[0].message).toContain("fase 1 b)");
    expect(found[1].message).toContain("fase 1 c)");
  });

  it("does not fire on 000-obj-037's merged 90% shared by fasi 1 a)-1 c)", () => {
    expect(findings(regolamento(true), RULE)).toEqual([]);
  });

  it("treats 0% as a weight (000-obj-019: fasi 1-2 weigh 0% and are Conclusa)", () => {
    const wb = prfp();
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(fineMandato(null), RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(fineMandato(null), RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
