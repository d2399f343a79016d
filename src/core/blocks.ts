// Finding objective blocks in a sheet (spec §1, "The tables").
import { readCodifica, readDeadline, readWeight, type Codifica, type Deadline, type RawWeight } from "./cells";
import { firstDateIn } from "./dates";
import type { SheetView } from "./grid";
import { hint, normalize, oneSpaced } from "./text";
import type { CellPos } from "./types";

export interface Columns {
  incidenza: number;
  scadenze: number;
  descrizione: number | null;
  codifica: number | null;
  monitoraggio: number | null;
  raggiungimento: number | null;
  /** First and last non-empty columns of the header row. */
  first: number;
  last: number;
  /** Summary columns a previous run wrote (spec §5): never data. */
  summary: number[];
}

export interface Phase {
  /** Display label, e.g. "1", "1 a)". */
  label: string;
  number: number;
  sub: string | null;
  row: number;
  labelCell: CellPos;
  description: string;
  descriptionCell: CellPos;
  weightCell: CellPos;
  rawWeight: RawWeight;
  /** The weight cell is merged with the previous phase's: one weight shared by both, counted once. */
  sharesWeightWithPrevious: boolean;
  /** Weight in points once the block's reading (fractions or points) is known; null when missing or invalid. */
  weight: number | null;
  weightState: "ok" | "missing" | "invalid";
  deadlineCell: CellPos;
  deadline: Deadline;
  codificaCell: CellPos | null;
  codifica: Codifica | null;
  /** Monitoraggio and Raggiungimento texts of the row, as written. */
  monitoringTexts: string[];
}

export interface FinalDeadline {
  row: number;
  labelCell: CellPos;
  /** The cell holding the value, when something is there. */
  valueCell: CellPos | null;
  deadline: Deadline;
}

export interface Block {
  sheet: string;
  title: string | null;
  /** "Obiettivo B" when the title names it, else null. */
  shortName: string | null;
  headerRow: number;
  columns: Columns;
  monitoringDay: number | null;
  phases: Phase[];
  total: { cell: CellPos; raw: RawWeight; points: number | null } | null;
  finalDeadline: FinalDeadline | null;
  /** A cell marking the objective as achieved ("RAGGIUNTO 16/5/2024"). */
  achievement: { cell: CellPos; text: string } | null;
  lastRow: number;
}

const HEADER_WORDS = hint("incidenz", "scadenz", "descrizion", "codific", "responsabil", "monitoraggi", "raggiungiment", "sintesi", "monitoring");
/** Header cells are short; longer text (a description, a paragraph of the scheda) is not read as one. */
export const MAX_HEADER_LENGTH = 80;
const INCIDENZA_HINT = hint("incidenz");
/** Words of the phase-table and Responsabili headers: one pass over a sheet finds the rows to look at. */
export const TABLE_HEADER_HINT = hint("incidenz", "codic", "codif");
const ACHIEVED_HINT = hint("raggiunto");
// Labels, titles and the final-deadline label are matched on the raw text (case-insensitive, any
// white space, leading punctuation such as "**" ignored): normalising every cell would cost more.
/** A phase label, with the punctuation after it: what follows is the start of the description. */
// Every pattern is linear (issue 9): no two unbounded runs over the same characters can follow each
// other, so "fase" + 32,000 spaces costs one pass (test/core/regex-linearity.test.ts checks them all).
const PHASE_LABEL = /^[^\p{L}\p{N}]*fase[\s:]*(\d+)(?:\s*([a-z])\s*\))?(?!\d)[\s:.)\-–—]*/iu;
const TITLE = /^[^\p{L}\p{N}]*obiettivo\b(?![\s:]*(?:non\s+)?raggiunt)/iu;
const SHORT_NAME = /^[^\p{L}\p{N}]*obiettivo[\s:]*([a-z]|\d{1,3})\s*[:).\-–]/iu;
const FINAL_LABEL = /^[^\p{L}\p{N}]*scadenza\s+finale/iu;
/** Header of the summary column the checker writes (spec §3), in either language. */
export const SUMMARY_HEADER = /^(sintesi monitoraggio al|monitoring summary at)\b/;
const ACHIEVED = /(^|[^a-z])raggiunto\b/;
const NOT_ACHIEVED = /non\s+raggiunto/;

