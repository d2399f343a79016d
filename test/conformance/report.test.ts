// Spec §4: `piao-check FILE --format json` prints one JSON object with the keys of the spec's
// example, ISO dates and null for unknown values; several files give an array; the exit status
// is 0 (no error finding), 1 (some error finding) or 2 (could not run, one line on stderr).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SheetBuilder, corpus, toFile } from "./build";
import { monitored, monitoredSheet, piaoCheck } from "./monitoring-build";

const TOP_KEYS = ["schemaVersion", "file", "referenceDate", "objectives", "findings", "counts"];
const OBJECTIVE_KEYS = ["sheet", "title", "headerCell", "phases", "incidenzaTotal", "finalDeadline", "progress"];
const FINDING_KEYS = ["rule", "severity", "sheet", "cell", "message"];
const COUNT_KEYS = ["error", "warning", "info"];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

interface JsonReport {
  schemaVersion: number;
  file: string;
  referenceDate: string;
  objectives: Record<string, unknown>[];
  findings: { rule: string; severity: string; sheet: string; cell: string; message: string }[];
  counts: Record<string, number>;
}

/** Every level of one file's report has §4's keys in §4's order, dates are ISO, and counts tally the findings. */
function expectShape(json: JsonReport): void {
  expect(Object.keys(json)).toEqual(TOP_KEYS);
  expect(json.referenceDate).toMatch(ISO);
  for (const o of json.objectives) {
    expect(Object.keys(o)).toEqual(OBJECTIVE_KEYS);
    if (o.finalDeadline !== null) expect(o.finalDeadline).toMatch(ISO);
  }
  for (const f of json.findings) {
    expect(Object.keys(f)).toEqual(FINDING_KEYS);
    expect(f.message).toEqual(expect.stringMatching(/\S/));
  }
  expect(Object.keys(json.counts)).toEqual(COUNT_KEYS);
  for (const severity of COUNT_KEYS) expect(json.counts[severity]).toBe(json.findings.filter((f) => f.severity === severity).length);
}

const brief = (json: JsonReport) => json.findings.map((f) => `${f.rule} ${f.severity} ${f.sheet}!${f.cell}`).sort();

describe("the JSON report of one file", () => {
  it("001-obj-013 at its header's date: §4's keys in order, the objective's figures, exit 0 with a warning", async () => {
    const file = await toFile([monitoredSheet("001-obj-013").sheet]);
    const { status, out, err } = await piaoCheck([file, "--format", "json"]);
    expect(err).toBe("");
    expect(status).toBe(0);
    const json = JSON.parse(out) as JsonReport;
    expect(Array.isArray(json)).toBe(false);
    expectShape(json);
    expect(json).toEqual({
      schemaVersion: 1,
      file: expect.stringMatching(new RegExp(`${path.basename(file)}$`)),
      referenceDate: "2024-09-30",
      objectives: [
        {
          sheet: "Monitoraggio",
          title: "Obiettivo O: Progetti della Coesione territoriale del Bacino del Tanaro",
          headerCell: "A6",
          phases: 3,
          incidenzaTotal: 100,
          finalDeadline: "2024-12-31",
          progress: 65,
        },
      ],
      findings: [{ rule: "fase-overdue", severity: "warning", sheet: "Monitoraggio", cell: "D7", message: expect.any(String) }],
      counts: { error: 0, warning: 1, info: 0 },
    });
  });

  it("a clean table (001-obj-004, 'Conclusa' deadlines): no findings, progress 100, exit 0", async () => {
    const { status, out } = await piaoCheck([await toFile([monitoredSheet("001-obj-004").sheet]), "--format", "json"]);
    expect(status).toBe(0);
    const json = JSON.parse(out) as JsonReport;
    expectShape(json);
    expect(json.findings).toEqual([]);
    expect(json.counts).toEqual({ error: 0, warning: 0, info: 0 });
    expect(json.objectives[0]).toMatchObject({ phases: 4, incidenzaTotal: 100, finalDeadline: "2024-07-31", progress: 100 });
  });

  it("unknown values are null: no title row, a missing weight, final deadline 'xxxxxx' (001-obj-015); exit 1", async () => {
    const o = corpus("001-obj-015");
    o.phases[2].incidenza_pct = null;
    const s = new SheetBuilder("Piscina");
    monitored(s, o, { preamble: [] }); // header on row 1, fasi on rows 2-6, total 7, final 8
    const { status, out } = await piaoCheck([await toFile([s]), "--format", "json"]);
    expect(status).toBe(1);
    const json = JSON.parse(out) as JsonReport;
    expectShape(json);
    expect(json.objectives[0]).toMatchObject({ title: null, headerCell: "A1", phases: 5, incidenzaTotal: null, finalDeadline: null });
    expect(brief(json)).toEqual(
      [
        "incidenza-missing error Piscina!B4",
        "scadenza-finale-missing warning Piscina!D8",
        ...[2, 3, 4, 5, 6].map((r) => `scadenza-text warning Piscina!D${r}`),
      ].sort(),
    );
    expect(json.counts).toEqual({ error: 1, warning: 6, info: 0 });
  });

  it("dates are ISO: --reference-date, a final deadline typed as text '28/02/2025' (001-obj-002)", async () => {
    const { sheet } = monitoredSheet("001-obj-002", undefined, { finalCell: "28/02/2025" });
    const { status, out } = await piaoCheck([await toFile([sheet]), "--format", "json", "--reference-date", "2025-03-01"]);
    expect(status).toBe(0);
    const json = JSON.parse(out) as JsonReport;
    expectShape(json);
    expect(json.referenceDate).toBe("2025-03-01");
    expect(json.objectives[0]).toMatchObject({ finalDeadline: "2025-02-28", progress: 100 });
    expect(json.findings).toEqual([]);
  });
});

