// Black-box helpers for the conformance suite: real corpus rows laid out as a comune would type
// them in Excel, written to a real .xlsx with exceljs, read back through the CLI's reader and
// checked by the core. Written from spec §1-§2 only; nothing here knows how the core works.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { checkWorkbook } from "../../src/core";
import type { CheckReport, ConfigInput } from "../../src/core";
import type { CorpusObjective, CorpusPhase } from "../fixtures/corpus";

const CORPUS = path.resolve(__dirname, "../data/corpus");

// The corpus entries' shape (only the types are shared with the other fixtures).
export type Phase = CorpusPhase;
export type Objective = CorpusObjective;

const objectives: Objective[] = JSON.parse(fs.readFileSync(path.join(CORPUS, "objectives.json"), "utf8"));
const responsabili: { codes: Record<string, { description: string; line: number }> } = JSON.parse(
  fs.readFileSync(path.join(CORPUS, "responsabili.json"), "utf8"),
);

/** A deep copy of one corpus objective, so a test may alter it. */
export function corpus(id: string): Objective {
  const found = objectives.find((o) => o.id === id);
  if (!found) throw new Error(`no corpus objective ${id}`);
  return JSON.parse(JSON.stringify(found)) as Objective;
}

/** A cell with an explicit number format. */
export interface Formatted {
  v: string | number | Date;
  fmt: string;
}
/** A cell exceljs writes as given: a formula with its cached result, rich text, a hyperlink. */
export interface Raw {
  raw: ExcelJS.CellValue;
  fmt?: string;
}
export type Cell = string | number | Date | null | Formatted | Raw;

export const pct = (fraction: number, fmt = "0%"): Formatted => ({ v: fraction, fmt });
/** A real date cell: what Excel stores when the user types 28/02/2022. */
export const day = (iso: string, fmt = "dd/mm/yyyy"): Formatted => ({ v: new Date(`${iso}T00:00:00Z`), fmt });
/** The Excel serial of an ISO date (days since 1899-12-30). */
export const serial = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86400000 + 25569;

