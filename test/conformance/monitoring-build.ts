// Helpers for the monitoring (spec §3) and report (spec §4) conformance tests: seed 001's
// monitored tables laid out as in the source (Descrizione with the phase label, Incidenza,
// Monitoraggio al 30/09/2024, Scadenze, Raggiungimento Obiettivo), the CLI run with collected
// output, and annotated copies read back cell by cell.
import * as crypto from "crypto";
import * as fs from "fs";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import type { CheckReport, ObjectiveReport } from "../../src/core";
import { SheetBuilder, corpus, found } from "./build";
import type { Kind, Layout, Objective, Placed } from "./build";

/** Seed 001's columns: the label starts the Descrizione cell. */
export const SEED1_COLUMNS: Kind[] = ["desc", "inc", "mon", "scad", "ragg"];

/** A seed 001 objective with its real Monitoraggio and Raggiungimento texts. */
export function monitored(sheet: SheetBuilder, o: Objective, layout: Layout = {}): Placed {
  return sheet.block(o, {
    columns: SEED1_COLUMNS,
    evaluation: false,
    ...layout,
    headers: { mon: `Monitoraggio al ${o.monitoring_date_raw}`, ...layout.headers },
    extra: {
      mon: o.phases.map((p) => p.monitoring_raw ?? null),
      ragg: o.phases.map((p) => p.raggiungimento_raw ?? null),
      ...layout.extra,
    },
  });
}

/** One sheet holding one monitored corpus objective, optionally altered first. */
export function monitoredSheet(id: string, alter?: (o: Objective) => void, layout: Layout = {}) {
  const o = corpus(id);
  alter?.(o);
  const sheet = new SheetBuilder("Monitoraggio");
  const p = monitored(sheet, o, layout);
  return { o, sheet, p };
}

/** Phase statuses, in phase order, as "status days deadline completionDate" lines, easy to compare. */
export function statuses(objective: ObjectiveReport): string[] {
  return objective.phaseStatuses.map((s) => `${s.status} ${s.days} ${s.deadline} ${s.completionDate}`);
}

export const MONITORING_RULES = ["fase-overdue", "fase-completed-late", "obiettivo-raggiunto-incoherent"];

/** The findings of the monitoring-only rules, in found()'s form. */
export function monitoringFound(report: CheckReport): string[] {
  return found(report).filter((f) => MONITORING_RULES.includes(f.split(" ")[0]));
}

/** Runs piao-check with collected output. */
export async function piaoCheck(argv: string[], today = "2022-06-15") {
  let out = "";
  let err = "";
  const status = await run(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), today });
  return { status, out, err };
}

/** A sheet of an .xlsx as address -> displayed value (strings, numbers, ISO dates), non-empty cells only. */
export async function readCells(file: string, sheetName: string): Promise<Record<string, string | number>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheetName);
  if (!ws) throw new Error(`no sheet ${sheetName} in ${file}`);
  const cells: Record<string, string | number> = {};
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value;
      if (v === null || v === undefined || v === "") return;
      if (v instanceof Date) cells[cell.address] = v.toISOString().slice(0, 10);
      else if (typeof v === "object") cells[cell.address] = cell.text;
      else cells[cell.address] = v as string | number;
    }),
  );
  return cells;
}

/** The non-empty cells of one column, by address. */
export function column(cells: Record<string, string | number>, col: string): Record<string, string | number> {
  return Object.fromEntries(Object.entries(cells).filter(([a]) => a.replace(/\d+$/, "") === col));
}

export function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}
