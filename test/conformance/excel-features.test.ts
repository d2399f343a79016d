// What real Excel files carry besides plain values: formulas, rich text, merged cells,
// non-breaking spaces, Italian date formats. Spec §1: "Merged cells count as the value of their
// top-left cell"; header matching "ignores case, accents, extra spaces and line breaks".
import { FINAL_LABEL, SheetBuilder, addResponsabili, check, corpus, day, found, pct, want } from "./build";
import type { Cell } from "./build";

function responsabili(): SheetBuilder {
  const r = new SheetBuilder("Responsabili");
  addResponsabili(r);
  return r;
}

describe("formulas", () => {
  it("weights and total computed by formulas (=1-SUM(...), =SUM(...)) (000-obj-001)", async () => {
    const s = new SheetBuilder("Obiettivo A");
    const p = s.block(corpus("000-obj-001"), {
      weight: (n, ph) => (ph.n === "3" ? { raw: { formula: "1-SUM(C7:C8)", result: 0.4 }, fmt: "0%" } : pct(n / 100)),
      totalCell: { raw: { formula: "SUM(C7:C9)", result: 1 }, fmt: "0%" },
    });
    expect(p.ph("inc", 0)).toBe("C7");
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 3, incidenzaTotal: 100 });
  });

  it("a =SUM total agrees with weights adding up to 90: incidenza-sum only (000-obj-013)", async () => {
    const o = corpus("000-obj-013");
    o.phases[2].incidenza_pct = 30;
    const s = new SheetBuilder("Obiettivo C");
    const p = s.block(o, { totalCell: { raw: { formula: "SUM(C7:C9)", result: 0.9 }, fmt: "0%" } });
    const report = await check([s]);
    expect(found(report)).toEqual(want("Obiettivo C", [["incidenza-sum", p.at("inc", p.total as number), "error"]]));
  });

  it("a deadline computed by a formula (=DATE(2022;12;31)) is a date (000-obj-013)", async () => {
    const s = new SheetBuilder("Obiettivo C");
    s.block(corpus("000-obj-013"), {
      deadline: (ph) => (ph.n === "3" ? { raw: { formula: "DATE(2022,12,31)", result: new Date("2022-12-31T00:00:00Z") }, fmt: "dd/mm/yyyy" } : day(ph.deadline as string)),
    });
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0].phaseStatuses[2].deadline).toBe("2022-12-31");
  });
});

describe("rich text", () => {
  it("labels typed in bold at the start of the Descrizione cell (000-obj-001)", async () => {
    const o = corpus("000-obj-001");
    const s = new SheetBuilder("Obiettivo A");
    const p = s.block(o, { columns: ["desc", "inc", "cod", "scad"] });
    o.phases.forEach((ph, i) => {
      s.rows[p.phases[i] - 1][0] = { raw: { richText: [{ text: `${ph.label_raw} `, font: { bold: true } }, { text: ph.description }] } };
    });
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 3, incidenzaTotal: 100, finalDeadline: "2022-05-31" });
  });

  it("header cells in rich text ('Incidenza' bold, ' %' plain)", async () => {
    const s = new SheetBuilder("Obiettivo A");
    const p = s.block(corpus("000-obj-001"));
    s.rows[p.header - 1][2] = { raw: { richText: [{ text: "Incidenza", font: { bold: true } }, { text: " %" }] } };
    s.rows[p.header - 1][4] = { raw: { richText: [{ text: "Scadenze", font: { bold: true } }, { text: "\nprevist e" }] } };
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual([]);
    expect(report.objectives).toHaveLength(1);
  });
});

describe("merged cells", () => {
  it("weight and deadline each merged over fasi 1 a)-1 c) (000-obj-037)", async () => {
    const o = corpus("000-obj-037");
    o.phases[0].incidenza_pct = 90;
    const s = new SheetBuilder("Obiettivo B");
    const p = s.block(o, { mergedWeight: [0, 3], deadline: (ph) => (ph.n === "1" && ph.label_raw !== "fase 1 a)" ? null : day(ph.deadline as string)) });
    s.merges.push(`E${p.phases[0]}:E${p.phases[2]}`);
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 4, incidenzaTotal: 100, finalDeadline: "2022-11-30" });
    expect(report.objectives[0].phaseStatuses.map((st) => st.deadline)).toEqual(["2022-11-15", "2022-11-15", "2022-11-15", "2022-11-30"]);
  });

  it("Descrizione merged over two columns, header included (000-obj-002)", async () => {
    const o = corpus("000-obj-002");
    const s = new SheetBuilder("Obiettivo B");
    // label | Descrizione (B:C merged) | Incidenza | Codifica | Scadenze
    const p = s.block(o, { columns: ["label", "desc", "note", "inc", "cod", "scad"], headers: { note: "" } });
    for (const row of [p.header, ...p.phases]) s.merges.push(`B${row}:C${row}`);
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ headerCell: "B6", phases: 3, incidenzaTotal: 100 });
  });

  it("an unknown code in the merged layout lands in the Codifica column E (000-obj-002)", async () => {
    const o = corpus("000-obj-002");
    o.phases[0].codifica_raw = "2256";
    const s = new SheetBuilder("Obiettivo B");
    const p = s.block(o, { columns: ["label", "desc", "note", "inc", "cod", "scad"], headers: { note: "" } });
    for (const row of [p.header, ...p.phases]) s.merges.push(`B${row}:C${row}`);
    const report = await check([s, responsabili()]);
    expect(found(report)).toEqual(want("Obiettivo B", [["codifica-unknown", `E${p.phases[0]}`, "error"]]));
  });
});

describe("spaces, case and formats", () => {
  it("non-breaking spaces in headers and in text weights '25\u00a0%' (000-obj-003)", async () => {
    const s = new SheetBuilder("Obiettivo C");
    s.block(corpus("000-obj-003"), {
      headers: { inc: "Incidenza\u00a0%", scad: "Scadenze\u00a0previste", desc: "Descrizione\u00a0" },
      weight: (n) => `${n}\u00a0%`,
    });
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ phases: 4, incidenzaTotal: 100 });
  });

  it("a label column headed 'Fasi' (000-obj-028)", async () => {
    const s = new SheetBuilder("Obiettivo B");
    s.block(corpus("000-obj-028"), { headers: { label: "Fasi" } });
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0]).toMatchObject({ headerCell: "A6", phases: 4 });
  });

  it("upper-case labels 'FASE 1:' (000-obj-028)", async () => {
    const o = corpus("000-obj-028");
    o.phases.forEach((ph) => (ph.label_raw = ph.label_raw.toUpperCase()));
    const s = new SheetBuilder("Obiettivo B");
    s.block(o);
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0].phases).toBe(4);
  });

  const formats: [string, Cell][] = [
    ["dd/mm/yyyy;@", day("2022-12-31", "dd/mm/yyyy;@")],
    ["[$-410]d mmmm yyyy", day("2022-12-31", "[$-410]d mmmm yyyy")],
    ["d/m/yy", day("2022-12-31", "d/m/yy")],
  ];
  it.each(formats)("a final deadline right of the label in a cell formatted %s (000-obj-028)", async (_f, cell) => {
    const s = new SheetBuilder("Obiettivo B");
    const p = s.block(corpus("000-obj-028"), { final: "none", evaluation: false });
    s.rows.splice(p.total as number, 0, [FINAL_LABEL, null, null, null, null, cell]);
    const report = await check([s]);
    expect(found(report)).toEqual([]);
    expect(report.objectives[0].finalDeadline).toBe("2022-12-31");
  });
});
