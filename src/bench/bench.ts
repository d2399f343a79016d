// npm run bench: a workbook of 2,000 real schede (table rows of test/data/corpus, prose rows of seed 002) in 21 sheets,
// then the core's speed, the readers' times, whole processes paired and alternated (a check next to an exceljs-only
// read, --out next to an exceljs read + write), peak memory, and a batch of 1,000 copies of the example with --jobs.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { checkWorkbook, type CheckReport } from "../core";
import { jsonReport } from "../cli/report";
import { readPackageGrid } from "../cli/reader";
import { readWorkbookGrid, workbookToGrid } from "../cli/xlsx";

const ROOT = path.resolve(__dirname, "../..");
const CORPUS = process.env.PIAO_CORPUS ?? path.resolve(ROOT, "test/data/corpus");
const BLOCKS = 2000;
const BLOCKS_PER_SHEET = 100; // 20 sheets of schede and the Responsabili sheet
const MIN_PHASES = 5; // the corpus's objectives with 5+ phases: 2,000 blocks give 10,000+ phase rows
const TODAY = "2024-09-30";
const PER_FILE_ROUNDS = 6;
const PAIRS = Number(process.env.PIAO_BENCH_PAIRS ?? 7);
const BATCH_FILES = Number(process.env.PIAO_BENCH_BATCH ?? 1000);
const BATCH_PAIRS = Number(process.env.PIAO_BENCH_BATCH_PAIRS ?? 3);
const EXAMPLE = path.join(ROOT, "examples/obiettivi-2022.xlsx");

interface Phase {
  label_raw: string;
  description: string;
  incidenza_raw: string | null;
  codifica_raw: string | null;
  deadline_raw: string | null;
  monitoring_raw?: string | null;
  raggiungimento_raw?: string | null;
}
interface Objective {
  id: string;
  sector: string;
  objective_letter: string;
  title: string;
  monitoring_date_raw: string | null;
  phases: Phase[];
  stated_total_raw: string | null;
  final_deadline_raw: string | null;
}

function dateOrText(raw: string | null): Date | string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw ?? "");
  return m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : raw;
}

function weight(raw: string | null): number | null {
  return raw === null ? null : Number(raw.replace("%", "").replace(",", ".")) / 100;
}

// The prose rows that surround every table of a real scheda (seed 002, "Obiettivo A" of the Settore
// Risorse finanziarie e tributi): a realistic sheet is mostly this text, not the table.
const INTRO = [
  "Finalità Strategiche: L'obiettivo è finalizzato a fornire informazioni utili per il Controllo di Gestione e per il supporto alle scelte organizzativo-strategiche dell'Amministrazione",
  "Direttive specifiche: Tracciare le spese correnti e le entrate correnti di diretta imputazione per i centri di costo dell'Ente",
  "Tempistica:",
  "Fasi progettuali di sviluppo dell'obiettivo",
];
const OUTRO = [
  "Risultato atteso: Elaborazione del conto economico per centro di costo",
  "Obiettivo raggiunto al 100%: se tutte le fasi previste sono state espletate entro la scadenza",
  "Obiettivo non raggiunto: se tutte le fasi previste non sono state espletate entro la scadenza",
  "Indicatori di risultato: completezza delle fasi e rispetto della tempistica",
  "Vincoli:",
  "Risorse Umane: individuate nell'ambito del Settore",
  "Risorse Finanziarie: assegnate con il PEG",
  "Il Dirigente",
  "Visto di validazione: il Nucleo di Valutazione",
];

/**
 * One scheda in the layout of the seeds: sector and title, the prose before the table, the table (label
 * column, Descrizione, Incidenza (0%), Codifica or Monitoraggio, Scadenze), the prose after it.
 */
