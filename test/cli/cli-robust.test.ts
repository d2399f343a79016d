// piao-check on hostile command lines and settings (issue 9, points 8, 11, 12, 14): every refusal is
// one line naming the file or the setting, exit 2, and nothing the user owns is ever overwritten.
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { checkWorkbook } from "../../src/core";
import type { WorkbookGrid } from "../../src/core";
import { run } from "../../src/cli/main";
import { writeOutput } from "../../src/cli/output";
import { textReport } from "../../src/cli/report";
import { EXAMPLE, runCli, tmpDir } from "./helpers";

const oneLine = (stderr: string) => {
  expect(stderr.endsWith("\n")).toBe(true);
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |ENOENT|ENOTDIR|EISDIR|no such file|SyntaxError|TypeError/);
};

/** A copy of the example in a fresh folder, with the folder. */
function example(name = "obiettivi.xlsx"): { dir: string; file: string } {
  const dir = tmpDir();
  const file = path.join(dir, name);
  copyFileSync(EXAMPLE, file);
  return { dir, file };
}

describe("--out never destroys a file", () => {
  it.each([
    ["a hard link to the input", (file: string, dir: string) => (linkSync(file, path.join(dir, "copia.xlsx")), path.join(dir, "copia.xlsx"))],
    ["a symbolic link to the input", (file: string, dir: string) => (symlinkSync(file, path.join(dir, "copia.xlsx")), path.join(dir, "copia.xlsx"))],
    ["another spelling of the input", (file: string, dir: string) => `${dir}/./../${path.basename(dir)}//${path.basename(file)}`],
  ])("refuses %s, before checking, and leaves the input byte-identical", async (_, outFor) => {
    const { dir, file } = example();
    const out = outFor(file, dir);
    const { code, stdout, stderr } = await runCli([file, "--out", out, "--force"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    oneLine(stderr);
    expect(stderr).toBe(`piao-check: --out ${out} è il file da controllare: indicare un altro nome, l'originale non viene mai modificato\n`);
    expect(readFileSync(file).equals(readFileSync(EXAMPLE))).toBe(true);
  });

  it("refuses the settings file, also through a hard link, and leaves it intact", async () => {
    const { dir, file } = example();
    const config = path.join(dir, "piao.json");
    writeFileSync(config, '{"period": "2022-2024"}');
    const out = path.join(dir, "impostazioni.xlsx");
    linkSync(config, out);
    const { code, stderr } = await runCli([file, "--config", config, "--out", out, "--force"]);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toBe(`piao-check: --out ${out} è il file di impostazioni: indicare un altro nome\n`);
    expect(readFileSync(config, "utf8")).toBe('{"period": "2022-2024"}');
  });

  it("refuses an existing file unless --force, then replaces it with the copy", async () => {
    const { dir, file } = example();
    const out = path.join(dir, "copia.xlsx");
    writeFileSync(out, "not mine to lose");
    const refused = await runCli([file, "--out", out, "--lang", "en"]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(`piao-check: --out ${out} already exists: give another name, or add --force to replace it\n`);
    expect(readFileSync(out, "utf8")).toBe("not mine to lose");

    const forced = await runCli([file, "--out", out, "--force"]);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toBe("");
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.getWorksheet("Verifica PIAO")).toBeDefined();
    // No temporary file is left beside the copy.
    expect(readdirSync(dir).sort()).toEqual(["copia.xlsx", "obiettivi.xlsx"]);
  });

  it.each([
    [["--out", ""], "l'opzione --out richiede un valore"],
    [["--out", "copia.csv"], "--out copia.csv: il nome della copia deve finire con .xlsx o .xlsm"],
    [["--out", "copia"], "--out copia: il nome della copia deve finire con .xlsx o .xlsm"],
    [["--sheet", ""], "l'opzione --sheet richiede un valore"],
    [["--config", ""], "l'opzione --config richiede un valore"],
    [["--lang", ""], "l'opzione --lang richiede un valore"],
    [[EXAMPLE, "--out", "copia.xlsx"], "--out richiede un solo file da controllare"],
  ])("refuses %j in one line", async (args, message) => {
    const { code, stdout, stderr } = await runCli([EXAMPLE, ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`piao-check: ${message}\n`);
  });

  it("says a folder or a path that cannot hold the copy in the user's words, before checking", async () => {
    const { dir, file } = example();
    const folder = path.join(dir, "cartella.xlsx");
    mkdirSync(folder);
    const toFolder = await runCli([file, "--out", folder, "--force"]);
    expect(toFolder.stderr).toBe(`piao-check: --out ${folder} è una cartella: indicare il nome del file della copia\n`);
    const missing = path.join(dir, "manca", "copia.xlsx");
    const noFolder = await runCli([file, "--out", missing]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stdout).toBe("");
    expect(noFolder.stderr).toBe(`piao-check: impossibile scrivere ${missing}: file o cartella inesistente\n`);
    const underFile = path.join(file, "copia.xlsx");
    const en = await runCli([file, "--out", underFile, "--lang", "en"]);
    oneLine(en.stderr);
    expect(en.stderr).toBe(`piao-check: cannot write ${underFile}: a part of the path is not a folder\n`);
  });
});

describe("writeOutput, the copy's writer", () => {
  it("never replaces a file that appeared meanwhile unless forced, and leaves no temporary file", async () => {
    const dir = tmpDir();
    const out = path.join(dir, "copia.xlsx");
    writeFileSync(out, "arrived while the check ran");
    await expect(writeOutput(out, Buffer.from("copy"), false, "it")).rejects.toThrow(
      `--out ${out} esiste già: indicare un altro nome, o aggiungere --force per sostituirlo`,
    );
    expect(readFileSync(out, "utf8")).toBe("arrived while the check ran");
    await writeOutput(out, Buffer.from("copy"), true, "it");
    expect(readFileSync(out, "utf8")).toBe("copy");
    await writeOutput(path.join(dir, "nuova.xlsx"), Buffer.from("new"), false, "en");
    expect(readdirSync(dir).sort()).toEqual(["copia.xlsx", "nuova.xlsx"]);
  });

  it("words a system error in the user's language", async () => {
    const out = path.join(tmpDir(), "manca", "copia.xlsx");
    await expect(writeOutput(out, Buffer.from("copy"), false, "en")).rejects.toThrow(`cannot write ${out}: no such file or folder`);
  });
});

describe("--config", () => {
  const withConfig = async (text: string | Buffer, extra: string[] = []) => {
    const dir = tmpDir();
    const config = path.join(dir, "piao.json");
    writeFileSync(config, text);
    return { config, ...(await runCli([EXAMPLE, "--format", "json", "--config", config, ...extra])) };
  };

  it.each(["null", "[]", '"2022-2024"', "42"])("holding %s: one line naming the file", async (text) => {
    const { config, code, stdout, stderr } = await withConfig(text);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    oneLine(stderr);
    expect(stderr).toBe(`piao-check: impostazioni ${config}: il file deve contenere un oggetto JSON, ad esempio {"period": "2022-2024"}\n`);
  });

  it("accepts a UTF-8 byte order mark", async () => {
    const { code, stdout, stderr } = await withConfig(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"period": "2024-2024"}')]));
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings.map((f: { rule: string }) => f.rule)).toContain("scadenza-out-of-period");
  });

  it("invalid JSON: names the file and, where the parser knows it, the line and column", async () => {
    const { config, code, stderr } = await withConfig('{\n  "period" "2022-2024"\n}');
    expect(code).toBe(2);
    expect(stderr).toBe(`piao-check: ${config} non è un file JSON valido (riga 2, colonna 12)\n`);
    const truncated = await withConfig('{"period": ');
    expect(truncated.stderr).toBe(`piao-check: ${truncated.config} non è un file JSON valido\n`);
  });

  it("names the setting that is wrong", async () => {
    const { config, stderr } = await withConfig('{"rules": {"incidenza-sum": "forte"}, "colori": true}', ["--lang", "en"]);
    oneLine(stderr);
    expect(stderr).toMatch(new RegExp(`^piao-check: settings ${config.replace(/[.\\/]/g, "\\$&")}: `));
    expect(stderr).toContain("rules.incidenza-sum: value not allowed");
    expect(stderr).toContain("unknown setting: colori");
  });

  it("a folder, or a path through a file, in the user's words", async () => {
    const dir = tmpDir();
    const folder = await runCli([EXAMPLE, "--config", dir]);
    expect(folder.stderr).toBe(`piao-check: impossibile leggere le impostazioni ${dir}: è una cartella\n`);
    const through = path.join(EXAMPLE, "piao.json");
    const missing = await runCli([EXAMPLE, "--config", through]);
    expect(missing.stderr).toBe(`piao-check: file di impostazioni non trovato: ${through}\n`);
  });

  it("responsabiliSheet naming a missing sheet stops the check of that file (exit 2), naming the setting", async () => {
    const { code, stdout, stderr } = await withConfig('{"responsabiliSheet": "Codici"}');
    expect(code).toBe(2);
    expect(stdout).toBe("");
    oneLine(stderr);
    expect(stderr).toMatch(/^piao-check: impostazione responsabiliSheet: il foglio "Codici" non esiste in .*obiettivi-2022\.xlsx \(fogli: .*Alessandria 2022/);
  });

  it("responsabiliSheet is matched like --sheet, ignoring case", async () => {
    const exact = await runCli([EXAMPLE, "--format", "json"]);
    const { code, stdout, stderr } = await withConfig('{"responsabiliSheet": "RESPONSABILI"}');
    expect(stderr).toBe("");
    expect(code).toBe(exact.code);
    expect(JSON.parse(stdout).findings).toEqual(JSON.parse(exact.stdout).findings);
  });
});

describe("hostile text in cells", () => {
  const HOSTILE = "\u001b]0;owned\u0007\u001b[2J\u009b31m\u007f\u202eabc";

  async function hostileWorkbook(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Obiettivi");
    ws.getCell("A1").value = `Obiettivo A: ${HOSTILE}`;
    ws.getRow(2).values = ["", "Descrizione", "Incidenza %", "Scadenze previste"];
    ws.getRow(3).values = ["fase 1", "Analisi", 0.5, new Date(Date.UTC(2022, 5, 30))];
    ws.getRow(4).values = ["fase 2", "Attuazione", 0.5, `entro ${HOSTILE}`];
    ws.getRow(5).values = ["Scadenza finale", "", "", new Date(Date.UTC(2022, 11, 31))];
    for (const r of [3, 4]) ws.getCell(r, 3).numFmt = "0%";
    const file = path.join(tmpDir(), "ostile.xlsx");
    await wb.xlsx.writeFile(file);
    return file;
  }

  // The reader drops C0 characters that XML cannot carry; C1 (CSI) and bidirectional overrides reach the report.
  it("are shown escaped in the text report, never raw", async () => {
    const { code, stdout } = await runCli([await hostileWorkbook()]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(stdout).toContain("\\x9b31m\\u202eabc");
  });

  it("stay the same strings in the JSON report, escaped in its text", async () => {
    const { stdout } = await runCli([await hostileWorkbook(), "--format", "json"]);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(stdout).toContain("\\u009b31m\\u202eabc");
    const report = JSON.parse(stdout);
    expect(report.objectives[0].title).toContain("\u009b31m\u202eabc");
    expect(report.findings[0].message).toContain("\u009b31m\u202eabc");
  });

  it("in sheet names and line breaks of a title: every line of the text report stays one line", () => {
    const grid: WorkbookGrid = {
      sheets: [{ name: "Fogli\no\u001b[1m", values: [["Obiettivo A:\nriga due"], ["Descrizione", "Incidenza", "Scadenza"], ["fase 1 x", 1, `in corso ${HOSTILE}`]] }],
    };
    const text = textReport({ file: "f\u001b.xlsx", report: checkWorkbook(grid, { today: "2025-06-30" }) }, "it");
    expect(text).toContain('Foglio "Fogli\\no\\x1b[1m"');
    expect(text).toContain("\\x1b[2J\\x9b31m\\x7f\\u202eabc");
    expect(text).toContain("f\\x1b.xlsx");
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it("in a file name on stderr", async () => {
    const { stderr } = await runCli([path.join(tmpDir(), "manca\u001b[2J.xlsx")]);
    oneLine(stderr);
    expect(stderr).toContain("manca\\x1b[2J.xlsx");
  });
});

describe("batches and the unexpected", () => {
  it("JSON with several files that all fail: stdout is [], one stderr line per file, exit 2", async () => {
    const dir = tmpDir();
    const broken = path.join(dir, "rotto.xlsx");
    writeFileSync(broken, "PK\u0003\u0004 not really");
    const { code, stdout, stderr } = await runCli([path.join(dir, "manca.xlsx"), broken, "--format", "json"]);
    expect(code).toBe(2);
    expect(stdout).toBe("[]\n");
    expect(stderr.trimEnd().split("\n")).toEqual([
      `piao-check: file non trovato: ${path.join(dir, "manca.xlsx")}`,
      `piao-check: ${broken} non è un file Excel .xlsx leggibile (file danneggiato o di altro formato)`,
    ]);
  });

  it("one file that fails in JSON mode prints nothing on stdout", async () => {
    const { code, stdout } = await runCli([path.join(tmpDir(), "manca.xlsx"), "--format", "json"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
  });

  it("an exception nobody foresaw is one line and exit 2; its stack only with PIAO_DEBUG", async () => {
    const broken = {
      stdout: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
      stderr: (t: string) => (stderr += t),
      today: "2025-06-30",
    };
    let stderr = "";
    expect(await run([EXAMPLE], broken)).toBe(2);
    expect(stderr).toBe(`piao-check: errore interno controllando ${EXAMPLE} (PIAO_DEBUG=1 per i dettagli)\n`);

    stderr = "";
    process.env.PIAO_DEBUG = "1";
    try {
      expect(await run([EXAMPLE], broken)).toBe(2);
    } finally {
      delete process.env.PIAO_DEBUG;
    }
    expect(stderr).toMatch(/^piao-check: errore interno .*\nTypeError: Cannot read properties .*\n\s+at /);
  });

  it("--version prints the package's version", async () => {
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")).version}\n`);
  });
});
