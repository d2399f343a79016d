import { cells, findings, type Cell } from "./helpers";
import { notifiche as notificheTable, NOTIFICHE_FASE4_DONE } from "./tables";

const RULE = "obiettivo-raggiunto-incoherent";

// 001-obj-002 (seed 001, L142), Obiettivo B: the only objective-level achievement of the corpus,
// "28/02/2025 RAGGIUNTO 16/5/2024" on the final row (L236), every phase completed.
const FASE4_DONE = NOTIFICHE_FASE4_DONE;
const notifiche = (fase4: Cell[], mark: Cell = "RAGGIUNTO 16/5/2024") => notificheTable({ fase4, mark });
// The mark left on the sheet while the financing (fase 4) was not yet cashed: no OK, no completion.
const premature = notifiche([null, null]);

describe("obiettivo-raggiunto-incoherent", () => {
  it("fires on the RAGGIUNTO cell when a phase is not completed (001-obj-002 before fase 4 was done)", () => {
    const found = findings(premature, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "F13", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("RAGGIUNTO");
    expect(found[0].message).toContain("fase 4");
    expect(found[0].message).not.toContain("fase 3");
    const [en] = findings(premature, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/marked achieved \(RAGGIUNTO\) but phase 4 is not completed/);
  });

  it("lists every phase not completed, an «OK (avviata …)» one included", () => {
    const found = findings(notifiche(["OK (avviata l'istruttoria)", null]), RULE);
    expect(cells(found)).toEqual(["F13"]);
    expect(found[0].message).toContain("fase 4");
  });

  it("finds the mark typed in the final deadline's own cell, as the seed prints it (D13: «28/02/2025 RAGGIUNTO 16/5/2024»)", () => {
    const oneCell = (fase4: Cell[]) => {
      const grid = notifiche(fase4, null);
      const sheet = grid.sheets[0];
      const finalRow = sheet.values.findIndex((r) => String(r[0]).startsWith("Scadenza finale"));
      sheet.values[finalRow][3] = "28/02/2025 RAGGIUNTO 16/5/2024";
      return grid;
    };
    expect(cells(findings(oneCell([null, null]), RULE))).toEqual(["D13"]);
    expect(findings(oneCell(FASE4_DONE), RULE)).toEqual([]);
  });

  it("does not fire on the real sheet: every phase completed", () => {
    expect(findings(notifiche(FASE4_DONE), RULE)).toEqual([]);
  });

  it("does not fire without the mark", () => {
    expect(findings(notifiche([null, null], null), RULE)).toEqual([]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(premature, RULE, { config: { rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error"]);
    expect(findings(premature, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
