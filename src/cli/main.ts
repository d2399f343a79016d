#!/usr/bin/env node
// piao-check: checks the objective tables of PIAO workbooks (.xlsx) from the command line.
import { constants as fsConstants, promises as fs, readFileSync } from "node:fs";
import * as path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { SingleBar } from "cli-progress";
import type { Config, ConfigInput, Lang } from "../core";
import type { BatchSettings, FileOutcome } from "./batch";
import { langFromArgv, parseCliArgs, UsageError } from "./args";
import type { CliOptions } from "./args";
import { escapeControls, messages, systemReason } from "./messages";
import type { Messages } from "./messages";
import { defaultConfig } from "./config";
import { CHECKING_THREAD_V8_FLAGS, heapLimits, maxSeconds, WATCH_MS } from "./limits";
import { errnoCode } from "./output";
import type { FileReport } from "./report";

/**
 * The checker and the readers: loaded by the thread that checks, never by the one that supervises it.
 * Core modules by name, never the core's index: the index loads zod, which only a configuration needs.
 */
const engine = once(async () => {
  const [core, xlsx, report] = await Promise.all([import("../core/check-parsed"), import("./xlsx"), import("./report")]);
  return { core, xlsx, report };
});

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: only then is a progress bar drawn. */
  stderrIsTTY?: boolean;
  /** Today (ISO) for the reference date's last fallback; default: the real date. */
  today?: string;
  /** Told before each file is read, so that a supervisor can name it if the check dies. */
  onFile?: (file: string, lang: Lang) => void;
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
    io.stderr(`piao-check: ${escapeControls(message)}\n`);
    return 2;
  };
  /** An exception we did not foresee: one line, its details only when asked for. */
  const internal = (message: string, e: unknown) => {
    fail(message);
    if (process.env.PIAO_DEBUG) io.stderr(`${e instanceof Error ? e.stack : String(e)}\n`);
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
    if (options.version) {
      io.stdout(packageVersion() + "\n");
      return 0;
    }
    config = await loadConfig(options, lang);
    lang = config.lang;
    if (options.out !== undefined) await checkOut(options, lang);
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    return internal(messages(lang).internalRun, e);
  }

  const m = messages(lang);
  const bar = await progressBar(options.files, io);
  if (options.files.length > 1) {
    const { defaultJobs, runBatch } = await import("./batch");
    const settings: BatchSettings = { options, config, lang, today: io.today };
    const code = await runBatch(options.files, settings, options.jobs ?? defaultJobs(), checkOneOutcome, io, () => bar?.increment(1));
    bar?.stop();
    return code;
  }
  const { report: render, xlsx } = await engine();
  const [file] = options.files;
  bar?.increment(0, { file: escapeControls(path.basename(file)) });
  io.onFile?.(file, lang);
  try {
    const fileReport = await checkFile(file, options, config, io, lang);
    bar?.increment(1);
    bar?.stop();
    if (options.format === "json") render.writeJsonText(render.jsonReport(fileReport), io.stdout);
    else io.stdout(render.textReport(fileReport, lang));
    return fileReport.report.counts.error > 0 ? 1 : 0;
  } catch (e) {
    bar?.stop();
    if (e instanceof xlsx.InputError || e instanceof UsageError) return fail(e.message);
    return internal(m.internal(file), e);
  }
}

/** One file of a batch, checked and printed (in a worker thread or not). */
export async function checkOneOutcome(file: string, settings: BatchSettings): Promise<FileOutcome> {
  const io: CliIo = { stdout: () => undefined, stderr: () => undefined, today: settings.today };
  const { xlsx } = await engine();
  try {
    const { report } = await checkFile(file, settings.options, settings.config, io, settings.lang);
    const { formatOutcome } = await import("./batch");
    return formatOutcome(file, report, settings);
  } catch (e) {
    if (e instanceof xlsx.InputError || e instanceof UsageError) return { error: e.message };
    return { error: escapeControls(messages(settings.lang).internal(file)) };
  }
}

async function checkFile(file: string, options: CliOptions, config: Config, io: CliIo, lang: Lang): Promise<FileReport> {
  const { core, xlsx } = await engine();
  // The checker's own reader: the annotated copy is written from the input's package, not from exceljs.
  const grid = await xlsx.readWorkbookGrid(file, lang);
  const names = grid.sheets.map((s) => s.name);
  const sheet = options.sheet === undefined ? undefined : findSheet(names, options.sheet, file, lang);
  if (config.responsabiliSheet !== undefined) {
    const found = matchSheet(names, config.responsabiliSheet);
    if (found === null) throw new UsageError(messages(lang).responsabiliSheetMissing(config.responsabiliSheet, file, names));
    config = { ...config, responsabiliSheet: found };
  }
  const report = core.checkParsed(grid, { sheet, today: io.today, config });
  if (options.out) await (await import("./annotate")).writeAnnotatedCopy(file, options.out, report, lang, options.force);
  return { file, report };
}

