// A batch of files: each file's report is printed as soon as it and the files before it are done, and only
// what is still to print is kept (text: the counts for the total line; JSON: the array is streamed), so memory
// stays flat with the number of files. `--jobs N` checks the files in N worker threads, output in file order;
// from the TypeScript sources (tests) they are checked in this thread.
import { existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Worker } from "node:worker_threads";
import type { CheckReport, Config, Lang, SeverityCounts } from "../core";
import type { CliOptions } from "./args";
import { heapLimits, maxSeconds, WATCH_MS } from "./limits";
import { escapeControls, messages } from "./messages";
import { grandTotal, jsonReport, jsonText, textReport } from "./report";

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
  // jsonText escapes U+2028 and U+2029 as a single file's report does, so that the only line breaks left
  // are JSON's own and the element can be indented line by line (a /^/m regex would also match after those two).
  const out =
    settings.options.format === "json"
      ? "  " + jsonText(jsonReport(fileReport)).replace(/\n/g, "\n  ")
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

  // Worker threads even for --jobs 1: the heap and time limits of each file are theirs.
  const worker = workerScript();
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

/** A worker and the files sent to it, in order: the first is the one being checked (batch-worker.ts). */
interface Slot {
  worker: Worker;
  sent: number[];
  /** When the first of `sent` began (performance.now()). */
  since: number;
  /** The line for the file being checked when the batch ended the worker for taking too long. */
  stopped?: string;
}

/**
 * Each worker has the heap limit of main.ts's checking thread, and a file that takes longer than
 * PIAO_MAX_SECONDS has its worker ended. Here the time is wall-clock time since the file began: the
 * workers share the processor, so the processor time of one of them is not at hand. When a worker dies
 * (a crash, memory exhausted, the time limit), the file it was checking gets one line on stderr, the
 * files sent behind it (not yet begun) are sent again, and a fresh worker goes on with them.
 */
async function inWorkers(
  files: string[],
  settings: BatchSettings,
  jobs: number,
  script: string,
  print: (file: string, outcome: FileOutcome) => void,
): Promise<void> {
  const { Worker } = await import("node:worker_threads");
  const m = messages(settings.lang);
  const seconds = maxSeconds();
  // Results that came in before those of earlier files; bounded, so that memory stays flat.
  const waiting = new Map<number, FileOutcome>();
  const window = jobs * PIPELINE * 4;
  // Files of a dead worker, sent again before any new one.
  const again: number[] = [];
  let next = 0;
  let toPrint = 0;
  await new Promise<void>((resolve) => {
    const slots: Slot[] = [];
    const idle: Slot[] = [];
    const canSend = () => again.length > 0 || (next < files.length && next - toPrint < window);
    const dispatch = (slot: Slot) => {
      if (!canSend()) {
        // Once: a worker listed twice could still be sent files after it died, which nobody would check.
        if (!idle.includes(slot)) idle.push(slot);
        return;
      }
      const index = again.length > 0 ? (again.shift() as number) : next++;
      if (slot.sent.length === 0) slot.since = performance.now();
      slot.sent.push(index);
      slot.worker.postMessage({ index, file: files[index] });
    };
    const settle = (index: number, outcome: FileOutcome) => {
      waiting.set(index, outcome);
      while (waiting.has(toPrint)) {
        print(files[toPrint], waiting.get(toPrint) as FileOutcome);
        waiting.delete(toPrint++);
      }
      if (toPrint === files.length) return finish();
      // Printing may have opened the window for workers left idle.
      while (idle.length > 0 && canSend()) dispatch(idle.pop() as Slot);
    };
    const spawn = (): Slot => {
      const slot: Slot = { worker: new Worker(script, { workerData: settings, resourceLimits: heapLimits() }), sent: [], since: 0 };
      let error: unknown;
      slot.worker.on("message", ({ index, outcome }: { index: number; outcome: FileOutcome }) => {
        // Its file is reported as stopped already.
        if (slot.stopped !== undefined) return;
        slot.sent.shift();
        slot.since = performance.now();
        settle(index, outcome);
        if (toPrint < files.length) dispatch(slot);
      });
      slot.worker.on("error", (e) => (error = e));
      slot.worker.on("exit", () => {
        if (toPrint === files.length) return;
        if (idle.includes(slot)) idle.splice(idle.indexOf(slot), 1);
        const [index, ...behind] = slot.sent;
        again.push(...behind);
        again.sort((a, b) => a - b);
        slots[slots.indexOf(slot)] = spawn();
        if (index === undefined) return;
        const file = files[index];
        const outOfMemory = (error as NodeJS.ErrnoException | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY";
        let line = escapeControls(slot.stopped ?? (outOfMemory ? m.outOfMemory(file) : m.internal(file)));
        if (process.env.PIAO_DEBUG && error !== undefined) line += `\n${error instanceof Error ? error.stack : String(error)}`;
        settle(index, { error: line });
      });
      // A few files ahead per worker, so that it never waits for the main thread between two files.
      for (let k = 0; k < PIPELINE; k++) dispatch(slot);
      return slot;
    };
    const watch = setInterval(() => {
      for (const slot of slots) {
        if (slot.sent.length === 0 || slot.stopped !== undefined || performance.now() - slot.since <= seconds * 1000) continue;
        slot.stopped = m.tooSlow(files[slot.sent[0]], seconds);
        void slot.worker.terminate();
      }
    }, WATCH_MS);
    const finish = () => {
      clearInterval(watch);
      for (const slot of slots) void slot.worker.terminate();
      resolve();
    };
    for (let i = 0; i < jobs; i++) slots.push(spawn());
  });
}
