// Batches: the reports of several files, in the order given, streamed; --jobs N in worker threads gives the same output.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runBatch, type BatchSettings, type FileOutcome } from "../../src/cli/batch";
import { EXAMPLE, runCli, tmpDir } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");
const MAIN = path.join(ROOT, "lib/cli/main.js");
const PROTECTED = path.join(ROOT, "test/cli/fixtures/risorse-protetto.xlsx");

describe("a batch in one thread", () => {
  it("prints the JSON array of the files that could be checked, in order, and one stderr line per other file", async () => {
    const missing = path.join(tmpDir(), "manca.xlsx");
    const single = JSON.parse((await runCli([EXAMPLE, "--format", "json"])).stdout);
    const batch = await runCli([EXAMPLE, missing, PROTECTED, EXAMPLE, "--format", "json"]);
    expect(batch.code).toBe(2);
    expect(JSON.parse(batch.stdout)).toEqual([single, single]);
    expect(batch.stderr.trimEnd().split("\n")).toEqual([`piao-check: file non trovato: ${missing}`, expect.stringContaining(`${PROTECTED} è protetto da password`)]);
  });

  it("escapes U+2028 and U+2029 as a single report does, and indents only JSON's own lines", async () => {
    // JavaScript's /^/m also matches after these two characters, which JSON.stringify leaves raw.
    const file = path.join(tmpDir(), "piano\u2028a\u2029b.xlsx");
    copyFileSync(EXAMPLE, file);
    const single = await runCli([file, "--format", "json"]);
    const batch = await runCli([file, file, "--format", "json"]);
    expect(batch.stdout).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(batch.stdout)).toEqual([JSON.parse(single.stdout), JSON.parse(single.stdout)]);
  });

  it("prints [] when no file could be checked", async () => {
    const missing = path.join(tmpDir(), "manca.xlsx");
    const batch = await runCli([missing, missing, "--format", "json"]);
    expect(batch).toMatchObject({ code: 2, stdout: "[]\n" });
  });

  it("prints each text report and the total of their counts", async () => {
    const single = await runCli([EXAMPLE]);
    const total = /(\d+) error/.exec((await runCli([EXAMPLE, "--lang", "en"])).stdout);
    const batch = await runCli([EXAMPLE, EXAMPLE, "--lang", "en"]);
    expect(batch.code).toBe(single.code);
    expect(batch.stdout.startsWith((await runCli([EXAMPLE, "--lang", "en"])).stdout)).toBe(true);
    expect(batch.stdout.trimEnd().split("\n").pop()).toContain(`${Number(total?.[1]) * 2} error`);
  });

  it("keeps only what it still has to print: an outcome is handed to stdout before the next file is checked", async () => {
    const log: string[] = [];
    const settings = { options: { files: [], format: "json", help: false }, config: {}, lang: "it" } as unknown as BatchSettings;
    const checkOne = async (file: string): Promise<FileOutcome> => {
      log.push(`check ${file}`);
      return { out: `  "${file}"`, counts: { error: 0, warning: 0, info: 0 } };
    };
    let stdout = "";
    const code = await runBatch(["a", "b", "c"], settings, 1, checkOne, { stdout: (t) => ((stdout += t), log.push("print")), stderr: () => undefined });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["check a", "print", "check b", "print", "check c", "print", "print"]);
  });
});

