// Spec §1 "Cell values: Dates", the final deadline of §1, and the scadenza-* rules of §2.
import { FINAL_LABEL, SheetBuilder, addResponsabili, check, corpus, day, found, serial, want } from "./build";
import type { Cell, Layout, Objective, Phase } from "./build";
import type { ConfigInput } from "../../src/core";

function responsabili(): SheetBuilder {
  const r = new SheetBuilder("Elenco Responsabili");
  addResponsabili(r);
  return r;
}

async function run(o: Objective, layout: Layout, config?: ConfigInput) {
  const s = new SheetBuilder("Obiettivo");
  const placed = s.block(o, layout);
  const report = await check([responsabili(), s], { config });
  return { report, p: placed, findings: found(report), objective: report.objectives[0] };
}

const [dd, mm, yyyy] = [(iso: string) => iso.slice(8), (iso: string) => iso.slice(5, 7), (iso: string) => iso.slice(0, 4)];
const notations: [string, (iso: string) => Cell][] = [
  ["date cell dd/mm/yyyy", (iso) => day(iso)],
  ["date cell with format d-mmm-yy", (iso) => day(iso, "d-mmm-yy")],
  ["date cell with the default date format", (iso) => new Date(`${iso}T00:00:00Z`)],
  ["text dd/mm/yyyy", (iso) => `${dd(iso)}/${mm(iso)}/${yyyy(iso)}`],
  ["text d/m/yyyy", (iso) => `${Number(dd(iso))}/${Number(mm(iso))}/${yyyy(iso)}`],
  ["text dd.mm.yyyy", (iso) => `${dd(iso)}.${mm(iso)}.${yyyy(iso)}`],
  ["text dd-mm-yyyy", (iso) => `${dd(iso)}-${mm(iso)}-${yyyy(iso)}`],
  ["text yyyy-mm-dd", (iso) => iso],
  ["bare serial number", (iso) => serial(iso)],
];

describe("date notations (000-obj-009: fase 3 typed 30/09/2021, total and final deadline on one row, 'fase: 4')", () => {
  it.each(notations)("%s", async (_name, write) => {
    const o = corpus("000-obj-009");
    const { p, findings, objective } = await run(o, {
      deadline: (ph) => write(ph.deadline as string),
      total: "final",
      finalCell: write("2022-11-30"),
    });
    // fase 3 (2021) is earlier than fase 2 (31/08/2022); its codes 2245 and 2577 are in the table,
    // 2245 after the table's blank row.
    expect(findings).toEqual(want("Obiettivo", [["scadenza-order", p.ph("scad", 2), "error"]]));
    expect(objective).toMatchObject({ phases: 4, incidenzaTotal: 100, finalDeadline: "2022-11-30" });
    expect(objective.phaseStatuses.map((s) => s.deadline)).toEqual(["2022-04-30", "2022-08-31", "2021-09-30", "2022-11-30"]);
  });

  it("with the plan period 2022-2024 the 2021 deadline is also out of period", async () => {
    const { p, findings } = await run(corpus("000-obj-009"), { total: "final" }, { period: "2022-2024" });
    expect(findings).toEqual(
      want("Obiettivo", [
        ["scadenza-order", p.ph("scad", 2), "error"],
        ["scadenza-out-of-period", p.ph("scad", 2), "warning"],
      ]),
    );
  });
});

