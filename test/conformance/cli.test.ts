// End to end through `piao-check FILE --format json` (spec §4's report and exit status) on
// workbooks built from real tables.
import * as path from "path";
import { run } from "../../src/cli/main";
import { SheetBuilder, addResponsabili, corpus, toFile } from "./build";

async function piaoCheck(argv: string[]) {
  let out = "";
  let err = "";
  const status = await run(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), today: "2022-06-15" });
  return { status, out, err };
}

function workbook(): SheetBuilder[] {
  const prose = new SheetBuilder("Premessa");
  prose.add([["MAPPA DI APPROVAZIONE DEI DOCUMENTI DI RIFERIMENTO DEL PIAO"], ["DOCUMENTO", "ATTO DI APPROVAZIONE", "LINK sito internet"]]);
  const a = new SheetBuilder("Obiettivo A");
  a.block(corpus("000-obj-039")); // codes 2249 on fasi 1 and 4, 'fase 5 :'
  const b = new SheetBuilder("Obiettivo B");
  b.block(corpus("000-obj-040"), { col0: 2 }); // external 'AMAG RETI IDRICHE'
  const r = new SheetBuilder("Elenco Responsabili");
  addResponsabili(r);
  return [prose, a, b, r];
}

describe("piao-check --format json", () => {
  it("a clean workbook: exit 0, objectives with §4's fields, one info finding", async () => {
    const file = await toFile(workbook());
    const { status, out, err } = await piaoCheck([file, "--format", "json"]);
    expect(err).toBe("");
    expect(status).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ schemaVersion: 1, counts: { error: 0, warning: 0, info: 1 } });
    expect(path.basename(json.file)).toBe(path.basename(file));
    expect(json.objectives).toEqual([
      expect.objectContaining({ sheet: "Obiettivo A", title: "Obiettivo A: Risk Management Plan delle alberature comunali", headerCell: "B6", phases: 5, incidenzaTotal: 100, finalDeadline: "2022-12-31" }),
      expect.objectContaining({ sheet: "Obiettivo B", title: "Obiettivo B: Fontane e fontanelle", headerCell: "D6", phases: 7, incidenzaTotal: 100, finalDeadline: "2022-12-31" }),
    ]);
    expect(json.findings).toEqual([expect.objectContaining({ rule: "codifica-external", severity: "info", sheet: "Obiettivo B", cell: "F7" })]);
    expect(typeof json.findings[0].message).toBe("string");
  });

  it("an error finding makes the exit status 1", async () => {
    const sheets = workbook();
    sheets[1].rows[6][2] = "2O%"; // fase 1 weight typed with a letter O
    const { status, out } = await piaoCheck([await toFile(sheets), "--format", "json"]);
    expect(status).toBe(1);
    const json = JSON.parse(out);
    expect(json.findings.map((f: { rule: string; sheet: string; cell: string }) => `${f.rule} ${f.sheet}!${f.cell}`).sort()).toEqual([
      "codifica-external Obiettivo B!F7",
      "incidenza-invalid Obiettivo A!C7",
    ]);
    expect(json.objectives[0].incidenzaTotal).toBeNull();
  });

  it("--sheet on the prose sheet: table-not-found at Premessa!A1, exit 1", async () => {
    const { status, out } = await piaoCheck([await toFile(workbook()), "--format", "json", "--sheet", "Premessa"]);
    expect(status).toBe(1);
    const json = JSON.parse(out);
    expect(json.objectives).toEqual([]);
    expect(json.findings).toEqual([expect.objectContaining({ rule: "table-not-found", severity: "error", sheet: "Premessa", cell: "A1" })]);
  });

  it("--sheet on one objective sheet reports only that sheet, codes resolved elsewhere", async () => {
    const { status, out } = await piaoCheck([await toFile(workbook()), "--format", "json", "--sheet", "Obiettivo A"]);
    expect(status).toBe(0);
    const json = JSON.parse(out);
    expect(json.objectives.map((o: { sheet: string }) => o.sheet)).toEqual(["Obiettivo A"]);
    expect(json.findings).toEqual([]);
  });

  it("--period 2022-2022 turns a 2023 deadline into a warning; warnings alone exit 0 (000-obj-003)", async () => {
    const s = new SheetBuilder("Obiettivo C");
    s.block(corpus("000-obj-003"));
    const { status, out } = await piaoCheck([await toFile([s]), "--format", "json", "--period", "2022-2022"]);
    expect(status).toBe(0);
    const json = JSON.parse(out);
    expect(json.findings.map((f: { rule: string; cell: string; severity: string }) => `${f.rule} ${f.cell} ${f.severity}`).sort()).toEqual([
      "scadenza-out-of-period E10 warning",
      "scadenza-out-of-period E12 warning",
    ]);
  });
});
