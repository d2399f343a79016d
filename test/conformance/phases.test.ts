// Spec §1 phase labels and "Codifica" values; spec §2 fase-*, codifica-* rules and severities.
import { SheetBuilder, addResponsabili, check, corpus, found, want } from "./build";
import type { Layout, Objective } from "./build";
import type { ConfigInput } from "../../src/core";

async function run(o: Objective, layout: Layout = {}, config?: ConfigInput) {
  const s = new SheetBuilder("Obiettivo");
  const placed = s.block(o, layout);
  const r = new SheetBuilder("Responsabili");
  addResponsabili(r);
  const report = await check([s, r], { config });
  return { report, p: placed, findings: found(report) };
}

function relabel(o: Objective, labels: string[]): Objective {
  labels.forEach((l, i) => (o.phases[i].label_raw = l));
  return o;
}

const INLINE: Layout = { columns: ["desc", "inc", "cod", "scad"] };

describe("phase numbering", () => {
  it("a repeated 'fase 2:' is flagged on the repeated label (000-obj-013)", async () => {
    const { p, findings } = await run(relabel(corpus("000-obj-013"), ["fase 1:", "fase 2:", "fase 2:"]));
    expect(findings).toEqual(want("Obiettivo", [["fase-numbering", p.ph("label", 2), "warning"]]));
  });

  it("a skipped number is flagged once, on the first label out of order (000-obj-042: 1, 3, 4, 5)", async () => {
    const { p, findings } = await run(relabel(corpus("000-obj-042"), ["fase 1:", "fase 3:", "fase 4:", "fase 5:"]));
    expect(findings).toEqual(want("Obiettivo", [["fase-numbering", p.ph("label", 1), "warning"]]));
  });

  it("with labels inside Descrizione the finding is on the Descrizione cell (000-obj-042: 1, 2, 4, 3)", async () => {
    const { p, findings } = await run(relabel(corpus("000-obj-042"), ["fase 1:", "fase 2:", "fase 4:", "fase 3:"]), INLINE);
    expect(p.ph("label", 2)).toBe(p.ph("desc", 2));
    expect(findings).toEqual(want("Obiettivo", [["fase-numbering", p.ph("desc", 2), "warning"]]));
  });

  it("'Fase 2 a)', 'Fase 2 b)' after fase 1, and a text final deadline (000-obj-020)", async () => {
    const o = relabel(corpus("000-obj-020"), ["fase 1:", "Fase 2 a)", "Fase 2 b)", "fase 3:"]);
    const { report, p, findings } = await run(o);
    expect(findings).toEqual(want("Obiettivo", [["scadenza-finale-missing", p.at("scad", p.final as number), "warning"]]));
    expect(report.objectives[0]).toMatchObject({ phases: 4, incidenzaTotal: 100, finalDeadline: null });
  });

  it("'fase 2' followed by 'fase 2 b)' is fine (000-obj-020 relabelled)", async () => {
    const o = relabel(corpus("000-obj-020"), ["fase 1:", "fase 2", "fase 2 b)", "fase 3:"]);
    const { findings } = await run(o, INLINE);
    expect(findings.filter((f) => f.startsWith("fase"))).toEqual([]);
  });

  it("fasi 1 to 12 with two-digit labels inside Descrizione (001-obj-008)", async () => {
    const { report, findings } = await run(corpus("001-obj-008"), INLINE);
    expect(findings.filter((f) => !f.startsWith("scadenza-order"))).toEqual([]);
    expect(report.objectives[0].phases).toBe(12);
  });
});

describe("phase descriptions", () => {
  it("a label with an empty Descrizione cell (000-obj-041 fase 3)", async () => {
    const o = corpus("000-obj-041");
    o.phases[2].description = "";
    const { p, findings } = await run(o);
    expect(findings).toEqual(want("Obiettivo", [["fase-description-missing", p.ph("desc", 2), "warning"]]));
  });

  it("a Descrizione cell holding only 'fase 3:' (000-obj-041, labels inside Descrizione)", async () => {
    const o = corpus("000-obj-041");
    o.phases[2].description = "";
    const { report, p, findings } = await run(o, INLINE);
    expect(findings).toEqual(want("Obiettivo", [["fase-description-missing", p.ph("desc", 2), "warning"]]));
    expect(report.objectives[0].phases).toBe(3);
  });
});

describe("Codifica cells", () => {
  it("nine codes with ' - ' separators and one code (000-obj-011): all known", async () => {
    const { findings } = await run(corpus("000-obj-011"));
    expect(findings).toEqual([]);
  });

  it("separators ';', '/', spaces and a line break", async () => {
    const o = corpus("000-obj-011");
    o.phases[1].codifica_raw = "2269; 2247/2330 2249,\n57098 - 2252 -\n- 2470 - 2254 - 2255";
    const { findings } = await run(o);
    expect(findings).toEqual([]);
  });

  it("a code repeated in one cell: codifica-duplicate (000-obj-017 fase 2)", async () => {
    const o = corpus("000-obj-017");
    o.phases[1].codifica_raw += ", 2252";
    const { p, findings } = await run(o);
    expect(findings).toEqual(want("Obiettivo", [["codifica-duplicate", p.ph("cod", 1), "warning"]]));
  });

  it("an unknown code typed twice: one codifica-unknown per distinct code, plus codifica-duplicate (000-obj-025)", async () => {
    const o = corpus("000-obj-025");
    o.phases[1].codifica_raw = "2247, 29491, 2252, 29491"; // 29419 mistyped, twice
    o.phases[3].codifica_raw = "2247, 29491, 22252"; // two different unknown codes
    const { p, findings } = await run(o);
    expect(findings).toEqual(
      want("Obiettivo", [
        ["codifica-unknown", p.ph("cod", 1), "error"],
        ["codifica-duplicate", p.ph("cod", 1), "warning"],
        ["codifica-unknown", p.ph("cod", 3), "error"],
        ["codifica-unknown", p.ph("cod", 3), "error"],
      ]),
    );
  });

  it("external parties: 'AMAG AMBIENTE SPA / 2251' and 'Regione Piemonte' (000-obj-006)", async () => {
    const o = corpus("000-obj-006");
    o.phases[3].codifica_raw = "Regione Piemonte";
    const { p, findings } = await run(o);
    expect(findings).toEqual(
      want("Obiettivo", [
        ["codifica-external", p.ph("cod", 0), "info"],
        ["codifica-external", p.ph("cod", 3), "info"],
      ]),
    );
  });

  it("a code typed as a number in the Codifica cell (000-obj-039: 2249)", async () => {
    const o = corpus("000-obj-039");
    const s = new SheetBuilder("Obiettivo");
    const p = s.block(o);
    s.rows[p.phases[0] - 1][3] = 2249;
    s.rows[p.phases[3] - 1][3] = 2294; // unknown, also a number
    const r = new SheetBuilder("Responsabili");
    addResponsabili(r);
    const report = await check([s, r]);
    expect(found(report)).toEqual(want("Obiettivo", [["codifica-unknown", p.ph("cod", 3), "error"]]));
  });
});

describe("configured severities", () => {
  it("scadenza-text as info and codifica-external off (000-obj-004 with an external party)", async () => {
    const o = corpus("000-obj-004");
    o.phases[0].codifica_raw = "AMAG AMBIENTE SPA";
    const { p, findings } = await run(o, {}, { rules: { "scadenza-text": "info", "codifica-external": "off" } });
    expect(findings).toEqual(want("Obiettivo", [0, 1, 2].map((i): [string, string, string] => ["scadenza-text", p.ph("scad", i), "info"])));
  });
});
