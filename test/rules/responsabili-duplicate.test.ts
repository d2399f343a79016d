import { corpusResponsabili, findings, type ResponsabiliRow } from "./helpers";
import { spinetta as spinettaTable } from "./tables";

const RULE = "responsabili-duplicate";

// 000-obj-002 (seed 000, L897), Obiettivo B, with the Responsabili table of seed 002 (L303-322):
// header on row 1, 16 codes on rows 2-17, a blank row 18, 2245 and 12224 on rows 19-20.
const spinetta = (responsabili: ResponsabiliRow[]) => spinettaTable({ responsabili });

// The table with 2330's row (row 17) pasted again at its end (row 21).
const pastedTwice = spinetta([...corpusResponsabili(), [2330, "SERVIZIO AUTONOMO PREVENZIONE E PROTEZIONE"]]);

describe("responsabili-duplicate", () => {
  it("fires on the second occurrence's code cell", () => {
    const found = findings(pastedTwice, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Elenco Responsabili", cell: "A21", objective: null });
    expect(found[0].message).toContain("2330");
    expect(found[0].message).toContain("A17");
    expect(found[0].message).toMatch(/compare più volte/);
    const [en] = findings(pastedTwice, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/code 2330 appears more than once/);
  });

  it("compares codes as text: 2245 as a number and «2245» as text are the same code", () => {
    const found = findings(spinetta([...corpusResponsabili(), ["2245", "SEGRETARIO GENERALE"]]), RULE);
    expect(found.map((f) => f.cell)).toEqual(["A21"]);
  });

  it("does not fire on the real table", () => {
    expect(findings(spinetta(corpusResponsabili()), RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(pastedTwice, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(pastedTwice, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
