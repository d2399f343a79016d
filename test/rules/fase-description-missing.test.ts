import { cells, findings, type Cell } from "./helpers";
import { fineMandatoGlued, spinetta as spinettaTable } from "./tables";

const RULE = "fase-description-missing";

// 000-obj-002 (seed 000, L897), Obiettivo B. In the source fase 1's label sits on its own line and its
// description wraps over L900-902: here the description cell was left empty.
const spinetta = (descr1: Cell) => spinettaTable({ descr1 });

describe("fase-description-missing", () => {
  it("fires on the empty Descrizione cell of a labelled phase (000-obj-002 fase 1)", () => {
    const found = findings(spinetta(null), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "B8", objective: "Obiettivo B" });
    expect(found[0].message).toContain("Obiettivo B");
    expect(found[0].message).toContain("fase 1");
    expect(found[0].message).toMatch(/descrizione/);
    const [en] = findings(spinetta(null), RULE, { config: { lang: "en" } });
    expect(en.message).toContain("phase 1");
    expect(en.message).toMatch(/no description/);
  });

  it("does not fire on the real row", () => {
    expect(findings(spinetta("Approvazione dell'Avviso pubblico e delle condizioni di concessione"), RULE)).toEqual([]);
  });

  it("reads a label at the start of the Descrizione cell: a bare «fase 2:» has no description", () => {
    // 000-obj-001 with no label column, as the PDF prints it.
    const wb = (fase2: string) => fineMandatoGlued({ fase2 });
    expect(findings(wb("fase 2: Approvazione da parte della Giunta Comunale"), RULE)).toEqual([]);
    expect(cells(findings(wb("fase 2:"), RULE))).toEqual(["A9"]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(spinetta(null), RULE, { config: { rules: { [RULE]: "info" } } }).map((f) => f.severity)).toEqual(["info"]);
    expect(findings(spinetta(null), RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
