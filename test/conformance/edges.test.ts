// Boundary cases of spec §1-§2 on real tables: tolerance, order across text deadlines,
// evaluation texts around the final deadline, blank rows between phases.
import { FINAL_LABEL, SheetBuilder, addResponsabili, check, corpus, day, found, pct, want } from "./build";
import type { Cell } from "./build";

function responsabili(): SheetBuilder {
  const r = new SheetBuilder("Responsabili");
  addResponsabili(r);
  return r;
}

describe("weights at the tolerance", () => {
  const thirds: [string, () => Cell][] = [
    ["text '33,33%'", () => "33,33%"],
    ["%-formatted 0.3333", () => pct(0.3333, "0.00%")],
    ["plain 33.33", () => 33.33],
  ];
  it.each(thirds)("three weights of %s add up to 99.99: within 0.01 points (000-obj-013)", async (_n, w) => {
    const s = new SheetBuilder("Obiettivo C");
    s.block(corpus("000-obj-013"), { weight: w, totalCell: "100%" });
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0].incidenzaTotal).toBeCloseTo(99.99, 6);
  });

  it("three weights of '33,3%' add up to 99.9: incidenza-sum and a total mismatch (000-obj-013)", async () => {
    const s = new SheetBuilder("Obiettivo C");
    const p = s.block(corpus("000-obj-013"), { weight: () => "33,3%", totalCell: "100%" });
    const report = await check([s]);
    const total = p.at("inc", p.total as number);
    expect(found(report)).toEqual(
      want("Obiettivo C", [
        ["incidenza-sum", total, "error"],
        ["incidenza-total-mismatch", total, "error"],
      ]),
    );
  });

  it("plain 0, 0, 1 beside two 'Conclusa' phases are fractions: 100% (000-obj-019)", async () => {
    const s = new SheetBuilder("Obiettivo A");
    s.block(corpus("000-obj-019"), { weight: (n) => n / 100 });
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0].incidenzaTotal).toBe(100);
  });
});

describe("deadlines", () => {
  it("order is checked against the latest dated deadline across a text deadline (000-obj-008)", async () => {
    const s = new SheetBuilder("Obiettivo A");
    const p = s.block(corpus("000-obj-008"), {
      deadline: (ph) => (ph.n === "2" ? "in corso d'anno" : ph.n === "3" ? day("2022-02-15") : day(ph.deadline as string)),
    });
    const report = await check([s]);
    expect(found(report)).toEqual(
      want("Obiettivo A", [
        ["scadenza-text", p.ph("scad", 1), "warning"],
        ["scadenza-order", p.ph("scad", 2), "error"],
      ]),
    );
  });

  it("text that starts with a date, 'entro il …', 'CONCLUSA', 'concluso' (000-obj-008)", async () => {
    const texts: Record<string, string> = {
      "1": "28/02/2022 (termine perentorio)",
      "2": "entro il 31/03/2022",
      "3": "CONCLUSA",
      "4": "Fase concluso nel 2021",
    };
    const s = new SheetBuilder("Obiettivo A");
    const p = s.block(corpus("000-obj-008"), { deadline: (ph) => texts[ph.n] });
    const report = await check([s]);
    // Only fase 1 is dated (28/02/2022), so the final 30/06/2022 is later than every dated phase.
    expect(found(report)).toEqual(
      want("Obiettivo A", [
        ["scadenza-text", p.ph("scad", 1), "warning"],
        ["scadenza-finale-mismatch", p.at("scad", p.final as number), "warning"],
      ]),
    );
    expect(report.objectives[0].phaseStatuses.map((st) => st.deadline)).toEqual(["2022-02-28", null, null, null]);
  });

  it("a final deadline earlier than two phases flags both (000-obj-010, final typed 31/03/2022)", async () => {
    const s = new SheetBuilder("Obiettivo C");
    const p = s.block(corpus("000-obj-010"), { finalCell: day("2022-03-31") });
    const report = await check([s]);
    expect(found(report)).toEqual(
      want("Obiettivo C", [
        ["scadenza-after-final", p.ph("scad", 1), "error"],
        ["scadenza-after-final", p.ph("scad", 2), "error"],
      ]),
    );
  });

  it("'Scadenza prevista' (singular) and 'Incidenza' without % are headers too (000-obj-008)", async () => {
    const s = new SheetBuilder("Obiettivo A");
    s.block(corpus("000-obj-008"), { headers: { scad: "Scadenza prevista", inc: "Incidenza" } });
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 4, finalDeadline: "2022-06-30" });
  });
});

describe("rows around the table as in the seeds", () => {
  it("evaluation texts 'entro la scadenza finale' between the total and the real final label (000-obj-039)", async () => {
    const s = new SheetBuilder("Obiettivo A");
    const p = s.block(corpus("000-obj-039"), { final: "none", evaluation: false });
    s.rows.splice(
      p.total as number,
      0,
      ["Risultato atteso: Redazione del Risk Management Plan delle alberature comunali e completamento del relativo censimento"],
      ["Obiettivo raggiunto al 100%: espletamento di tutte le fasi previste entro la scadenza finale", null, null, null, "31/12/2022"],
      ["Obiettivo non raggiunto: mancato espletamento di tutte le fasi previste entro la scadenza finale"],
      [FINAL_LABEL, null, null, null, day("2022-12-31")],
    );
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 5, finalDeadline: "2022-12-31" });
  });

  it("'Obiettivo annualità 2022 … entro il 30/06/2022' above an empty final label (000-obj-022 as printed)", async () => {
    const s = new SheetBuilder("Obiettivo D");
    const p = s.block(corpus("000-obj-022"), { final: "none", evaluation: false });
    const label = (p.total as number) + 3;
    s.rows.splice(p.total as number, 0, ["Obiettivo annualità 2022 raggiunto al 100%: espletamento delle prime tre fasi entro il 30/06/2022"], [], [FINAL_LABEL]);
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual(
      want("Obiettivo D", [
        ["scadenza-text", p.ph("scad", 3), "warning"],
        ["scadenza-text", p.ph("scad", 4), "warning"],
        ["scadenza-finale-missing", `A${label}`, "warning"],
      ]),
    );
    expect(report.objectives[0].finalDeadline).toBeNull();
  });

  it("one blank row between phases, as in seed 002 (002-obj-004)", async () => {
    const s = new SheetBuilder("Obiettivo C");
    const p = s.block(corpus("002-obj-004"));
    for (const row of [...p.phases].reverse().slice(0, -1)) s.rows.splice(row - 1, 0, []);
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 4, incidenzaTotal: 100, finalDeadline: "2022-12-31" });
  });

  it("prose rows mentioning 'incidenza' and 'scadenze' above the header are not a header (000-obj-008)", async () => {
    const o = corpus("000-obj-008");
    const s = new SheetBuilder("Obiettivo A");
    s.block(o, {
      preamble: [
        [`Obiettivo A: ${o.title}`],
        ["Direttive specifiche - descrizione: ridurre l'incidenza dei ritardi sul rispetto delle scadenze"],
      ],
    });
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives).toHaveLength(1);
    expect(report.objectives[0]).toMatchObject({ headerCell: "B3", title: `Obiettivo A: ${o.title}` });
  });

  it("the sheet option on the Responsabili sheet: table-not-found there", async () => {
    const s = new SheetBuilder("Obiettivo A");
    s.block(corpus("000-obj-008"));
    const report = await check([s, responsabili()], { sheet: "Responsabili" });
    expect(found(report)).toEqual(want("Responsabili", [["table-not-found", "A1", "error"]]));
  });
});
