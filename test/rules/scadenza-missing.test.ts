import { cells, dateCell, findings, type Cell } from "./helpers";
import { fasi001, fineMandato as fineMandatoTable, prfp, regolamento } from "./tables";

const RULE = "scadenza-missing";

// 000-obj-001: `d2` is fase 2's Scadenze cell.
const fineMandato = (d2: Cell) => fineMandatoTable({ fasi: fasi001({ d2 }) });

describe("scadenza-missing", () => {
  it("fires on a phase's empty Scadenze cell (000-obj-001 with fase 2's 31/03/2022 left blank)", () => {
    const found = findings(fineMandato(null), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "E9", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 2");
    expect(found[0].message).toMatch(/scadenza/);
    const [en] = findings(fineMandato(null), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("Obiettivo A");
    expect(en.message).toContain("phase 2");
    expect(en.message).toMatch(/no deadline/);
  });

  it("does not fire on the real sheet", () => {
    expect(findings(fineMandato(dateCell("31/03/2022")), RULE)).toEqual([]);
  });

  it("does not fire on «Conclusa» in the Scadenze column (000-obj-019)", () => {
    const wb = prfp();
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("reads a deadline merged across sub-phases for each of them (000-obj-037's 15/11/2022 for fasi 1 a)-1 c))", () => {
    // 1 b) and 1 c) hold no deadline of their own: 15/11/2022 stands in 1 a)'s cell only.
    expect(findings(regolamento({ merges: ["C8:C10", "E8:E10"], subDeadline: null }), RULE)).toEqual([]);
    // The same rows unmerged: 1 b) and 1 c) have no deadline.
    expect(cells(findings(regolamento({ merges: ["C8:C10"], subDeadline: null }), RULE))).toEqual(["E9", "E10"]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(fineMandato(null), RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(fineMandato(null), RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
