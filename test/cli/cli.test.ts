import { copyFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { buildWorkbook, objective } from "../fixtures/corpus";
import { EXAMPLE, runCli, tmpDir, writeGridXlsx } from "./helpers";
import { FileReportSchema } from "./report-schema";

type FileReport = z.infer<typeof FileReportSchema>;
const ruleCells = (r: FileReport) => r.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`);

// What spec §2 implies for the example's real tables (see the corpus notes of each objective).
const EXAMPLE_FINDINGS = [
  "codifica-external Polizia locale!D7", // 002-obj-005 "AMAG AMBIENTE SPA / 2251"
  "scadenza-text Alessandria 2022!D7", // 000-obj-004 "in corso d'anno" x3
  "scadenza-text Alessandria 2022!D8",
  "scadenza-text Alessandria 2022!D9",
  "codifica-external Alessandria 2022!C24", // 000-obj-006
  "scadenza-order Alessandria 2022!D44", // 000-obj-009 fase 3 30/09/2021
  "scadenza-after-final Alessandria 2022!D61", // 000-obj-010 final one day before fase 3
  "scadenza-order Monitoraggio 2024!E44", // 001-obj-011 fase 2 before fase 1
  "fase-overdue Monitoraggio 2024!E44", // 001-obj-011 fase 2 "in ritardo" at 30/09/2024
  "fase-overdue Monitoraggio 2024!E60", // 001-obj-013 fase 1 "in ritardo"
];

describe("piao-check on the example workbook", () => {
  it("prints a text report per sheet and objective with cells, severities, messages and a total", async () => {
    const { code, stdout, stderr } = await runCli([EXAMPLE]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(`${EXAMPLE} (data di riferimento 30/09/2024)`);
    const sheet = lines.indexOf('  Foglio "Alessandria 2022"');
    const objective = lines.indexOf("    Obiettivo B: Sistema della Performance per il personale dei livelli");
    expect(sheet).toBeGreaterThan(0);
    expect(objective).toBeGreaterThan(sheet);
    // No Monitoraggio column on this sheet: its progress is "not recorded" (spec §3), not left out.
    expect(lines[objective + 1]).toContain("4 fasi · incidenza 100% · scadenza finale 30/11/2022 · avanzamento non rilevato (nessuna colonna di monitoraggio)");
    expect(lines[objective + 2]).toMatch(/^ {6}D44 +errore +Obiettivo B: .*fase 3.*30\/09\/2021/);
    expect(stdout).toMatch(/Obiettivo O: Progetti della Coesione territoriale del Bacino del Tanaro\n.*avanzamento 65% \(2 di 3 fasi completate\)/);
    expect(lines).toContain("      nessuna anomalia");
    expect(lines[lines.length - 2]).toBe("  Totale: 3 errori, 5 avvisi, 2 informazioni");
  });

  it("prints the JSON report of spec §4, keys in the spec's order", async () => {
    const { code, stdout } = await runCli([EXAMPLE, "--format", "json"]);
    expect(code).toBe(1);
    const raw = JSON.parse(stdout);
    const report = FileReportSchema.parse(raw);
    expect(Object.keys(raw)).toEqual(["schemaVersion", "file", "referenceDate", "objectives", "findings", "counts"]);
    expect(Object.keys(raw.objectives[0])).toEqual(["sheet", "title", "headerCell", "phases", "incidenzaTotal", "finalDeadline", "progress"]);
    expect(Object.keys(raw.findings[0])).toEqual(["rule", "severity", "sheet", "cell", "message"]);
    expect(report.file).toBe(EXAMPLE);
    expect(report.referenceDate).toBe("2024-09-30");
    expect(report.objectives).toHaveLength(16);
    expect(ruleCells(report)).toEqual(EXAMPLE_FINDINGS);
    expect(report.counts).toEqual({ error: 3, warning: 5, info: 2 });
    // 000-obj-037: one merged 90% cell over fasi 1 a)-1 c) plus fase 2's 10%.
    const o37 = report.objectives.find((o) => o.title?.startsWith("Obiettivo B: Redazione Regolamento"));
    expect(o37).toMatchObject({ phases: 4, incidenzaTotal: 100, finalDeadline: "2022-11-30" });
  });

  it("speaks English with --lang en", async () => {
    const { stdout } = await runCli([EXAMPLE, "--lang", "en"]);
    expect(stdout.split("\n")[0]).toBe(`${EXAMPLE} (reference date 30/09/2024)`);
    expect(stdout).toContain('  Sheet "Monitoraggio 2024"');
    expect(stdout).toContain("  Total: 3 errors, 5 warnings, 2 notices");
    expect(stdout).not.toContain("Obiettivo B: la scadenza");
    expect(stdout).toMatch(/phases · weights 100% · final deadline 30\/11\/2022 · progress not recorded \(no monitoring column\)\n/);
    expect(stdout).toMatch(/progress 65% \(2 of 3 phases completed\)/);
  });

  it("uses --reference-date for monitoring", async () => {
    const { stdout } = await runCli([EXAMPLE, "--format", "json", "--reference-date", "2025-01-15"]);
    const report = FileReportSchema.parse(JSON.parse(stdout));
    expect(report.referenceDate).toBe("2025-01-15");
    // 001-obj-011 fase 3 (31/12/2024, not completed) is now overdue too.
    expect(ruleCells(report).filter((r) => r.startsWith("fase-overdue"))).toEqual([
      "fase-overdue Monitoraggio 2024!E44",
      "fase-overdue Monitoraggio 2024!E45",
      "fase-overdue Monitoraggio 2024!E60",
    ]);
  });

  it("flags deadlines outside --period", async () => {
    const { stdout } = await runCli([EXAMPLE, "--format", "json", "--period", "2022-2024"]);
    const out = ruleCells(FileReportSchema.parse(JSON.parse(stdout))).filter((r) => r.startsWith("scadenza-out-of-period"));
    // 000-obj-009's 30/09/2021; 001-obj-002's fase 4 and final deadline 28/02/2025.
    expect(out).toEqual([
      "scadenza-out-of-period Alessandria 2022!D44",
      "scadenza-out-of-period Monitoraggio 2024!E10",
      "scadenza-out-of-period Monitoraggio 2024!E12",
    ]);
  });

  it("checks only the --sheet asked for, still resolving codes on the Responsabili sheet", async () => {
    const { code, stdout } = await runCli([EXAMPLE, "--format", "json", "--sheet", "Polizia locale"]);
    const report = FileReportSchema.parse(JSON.parse(stdout));
    expect(code).toBe(0);
    expect(report.objectives.map((o) => o.sheet)).toEqual(["Polizia locale"]);
    expect(ruleCells(report)).toEqual(["codifica-external Polizia locale!D7"]);
  });

  it("reads settings from --config, and command-line options override them", async () => {
    const dir = tmpDir();
    const config = path.join(dir, "piao.json");
    writeFileSync(config, JSON.stringify({ lang: "en", period: "2022-2024", rules: { "fase-overdue": "off", "codifica-external": "off" } }));
    const { stdout } = await runCli([EXAMPLE, "--format", "json", "--config", config, "--period", "2024-2025"]);
    const report = FileReportSchema.parse(JSON.parse(stdout));
    const rules = report.findings.map((f) => f.rule);
    expect(rules).not.toContain("fase-overdue");
    expect(rules).not.toContain("codifica-external");
    // --period 2024-2025 wins over the file's 2022-2024: only the 2021 and 2022 deadlines are out.
    expect(ruleCells(report)).toContain("scadenza-out-of-period Alessandria 2022!D44");
    expect(ruleCells(report)).not.toContain("scadenza-out-of-period Monitoraggio 2024!E10");
    expect(report.findings[0].message).toMatch(/: the deadline of phase 1 .* is outside the plan period 2024-2025/);
    const italian = await runCli([EXAMPLE, "--config", config, "--lang", "it"]);
    expect(italian.stdout).toContain("  Totale: ");
  });

  it("checks several files and prints a JSON array", async () => {
    const dir = tmpDir();
    const copy = path.join(dir, "settore-2.xlsx");
    copyFileSync(EXAMPLE, copy);
    const { code, stdout } = await runCli([EXAMPLE, copy, "--format", "json"]);
    expect(code).toBe(1);
    const reports = z.array(FileReportSchema).parse(JSON.parse(stdout));
    expect(reports.map((r) => r.file)).toEqual([EXAMPLE, copy]);
    const text = await runCli([EXAMPLE, copy]);
    expect(text.stdout.trimEnd().split("\n").pop()).toBe("Totale: 2 file, 6 errori, 10 avvisi, 4 informazioni");
  });
});

describe("piao-check on workbooks built from corpus rows", () => {
  it("exits 0 on seed 002's clean tables", async () => {
    const built = buildWorkbook(["002-obj-001", "002-obj-002", "002-obj-006"].map(objective), {
      layout: "B",
      arrangement: "stacked",
      responsabili: "Responsabili",
    });
    const file = path.join(tmpDir(), "pulito.xlsx");
    await writeGridXlsx(built.workbook, file);
    const { code, stdout } = await runCli([file, "--format", "json"]);
    const report = FileReportSchema.parse(JSON.parse(stdout));
    expect(code).toBe(0);
    expect(report.counts.error).toBe(0);
    expect(report.objectives.map((o) => [o.phases, o.incidenzaTotal, o.finalDeadline])).toEqual([
      [4, 100, "2022-12-31"],
      [3, 100, "2022-12-31"],
      [4, 100, "2022-12-31"],
    ]);
  });

  it("reports unknown codes at their Codifica cell when the Responsabili table lacks them", async () => {
    const built = buildWorkbook([objective("000-obj-009")], {
      layout: "A",
      arrangement: "per-sheet",
      responsabili: "Elenco Responsabili",
      table: { omit: ["2245"] },
    });
    const file = path.join(tmpDir(), "codici.xlsx");
    await writeGridXlsx(built.workbook, file);
    const { code, stdout } = await runCli([file, "--format", "json"]);
    const report = FileReportSchema.parse(JSON.parse(stdout));
    expect(code).toBe(1);
    const [block] = built.blocks;
    const cod = block.cols.cod as number;
    const codifica = (i: number) => `${String.fromCharCode(65 + cod)}${block.phaseRows[i] + 1}`;
    // 2245 is in all four phases of 000-obj-009.
    expect(ruleCells(report).filter((r) => r.startsWith("codifica-unknown"))).toEqual(
      [0, 1, 2, 3].map((i) => `codifica-unknown 000-obj-009!${codifica(i)}`),
    );
  });
});

describe("piao-check exit status 2", () => {
  const oneLine = (stderr: string) => {
    expect(stderr.endsWith("\n")).toBe(true);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  };

  it("on a --sheet that does not exist", async () => {
    const { code, stdout, stderr } = await runCli([EXAMPLE, "--sheet", "Obiettivi 2023"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    oneLine(stderr);
    expect(stderr).toContain('il foglio "Obiettivi 2023" non esiste in');
    expect(stderr).toContain(EXAMPLE);
  });

  it("on a corrupt file", async () => {
    const file = path.join(tmpDir(), "tmp.xlsx");
    writeFileSync(file, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256)));
    const { code, stderr } = await runCli([file]);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toBe(`piao-check: ${file} non è un file Excel .xlsx leggibile (file danneggiato o di altro formato)\n`);
  });

  it("on a missing file, in English with --lang en", async () => {
    const file = path.join(tmpDir(), "manca.xlsx");
    const { code, stderr } = await runCli([file, "--lang", "en"]);
    expect(code).toBe(2);
    expect(stderr).toBe(`piao-check: file not found: ${file}\n`);
  });

  it("when one file of a batch is missing, after checking the others", async () => {
    const missing = path.join(tmpDir(), "manca.xlsx");
    const { code, stdout, stderr } = await runCli([EXAMPLE, missing, "--format", "json"]);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(z.array(FileReportSchema).parse(JSON.parse(stdout)).map((r) => r.file)).toEqual([EXAMPLE]);
  });

  it.each([
    [["--config", "BAD"], /impostazioni .*piao\.json: weightTolerance: valore fuori dall'intervallo ammesso/],
    [["--reference-date", "2024-02-31"], /opzione --reference-date: data inesistente/],
    [["--reference-date", "30/09/2024"], /opzione --reference-date: formato atteso AAAA-MM-GG/],
    [["--period", "2024"], /opzione --period: formato atteso AAAA-AAAA/],
    [["--format", "xml"], /formato non valido: xml/],
    [["--lang", "fr"], /lingua non valida: fr/],
    [["--colore"], /opzione sconosciuta: --colore/],
    [["--sheet"], /l'opzione --sheet richiede un valore/],
  ])("on bad options %j", async (args, message) => {
    const dir = tmpDir();
    const config = path.join(dir, "piao.json");
    writeFileSync(config, JSON.stringify({ weightTolerance: 50 }));
    const { code, stdout, stderr } = await runCli([EXAMPLE, ...args.map((a) => (a === "BAD" ? config : a))]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });

  it("on a settings file that is not JSON, or missing", async () => {
    const file = path.join(tmpDir(), "piao.json");
    writeFileSync(file, "referenceDate = 2024-09-30");
    expect((await runCli([EXAMPLE, "--config", file])).stderr).toBe(`piao-check: ${file} non è un file JSON valido\n`);
    const missing = await runCli([EXAMPLE, "--config", file + ".manca"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("file di impostazioni non trovato");
  });

  it("without files; --help prints the usage and exits 0", async () => {
    expect((await runCli([])).code).toBe(2);
    const help = await runCli(["--help", "--lang", "en"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: piao-check FILE\.xlsx\.\.\. \[options\]/);
    expect(help.stdout).toContain("--reference-date");
  });
});