describe("several files", () => {
  it("a JSON array in the order given, each with its own reference date; one error anywhere makes exit 1", async () => {
    const first = await toFile([monitoredSheet("001-obj-013").sheet]);
    // 001-obj-011: fase 2 (31/07/2024) is due before fase 1 (31/12/2024): scadenza-order, an error.
    const second = await toFile([monitoredSheet("001-obj-011", undefined, { headers: { mon: "Monitoraggio al 30/06/2024" } }).sheet]);
    const { status, out, err } = await piaoCheck([first, second, "--format", "json"]);
    expect(err).toBe("");
    expect(status).toBe(1);
    const json = JSON.parse(out) as JsonReport[];
    expect(Array.isArray(json)).toBe(true);
    expect(json.map((r) => path.basename(r.file))).toEqual([path.basename(first), path.basename(second)]);
    json.forEach(expectShape);
    expect(json.map((r) => r.referenceDate)).toEqual(["2024-09-30", "2024-06-30"]);
    expect(brief(json[0])).toEqual(["fase-overdue warning Monitoraggio!D7"]);
    expect(brief(json[1])).toEqual(["scadenza-order error Monitoraggio!D8"]); // not yet overdue on 30/06/2024
    expect(json.map((r) => r.objectives[0].progress)).toEqual([65, 30]);
  });

  it("two files without errors: exit 0", async () => {
    const a = await toFile([monitoredSheet("001-obj-004").sheet]);
    const b = await toFile([monitoredSheet("001-obj-009").sheet]);
    const { status, out } = await piaoCheck([a, b, "--format", "json"]);
    expect(status).toBe(0);
    const json = JSON.parse(out) as JsonReport[];
    expect(json.map((r) => r.counts.error)).toEqual([0, 0]);
    expect(json.map((r) => r.objectives[0].progress)).toEqual([100, 50]);
  });
});

describe("exit status 2: the command could not run, one line on stderr", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "piao-report-"));
  const notXlsx = path.join(dir, "obiettivi.xlsx");
  fs.writeFileSync(notXlsx, "Obiettivo A;fase 1;25%;30/09/2024\n");

  async function cannotRun(argv: (good: string) => string[]) {
    const good = await toFile([monitoredSheet("001-obj-013").sheet]);
    const { status, out, err } = await piaoCheck(argv(good));
    expect(status).toBe(2);
    expect(err.trim()).toMatch(/\S/);
    expect(err.trim()).not.toContain("\n");
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
    return { out, err };
  }

  it("a file that does not exist", async () => {
    const { err } = await cannotRun(() => [path.join(dir, "manca.xlsx"), "--format", "json"]);
    expect(err).toContain("manca.xlsx");
  });

  it("a text file named .xlsx", async () => {
    const { err } = await cannotRun(() => [notXlsx, "--format", "json"]);
    expect(err).toContain("obiettivi.xlsx");
  });

  it.each([
    ["--format xml", ["--format", "xml"]],
    ["--reference-date 30/09/2024 (not ISO)", ["--reference-date", "30/09/2024"]],
    ["--reference-date 2024-02-30 (not a calendar date)", ["--reference-date", "2024-02-30"]],
    ["an unknown option", ["--monitoraggio", "2024-09-30"]],
  ])("a bad option: %s", async (_name, extra) => {
    await cannotRun((good) => [good, ...extra]);
  });

  it("--out naming the input itself", async () => {
    await cannotRun((good) => [good, "--out", good]);
  });
});