/** Header rows (a cell matching "incidenza" and another matching "scadenz") and their columns. */
export function findHeaderRows(view: SheetView): Map<number, Columns> {
  const rows = new Map<number, Columns>();
  for (const r of view.rowsWithShortText(TABLE_HEADER_HINT, MAX_HEADER_LENGTH)) {
    const columns = headerColumns(view, r);
    if (columns) rows.set(r, columns);
  }
  return rows;
}

export function headerColumns(view: SheetView, row: number): Columns | null {
  const len = view.rowLength(row);
  if (!hasIncidenzaCell(view, row, len)) return null;
  let incidenza = -1;
  let scadenze = -1;
  let descrizione: number | null = null;
  let codifica: number | null = null;
  let monitoraggio: number | null = null;
  let raggiungimento: number | null = null;
  let first = -1;
  let last = -1;
  const summary: number[] = [];
  for (let c = 0; c < len; c++) {
    const v = view.rawValue(row, c);
    if (v === null || v === "") continue;
    const t = typeof v === "string" && v.length <= MAX_HEADER_LENGTH && HEADER_WORDS.test(v) ? normalize(v) : "";
    // The checker's own summary column is not part of the table.
    if (SUMMARY_HEADER.test(t)) {
      summary.push(c);
      continue;
    }
    if (first < 0) first = c;
    last = c;
    if (t === "") continue;
    if (incidenza < 0 && t.includes("incidenza")) incidenza = c;
    else if (scadenze < 0 && t.includes("scadenz")) scadenze = c;
    else if (codifica === null && (t.includes("codifica") || t.includes("responsabil"))) codifica = c;
    else if (monitoraggio === null && t.includes("monitoraggio")) monitoraggio = c;
    else if (raggiungimento === null && t.includes("raggiungimento")) raggiungimento = c;
    else if (descrizione === null && t.includes("descrizione")) descrizione = c;
  }
  if (incidenza < 0 || scadenze < 0) return null;
  return { incidenza, scadenze, descrizione, codifica, monitoraggio, raggiungimento, first, last, summary };
}

function hasIncidenzaCell(view: SheetView, row: number, len: number): boolean {
  for (let c = 0; c < len; c++) {
    const v = view.rawValue(row, c);
    if (typeof v === "string" && v.length <= MAX_HEADER_LENGTH && INCIDENZA_HINT.test(v)) return true;
  }
  return false;
}

/** Finds every objective block of a sheet. Headers without phase rows are not blocks. */
export function findBlocks(view: SheetView): Block[] {
  if (view.checkerReport) return [];
  const headerRows = findHeaderRows(view);
  const blocks: Block[] = [];
  let previousEnd = -1;
  for (const [headerRow, columns] of headerRows) {
    const block = readBlock(view, headerRow, columns, headerRows, previousEnd);
    if (block) {
      blocks.push(block);
      previousEnd = block.lastRow;
    }
  }
  return blocks;
}

