#!/usr/bin/env node
// piao-check: checks the objective tables of PIAO workbooks (.xlsx) from the command line.
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { SingleBar } from "cli-progress";
import { checkWorkbook, parseConfig } from "../core";
import type { Config, ConfigInput, Lang } from "../core";
import { annotateWorkbook } from "./annotate";
import { defaultJobs, formatOutcome, runBatch } from "./batch";
import type { BatchSettings, FileOutcome } from "./batch";
import { langFromArgv, parseCliArgs, UsageError } from "./args";
import type { CliOptions } from "./args";
import { messages } from "./messages";
import { grandTotal, jsonReport, textReport } from "./report";
import type { FileReport } from "./report";
import { InputError, loadWorkbook, readWorkbookGrid, workbookToGrid } from "./xlsx";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: only then is a progress bar drawn. */
  stderrIsTTY?: boolean;
  /** Today (ISO) for the reference date's last fallback; default: the real date. */
  today?: string;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

/** A file this large is worth a progress bar even alone. */
const LARGE_FILE_BYTES = 2 * 1024 * 1024;

/** Runs the command; returns the exit status of spec §4 (0 no error finding, 1 some, 2 could not run). */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let lang: Lang = langFromArgv(argv) ?? "it";
  const fail = (message: string) => {
    io.stderr(`piao-check: ${message}\n`);
    return 2;
  };
  let options: CliOptions;
  let config: Config;
  try {
    options = parseCliArgs(argv, lang);
    if (options.help) {
      io.stdout(messages(lang).usage + "\n");
      return 0;
    }
    config = await loadConfig(options, lang);
    lang = config.lang;
    if (options.out) await refuseOutIsInput(options.files[0], options.out, lang);
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    throw e;
  }

  const m = messages(lang);
  const bar = await progressBar(options.files, io);
  if (options.files.length > 1) {
    const settings: BatchSettings = { options, config, lang, today: io.today };
    const code = await runBatch(options.files, settings, options.jobs ?? defaultJobs(), checkOneOutcome, io, () => bar?.increment(1));
    bar?.stop();
    return code;
  }
  const reports: FileReport[] = [];
  let failed = false;
  for (const file of options.files) {
    bar?.increment(0, { file: path.basename(file) });
    try {
      const fileReport = await checkFile(file, options, config, io, lang);
      reports.push(fileReport);
      if (options.format === "text") io.stdout(textReport(fileReport, lang) + (options.files.length > 1 ? "\n" : ""));
    } catch (e) {
      failed = true;
      if (e instanceof InputError || e instanceof UsageError) fail(e.message);
      else fail(m.internal(file, e instanceof Error ? e.message : String(e)));
    }
    bar?.increment(1);
  }
  bar?.stop();

  if (options.format === "json") {
    const json = reports.map(jsonReport);
    if (json.length > 0) io.stdout(JSON.stringify(options.files.length === 1 ? json[0] : json, null, 2) + "\n");
  } else if (options.files.length > 1) {
    io.stdout(grandTotal(reports, lang));
  }
  if (failed) return 2;
  return reports.some((r) => r.report.counts.error > 0) ? 1 : 0;
}

/** One file of a batch, checked and printed (in a worker thread or not). */
export async function checkOneOutcome(file: string, settings: BatchSettings): Promise<FileOutcome> {
  const io: CliIo = { stdout: () => undefined, stderr: () => undefined, today: settings.today };
  try {
    const { report } = await checkFile(file, settings.options, settings.config, io, settings.lang);
    return formatOutcome(file, report, settings);
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) return { error: e.message };
    return { error: messages(settings.lang).internal(file, e instanceof Error ? e.message : String(e)) };
  }
}

