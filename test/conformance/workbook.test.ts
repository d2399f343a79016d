// Spec §1: several blocks per sheet and per workbook, titles, the Responsabili table anywhere,
// table-not-found, and the sheet option; spec §2 workbook-level rules.
import * as fs from "fs";
import * as path from "path";
import { SheetBuilder, addResponsabili, check, corpus, found, want } from "./build";

/** The real approval table of seed 004 (Casale Monferrato): prose and a table, but no phase table. */
function premessa(): SheetBuilder {
  const text = fs.readFileSync(path.resolve(__dirname, "../data/seeds/004_4e2352648e1ca89a.txt"), "utf8");
  const lines = text.split("\n").slice(33, 48);
  const s = new SheetBuilder("Premessa");
  s.add(lines.map((l) => l.split("\t").map((c) => c.trim() || null)));
  s.add([[text.split("\n")[93]]]); // the paragraph that speaks of "scadenze"
  return s;
}

function responsabili(name = "Elenco Responsabili"): SheetBuilder {
  const r = new SheetBuilder(name);
  addResponsabili(r, { headers: ["Codice", "Responsabile"] });
  return r;
}

describe("several blocks on one sheet", () => {
  it("three objectives of one sector stacked, Responsabili table below them on the same sheet", async () => {
    const s = new SheetBuilder("Risorse Umane");
    const a = s.block(corpus("000-obj-008"));
    const b = s.block(corpus("000-obj-009"), { total: "final", preamble: [["Obiettivo B: " + corpus("000-obj-009").title]] });
    const c = s.block(corpus("000-obj-010"), { preamble: [["Obiettivo C: " + corpus("000-obj-010").title], ["Fasi progettuali di sviluppo dell'obiettivo"]] });
    s.blank(2);
    addResponsabili(s, { headers: ["Codice", "Responsabile"] });
    const report = await check([s]);
    expect(found(report)).toEqual(
      want("Risorse Umane", [
        ["scadenza-order", b.ph("scad", 2), "error"],
        ["scadenza-after-final", c.ph("scad", 2), "error"],
      ]),
    );
    expect(report.objectives.map((o) => [o.name, o.headerCell, o.phases, o.incidenzaTotal, o.finalDeadline])).toEqual([
      ["Obiettivo A", `B${a.header}`, 4, 100, "2022-06-30"],
      ["Obiettivo B", `B${b.header}`, 4, 100, "2022-11-30"],
      ["Obiettivo C", `B${c.header}`, 3, 100, "2022-10-30"],
    ]);
    const byRule = Object.fromEntries(report.findings.map((f) => [f.rule, [f.objective, f.objectiveIndex]]));
    expect(byRule).toEqual({ "scadenza-order": ["Obiettivo B", 1], "scadenza-after-final": ["Obiettivo C", 2] });
  });

  it("two blocks without a final-deadline row: each ends at the next header (000-obj-041, 000-obj-042)", async () => {
    const s = new SheetBuilder("Sociale");
    const a = s.block(corpus("000-obj-041"), { final: "none", evaluation: false });
    s.rows.splice(s.rows.length - 2, 2); // no blank rows between the blocks
    const b = s.block(corpus("000-obj-042"), { final: "none", evaluation: false });
    const report = await check([s]);
    expect(found(report)).toEqual(
      want("Sociale", [
        ["scadenza-finale-missing", a.at("scad", a.header), "warning"],
        ["scadenza-finale-missing", b.at("scad", b.header), "warning"],
      ]),
    );
    expect(report.objectives.map((o) => [o.phases, o.incidenzaTotal])).toEqual([
      [3, 100],
      [4, 100],
    ]);
  });
});

