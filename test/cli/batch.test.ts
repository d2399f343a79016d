// Batches: the reports of several files, in the order given, streamed; --jobs N in worker threads gives the same output.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import * as path from "node:path";
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
});