async function checkFile(file: string, options: CliOptions, config: Config, io: CliIo, lang: Lang): Promise<FileReport> {
  // exceljs only for the annotated copy: a check alone reads the grid with the checker's own reader.
  const workbook = options.out ? await loadWorkbook(file, lang) : null;
  const grid = workbook ? workbookToGrid(workbook) : await readWorkbookGrid(file, lang);
  const sheet = options.sheet === undefined ? undefined : findSheet(grid.sheets.map((s) => s.name), options.sheet, file, lang);
  const report = checkWorkbook(grid, { sheet, today: io.today, config });
  if (options.out && workbook) {
    annotateWorkbook(workbook, report, file, lang);
    try {
      await workbook.xlsx.writeFile(options.out);
    } catch (e) {
      throw new UsageError(messages(lang).cannotWrite(options.out, (e as Error).message));
    }
  }
  return { file, report };
}

/** The sheet's exact name; a case-insensitive match is accepted when it is the only one. */
function findSheet(names: string[], wanted: string, file: string, lang: Lang): string {
  if (names.includes(wanted)) return wanted;
  const loose = names.filter((n) => n.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (loose.length === 1) return loose[0];
  throw new UsageError(messages(lang).sheetMissing(wanted, file, names));
}

/** Settings file, then command-line options on top, validated by the core's schema. */
async function loadConfig(options: CliOptions, argvLang: Lang): Promise<Config> {
  const m = messages(options.lang ?? argvLang);
  const fromCli: ConfigInput = {};
  if (options.referenceDate !== undefined) fromCli.referenceDate = options.referenceDate;
  if (options.period !== undefined) fromCli.period = options.period;
  if (options.lang !== undefined) fromCli.lang = options.lang;
  // Validated alone first, so that an error names the option rather than the setting.
  const cliResult = parseConfig(fromCli, options.lang ?? argvLang);
  if (!cliResult.ok) {
    const first = cliResult.errors[0];
    const option = first.startsWith("period") ? "--period" : "--reference-date";
    throw new UsageError(m.option(option, first.slice(first.indexOf(":") + 1).trim()));
  }

  let fromFile: Record<string, unknown> = {};
  if (options.config !== undefined) {
    let text: string;
    try {
      text = await fs.readFile(options.config, "utf8");
    } catch {
      throw new UsageError(m.configMissing(options.config));
    }
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new UsageError(m.configNotJson(options.config));
    }
    const fileLang = fromFile.lang === "en" || fromFile.lang === "it" ? fromFile.lang : undefined;
    const fileResult = parseConfig(fromFile, options.lang ?? fileLang ?? argvLang);
    if (!fileResult.ok) {
      const fm = messages(options.lang ?? fileLang ?? argvLang);
      throw new UsageError(fm.configFile(options.config, fileResult.errors.join("; ")));
    }
  }
  const merged = parseConfig({ ...fromFile, ...fromCli }, argvLang);
  if (!merged.ok) throw new UsageError(m.configFile(options.config ?? "", merged.errors.join("; ")));
  return merged.config;
}

/** Refuses --out naming the input itself (also through a symbolic link): the original is never touched. */
async function refuseOutIsInput(input: string, out: string, lang: Lang): Promise<void> {
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  if ((await real(input)) === (await real(out))) throw new UsageError(messages(lang).outIsInput(out));
}

async function progressBar(files: string[], io: CliIo): Promise<SingleBar | null> {
  if (!io.stderrIsTTY) return null;
  if (files.length === 1) {
    const size = (await fs.stat(files[0]).catch(() => null))?.size ?? 0;
    if (size < LARGE_FILE_BYTES) return null;
  }
  // Loaded only for a terminal: a batch run by a script does not pay for it.
  const { SingleBar } = await import("cli-progress");
  const bar = new SingleBar({ format: "{bar} {value}/{total} {file}", stream: process.stderr, clearOnComplete: true, hideCursor: true });
  bar.start(files.length, 0, { file: "" });
  return bar;
}

if (require.main === module) {
  // A reader that stops early (`piao-check … | head`) is not an error worth a stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Never a stack trace: one line, and the status of a command that could not run.
      process.stderr.write(`piao-check: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
