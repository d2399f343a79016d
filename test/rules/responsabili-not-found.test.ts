import { cells, corpusResponsabili, findings, toSheet, type Cell, type ResponsabiliRow } from "./helpers";
import { fontane, spinetta as spinettaTable, valorial } from "./tables";

const RULE = "responsabili-not-found";

// 000-obj-002 (seed 000, L897), Obiettivo B. Seed 000 itself has no code table (see responsabili.json,
// other_seeds): its workbook, alone, is this case.
const spinetta = (responsabili?: ResponsabiliRow[] | null, cod1: Cell = "2255") => spinettaTable({ responsabili, cod1 });

describe("responsabili-not-found", () => {
  it("fires on the first Codifica cell with a code when the workbook has no Responsabili table (000-obj-002)", () => {
    const found = findings(spinetta(null), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "D8", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toMatch(/tabella dei Responsabili/);
    const [en] = findings(spinetta(null), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("Obiettivo B");
    expect(en.message).toMatch(/the workbook has no Responsabili table/);
  });

  it("skips codifica-unknown then", () => {
    expect(findings(spinetta(null), "codifica-unknown")).toEqual([]);
  });

  it("points at the first cell that holds a code, not at an empty one", () => {
    expect(cells(findings(spinetta(null, null), RULE))).toEqual(["D9"]);
  });

  it("does not fire when the Responsabili table is there (the corpus table of seed 002)", () => {
    expect(findings(spinetta(), RULE)).toEqual([]);
  });

  it("finds a Responsabili table headed «Codice» / «Responsabile» on any sheet", () => {
    const wb = spinetta(null);
    wb.sheets.push(toSheet("Organigramma", [
      ["Codice", "Responsabile"],
      ...corpusResponsabili().map((r): Cell[] => (r === null ? [null, null] : [String(r[0]), r[1]])),
    ]));
    expect(findings(wb, RULE)).toEqual([]);
    expect(findings(wb, "codifica-unknown")).toEqual([]);
  });

  it("does not fire on a block without codes (000-obj-003) nor on one naming only a party (000-obj-040)", () => {
    expect(findings(valorial(null), RULE)).toEqual([]);
    expect(findings(fontane(null), RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(spinetta(null), RULE, { config: { rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error"]);
    expect(findings(spinetta(null), RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
