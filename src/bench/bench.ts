// npm run bench: a workbook of 2,000 real schede (table rows of test/data/corpus, prose rows of seed 002), then the core's
// speed, exceljs's read time, the CLI's total time next to an exceljs-only process, and peak memory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { checkWorkbook, type CheckReport } from "../core";
import { jsonReport } from "../cli/report";
import { readWorkbookGrid, workbookToGrid } from "../cli/xlsx";

const ROOT = path.resolve(__dirname, "../..");
const CORPUS = process.env.PIAO_CORPUS ?? path.resolve(ROOT, "test/data/corpus");
const BLOCKS = 2000;
const BLOCKS_PER_SHEET = 20;
const MIN_PHASES = 5; // the corpus's objectives with 5+ phases: 2,000 blocks give 10,000+ phase rows
const TODAY = "2024-09-30";
const PER_FILE_ROUNDS = 6;
const PROCESS_RUNS = 7;

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

/** A child node process; a preload script records its peak RSS (maxRSS, KiB) at exit. */
function child(dir: string, args: string[]): ChildRun {
  const rssFile = path.join(dir, "rss.txt");
  const preload = path.join(dir, "rss.js");
  writeFileSync(
    preload,
    `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", preload, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
  return { ms, rssMb: Number(readFileSync(rssFile, "utf8")) / 1024 };
}

interface ChildRun {
  ms: number;
  rssMb: number;
}

function summary(runs: ChildRun[]): { min: number; median: number; rssMb: number } {
  const ms = runs.map((r) => r.ms);
  return { min: Math.min(...ms), median: median(ms), rssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

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

    // What checking adds to each file's read, in one process: the first file pays for loading and
    // compiling the checker (see the process figures below), so the steady state is the median of the next ones.
    const rounds: { read: number; grid: number; check: number; json: number }[] = [];
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
      rounds.push({ read: t1 - t0, grid: t2 - t1, check: t3 - t2, json: performance.now() - t3 });
    }
    const steady = rounds.slice(1);
    const read = median(steady.map((r) => r.read));
    const grid = median(steady.map((r) => r.grid));
    const check = median(steady.map((r) => r.check));
    const json = median(steady.map((r) => r.json));
    const added = grid + check + json;
    console.log(`per file in one process (median of ${steady.length} after the first): exceljs read ${fmt(read)} ms; checking adds grid ${fmt(grid, 1)} + check ${fmt(check, 1)} + JSON ${fmt(json, 1)} = ${fmt(added, 1)} ms (${fmt((added / read) * 100, 1)}% of the read; target <= 10%)`);

    const gridForCore = await readWorkbookGrid(file);
    const core = await best(10, () => checkWorkbook(gridForCore, { today: TODAY }));
    const found = core.result.objectives.reduce((n, o) => n + o.phases, 0);
    console.log(`core checkWorkbook (best of 10): ${fmt(core.ms, 1)} ms for ${fmt(core.result.objectives.length)} blocks / ${fmt(found)} phase rows -> ${fmt(found / (core.ms / 1000))} phase rows/s (target >= 200,000)`);
    if (report?.findings.length !== core.result.findings.length) throw new Error("the checks of the same file disagree");

    // Whole processes, alternated so that both see the same machine: node start-up, module loading and a
    // cold (not yet optimised) checker are part of a single CLI run.
    const exceljsOnly: ChildRun[] = [];
    const cli: ChildRun[] = [];
    for (let i = 0; i < PROCESS_RUNS; i++) {
      exceljsOnly.push(child(dir, ["-e", `new (require("exceljs").Workbook)().xlsx.readFile(${JSON.stringify(file)})`]));
      cli.push(child(dir, [path.join(ROOT, "lib/cli/main.js"), file, "--format", "json"]));
    }
    const e = summary(exceljsOnly);
    const c = summary(cli);
    console.log(`exceljs-only process (node + require exceljs + readFile), ${PROCESS_RUNS} runs: min ${fmt(e.min)} ms, median ${fmt(e.median)} ms, peak RSS ${fmt(e.rssMb)} MB`);
    console.log(`CLI process (node lib/cli/main.js FILE --format json), ${PROCESS_RUNS} runs: min ${fmt(c.min)} ms, median ${fmt(c.median)} ms, peak RSS ${fmt(c.rssMb)} MB`);
    console.log(`ratio CLI / exceljs-only process: ${fmt(c.median / e.median, 3)} on medians, ${fmt(c.min / e.min, 3)} on minima (a single cold run adds ${fmt((c.median / e.median - 1) * 100, 1)}%)`);
  } finally {
    if (!process.env.PIAO_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});
