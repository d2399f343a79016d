// A batch of files: each file's report is printed as soon as it and the files before it are done, and only
// what is still to print is kept (text: the counts for the total line; JSON: the array is streamed), so memory
// stays flat with the number of files. `--jobs N` checks the files in N worker threads, output in file order.
import { existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Worker } from "node:worker_threads";
import type { CheckReport, Config, Lang, SeverityCounts } from "../core";
import type { CliOptions } from "./args";
import { grandTotal, jsonReport, textReport } from "./report";

/** What a worker needs besides the file name (plain data: it crosses the thread boundary). */
export interface BatchSettings {
  options: CliOptions;
  config: Config;
  lang: Lang;
  today?: string;
}

/** One file's outcome, ready to print. */
export interface FileOutcome {
  /** The report as printed (text, or one JSON element indented as in the array). */
  out?: string;
  counts?: SeverityCounts;
  /** The stderr line's message when the file could not be checked. */
  error?: string;
}

export interface BatchIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The file checker (main.ts's), given by the caller so that this module does not depend on the command. */
export type CheckOne = (file: string, settings: BatchSettings) => Promise<FileOutcome>;

/** Default --jobs: the machine's cores. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
}

/** The printed form of one file's report. */
export function formatOutcome(file: string, report: CheckReport, settings: BatchSettings): FileOutcome {
  const fileReport = { file, report };
  const out =
    settings.options.format === "json"
      ? JSON.stringify(jsonReport(fileReport), null, 2).replace(/^/gm, "  ")
      : textReport(fileReport, settings.lang) + "\n";
  return { out, counts: report.counts };
}

/** Runs the batch; returns the exit status (2 when a file could not be checked, else 1 when one has errors). */
export async function runBatch(
  files: string[],
  settings: BatchSettings,
  jobs: number,
  checkOne: CheckOne,
  io: BatchIo,
  onFile: () => void = () => undefined,
): Promise<number> {
  const json = settings.options.format === "json";
  const totals: { file: string; report: CheckReport }[] = [];
  let printed = 0;
  let failed = false;
  let anyError = false;
  const print = (file: string, outcome: FileOutcome) => {
    onFile();
    if (outcome.error !== undefined) {
      failed = true;
      io.stderr(`piao-check: ${outcome.error}\n`);
      return;
    }
    const counts = outcome.counts as SeverityCounts;
    anyError ||= counts.error > 0;
    if (json) io.stdout((printed === 0 ? "[\n" : ",\n") + outcome.out);
    else {
      io.stdout(outcome.out as string);
      // Only the counts stay for the total line.
      totals.push({ file, report: { counts } as CheckReport });
    }
    printed++;
  };

  const worker = jobs > 1 && files.length > 1 ? workerScript() : null;
  if (worker === null) for (const file of files) print(file, await checkOne(file, settings));
  else await inWorkers(files, settings, Math.min(jobs, files.length), worker, print);

  if (json) io.stdout(printed === 0 ? "[]\n" : "\n]\n");
  else io.stdout(grandTotal(totals, settings.lang));
  if (failed) return 2;
  return anyError ? 1 : 0;
}

/** Files sent ahead to each worker. */
const PIPELINE = 4;

/** The compiled worker next to this module; absent when running from the TypeScript sources (tests). */
function workerScript(): string | null {
  const file = path.join(__dirname, "batch-worker.js");
  return existsSync(file) ? file : null;
}

async function inWorkers(
  files: string[],
  settings: BatchSettings,
  jobs: number,
  script: string,
  print: (file: string, outcome: FileOutcome) => void,
): Promise<void> {
  const { Worker } = await import("node:worker_threads");
  // Results that came in before those of earlier files; bounded, so that memory stays flat.
  const waiting = new Map<number, FileOutcome>();
  const window = jobs * PIPELINE * 4;
  let next = 0;
  let toPrint = 0;
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    const dispatch = (w: Worker) => {
      if (next < files.length && next - toPrint < window) w.postMessage({ index: next, file: files[next++] });
      else idle.push(w);
    };
    const idle: Worker[] = [];
    const finish = () => {
      for (const w of workers) void w.terminate();
      resolve();
    };
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(script, { workerData: settings });
      workers.push(w);
      w.on("message", ({ index, outcome }: { index: number; outcome: FileOutcome }) => {
        waiting.set(index, outcome);
        while (waiting.has(toPrint)) {
          print(files[toPrint], waiting.get(toPrint) as FileOutcome);
          waiting.delete(toPrint++);
        }
        if (toPrint === files.length) return finish();
        dispatch(w);
        // Printing may have opened the window for workers left idle.
        while (idle.length > 0 && next < files.length && next - toPrint < window) dispatch(idle.pop() as Worker);
      });
      w.on("error", reject);
      // A few files ahead per worker, so that it never waits for the main thread between two files.
      for (let k = 0; k < PIPELINE; k++) dispatch(w);
    }
  });
}