describe("deadlines that are not plain dates", () => {
  it("'Conclusa' and text starting with a date (001-obj-007: '28/02/2024 ma già conclusa nel 2023')", async () => {
    const { findings, objective } = await run(corpus("001-obj-007"), { deadline: (ph) => ph.deadline_raw });
    expect(findings).toEqual([]);
    expect(objective.phaseStatuses.map((s) => s.deadline)).toEqual([null, "2024-02-28", "2024-08-31", "2025-02-28"]);
    expect(objective.finalDeadline).toBe("2025-02-28");
  });

  it("text deadlines 'in corso d'anno' are warnings; no mismatch with the final date when no phase is dated (000-obj-004)", async () => {
    const { p, findings, objective } = await run(corpus("000-obj-004"), {});
    expect(findings).toEqual(want("Obiettivo", [0, 1, 2].map((i): [string, string, string] => ["scadenza-text", p.ph("scad", i), "warning"])));
    expect(objective.finalDeadline).toBe("2022-12-31");
  });

  it("relative deadlines 'Entro 105 giorni ... del 03/11/2021' and a text final deadline (000-obj-038)", async () => {
    const { p, findings, objective } = await run(corpus("000-obj-038"), {});
    expect(findings).toEqual(
      want("Obiettivo", [
        ...[0, 1, 2].map((i): [string, string, string] => ["scadenza-text", p.ph("scad", i), "warning"]),
        ["scadenza-finale-missing", p.at("scad", p.final as number), "warning"],
      ]),
    );
    expect(objective.finalDeadline).toBeNull();
  });

  it("relative deadlines of fasi 4-5 and a final label with no value (000-obj-022)", async () => {
    const { p, findings } = await run(corpus("000-obj-022"), { finalCell: null });
    expect(findings).toEqual(
      want("Obiettivo", [
        ["scadenza-text", p.ph("scad", 3), "warning"],
        ["scadenza-text", p.ph("scad", 4), "warning"],
        ["scadenza-finale-missing", p.at("label", p.final as number), "warning"],
      ]),
    );
  });

  it("all-relative deadlines and the placeholder 'xxxxxx' as final deadline (001-obj-015)", async () => {
    const { p, findings } = await run(corpus("001-obj-015"), {});
    expect(findings).toEqual(
      want("Obiettivo", [
        ...[0, 1, 2, 3, 4].map((i): [string, string, string] => ["scadenza-text", p.ph("scad", i), "warning"]),
        ["scadenza-finale-missing", p.at("scad", p.final as number), "warning"],
      ]),
    );
  });

  const impossible: [string, string][] = [
    ["29/02/2022", "2022 is not a leap year"],
    ["31/02/2022", "February has no 31st"],
    ["15/13/2022", "no month 13"],
    ["31.04.2022", "April has 30 days"],
  ];
  it.each(impossible)("impossible date %s (%s) is scadenza-invalid only (000-obj-008 fase 1)", async (text) => {
    const { p, findings, objective } = await run(corpus("000-obj-008"), {
      deadline: (ph: Phase) => (ph.n === "1" ? text : day(ph.deadline as string)),
    });
    expect(findings).toEqual(want("Obiettivo", [["scadenza-invalid", p.ph("scad", 0), "error"]]));
    expect(objective.phaseStatuses[0].deadline).toBeNull();
  });

  it("an empty deadline is scadenza-missing (000-obj-028 fase 2)", async () => {
    const { p, findings } = await run(corpus("000-obj-028"), { deadline: (ph) => (ph.n === "2" ? null : day(ph.deadline as string)) });
    expect(findings).toEqual(want("Obiettivo", [["scadenza-missing", p.ph("scad", 1), "error"]]));
  });
});

