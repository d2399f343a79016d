// Spec §1 "Cell values: Incidenza", the total row, and the incidenza-* rules of §2.
import { SheetBuilder, addResponsabili, check, corpus, found, pct, want } from "./build";
import type { Cell, Layout, Objective } from "./build";

async function run(o: Objective, layout: Layout, sheet = "Obiettivo") {
  const s = new SheetBuilder(sheet);
  const placed = s.block(o, layout);
  const r = new SheetBuilder("Responsabili");
  addResponsabili(r);
  const report = await check([s, r]);
  return { report, p: placed, findings: found(report) };
}

describe("weight notations that all mean 25% (000-obj-003, four phases of 25%)", () => {
  const cases: [string, (points: number) => Cell][] = [
    ["text '25%'", (n) => `${n}%`],
    ["text '25 %'", (n) => `${n} %`],
    ["text '25'", (n) => `${n}`],
    ["plain number 25 (points)", (n) => n],
    ["plain fraction 0.25 adding up to 1", (n) => n / 100],
    ["%-formatted 0.25 with decimals", (n) => pct(n / 100, "0.00%")],
  ];
  it.each(cases)("%s", async (_name, weight) => {
    const { report, findings } = await run(corpus("000-obj-003"), { weight });
    expect(findings).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 4, incidenzaTotal: 100, finalDeadline: "2023-06-30" });
  });
});

describe("fractions and points", () => {
  it("plain fractions 0.35/0.30/0.10/0.25 and a total of 1 are 100% (000-obj-008)", async () => {
    const { report, findings } = await run(corpus("000-obj-008"), { weight: (n) => n / 100 });
    expect(findings).toEqual([]);
    expect(report.objectives[0].incidenzaTotal).toBeCloseTo(100, 6);
  });

  it("plain numbers at most 1 that do not add up to 1 are points: incidenza-sum on the last weight", async () => {
    const o = corpus("000-obj-008");
    o.phases[3].incidenza_pct = 20; // typed 0.20 instead of 0.25
    const { report, p, findings } = await run(o, { weight: (n) => n / 100, total: "none" });
    expect(findings).toEqual(want("Obiettivo", [["incidenza-sum", p.ph("inc", 3), "error"]]));
    expect(report.objectives[0].incidenzaTotal).toBeCloseTo(0.95, 6);
  });

  it("decimal weights '10,5%' and '10.5%' (001-obj-008, 12 phases in three parallel tracks)", async () => {
    const o = corpus("001-obj-008");
    o.phases[9].incidenza_pct = 10.5; // 11 + 10 redistributed as 10,5 + 10,5
    o.phases[10].incidenza_pct = 10.5;
    const { report, p, findings } = await run(o, {
      weight: (n, ph) => (ph.n === "10" ? "10,5%" : ph.n === "11" ? "10.5%" : `${n}%`),
      totalCell: "100%",
    });
    // The tracks make later phases fall before earlier ones: fasi 3, 6, 8, 9, 11, 12 (spec: scadenza-order).
    expect(findings).toEqual(
      want("Obiettivo", [2, 5, 7, 8, 10, 11].map((i): [string, string, string] => ["scadenza-order", p.ph("scad", i), "error"])),
    );
    expect(report.objectives[0]).toMatchObject({ phases: 12, incidenzaTotal: 100, finalDeadline: "2025-10-31" });
  });
});