function writeBlock(ws: ExcelJS.Worksheet, row: number, o: Objective): number {
  const monitoring = o.monitoring_date_raw !== null;
  ws.getCell(row, 1).value = o.sector;
  ws.getCell(row + 1, 1).value = `Obiettivo ${o.objective_letter}: ${o.title}`;
  row += 2;
  for (const line of INTRO) ws.getCell(row++, 1).value = line;
  ws.getRow(row).values = monitoring
    ? [null, "Descrizione", "Incidenza %", `Monitoraggio al ${o.monitoring_date_raw}`, "Scadenze previste", "Raggiungimento Obiettivo"]
    : [null, "Descrizione", "Incidenza %", "Codifica Responsabili coinvolti", "Scadenze previste"];
  row++;
  for (const p of o.phases) {
    const r = ws.getRow(row++);
    r.values = [
      p.label_raw,
      p.description,
      weight(p.incidenza_raw),
      monitoring ? (p.monitoring_raw ?? null) : p.codifica_raw,
      dateOrText(p.deadline_raw),
      monitoring ? (p.raggiungimento_raw ?? null) : null,
    ];
    r.getCell(3).numFmt = "0%";
    r.getCell(5).numFmt = "dd/mm/yyyy";
  }
  const total = ws.getRow(row++);
  total.values = ["Totale", null, weight(o.stated_total_raw?.slice(0, 4) ?? null)];
  total.getCell(3).numFmt = "0%";
  const final = ws.getRow(row++);
  final.values = ["Scadenza finale per il raggiungimento dell'obiettivo:", null, null, null, dateOrText(o.final_deadline_raw)];
  final.getCell(5).numFmt = "dd/mm/yyyy";
  row++;
  for (const line of OUTRO) ws.getCell(row++, 1).value = line;
  return row + 2;
}

async function generate(file: string): Promise<{ phases: number; sheets: number }> {
  const all = JSON.parse(readFileSync(path.join(CORPUS, "objectives.json"), "utf8")) as Objective[];
  const responsabili = JSON.parse(readFileSync(path.join(CORPUS, "responsabili.json"), "utf8")) as {
    codes: Record<string, { description: string }>;
  };
  const pool = all.filter((o) => o.phases.length >= MIN_PHASES);
  const wb = new ExcelJS.Workbook();
  const resp = wb.addWorksheet("Responsabili");
  resp.addRow(["codifica", "Elenco Responsabili"]);
  for (const [code, { description }] of Object.entries(responsabili.codes)) resp.addRow([code, description]);

  let phases = 0;
  let ws: ExcelJS.Worksheet | null = null;
  let row = 1;
  for (let i = 0; i < BLOCKS; i++) {
    if (i % BLOCKS_PER_SHEET === 0) {
      ws = wb.addWorksheet(`Settore ${i / BLOCKS_PER_SHEET + 1}`);
      row = 1;
    }
    const o = pool[i % pool.length];
    row = writeBlock(ws as ExcelJS.Worksheet, row, o);
    phases += o.phases.length;
  }
  await wb.xlsx.writeFile(file);
  return { phases, sheets: wb.worksheets.length };
}

async function best<T>(runs: number, fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  let bestMs = Infinity;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = await fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms < bestMs) bestMs = ms;
  }
  return { ms: bestMs, result };
}