/** The sheet's exact name; a case-insensitive match is accepted when it is the only one. */
function findSheet(names: string[], wanted: string, file: string, lang: Lang): string {
  const found = matchSheet(names, wanted);
  if (found === null) throw new UsageError(messages(lang).sheetMissing(wanted, file, names));
  return found;
}

function matchSheet(names: string[], wanted: string): string | null {
  if (names.includes(wanted)) return wanted;
  const loose = names.filter((n) => n.trim().toLowerCase() === wanted.trim().toLowerCase());
  return loose.length === 1 ? loose[0] : null;
}

/** Settings file, then command-line options on top, validated by the core's schema. */
async function loadConfig(options: CliOptions, argvLang: Lang): Promise<Config> {
  if (options.config === undefined && options.referenceDate === undefined && options.period === undefined) return defaultConfig(options.lang ?? "it");
  const m = messages(options.lang ?? argvLang);
  const { parseConfig } = await import("../core/config");
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
    fromFile = await readConfigFile(options.config, m);
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

/** Bigger than any settings file: a mistaken --config (a workbook, a log) is refused before it is read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The settings file's JSON object; a UTF-8 byte order mark (Windows Notepad) is accepted. */
async function readConfigFile(file: string, m: Messages): Promise<Record<string, unknown>> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new UsageError(m.configUnreadable(file, m.system.EISDIR));
    if (stat.size > MAX_CONFIG_BYTES) throw new UsageError(m.configTooLarge(file));
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = errnoCode(e);
    if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(m.configMissing(file));
    throw new UsageError(m.configUnreadable(file, m.system[code] ?? m.systemOther(code)));
  }
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const position = /at position (\d+)/.exec((e as Error).message)?.[1];
    throw new UsageError(m.configNotJson(file, position === undefined ? "" : jsonWhere(text, Number(position), m)));
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageError(m.configNotObject(file));
  return parsed as Record<string, unknown>;
}

function jsonWhere(text: string, position: number, m: Messages): string {
  const before = text.slice(0, position).split("\n");
  return m.jsonWhere(before.length, before[before.length - 1].length + 1);
}

/**
 * Refuses an --out that would destroy something: the input or the settings file (also through a
 * symbolic or hard link, or another spelling of the same name), a folder, an existing file without
 * --force, a name Excel would not open as a workbook.
 */
