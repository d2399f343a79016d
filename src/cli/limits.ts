// The limits of the thread that checks a file (main.ts's supervisor, batch.ts's workers): one place for both.

/** Heap of a thread that checks, in MB (PIAO_MAX_HEAP_MB changes it): beyond it, one line and exit 2. */
export const DEFAULT_HEAP_MB = 400;
/**
 * Seconds one file may take (PIAO_MAX_SECONDS changes it). A single file is timed in processor time, not
 * wall-clock time, so that a busy machine does not stop a sound file: the largest real workbooks take a few seconds.
 */
export const DEFAULT_MAX_SECONDS = 15;
/** How often the time limit is looked at, in milliseconds. */
export const WATCH_MS = 250;

/**
 * The young generation of a checking thread, in MB. V8's default lets it grow to tens of MB, which on the
 * bench workbook cost 20-25 MiB of peak RSS and no time: what a check allocates either dies at once or lives
 * until the report (the grid), so a larger nursery only copies the same survivors in fewer, longer scavenges.
 * Writing the annotated copy was measured 6-8% slower with 4 MB, and as fast with 32 MB as with V8's
 * default, which took 20-25 MiB more.
 */
const YOUNG_GENERATION_MB = 4;
const COPY_YOUNG_GENERATION_MB = 32;

/**
 * V8 flags for the one thread that checks a single file, set on the process just before that thread is created
 * (it takes them then; a Worker's execArgv refuses V8's own flags). Without inlining, the optimising compiler
 * builds smaller graphs, in less memory and less time: on the bench workbook 3 MiB less peak RSS and 0.96x the
 * time (11 alternated pairs; --out 0.94x, 3 MiB less), as fast on a workbook of 20,000 schede. A batch keeps
 * V8's defaults: its workers check many files with the same, hot, code. Without concurrent recompilation the
 * check took 5-6 MiB less, but 1.25x the time on two free cores (the compiler no longer ran on the other one).
 */
export const CHECKING_THREAD_V8_FLAGS = "--no-turbo-inlining";

/** The heap limits of a checking thread (`copy`: one that writes the annotated copy), as Worker resourceLimits. */
export function heapLimits(copy = false): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return {
    maxOldGenerationSizeMb: positiveEnv("PIAO_MAX_HEAP_MB", DEFAULT_HEAP_MB),
    maxYoungGenerationSizeMb: copy ? COPY_YOUNG_GENERATION_MB : YOUNG_GENERATION_MB,
  };
}

export function maxSeconds(): number {
  return positiveEnv("PIAO_MAX_SECONDS", DEFAULT_MAX_SECONDS);
}

/** A positive number from the environment; anything else (unset, text, 0, negative) is the default. */
function positiveEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