/** Column letters of a 0-based index. */
export function colName(col: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export type Kind = "label" | "desc" | "inc" | "cod" | "scad" | "mon" | "ragg" | "note" | "ind";

const DEFAULT_HEADERS: Record<Kind, string> = {
  label: "",
  desc: "Descrizione",
  inc: "Incidenza %",
  cod: "Codifica Responsabili coinvolti",
  scad: "Scadenze previste",
  mon: "Monitoraggio al 30/09/2024",
  ragg: "Raggiungimento Obiettivo",
  note: "Note",
  ind: "Indicatore",
};

export interface Layout {
  /** First column of the table, 0-based (0 = A). */
  col0?: number;
  /** Columns left to right; without "label" the label starts the Descrizione cell. */
  columns?: Kind[];
  headers?: Partial<Record<Kind, string>>;
  /** How a weight is typed; default a %-formatted fraction. */
  weight?: (points: number, phase: Phase) => Cell;
  /** How a deadline is typed; default a date cell when the corpus has a plain date, else its text. */
  deadline?: (phase: Phase) => Cell;
  /** "row": own unlabelled row; "Totale": own row labelled Totale; "final": on the final-deadline row. */
  total?: "row" | "Totale" | "final" | "none";
  /** Cell of the stated total; default the weight writer applied to 100. */
  totalCell?: Cell;
  /** Where the final deadline goes: Scadenze column, a column right of the label, inside the label cell. */
  final?: "scad" | "right" | "inLabel" | "none";
  finalCell?: Cell;
  /** Extra cells per phase, by kind (e.g. Monitoraggio texts). */
  extra?: Partial<Record<Kind, Cell[]>>;
  /** Phases whose weight cell is merged with the following ones: [first phase index, count]. */
  mergedWeight?: [number, number];
  /** Rows printed before the header (city, sector, title...); default the real preamble. */
  preamble?: Cell[][];
  /** Evaluation text after the block (contains "entro la scadenza finale"). */
  evaluation?: boolean;
}

export const FINAL_LABEL = "Scadenza finale per il raggiungimento dell'obiettivo:";
export const EVALUATION = "Obiettivo raggiunto al 100%: espletamento delle fasi previste entro la scadenza finale";

export function defaultDeadline(p: Phase): Cell {
  if (p.deadline && p.deadline_raw && /^\d{2}\/\d{2}\/\d{4}$/.test(p.deadline_raw)) return day(p.deadline);
  return p.deadline_raw;
}

/** Where a block's parts landed, 1-based rows as in A1 addresses. */
export interface Placed {
  header: number;
  phases: number[];
  total: number | null;
  final: number | null;
  title: number | null;
  /** A1 address of a column kind at a row. */
  at(kind: Kind, row: number): string;
  /** A1 address of a kind at phase i (0-based). */
  ph(kind: Kind, i: number): string;
}

export class SheetBuilder {
  rows: Cell[][] = [];
  merges: string[] = [];
  constructor(readonly name: string) {}

  /** Appends rows; each row's cells start at col0. Returns the 1-based number of the first row. */
  add(rows: Cell[][], col0 = 0): number {
    const first = this.rows.length + 1;
    for (const r of rows) this.rows.push([...Array<Cell>(col0).fill(null), ...r]);
    return first;
  }

  blank(n = 1): void {
    this.add(Array.from({ length: n }, () => []));
  }

  /** Lays out one corpus objective as a sheet block. */
  block(o: Objective, layout: Layout = {}): Placed {
    const col0 = layout.col0 ?? 0;
    const columns = layout.columns ?? ["label", "desc", "inc", "cod", "scad"];
    const headers = { ...DEFAULT_HEADERS, ...layout.headers };
    const weight = layout.weight ?? ((points: number) => pct(points / 100));
    const deadline = layout.deadline ?? defaultDeadline;
    const idx = (k: Kind) => columns.indexOf(k);
    const inline = idx("label") < 0;
    const totalMode = layout.total ?? "row";
    const finalMode = layout.final ?? "scad";
    const labelCol = inline ? idx("desc") : idx("label");

    const preamble = layout.preamble ?? [
      ["CITTA' DI ALESSANDRIA"],
      [o.sector],
      [o.dirigente_raw],
      [`Obiettivo ${o.objective_letter}: ${o.title}`],
      ["Fasi progettuali di sviluppo dell'obiettivo"],
    ];
    const first = this.add(preamble, col0);
    const titleOffset = preamble.findIndex((r) => typeof r[0] === "string" && /^obiettivo/i.test(r[0]));
    const header = this.add([columns.map((k) => headers[k] || null)], col0);

    const phases: number[] = [];
    o.phases.forEach((p, i) => {
      const row: Cell[] = columns.map(() => null);
      const label = p.label_raw.trim();
      if (inline) row[idx("desc")] = p.description ? `${label} ${p.description}` : label;
      else {
        row[idx("label")] = label;
        row[idx("desc")] = p.description || null;
      }
      if (p.incidenza_pct !== null) row[idx("inc")] = weight(p.incidenza_pct, p);
      if (idx("cod") >= 0) row[idx("cod")] = p.codifica_raw;
      row[idx("scad")] = deadline(p);
      for (const [k, cells] of Object.entries(layout.extra ?? {})) row[idx(k as Kind)] = cells?.[i] ?? null;
      phases.push(this.add([row], col0));
    });
    if (layout.mergedWeight) {
      const [from, count] = layout.mergedWeight;
      const c = colName(col0 + idx("inc"));
      this.merges.push(`${c}${phases[from]}:${c}${phases[from + count - 1]}`);
    }

    const totalCell = layout.totalCell !== undefined ? layout.totalCell : weight(100, o.phases[0]);
    let total: number | null = null;
    if (totalMode === "row" || totalMode === "Totale") {
      const row: Cell[] = columns.map(() => null);
      if (totalMode === "Totale") row[labelCol] = "Totale";
      row[idx("inc")] = totalCell;
      total = this.add([row], col0);
    }

    let final: number | null = null;
    if (finalMode !== "none") {
      const value = layout.finalCell !== undefined ? layout.finalCell : finalValue(o);
      const row: Cell[] = columns.map(() => null);
      if (finalMode === "inLabel") row[labelCol] = `${FINAL_LABEL} ${o.final_deadline_raw}`;
      else row[labelCol] = FINAL_LABEL;
      if (finalMode === "scad") row[idx("scad")] = value;
      if (finalMode === "right") row.push(value);
      if (totalMode === "final") row[idx("inc")] = totalCell;
      final = this.add([row], col0);
      if (totalMode === "final") total = final;
    }
    if (layout.evaluation ?? true) {
      this.blank();
      this.add([[EVALUATION]], col0);
    }
    this.blank(2);

    const at = (kind: Kind, row: number) => {
      const i = kind === "label" && inline ? idx("desc") : idx(kind);
      if (i < 0) throw new Error(`no ${kind} column`);
      return `${colName(col0 + i)}${row}`;
    };
    return {
      header,
      phases,
      total,
      final,
      title: titleOffset >= 0 ? first + titleOffset : null,
      at,
      ph: (kind, i) => at(kind, phases[i]),
    };
  }
}

function finalValue(o: Objective): Cell {
  if (o.final_deadline && o.final_deadline_raw && /^\d{2}\/\d{2}\/\d{4}$/.test(o.final_deadline_raw))
    return day(o.final_deadline);
  return o.final_deadline_raw;
}

/** The real Responsabili table of seed 002 (with its blank row before 2245), as a sheet block. */
export function addResponsabili(
  sheet: SheetBuilder,
  opts: { col0?: number; headers?: [string, string]; asNumbers?: boolean; blankInside?: boolean; extra?: [string, string][] } = {},
): Record<string, string> {
  const headers = opts.headers ?? ["codifica", "Elenco Responsabili (Macrostruttura in vigore dal 01.04.2021)"];
  const col = colName(opts.col0 ?? 0);
  const cells: Record<string, string> = {};
  const first = sheet.add([headers], opts.col0);
  let row = first + 1;
  const entries = Object.entries(responsabili.codes).sort((a, b) => a[1].line - b[1].line);
  const rows: [string, string][] = [...entries.map(([c, v]): [string, string] => [c, v.description]), ...(opts.extra ?? [])];
  for (const [code, description] of rows) {
    if (code === "2245" && (opts.blankInside ?? true)) {
      sheet.blank();
      row++;
    }
    sheet.add([[opts.asNumbers ? Number(code) : code, description]], opts.col0);
    if (code in cells) cells[`${code}#2`] = `${col}${row}`;
    else cells[code] = `${col}${row}`;
    row++;
  }
  return cells;
}

export async function writeXlsx(sheets: SheetBuilder[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null) return;
        const target = ws.getCell(r + 1, c + 1);
        if (cell instanceof Date || typeof cell !== "object") target.value = cell;
        else if ("raw" in cell) {
          target.value = cell.raw;
          if (cell.fmt) target.numFmt = cell.fmt;
        } else {
          target.value = cell.v;
          target.numFmt = cell.fmt;
        }
      }),
    );
    for (const m of s.merges) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(file);
}

let counter = 0;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "piao-conformance-"));

export async function toFile(sheets: SheetBuilder[]): Promise<string> {
  const file = path.join(TMP, `wb${++counter}.xlsx`);
  await writeXlsx(sheets, file);
  return file;
}

/** Writes the sheets to an .xlsx, reads it back as the CLI does and checks it. */
export async function check(
  sheets: SheetBuilder[],
  options: { sheet?: string; today?: string; config?: ConfigInput } = {},
): Promise<CheckReport> {
  const grid = await readWorkbookGrid(await toFile(sheets));
  return checkWorkbook(grid, { today: "2022-06-15", ...options });
}

/** Findings as sorted "rule Sheet!Cell severity" strings. */
export function found(report: CheckReport): string[] {
  return report.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell} ${f.severity}`).sort();
}

/** Expected findings in the same form, sorted. */
export function want(sheet: string, list: [rule: string, cell: string, severity: string][]): string[] {
  return list.map(([rule, cell, severity]) => `${rule} ${sheet}!${cell} ${severity}`).sort();
}