/** A child node process; a preload script records its peak RSS (maxRSS, KiB, all threads) and processor time at exit. */
function child(dir: string, args: string[]): ChildRun {
  const rssFile = path.join(dir, "rss.txt");
  const preload = path.join(dir, "rss.js");
  writeFileSync(
    preload,
    `process.on("exit", () => { const u = process.resourceUsage(); require("fs").writeFileSync(${JSON.stringify(rssFile)}, [u.maxRSS, u.userCPUTime + u.systemCPUTime].join(" ")); });\n`,
  );
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", preload, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ").slice(0, 200)}: exit ${r.status}: ${r.stderr}`);
  const [rssKb, cpuUs] = readFileSync(rssFile, "utf8").split(" ").map(Number);
  return { ms, rssMb: rssKb / 1024, cpuMs: cpuUs / 1000 };
}

interface ChildRun {
  ms: number;
  rssMb: number;
  /** Processor time of all the process's threads (V8's compiler and GC threads too). */
  cpuMs: number;
}

/** Alternated pairs of whole processes, `a` then `b`, so that both see the same (shared, noisy) machine. */
function pairs(dir: string, n: number, a: string[], b: string[]): { a: ChildRun[]; b: ChildRun[] } {
  const out = { a: [] as ChildRun[], b: [] as ChildRun[] };
  for (let i = 0; i < n; i++) {
    out.a.push(child(dir, a));
    out.b.push(child(dir, b));
  }
  return out;
}

/** Median ratio b/a of the pairs with its spread (min-max over the pairs), medians of each side, peak RSS. */
function describePairs(label: string, p: { a: ChildRun[]; b: ChildRun[] }, aName: string, bName: string): number {
  const ratios = p.a.map((a, i) => p.b[i].ms / a.ms);
  const rss = (runs: ChildRun[]) =>
    `peak RSS median ${fmt(median(runs.map((r) => r.rssMb)))} MiB, max ${fmt(Math.max(...runs.map((r) => r.rssMb)))} MiB, processor time median ${fmt(median(runs.map((r) => r.cpuMs)))} ms`;
  console.log(`${label}, ${p.a.length} alternated pairs:`);
  console.log(`  ${aName}: median ${fmt(median(p.a.map((r) => r.ms)))} ms (${fmt(Math.min(...p.a.map((r) => r.ms)))}-${fmt(Math.max(...p.a.map((r) => r.ms)))}), ${rss(p.a)}`);
  console.log(`  ${bName}: median ${fmt(median(p.b.map((r) => r.ms)))} ms (${fmt(Math.min(...p.b.map((r) => r.ms)))}-${fmt(Math.max(...p.b.map((r) => r.ms)))}), ${rss(p.b)}`);
  const r = median(ratios);
  console.log(`  ratio ${bName} / ${aName}: median of pairs ${fmt(r, 3)} (spread ${fmt(Math.min(...ratios), 3)}-${fmt(Math.max(...ratios), 3)}); ratio of medians ${fmt(median(p.b.map((x) => x.ms)) / median(p.a.map((x) => x.ms)), 3)}`);
  return r;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const verdict = (met: boolean) => (met ? "met" : "NOT met");

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  if (!existsSync(path.join(CORPUS, "objectives.json"))) {
    console.error(`bench: corpus non trovato in ${CORPUS} (impostare PIAO_CORPUS)`);
    process.exitCode = 2;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "piao-bench-"));
  const file = path.join(dir, "bench.xlsx");
  try {
    const gen = await best(1, () => generate(file));
    const size = statSync(file).size;
    console.log(`workbook: ${fmt(BLOCKS)} objective blocks, ${fmt(gen.result.phases)} phase rows, ${gen.result.sheets} sheets, ${fmt(size / 1048576, 1)} MB (generated in ${fmt(gen.ms / 1000, 2)} s)`);
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => fmt(l, 1)).join(" ")} (shared: compare ratios of paired runs)`);

    // What checking adds to each file's read, in one process: the first file pays for loading and
    // compiling the checker (see the process figures below), so the steady state is the median of the next ones.
    const rounds: { read: number; fast: number; grid: number; check: number; json: number }[] = [];
    let report: CheckReport | null = null;
    for (let i = 0; i < PER_FILE_ROUNDS; i++) {
      const t0 = performance.now();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const t1 = performance.now();
      const grid = workbookToGrid(workbook);
      const t2 = performance.now();
      report = checkWorkbook(grid, { today: TODAY });
      const t3 = performance.now();
      JSON.stringify(jsonReport({ file, report }), null, 2);
      const t4 = performance.now();
      readPackageGrid(readFileSync(file));
      rounds.push({ read: t1 - t0, grid: t2 - t1, check: t3 - t2, json: t4 - t3, fast: performance.now() - t4 });
    }
    const steady = rounds.slice(1);
    const read = median(steady.map((r) => r.read));
    const fast = median(steady.map((r) => r.fast));
    const grid = median(steady.map((r) => r.grid));
    const check = median(steady.map((r) => r.check));
    const json = median(steady.map((r) => r.json));
    const added = grid + check + json;
    console.log(`per file in one process (median of ${steady.length} after the first): exceljs read ${fmt(read)} ms; checking adds grid ${fmt(grid, 1)} + check ${fmt(check, 1)} + JSON ${fmt(json, 1)} = ${fmt(added, 1)} ms (${fmt((added / read) * 100, 1)}% of the read; target <= 10%)`);
    console.log(`the checker's reader, same file, same grid: ${fmt(fast)} ms (${fmt(fast / read, 3)}x exceljs's read)`);

    const gridForCore = await readWorkbookGrid(file);
    const core = await best(10, () => checkWorkbook(gridForCore, { today: TODAY }));
    const found = core.result.objectives.reduce((n, o) => n + o.phases, 0);
    console.log(`core checkWorkbook (best of 10): ${fmt(core.ms, 1)} ms for ${fmt(core.result.objectives.length)} blocks / ${fmt(found)} phase rows -> ${fmt(found / (core.ms / 1000))} phase rows/s (target >= 200,000)`);
    if (report?.findings.length !== core.result.findings.length) throw new Error("the checks of the same file disagree");

    // Whole processes: node start-up, module loading and a cold (not yet optimised) checker are part of a run.
    const main = path.join(ROOT, "lib/cli/main.js");
    const exceljsRead = ["-e", `new (require("exceljs").Workbook)().xlsx.readFile(${JSON.stringify(file)})`];
    const checkPairs = pairs(dir, PAIRS, exceljsRead, [main, file, "--format", "json"]);
    const check1 = describePairs("check only (JSON) next to an exceljs-only read", checkPairs, "exceljs read", "piao-check");
    const checkRss = median(checkPairs.b.map((r) => r.rssMb));
    console.log(`  targets: <= 0.6x the exceljs read -> ${verdict(check1 <= 0.6)}; <= 100 MiB peak RSS (median) -> ${verdict(checkRss <= 100)}`);

    const out = path.join(dir, "copia.xlsx");
    const exceljsCopy = ["-e", `const E=require("exceljs");const w=new E.Workbook();w.xlsx.readFile(${JSON.stringify(file)}).then(()=>w.xlsx.writeFile(${JSON.stringify(out)}))`];
    describePairs("--out next to an exceljs read + write of the same workbook (the floor of the copy before the reader)", pairs(dir, PAIRS, exceljsCopy, [main, file, "--out", out, "--force"]), "exceljs read+write", "piao-check --out");

    const batchDir = path.join(dir, "batch");
    mkdirSync(batchDir);
    const files = Array.from({ length: BATCH_FILES }, (_, i) => path.join(batchDir, `obiettivi-${i + 1}.xlsx`));
    for (const f of files) copyFileSync(EXAMPLE, f);
    // A list file is not an option of piao-check: the names go on the command line (about 40 KB for 1,000).
    const batch = pairs(dir, BATCH_PAIRS, [main, ...files, "--format", "json", "--jobs", "1"], [main, ...files, "--format", "json", "--jobs", "2"]);
    const speedups = batch.a.map((a, i) => a.ms / batch.b[i].ms);
    describePairs(`batch of ${fmt(BATCH_FILES)} copies of the example (JSON)`, batch, "--jobs 1", "--jobs 2");
    const speedup = median(speedups);
    const batchRss = Math.max(...[...batch.a, ...batch.b].map((r) => r.rssMb));
    console.log(`  --jobs 2 speed-up over --jobs 1: median ${fmt(speedup, 2)}x (spread ${fmt(Math.min(...speedups), 2)}-${fmt(Math.max(...speedups), 2)})`);
    console.log(`  targets: >= 1.6x on 2 free cores -> ${verdict(speedup >= 1.6)}; peak RSS <= 150 MiB (max of both) -> ${verdict(batchRss <= 150)}`);
  } finally {
    if (!process.env.PIAO_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});
