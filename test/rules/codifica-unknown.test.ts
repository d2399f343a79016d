import { cells, corpusResponsabili, dateCell, findings, type Cell, type ResponsabiliRow } from "./helpers";
import { parcoVeicolare, sistemaPerformance, spinetta as spinettaTable } from "./tables";

const RULE = "codifica-unknown";

// 000-obj-002 (seed 000, L897), Obiettivo B: fase 1 "2255", fase 2 "2254, 57098".
const spinetta = (cod1: Cell, cod2: Cell, responsabili: ResponsabiliRow[] | null = corpusResponsabili()) => spinettaTable({ cod1, cod2, responsabili });

// fase 2's 57098 typed with two digits swapped.
const typo = spinetta("2255", "2254, 57089");

describe("codifica-unknown", () => {
  it("fires on a code that is not in the Responsabili table (000-obj-002 fase 2 «2254, 57089»)", () => {
    const found = findings(typo, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", sheet: "Obiettivi", cell: "D9", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("57089");
    expect(found[0].message).toContain("fase 2");
    expect(found[0].message).not.toContain("2254");
    const [en] = findings(typo, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/code 57089 of phase 2 is not in the Responsabili table/);
  });

  it("reports each distinct unknown code of a cell once (000-obj-011 fase 2 with two typos, one repeated)", () => {
    const wb = parcoVeicolare("2269 - 2247 - 2303 - 2249 - 57098 - 2252 - 2470 - 2254 - 2555 - 2303");
    const found = findings(wb, RULE);
    expect(cells(found)).toEqual(["D9", "D9"]);
    expect(found.map((f) => f.message.match(/\b(2303|2555)\b/)?.[0]).sort()).toEqual(["2303", "2555"]);
  });

  it("does not fire on the real codes, written as text or as a number", () => {
    expect(findings(spinetta("2255", "2254, 57098"), RULE)).toEqual([]);
    expect(findings(spinetta(2255, "2254, 57098"), RULE)).toEqual([]);
  });

  it("finds 2245 past the blank row inside the Responsabili table (000-obj-009)", () => {
    // Fase 3's 30/09/2021 read as the 2022 it means: only the codes matter here.
    const wb = sistemaPerformance(dateCell("30/09/2022"));
    // The table as in seed 002: 2330 (L319), a blank row (L320), then 2245 (L321).
    const table = corpusResponsabili();
    expect(table.indexOf(null)).toBe(table.findIndex((r) => r?.[0] === 2245) - 1);
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("is skipped when the workbook has no Responsabili table (responsabili-not-found says so)", () => {
    const wb = spinetta("2255", "2254, 57089", null);
    expect(findings(wb, RULE)).toEqual([]);
    expect(findings(wb, "responsabili-not-found")).toHaveLength(1);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(typo, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(typo, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