function readBlock(view: SheetView, headerRow: number, columns: Columns, headerRows: Map<number, Columns>, previousEnd: number): Block | null {
  const phases: Phase[] = [];
  let totalRow = -1;
  let finalDeadline: FinalDeadline | null = null;
  let blanks = 0;
  const nonPhaseRows: number[] = [];
  for (let r = headerRow + 1; r < view.rowCount && !headerRows.has(r); r++) {
    if (isBlankRow(view, r, columns.summary)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    const phase = readPhase(view, r, columns, phases[phases.length - 1]);
    if (phase) {
      phases.push(phase);
      totalRow = -1;
      continue;
    }
    if (phases.length === 0) continue;
    nonPhaseRows.push(r);
    if (totalRow < 0 && isTotalRow(view, r, columns, phases)) totalRow = r;
    const finalLabelCol = findFinalLabel(view, r);
    if (finalLabelCol !== null) {
      finalDeadline = readFinalDeadline(view, r, finalLabelCol, columns);
      break;
    }
  }
  if (phases.length === 0) return null;

  const total = totalRow < 0 ? null : { cell: view.anchor(totalRow, columns.incidenza), raw: readWeight(view, totalRow, columns.incidenza), points: null };
  const lastRow = Math.max(phases[phases.length - 1].row, totalRow, finalDeadline?.row ?? -1);
  const block: Block = {
    sheet: view.name,
    ...readTitle(view, headerRow, previousEnd),
    headerRow,
    columns,
    monitoringDay: columns.monitoraggio === null ? null : (firstDateIn(view.text(headerRow, columns.monitoraggio))?.day ?? null),
    phases,
    total,
    finalDeadline,
    achievement: findAchievement(view, columns, nonPhaseRows.filter((r) => r <= lastRow), finalDeadline),
    lastRow,
  };
  applyWeightReading(block);
  return block;
}

function readPhase(view: SheetView, row: number, columns: Columns, previous: Phase | undefined): Phase | null {
  const lastLabelCol = columns.descrizione ?? Math.min(columns.incidenza, columns.scadenze) - 1;
  let labelCol = -1;
  for (let c = 0; c <= lastLabelCol; c++) {
    if (!view.isEmpty(row, c)) {
      labelCol = c;
      break;
    }
  }
  // A label cell merged down over several rows labels one phase: the rows below its top are not new phases.
  if (labelCol < 0 || view.anchor(row, labelCol).row < row) return null;
  const labelText = view.text(row, labelCol);
  const m = PHASE_LABEL.exec(labelText);
  if (!m) return null;
  const sub = m[2]?.toLowerCase() ?? null;
  const rest = labelText.slice(m[0].length).trim();
  let descriptionCell = { row, col: labelCol };
  let description = rest;
  if (columns.descrizione !== null && labelCol < columns.descrizione) {
    descriptionCell = { row, col: columns.descrizione };
    const text = view.text(row, columns.descrizione);
    description = rest && text ? `${rest} ${text}` : rest || text;
  }
  const weightCell = view.anchor(row, columns.incidenza);
  const codificaCell = columns.codifica === null ? null : view.anchor(row, columns.codifica);
  const monitoringTexts: string[] = [];
  if (columns.monitoraggio !== null && !view.isEmpty(row, columns.monitoraggio)) monitoringTexts.push(view.text(row, columns.monitoraggio));
  if (columns.raggiungimento !== null && !view.isEmpty(row, columns.raggiungimento)) monitoringTexts.push(view.text(row, columns.raggiungimento));
  return {
    label: sub ? `${m[1]} ${sub})` : m[1],
    number: Number(m[1]),
    sub,
    row,
    labelCell: { row, col: labelCol },
    description,
    descriptionCell,
    weightCell,
    rawWeight: readWeight(view, row, columns.incidenza),
    sharesWeightWithPrevious: previous !== undefined && previous.weightCell.row === weightCell.row && previous.weightCell.col === weightCell.col,
    weight: null,
    weightState: "missing",
    deadlineCell: view.anchor(row, columns.scadenze),
    deadline: readDeadline(view, row, columns.scadenze),
    codificaCell,
    codifica: columns.codifica === null ? null : readCodifica(view, row, columns.codifica),
    monitoringTexts,
  };
}

/** A row with nothing but, perhaps, the lines of the checker's own summary columns. */
function isBlankRow(view: SheetView, row: number, summary: number[]): boolean {
  if (summary.length === 0) return view.isBlankRow(row);
  const len = view.rowLength(row);
  for (let c = 0; c < len; c++) if (!view.isEmpty(row, c) && !summary.includes(c)) return false;
  return true;
}

function isTotalRow(view: SheetView, row: number, columns: Columns, phases: Phase[]): boolean {
  const anchor = view.anchor(row, columns.incidenza);
  // A weight cell merged down from a phase row is that phase's weight, not a total.
  if (phases.some((p) => p.weightCell.row === anchor.row && p.weightCell.col === anchor.col)) return false;
  const kind = readWeight(view, row, columns.incidenza).kind;
  return kind === "percent-number" || kind === "plain-number" || kind === "text-points";
}

function findFinalLabel(view: SheetView, row: number): number | null {
  const len = view.rowLength(row);
  for (let c = 0; c < len; c++) {
    const v = view.value(row, c);
    if (typeof v === "string" && FINAL_LABEL.test(v)) return c;
  }
  return null;
}

function readFinalDeadline(view: SheetView, row: number, labelCol: number, columns: Columns): FinalDeadline {
  const labelCell = { row, col: labelCol };
  if (labelCol !== columns.scadenze && !view.isEmpty(row, columns.scadenze)) {
    return { row, labelCell, valueCell: view.anchor(row, columns.scadenze), deadline: readDeadline(view, row, columns.scadenze) };
  }
  const len = view.rowLength(row);
  const skipped = new Set([columns.incidenza, columns.monitoraggio, columns.raggiungimento]);
  const summary = new Set(columns.summary);
  let firstText: CellPos | null = null;
  for (let c = labelCol + 1; c < len; c++) {
    if (view.isEmpty(row, c) || view.isCovered(row, c) || summary.has(c)) continue;
    const deadline = readDeadline(view, row, c, false);
    if (deadline.kind === "date") return { row, labelCell, valueCell: { row, col: c }, deadline };
    if (firstText === null && !skipped.has(c)) firstText = { row, col: c };
  }
  // "Scadenza finale per il raggiungimento dell'obiettivo: 31/12/2022" in a single cell.
  const inLabel = firstDateIn(view.text(row, labelCol).replace(/^[^:]*:/, ""));
  if (inLabel) return { row, labelCell, valueCell: labelCell, deadline: { kind: "date", day: inLabel.day, concluded: false } };
  if (firstText) return { row, labelCell, valueCell: firstText, deadline: { kind: "text", text: view.text(firstText.row, firstText.col) } };
  return { row, labelCell, valueCell: null, deadline: { kind: "missing" } };
}

function readTitle(view: SheetView, headerRow: number, previousEnd: number): { title: string | null; shortName: string | null } {
  for (let r = headerRow - 1; r > previousEnd; r--) {
    const len = view.rowLength(r);
    for (let c = 0; c < len; c++) {
      if (view.isEmpty(r, c)) continue;
      if (TITLE.test(view.text(r, c))) {
        const title = oneSpaced(view.text(r, c));
        const m = SHORT_NAME.exec(title);
        return { title, shortName: m ? `Obiettivo ${m[1].toUpperCase()}` : null };
      }
      break; // only the first non-empty cell of a row can be a title
    }
  }
  return { title: null, shortName: null };
}

/**
 * The objective's RAGGIUNTO mark: in the Raggiungimento or Monitoraggio column of a row after the
 * phases, or in the final deadline's own cell ("28/02/2025 RAGGIUNTO 16/5/2024", seed 001).
 */
function findAchievement(view: SheetView, columns: Columns, rows: number[], finalDeadline: FinalDeadline | null): Block["achievement"] {
  const cols = [columns.raggiungimento, columns.monitoraggio].filter((c): c is number => c !== null);
  const candidates: CellPos[] = rows.flatMap((row) => cols.map((col) => ({ row, col })));
  if (finalDeadline?.valueCell) candidates.push(finalDeadline.valueCell);
  for (const { row, col } of candidates) {
    const t = view.normIf(row, col, ACHIEVED_HINT);
    if (ACHIEVED.test(t) && !NOT_ACHIEVED.test(t)) return { cell: view.anchor(row, col), text: view.text(row, col) };
  }
  return null;
}

/**
 * Turns raw weights into points. Plain numbers are points, unless every weight is at most 1 and they
 * add up to 1: then the block was typed as fractions (spec §1). A block whose weights are all formatted
 * as percentages is typed as fractions too, whatever they add up to: under them a plain total of 1 is 100%.
 */
function applyWeightReading(block: Block): void {
  const counted = block.phases.filter((p) => !p.sharesWeightWithPrevious);
  const numeric = counted.map((p) => p.rawWeight).filter((w) => w.kind !== "missing" && w.kind !== "invalid");
  const plain = numeric.filter((w) => w.kind === "plain-number");
  const asFractions = numeric.reduce((sum, w) => sum + (w.kind === "text-points" ? w.value / 100 : (w as { value: number }).value), 0);
  const fractions =
    plain.length > 0
      ? plain.every((w) => w.kind === "plain-number" && w.value <= 1) && Math.abs(asFractions - 1) <= 0.0001
      : numeric.length > 0 && numeric.every((w) => w.kind === "percent-number");

  const toPoints = (w: RawWeight): number | null => {
    switch (w.kind) {
      case "percent-number":
        return w.value * 100;
      case "text-points":
        return w.value;
      case "plain-number":
        return fractions ? w.value * 100 : w.value;
      default:
        return null;
    }
  };
  for (const phase of block.phases) {
    const points = toPoints(phase.rawWeight);
    if (phase.rawWeight.kind === "missing") phase.weightState = "missing";
    else if (points === null || points < 0 || points > 100 + 1e-9) phase.weightState = "invalid";
    else {
      phase.weightState = "ok";
      phase.weight = points;
    }
  }
  if (block.total) block.total.points = toPoints(block.total.raw);
}
