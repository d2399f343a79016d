// The compiled command, as `npm run piao-check` and the package bin run it.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { EXAMPLE, tmpDir } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");
const MAIN = path.join(ROOT, "lib/cli/main.js");

beforeAll(() => {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT });
}, 120_000);

const piaoCheck = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: "utf8" });
const withEnv = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });

describe("lib/cli/main.js", () => {
  it("starts with a shebang, as a package bin must", () => {
    expect(readFileSync(MAIN, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("prints the JSON report of the example and exits 1", () => {
    const result = piaoCheck("examples/obiettivi-2022.xlsx", "--format", "json");
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.file).toBe("examples/obiettivi-2022.xlsx");
    expect(report.counts.error).toBeGreaterThan(0);
    expect(result.stderr).toBe("");
  });

  it("loads neither zod nor exceljs for a check without settings, alone or in a batch, in any thread", () => {
    // zod is only for validating settings, exceljs only for what the reader does not handle: together they took
    // longer to load than the check of a large workbook. Each thread (the preload runs in every one) lists the
    // files it loads as it loads them: a batch's workers are ended, not left to exit.
    const dir = tmpDir();
    const list = path.join(dir, "loaded.txt");
    const preload = path.join(dir, "loaded.js");
    writeFileSync(
      preload,
      [
        `const fs = require("fs"), Module = require("module"), load = Module.prototype.load;`,
        `fs.appendFileSync(${JSON.stringify(list)}, "thread\\n");`,
        `Module.prototype.load = function (file) { fs.appendFileSync(${JSON.stringify(list)}, file + "\\n"); return load.call(this, file); };`,
      ].join("\n"),
    );
    for (const files of [[EXAMPLE], [EXAMPLE, EXAMPLE]]) {
      writeFileSync(list, "");
      const result = spawnSync(process.execPath, ["--require", preload, MAIN, ...files, "--format", "json", "--jobs", "1"], { cwd: ROOT, encoding: "utf8" });
      expect(result.status).toBe(1);
      const loaded = readFileSync(list, "utf8");
      expect(loaded.match(/^thread$/gm)?.length).toBe(2); // the main thread and the checking one
      expect(loaded).toMatch(/reader[\\/]sheet\.js$/m);
      expect(loaded).not.toMatch(/node_modules[\\/](zod|exceljs|jszip)[\\/]/);
    }
  });

  it("exits 2 with one line and no stack trace on a corrupt file", () => {
    const file = path.join(tmpDir(), "tmp.xlsx");
    writeFileSync(file, readFileSync(EXAMPLE).subarray(0, 5000));
    const result = piaoCheck(file);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`piao-check: ${file} non è un file Excel .xlsx leggibile (file danneggiato o di altro formato)\n`);
  });

  it("exits 2 with one line naming a password-protected file, and goes on with the others of a batch", () => {
    const protectedFile = "test/cli/fixtures/risorse-protetto.xlsx";
    const result = piaoCheck(protectedFile, "examples/obiettivi-2022.xlsx", "--format", "json");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `piao-check: ${protectedFile} è protetto da password: salvarne in Excel una copia senza password e verificare quella\n`,
    );
    expect(JSON.parse(result.stdout).map((r: { file: string }) => r.file)).toEqual(["examples/obiettivi-2022.xlsx"]);
  });

  it("prints its version", () => {
    const result = piaoCheck("--version");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version}\n`);
  });

  // The check runs in a worker thread with a bounded heap and processor time: whatever a workbook
  // does to the reader or the checker, the answer is one line and exit 2, never V8's trace.
  it("ends in one line and exit 2 when the checking thread runs out of memory", () => {
    const result = withEnv({ PIAO_MAX_HEAP_MB: "4" }, "examples/obiettivi-2022.xlsx");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^piao-check: memoria esaurita[^\n]*: file troppo grande o danneggiato \(PIAO_MAX_HEAP_MB per concedere più memoria\)\n$/);
  });

  it("stops a file that takes more processor time than allowed, naming it in one line", async () => {
    // 4,000 objective blocks: a file that takes the checker well over the watchdog's first look (250 ms after
    // the start; 1,000 blocks were checked by then on a quiet machine).
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet("Obiettivi");
    for (let b = 0; b < 4000; b++) {
      ws.addRow([`Obiettivo ${b}: titolo`]);
      ws.addRow(["", "Descrizione", "Incidenza %", "Scadenze previste"]);
      for (let f = 1; f <= 5; f++) ws.addRow([`fase ${f}:`, "attività", 20, `30/0${f}/2024`]);
      ws.addRow(["Scadenza finale", "", "", "31/12/2024"]);
      ws.addRow([]);
    }
    const file = path.join(tmpDir(), "grande.xlsx");
    await workbook.xlsx.writeFile(file);
    const result = withEnv({ PIAO_MAX_SECONDS: "0.000001" }, file, "--lang", "en");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`piao-check: check of ${file} stopped after 0.000001 s: file too large or damaged (PIAO_MAX_SECONDS allows more time)\n`);
  }, 60_000);

  it("says in one line, exit 2, that the report could not be written (stdout on a full disk)", () => {
    const full = openSync("/dev/full", "w");
    const result = spawnSync(process.execPath, [MAIN, "examples/obiettivi-2022.xlsx"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", full, "pipe"] });
    closeSync(full);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("piao-check: impossibile scrivere il rapporto sull'uscita standard: spazio su disco esaurito\n");
  });
});