describe("blocks on several sheets", () => {
  function workbook(): SheetBuilder[] {
    const sheets = [premessa()];
    const titles: [string, string][] = [
      ["000-obj-024", "Obiettivo A: "],
      ["000-obj-025", "Obiettivo: B) "],
      ["000-obj-026", "Obiettivo C - "],
    ];
    for (const [id, prefix] of titles) {
      const o = corpus(id);
      const s = new SheetBuilder(`Obiettivo ${o.objective_letter}`);
      s.block(o, { col0: 1, preamble: [[o.sector], [o.dirigente_raw], [prefix + o.title]] });
      sheets.push(s);
    }
    sheets.push(responsabili());
    return sheets;
  }

  it("a prose sheet first, one objective per sheet, Responsabili last: no finding", async () => {
    const report = await check(workbook());
    expect(found(report)).toEqual([]);
    expect(report.objectives.map((o) => [o.sheet, o.title, o.headerCell, o.phases, o.finalDeadline])).toEqual([
      ["Obiettivo A", "Obiettivo A: " + corpus("000-obj-024").title, "C4", 3, "2022-12-31"],
      ["Obiettivo B", "Obiettivo: B) " + corpus("000-obj-025").title, "C4", 4, "2022-12-31"],
      ["Obiettivo C", "Obiettivo C - " + corpus("000-obj-026").title, "C4", 2, "2022-12-31"],
    ]);
  });

  it("the sheet option checks one sheet and still resolves codes on the Responsabili sheet", async () => {
    const sheets = workbook();
    sheets[2].rows[4][4] = "2247, 29419, 2252, 2253"; // fase 1 of Obiettivo B gets an unknown code
    const report = await check(sheets, { sheet: "Obiettivo B" });
    expect(found(report)).toEqual(want("Obiettivo B", [["codifica-unknown", "E5", "error"]]));
    expect(report.objectives.map((o) => o.sheet)).toEqual(["Obiettivo B"]);
  });

  it("the sheet option on the prose sheet: table-not-found at its A1", async () => {
    const report = await check(workbook(), { sheet: "Premessa" });
    expect(found(report)).toEqual(want("Premessa", [["table-not-found", "A1", "error"]]));
    expect(report.objectives).toEqual([]);
  });

  it("a workbook of prose only: table-not-found at A1 of the first sheet", async () => {
    const other = new SheetBuilder("Indice");
    other.add([["INDICE"], ["PREMESSA.....", "5"]]);
    const report = await check([premessa(), other, responsabili()]);
    expect(found(report)).toEqual(want("Premessa", [["table-not-found", "A1", "error"]]));
    expect(report.objectives).toEqual([]);
  });
});

describe("the Responsabili table", () => {
  it("'Codice' / 'Responsabile' headers, codes as numbers in both tables (000-obj-001, 000-obj-002)", async () => {
    const s = new SheetBuilder("Obiettivi");
    s.block(corpus("000-obj-001"));
    const b = s.block(corpus("000-obj-002"));
    s.rows[b.phases[0] - 1][3] = 2255; // typed as a number
    const r = new SheetBuilder("Responsabili");
    addResponsabili(r, { headers: ["Codice", "Responsabile"], asNumbers: true });
    const report = await check([r, s]);
    expect(found(report)).toEqual([]);
  });

  it("a code typed twice in the table: responsabili-duplicate on the second one", async () => {
    const s = new SheetBuilder("Obiettivo");
    s.block(corpus("000-obj-016"));
    const r = new SheetBuilder("Responsabili");
    const cells = addResponsabili(r, { extra: [["2577", "RESPONSABILE SERVIZIO AUTONOMO PROGRAMMAZIONE E CONTROLLO"]] });
    const report = await check([s, r]);
    expect(cells["2577#2"]).toBe("A21");
    expect(found(report)).toEqual(want("Responsabili", [["responsabili-duplicate", "A21", "error"]]));
    expect(report.findings[0]).toMatchObject({ objective: null, objectiveIndex: null });
  });

  it("one blank row inside the table keeps 2245 and 12224 in it (000-obj-009 uses 2245 in every phase)", async () => {
    const s = new SheetBuilder("Obiettivo");
    s.block(corpus("000-obj-009"), { total: "final" });
    const r = new SheetBuilder("Responsabili");
    addResponsabili(r, { blankInside: true });
    const report = await check([s, r]);
    expect(found(report).filter((f) => f.startsWith("codifica") || f.startsWith("responsabili"))).toEqual([]);
  });

  it("rows after two blank rows are not in the table: 2245 is unknown in each of the four phases", async () => {
    const s = new SheetBuilder("Obiettivo");
    const p = s.block(corpus("000-obj-009"), { total: "final" });
    const r = new SheetBuilder("Responsabili");
    addResponsabili(r, { blankInside: true });
    r.rows.splice(17, 0, []); // a second blank row before 2245
    const report = await check([s, r]);
    expect(found(report).filter((f) => f.startsWith("codifica"))).toEqual(
      want("Obiettivo", [0, 1, 2, 3].map((i): [string, string, string] => ["codifica-unknown", p.ph("cod", i), "error"])),
    );
  });

  it("the phase table's 'Codifica Responsabili coinvolti' header is not a Responsabili table", async () => {
    const s = new SheetBuilder("Obiettivo");
    const p = s.block(corpus("000-obj-002"));
    const report = await check([s]);
    expect(found(report)).toEqual(want("Obiettivo", [["responsabili-not-found", p.ph("cod", 0), "warning"]]));
  });

  it("no Responsabili table: one responsabili-not-found per block with codes, no codifica-unknown", async () => {
    const s = new SheetBuilder("Obiettivi");
    const a = s.block(corpus("000-obj-002")); // codes in fasi 1-2
    const b = s.block(corpus("000-obj-040")); // only the external party 'AMAG RETI IDRICHE'
    const c = s.block(corpus("000-obj-016")); // first code in fase 2
    const report = await check([s]);
    expect(found(report)).toEqual(
      want("Obiettivi", [
        ["responsabili-not-found", a.ph("cod", 0), "warning"],
        ["codifica-external", b.ph("cod", 0), "info"],
        ["responsabili-not-found", c.ph("cod", 1), "warning"],
      ]),
    );
  });
});