describe("order and final deadline rules on real tables", () => {
  it("equal deadlines are in order; eleven-code lists all known (000-obj-017)", async () => {
    const { findings, objective } = await run(corpus("000-obj-017"), {});
    expect(findings).toEqual([]);
    expect(objective).toMatchObject({ phases: 7, incidenzaTotal: 100, finalDeadline: "2022-12-31" });
  });

  it("final deadline one day before the last phase: scadenza-after-final (000-obj-010)", async () => {
    const { p, findings } = await run(corpus("000-obj-010"), {});
    expect(findings).toEqual(want("Obiettivo", [["scadenza-after-final", p.ph("scad", 2), "error"]]));
  });

  it("final deadline months after the last phase: scadenza-finale-mismatch on the final value (000-obj-007, 'fase5:')", async () => {
    const { p, findings, objective } = await run(corpus("000-obj-007"), {});
    expect(findings).toEqual(want("Obiettivo", [["scadenza-finale-mismatch", p.at("scad", p.final as number), "warning"]]));
    expect(objective).toMatchObject({ phases: 5, finalDeadline: "2023-06-30" });
  });

  it("plan period 2022-2022: the 2023 phase and final deadline are out of period (000-obj-003)", async () => {
    const { p, findings } = await run(corpus("000-obj-003"), {}, { period: "2022-2022" });
    expect(findings).toEqual(
      want("Obiettivo", [
        ["scadenza-out-of-period", p.ph("scad", 3), "warning"],
        ["scadenza-out-of-period", p.at("scad", p.final as number), "warning"],
      ]),
    );
  });

  it("'Non prevedibile la data finale…' although every phase is dated (000-obj-036)", async () => {
    const { p, findings } = await run(corpus("000-obj-036"), {});
    expect(findings).toEqual(want("Obiettivo", [["scadenza-finale-missing", p.at("scad", p.final as number), "warning"]]));
  });
});

describe("where the final deadline is", () => {
  it("a date to the right of the label when the Scadenze cell of that row is empty (000-obj-001)", async () => {
    const { findings, objective } = await run(corpus("000-obj-001"), { final: "right" });
    expect(findings).toEqual([]);
    expect(objective.finalDeadline).toBe("2022-05-31");
  });

  it("a later date to the right of the label is still the final deadline: mismatch on that cell (000-obj-001)", async () => {
    const { p, findings } = await run(corpus("000-obj-001"), { final: "right", finalCell: day("2022-06-30") });
    expect(findings).toEqual(want("Obiettivo", [["scadenza-finale-mismatch", `F${p.final}`, "warning"]]));
  });

  it("a date after the label inside the label cell (000-obj-001)", async () => {
    const { findings, objective } = await run(corpus("000-obj-001"), { final: "inLabel" });
    expect(findings).toEqual([]);
    expect(objective.finalDeadline).toBe("2022-05-31");
  });

  it("upper-case label 'SCADENZA FINALE' with a text date in the Scadenze column (000-obj-005)", async () => {
    const o = corpus("000-obj-005");
    const s = new SheetBuilder("Obiettivo");
    const p = s.block(o, { final: "none", evaluation: false });
    s.rows.splice(p.total as number, 0, ["SCADENZA FINALE:", null, null, null, "30/11/2022"]);
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0].finalDeadline).toBe("2022-11-30");
  });

  it("no final-deadline row: the evaluation text 'entro la scadenza finale' below is not one (000-obj-001)", async () => {
    const { p, findings, objective } = await run(corpus("000-obj-001"), { final: "none" });
    expect(findings).toEqual(want("Obiettivo", [["scadenza-finale-missing", p.at("scad", p.header), "warning"]]));
    expect(objective.finalDeadline).toBeNull();
  });

  it("an evaluation text with a date ('… entro la scadenza finale del 31/12/2022') is not the final deadline (000-obj-001)", async () => {
    const o = corpus("000-obj-001");
    const s = new SheetBuilder("Obiettivo");
    const p = s.block(o, { final: "none", evaluation: false });
    s.add([["Obiettivo non raggiunto: mancato espletamento delle fasi previste entro la scadenza finale", null, null, null, day("2022-12-31")]]);
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual(want("Obiettivo", [["scadenza-finale-missing", p.at("scad", p.header), "warning"]]));
    expect(report.objectives[0].finalDeadline).toBeNull();
  });

  it("a final-deadline row after two blank rows is outside the block (000-obj-001)", async () => {
    const o = corpus("000-obj-001");
    const s = new SheetBuilder("Obiettivo");
    const p = s.block(o, { final: "none", evaluation: false }); // ends with two blank rows
    s.add([[FINAL_LABEL, null, null, null, day("2022-05-31")]]);
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual(want("Obiettivo", [["scadenza-finale-missing", p.at("scad", p.header), "warning"]]));
    expect(report.objectives[0].finalDeadline).toBeNull();
  });
});