describe("a batch with --jobs (compiled command, worker threads)", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT });
  }, 180_000);

  const piaoCheck = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: "utf8" });

  it("gives with --jobs 3 exactly the output of --jobs 1, files in the order given", () => {
    const dir = tmpDir();
    const files = ["a", "b", "c", "d", "e"].map((n) => path.join(dir, `${n}.xlsx`));
    files.forEach((f) => copyFileSync(EXAMPLE, f));
    const list = [files[0], PROTECTED, ...files.slice(1)];
    for (const format of ["json", "text"]) {
      const one = piaoCheck(...list, "--format", format, "--jobs", "1");
      const three = piaoCheck(...list, "--format", format, "--jobs", "3");
      expect(three.status).toBe(2);
      expect(three.stdout).toBe(one.stdout);
      expect(three.stderr).toBe(one.stderr);
    }
    expect(JSON.parse(piaoCheck(...list, "--format", "json", "--jobs", "2").stdout).map((r: { file: string }) => r.file)).toEqual(files);
  }, 120_000);

  it("refuses a --jobs that is not a whole number from 1", () => {
    const result = piaoCheck(EXAMPLE, EXAMPLE, "--jobs", "0");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("piao-check: opzione --jobs: atteso un numero intero da 1 a 256\n");
  });

  describe("a file its worker cannot finish", () => {
    // 5,000 objective blocks need well over 24 MB of heap; 20,000 take the checker several seconds. (A sheet
    // much larger than the heap limit can abort the whole process: V8 cannot always stop a thread cleanly
    // on one allocation that large, so the memory test uses the smaller file.)
    let large: string;
    let big: string;
    beforeAll(async () => {
      large = path.join(tmpDir(), "grande.xlsx");
      big = path.join(tmpDir(), "enorme.xlsx");
      await writeBlocks(large, 5_000);
      await writeBlocks(big, 20_000);
    }, 60_000);

    const withEnv = (env: Record<string, string>, ...args: string[]) =>
      spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
    const reportedFiles = (stdout: string) => JSON.parse(stdout).map((r: { file: string }) => r.file);

    it("out of memory: one stderr line names it, the other files are reported in order, exit 2", () => {
      for (const jobs of ["1", "2"]) {
        const result = withEnv({ PIAO_MAX_HEAP_MB: "24" }, EXAMPLE, large, EXAMPLE, "--format", "json", "--jobs", jobs);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(
          `piao-check: memoria esaurita controllando ${large}: file troppo grande o danneggiato (PIAO_MAX_HEAP_MB per concedere più memoria)\n`,
        );
        expect(reportedFiles(result.stdout)).toEqual([EXAMPLE, EXAMPLE]);
      }
    }, 60_000);

    it("over PIAO_MAX_SECONDS: its worker is ended, one stderr line names it, the files sent behind it are still checked", () => {
      // --jobs 1: the second EXAMPLE waits in the same worker behind the big file, and goes to a fresh one.
      // 1 s: the big file takes about 2.2 s on a quiet machine (2.5 s, as before, let it finish there).
      const result = withEnv({ PIAO_MAX_SECONDS: "1" }, big, EXAMPLE, "--format", "json", "--lang", "en", "--jobs", "1");
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`piao-check: check of ${big} stopped after 1 s: file too large or damaged (PIAO_MAX_SECONDS allows more time)\n`);
      expect(reportedFiles(result.stdout)).toEqual([EXAMPLE]);
    }, 60_000);
  });
});

/** A workbook of `blocks` objective blocks, its sheet written as XML directly (exceljs takes minutes for this size). */
async function writeBlocks(file: string, blocks: number): Promise<void> {
  const template = new ExcelJS.Workbook();
  template.addWorksheet("Obiettivi").addRow(["Obiettivo"]);
  const zip = await JSZip.loadAsync(await template.xlsx.writeBuffer());
  const sheet = "xl/worksheets/sheet1.xml";
  const rows: string[] = [];
  const row = (...cells: (string | number | null)[]) => {
    const r = rows.length + 1;
    const xml = cells.map((v, i) => {
      const ref = `${"ABCD"[i]}${r}`;
      if (v === null) return "";
      return typeof v === "number" ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
    });
    rows.push(`<row r="${r}">${xml.join("")}</row>`);
  };
  for (let b = 0; b < blocks; b++) {
    row(`Obiettivo ${b}: titolo`);
    row(null, "Descrizione", "Incidenza %", "Scadenze previste");
    for (let f = 1; f <= 5; f++) row(`fase ${f}:`, "attività", 20, `30/0${f}/2024`);
    row("Scadenza finale", null, null, "31/12/2024");
    row();
  }
  const xml = (await zip.file(sheet)?.async("string")) as string;
  zip.file(sheet, xml.replace(/<dimension[^>]*\/>/, "").replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows.join("")}</sheetData>`));
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "STORE" }));
}
