import { cells, findings } from "./helpers";
import { sistemaPerformance, valorial } from "./tables";

const RULE = "scadenza-out-of-period";

// 000-obj-003: a 2022 plan whose fase 4 and final deadline fall in 2023.
// 000-obj-009: fase 3's 30/09/2021, almost certainly a typo for 2022.
const performance = sistemaPerformance();

describe("scadenza-out-of-period", () => {
  it("fires on phase and final deadlines after the period (000-obj-003 with period 2022-2022)", () => {
    const found = findings(valorial(), RULE, { config: { period: "2022-2022" } });
    expect(cells(found)).toEqual(["E11", "E13"]);
    expect(found.every((f) => f.severity === "warning" && f.objective === "Obiettivo C")).toBe(true);
    expect(found[0].message).toContain("Obiettivo C");
    expect(found[0].message).toContain("fase 4");
    expect(found[0].message).toContain("30/06/2023");
    expect(found[0].message).toContain("2022-2022");
    expect(found[1].message).toMatch(/scadenza finale/);
  });

  it("speaks English with lang en", () => {
    const found = findings(valorial(), RULE, { config: { period: "2022-2022", lang: "en" } });
    expect(found[0].message).toMatch(/deadline of phase 4 \(30\/06\/2023\) is outside the plan period 2022-2022/);
    expect(found[1].message).toMatch(/final deadline \(30\/06\/2023\)/);
  });

  it("fires on a deadline before the period (000-obj-009's 30/09/2021 in a 2022-2024 plan)", () => {
    const found = findings(performance, RULE, { config: { period: "2022-2024" } });
    expect(cells(found)).toEqual(["E10"]);
    expect(found[0].message).toContain("30/09/2021");
  });

  it("is silent without a configured period, and within it", () => {
    expect(findings(valorial(), RULE)).toEqual([]);
    expect(findings(performance, RULE)).toEqual([]);
    expect(findings(valorial(), RULE, { config: { period: "2022-2024" } })).toEqual([]);
    expect(findings(performance, RULE, { config: { period: "2021-2022" } })).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    const config = { period: "2022-2022" };
    expect(findings(valorial(), RULE, { config: { ...config, rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error", "error"]);
    expect(findings(valorial(), RULE, { config: { ...config, rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