async function checkOut(options: CliOptions, lang: Lang): Promise<void> {
  const m = messages(lang);
  const out = options.out as string;
  const input = options.files[0];
  // Which of the two the copy must be (an .xlsm keeps its macros) is the copy writer's to say: it reads the package.
  if (!WORKBOOK_EXTENSIONS.includes(path.extname(out).toLowerCase())) throw new UsageError(m.outExtension(out));
  if (await sameFile(input, out)) throw new UsageError(m.outIsInput(out));
  if (options.config !== undefined && (await sameFile(options.config, out))) throw new UsageError(m.outIsConfig(out));
  const existing = await fs.stat(out).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(m.outIsDirectory(out));
  if (existing && !options.force) throw new UsageError(m.outExists(out));
  // A folder that does not exist or cannot be written is said now, before the check runs.
  const folder = path.dirname(path.resolve(out));
  try {
    if (!(await fs.stat(folder)).isDirectory()) throw new UsageError(m.cannotWrite(out, m.system.ENOTDIR));
    await fs.access(folder, fsConstants.W_OK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(m.cannotWrite(out, systemReason(errnoCode(e), lang)));
  }
}

const WORKBOOK_EXTENSIONS = [".xlsx", ".xlsm"];

async function sameFile(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  if ((await real(a)) === (await real(b))) return true;
  const [sa, sb] = await Promise.all([fs.stat(a).catch(() => null), fs.stat(b).catch(() => null)]);
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { version: string }).version;
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

interface WorkerSetup {
  stderrIsTTY: boolean;
  columns?: number;
}

if (require.main === module) {
  if (isMainThread) void supervise(process.argv.slice(2));
  else checkInWorker(workerData as WorkerSetup);
}

/**
 * The command runs in a worker thread with a bounded heap, so that a workbook that would exhaust the
 * memory, or a crash inside a library, ends as one line on stderr and exit status 2, never as V8's
 * out-of-memory trace or a stack. This thread loads no checker: it forwards and reports how the worker ended.
 */
async function supervise(argv: string[]): Promise<void> {
  let lang: Lang = langFromArgv(argv) ?? "it";
  let file: string | null = null;
  // A reader that stops early (`piao-check … | head`) is not an error; a full disk under `> report.txt` is.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(`piao-check: ${messages(lang).cannotWriteReport(systemReason(e.code ?? "EIO", lang))}\n`);
    process.exit(2);
  });
  const setup: WorkerSetup = { stderrIsTTY: process.stderr.isTTY === true, columns: process.stderr.columns };
  // Signals reach only this thread: give the terminal back the cursor and line wrapping the progress
  // bar took, then die of the signal as before, so that a shell loop stops on Ctrl-C.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (setup.stderrIsTTY) process.stderr.write("\x1b[?25h\x1b[?7h\n");
      process.kill(process.pid, signal);
    });
  }
  // Several files: batch.ts's workers check them, each with the limits of a checking thread (see orchestrate).
  const options = parsedOrNull(argv, lang);
  if (options !== null && options.files.length > 1 && !options.help && !options.version) return void orchestrate(argv, setup);
  // Set before the checking thread starts: a thread takes the process's V8 flags when it is created.
  (await import("node:v8")).setFlagsFromString(CHECKING_THREAD_V8_FLAGS);
  const worker = new Worker(__filename, {
    argv,
    workerData: setup,
    resourceLimits: heapLimits(options?.out !== undefined),
  });
  const report = (text: string) => {
    process.stderr.write(`piao-check: ${escapeControls(text)}\n`);
    process.exitCode = 2;
  };
  const fail = (e: unknown) => {
    const m = messages(lang);
    const outOfMemory = (e as NodeJS.ErrnoException | null)?.code === "ERR_WORKER_OUT_OF_MEMORY";
    report(outOfMemory ? m.outOfMemory(file) : file === null ? m.internalRun : m.internal(file));
    if (process.env.PIAO_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  };

  const limit = maxSeconds();
  let fileStart = process.cpuUsage();
  // This thread is idle while the worker checks, so the process's processor time is the check's.
  const watch = setInterval(() => {
    const used = process.cpuUsage(fileStart);
    if (file === null || (used.user + used.system) / 1e6 <= limit) return;
    clearInterval(watch);
    report(messages(lang).tooSlow(file, limit));
    void worker.terminate();
  }, WATCH_MS);
  worker.on("message", (message: { file: string; lang: Lang }) => {
    ({ file, lang } = message);
    fileStart = process.cpuUsage();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => {
    clearInterval(watch);
    if (process.exitCode !== undefined) return;
    // A library that called process.exit() with a status of its own is not an answer of ours.
    if (code === 0 || code === 1 || code === 2) process.exitCode = code;
    else fail(new Error(`exit ${code}`));
  });
}

/** The options, for the supervisor to choose how to run; null when the checking thread must say what is wrong. */
function parsedOrNull(argv: string[], lang: Lang): CliOptions | null {
  try {
    return parseCliArgs(argv, lang);
  } catch {
    return null;
  }
}

/**
 * A batch is run from this thread: its files are checked in batch.ts's worker threads, which have the heap
 * and time limits of a checking thread, and this thread only hands out file names and prints. Run from a
 * checking thread of its own as before, every report went through one more thread, which also loaded the
 * checker for nothing. This thread still never loads the checker, and anything unforeseen is one line.
 */
function orchestrate(argv: string[], setup: WorkerSetup): void {
  const internal = (e: unknown) => {
    process.stderr.write(`piao-check: ${escapeControls(messages(langFromArgv(argv) ?? "it").internalRun)}\n`);
    if (process.env.PIAO_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    return 2;
  };
  void run(argv, { ...processIo, stderrIsTTY: setup.stderrIsTTY })
    .catch(internal)
    .then((code) => {
      process.exitCode = code;
    });
}

/**
 * A library's console chatter (exceljs warns about sheet names over 31 characters) would break the one-line
 * stderr and the JSON on stdout: a checking thread prints only through the command's own io.
 */
export function quietConsole(): void {
  if (!process.env.PIAO_DEBUG) for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) console[level] = () => undefined;
}

function checkInWorker(setup: WorkerSetup): void {
  // The progress bar is drawn on the supervisor's terminal, through this thread's forwarded stderr.
  if (setup.stderrIsTTY) Object.assign(process.stderr, { isTTY: true, columns: setup.columns });
  quietConsole();
  const io: CliIo = {
    ...processIo,
    // Bytes, not text: the report crosses to the supervisor as its UTF-8 (1.1 MB for the bench workbook's JSON)
    // rather than as a string of two bytes a character, which the supervisor then encoded once more.
    stdout: (text) => process.stdout.write(Buffer.from(text, "utf8")),
    stderrIsTTY: setup.stderrIsTTY,
    onFile: (file, lang) => parentPort?.postMessage({ file, lang }),
  };
  // A rejection would be an uncaught error of this thread: the supervisor reports it in one line.
  void run(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
