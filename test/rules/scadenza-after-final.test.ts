import { corpusResponsabili, dateCell, findings, HEADER_PLAN, pct, responsabiliSheet, toSheet } from "./helpers";
import { educazioneStradale, PERFORMANCE, performanceRows, TIROCINI, tirocini, tirociniRows } from "./tables";

const RULE = "scadenza-after-final";

// 000-obj-010 (tirocini): the final deadline 30/10/2022 is one day before fase 3's 31/10/2022.

describe("scadenza-after-final", () => {
  it("fires on a phase due after the final deadline (000-obj-010 fase 3)", () => {
    const found = findings(tirocini(dateCell("30/10/2022")), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "E10", objective: "Obiettivo C" });
    expect(found[0].message).toContain("Obiettivo C");
    expect(found[0].message).toContain("fase 3");
    expect(found[0].message).toContain("31/10/2022");
    expect(found[0].message).toContain("30/10/2022");
    expect(found[0].message).toMatch(/scadenza finale/);
  });

  it("speaks English with lang en", () => {
    const [f] = findings(tirocini(dateCell("30/10/2022")), RULE, { config: { lang: "en" } });
    expect(f.message).toMatch(/deadline of phase 3 \(31\/10\/2022\) is later than the final deadline \(30\/10\/2022\)/);
  });

  it("reads a final deadline written as text the same way", () => {
    expect(findings(tirocini("30/10/2022"), RULE).map((f) => f.cell)).toEqual(["E10"]);
  });

  it("accepts a phase due on the final deadline, and a final deadline later than every phase (000-obj-007)", () => {
    expect(findings(tirocini(dateCell("31/10/2022")), RULE)).toEqual([]);
    expect(findings(educazioneStradale(), RULE)).toEqual([]);
  });

  it("checks every block of a sheet: 000-obj-009 (B) and 000-obj-010 (C) stacked as on seed 000's pages", () => {
    const sheet = toSheet("Settore Risorse Umane", [
      [PERFORMANCE],
      HEADER_PLAN,
      // The total and the final date printed on one line, as in the source (L1423).
      ...performanceRows({ total: [null, null, pct(100), null, dateCell("30/11/2022")] }),
      [],
      [],
      [TIROCINI],
      HEADER_PLAN,
      ...tirociniRows(dateCell("30/10/2022")),
    ]);
    const found = findings({ sheets: [sheet, responsabiliSheet(corpusResponsabili())] }, RULE);
    expect(found.map((f) => [f.objective, f.cell])).toEqual([["Obiettivo C", "E15"]]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    const wb = tirocini(dateCell("30/10/2022"));
    expect(findings(wb, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(wb, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
