import { dateCell, findings } from "./helpers";
import { educazioneStradale, recuperoCrediti, tirocini, valorial } from "./tables";

const RULE = "scadenza-finale-mismatch";

// 000-obj-007 (educazione stradale): final deadline 30/06/2023, latest phase 01/11/2022
// (the sheet evaluates the 2022 annuity of a multi-year objective).
describe("scadenza-finale-mismatch", () => {
  const real = educazioneStradale({ final: dateCell("30/06/2023") });

  it("fires on the final deadline when it is later than every phase's (000-obj-007)", () => {
    const found = findings(real, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "E14", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("30/06/2023");
    expect(found[0].message).toContain("01/11/2022");
    expect(found[0].message).toMatch(/scadenza finale/);
  });

  it("speaks English with lang en", () => {
    const [f] = findings(real, RULE, { config: { lang: "en" } });
    expect(f.message).toMatch(/final deadline \(30\/06\/2023\) is later than the latest phase deadline \(01\/11\/2022\)/);
  });

  it("does not fire when the final deadline is the last phase's (000-obj-007 with 01/11/2022; 000-obj-003 in 2023)", () => {
    expect(findings(educazioneStradale({ final: dateCell("01/11/2022") }), RULE)).toEqual([]);
    expect(findings(valorial(), RULE)).toEqual([]);
  });

  it("does not fire when no phase has a dated deadline (000-obj-004: «in corso d'anno», final 31/12/2022)", () => {
    expect(findings(recuperoCrediti(), RULE)).toEqual([]);
  });

  it("leaves a final deadline earlier than a phase to scadenza-after-final (000-obj-010)", () => {
    expect(findings(tirocini(dateCell("30/10/2022")), RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(real, RULE, { config: { rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error"]);
    expect(findings(real, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