describe("sub-phases and shared weights", () => {
  it("one 90% cell merged over fasi 1 a)-1 c) counts once (000-obj-037)", async () => {
    const o = corpus("000-obj-037");
    o.phases[0].incidenza_pct = 90;
    const { report, findings } = await run(o, { mergedWeight: [0, 3] });
    expect(findings).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 4, incidenzaTotal: 100, finalDeadline: "2022-11-30" });
  });

  it("the same merged weight with labels inside Descrizione", async () => {
    const o = corpus("000-obj-037");
    o.phases[0].incidenza_pct = 90;
    const { report, findings } = await run(o, { columns: ["desc", "inc", "cod", "scad"], mergedWeight: [0, 3] });
    expect(findings).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 4, incidenzaTotal: 100 });
  });

  it("sub-phases 1 a), 1 b) with own plain-number weights and an external party (000-obj-023, 'Obiettivo 1')", async () => {
    const { report, p, findings } = await run(corpus("000-obj-023"), { weight: (n) => n });
    expect(findings).toEqual(
      want("Obiettivo", [
        ["codifica-external", p.ph("cod", 0), "info"],
        ["codifica-external", p.ph("cod", 1), "info"],
      ]),
    );
    expect(report.objectives[0]).toMatchObject({
      title: expect.stringMatching(/^Obiettivo 1: Realizzazione di un programma coordinato/),
      phases: 5,
      incidenzaTotal: 100,
      finalDeadline: "2022-12-31",
    });
  });

  it("0% phases marked Conclusa next to a 100% phase (000-obj-019)", async () => {
    const { report, findings } = await run(corpus("000-obj-019"), {});
    expect(findings).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 3, incidenzaTotal: 100, finalDeadline: "2022-06-30" });
  });
});

describe("the total row", () => {
  it("may be absent (000-obj-041)", async () => {
    const { report, findings } = await run(corpus("000-obj-041"), { total: "none" });
    expect(findings).toEqual([]);
    expect(report.objectives[0].incidenzaTotal).toBe(100);
  });

  it("may sit on the final-deadline row (002-obj-006)", async () => {
    const { report, findings } = await run(corpus("002-obj-006"), { total: "final" });
    expect(findings).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 4, incidenzaTotal: 100, finalDeadline: "2022-12-31" });
  });

  it("a stated total on the final-deadline row that disagrees is reported there (002-obj-006)", async () => {
    const { p, findings } = await run(corpus("002-obj-006"), { total: "final", totalCell: "110%" });
    expect(findings).toEqual(want("Obiettivo", [["incidenza-total-mismatch", p.at("inc", p.final as number), "error"]]));
  });

  it("a 'Totale' row stating 90% while the weights add up to 100 (000-obj-042)", async () => {
    const { p, findings } = await run(corpus("000-obj-042"), { total: "Totale", totalCell: pct(0.9) });
    expect(findings).toEqual(want("Obiettivo", [["incidenza-total-mismatch", p.at("inc", p.total as number), "error"]]));
  });

  it("weights adding up to 90 under a stated 100%: both findings on the total cell (000-obj-013)", async () => {
    const o = corpus("000-obj-013");
    o.phases[2].incidenza_pct = 30;
    const { report, p, findings } = await run(o, {});
    const total = p.at("inc", p.total as number);
    expect(findings).toEqual(
      want("Obiettivo", [
        ["incidenza-sum", total, "error"],
        ["incidenza-total-mismatch", total, "error"],
      ]),
    );
    expect(report.objectives[0].incidenzaTotal).toBeCloseTo(90, 6);
  });

  it("a plain-number total of 100 under plain-number weights (000-obj-023)", async () => {
    const { findings } = await run(corpus("000-obj-023"), { weight: (n) => n, total: "Totale" });
    expect(findings.filter((f) => f.startsWith("incidenza"))).toEqual([]);
  });
});

describe("missing and invalid weights", () => {
  it("an empty weight: incidenza-missing only, no sum or total findings (000-obj-041)", async () => {
    const o = corpus("000-obj-041");
    o.phases[1].incidenza_pct = null;
    const { report, p, findings } = await run(o, {});
    expect(findings).toEqual(want("Obiettivo", [["incidenza-missing", p.ph("inc", 1), "error"]]));
    expect(report.objectives[0].incidenzaTotal).toBeNull();
  });

  const invalid: [string, Cell][] = [
    ["600% (over 100%)", pct(6)],
    ["-10% (negative)", pct(-0.1)],
    ["text 'da definire'", "da definire"],
    ["text '-20%'", "-20%"],
  ];
  it.each(invalid)("fase 2 weight %s: incidenza-invalid only (000-obj-026)", async (_name, cell) => {
    const { report, p, findings } = await run(corpus("000-obj-026"), {
      weight: (n, ph) => (ph.n === "2" ? cell : pct(n / 100)),
    });
    expect(findings).toEqual(want("Obiettivo", [["incidenza-invalid", p.ph("inc", 1), "error"]]));
    expect(report.objectives[0].incidenzaTotal).toBeNull();
  });
});
