// Finding objective blocks in a sheet (spec §1, "The tables").
import { readCodifica, readDeadline, readWeight, type Codifica, type Deadline, type RawWeight } from "./cells";
import { firstDateIn } from "./dates";
import type { SheetView } from "./grid";
import { HeaderMatcher, type HeaderRole } from "./headers";
import { hint, normalize, oneSpaced } from "./text";
import type { CellPos } from "./types";

export interface Columns {
  incidenza: number;
  scadenze: number;
  descrizione: number | null;
  codifica: number | null;
  monitoraggio: number | null;
  raggiungimento: number | null;
  /** The phase-number column ("N.", "Fase"), left of Descrizione. */
  fase: number | null;
  /** What the table calls its numbered rows: "attività" under an "Attività" description column. */
  noun: PhaseNoun;
  /** First and last non-empty columns of the header row. */
  first: number;
  last: number;
  /** Summary columns a previous run wrote (spec §5): never data. */
  summary: number[];
}

/** What the messages call a phase: a table that numbers activities has "attività 2". */
export type PhaseNoun = "fase" | "attività" | "azione";

export interface Phase {
  /** Display label, e.g. "1", "1 a)", "1.1". */
  label: string;
  noun: PhaseNoun;
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

/** Header cells are short; longer text (a description, a paragraph of the scheda) is not read as one. */
export const MAX_HEADER_LENGTH = 80;
/** The built-in header texts, for callers without a `headers` setting. */
export const BUILT_IN_HEADERS = new HeaderMatcher();
const ACHIEVED_HINT = hint("raggiunto");
// Labels, titles and the final-deadline label are matched on the raw text (case-insensitive, any
// white space, leading punctuation such as "**" ignored): normalising every cell would cost more.
// Every pattern is linear (issue 9): no two unbounded runs over the same characters can follow each
// other, so "fase" + 32,000 spaces costs one pass (test/core/regex-linearity.test.ts checks them all).
/** A phase label, with the punctuation after it: what follows is the start of the description. */
const PHASE_LABEL = /^[^\p{L}\p{N}]*fase[\s:]*(\d+)(?:\s*([a-z])\s*\))?(?!\d)[\s:.)\-–—]*/iu;
const TITLE = /^[^\p{L}\p{N}]*obiettivo\b(?![\s:]*(?:non\s+)?raggiunt)/iu;
const SHORT_NAME = /^[^\p{L}\p{N}]*obiettivo[\s:]*([a-z]|\d{1,3})\s*[:).\-–]/iu;
const FINAL_LABEL = /^[^\p{L}\p{N}]*(?:scadenza|termine)\s+finale/iu;
/** A number in the phase-number column: "1", "2.", "1.1", "2a", "1 a)". */
const PHASE_NUMBER = /^(\d{1,5})(?:[.,](\d{1,2})|\s?([a-z])\s?\)?)?[.):]?$/i;
/** Header of the summary column the checker writes (spec §3), in either language. */
export const SUMMARY_HEADER = /^(sintesi monitoraggio al|monitoring summary at)\b/;
const ACHIEVED = /(^|[^a-z])raggiunto\b/;
const NOT_ACHIEVED = /non\s+raggiunto/;

/** Header rows (a weight cell and a deadline cell, spec §1) and their columns. */
export function findHeaderRows(view: SheetView, headers: HeaderMatcher = BUILT_IN_HEADERS): Map<number, Columns> {
  const rows = new Map<number, Columns>();
  for (const r of view.rowsWithShortText(headers.rowHint, MAX_HEADER_LENGTH)) {
    const columns = headerColumns(view, r, headers);
    if (columns) rows.set(r, columns);
  }
  return rows;
}

export function headerColumns(view: SheetView, row: number, headers: HeaderMatcher = BUILT_IN_HEADERS): Columns | null {
  const len = view.rowLength(row);
  if (!hasWeightCell(view, row, len, headers)) return null;
  const at: Partial<Record<HeaderRole, number>> = {};
  const texts: Partial<Record<HeaderRole, string>> = {};
  let first = -1;
  let last = -1;
  const summary: number[] = [];
  for (let c = 0; c < len; c++) {
    const v = view.rawValue(row, c);
    if (v === null || v === "") continue;
    const t = typeof v === "string" && v.length <= MAX_HEADER_LENGTH ? normalize(v) : "";
    // The checker's own summary column is not part of the table.
    if (SUMMARY_HEADER.test(t)) {
      summary.push(c);
      continue;
    }
    if (first < 0) first = c;
    last = c;
    // A cell takes the first role it matches; a role already taken leaves it without one.
    const role = headers.roleOf(t);
    if (role !== null && at[role] === undefined) {
      at[role] = c;
      texts[role] = t;
    }
  }
  if (at.incidenza === undefined || at.scadenze === undefined) return null;
  const descrizione = at.descrizione ?? null;
  const labelsEnd = descrizione ?? Math.min(at.incidenza, at.scadenze);
  const fase = at.fase !== undefined && at.fase < labelsEnd ? at.fase : null;
  return {
    incidenza: at.incidenza,
    scadenze: at.scadenze,
    descrizione,
    codifica: at.codifica ?? null,
    monitoraggio: at.monitoraggio ?? null,
    raggiungimento: at.raggiungimento ?? null,
    fase,
    noun: fase === null ? "fase" : nounOf(texts.fase ?? "", texts.descrizione ?? ""),
    first,
    last,
    summary,
  };
}

/** What the number column names ("Fase", "N. attività"), else what the description column lists ("Attività", "Azioni"). */
function nounOf(phaseHeader: string, descriptionHeader: string): PhaseNoun {
  for (const header of [phaseHeader, descriptionHeader]) {
    if (header.includes("fase")) return "fase";
    if (header.includes("attivit")) return "attività";
    if (header.includes("azion")) return "azione";
  }
  return "fase";
}

function hasWeightCell(view: SheetView, row: number, len: number, headers: HeaderMatcher): boolean {
  for (let c = 0; c < len; c++) {
    const v = view.rawValue(row, c);
    if (typeof v === "string" && v.length <= MAX_HEADER_LENGTH && headers.weightHint.test(v) && headers.roleOf(normalize(v)) === "incidenza") return true;
  }
  return false;
}

/** Finds every objective block of a sheet. Headers without phase rows are not blocks. */
export function findBlocks(view: SheetView, headers: HeaderMatcher = BUILT_IN_HEADERS): Block[] {
  if (view.checkerReport) return [];
  const headerRows = findHeaderRows(view, headers);
  const blocks: Block[] = [];
  let previousEnd = -1;
  for (const [headerRow, columns] of headerRows) {
    // A row inside the previous block is one of its phases, even when its texts name a weight and a deadline.
    if (headerRow <= previousEnd) continue;
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
  for (let r = headerRow + 1; r < view.rowCount; r++) {
    if (isBlankRow(view, r, columns.summary)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    const phase = readPhase(view, r, columns, phases[phases.length - 1]);
    // A phase whose description says "peso" and whose deadline says "termine" is still a phase, and a
    // "Termine finale" row still the final deadline.
    if (!phase && headerRows.has(r) && (phases.length === 0 || findFinalLabel(view, r) === null)) break;
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

interface Label {
  label: string;
  number: number;
  sub: string | null;
  noun: PhaseNoun;
  /** Text after the label in the same cell: the start of the description. */
  rest: string;
}

/** A "fase N" label at the start of a cell. */
function faseLabel(text: string): Label | null {
  const m = PHASE_LABEL.exec(text);
  if (!m) return null;
  const sub = m[2]?.toLowerCase() ?? null;
  return { label: sub ? `${m[1]} ${sub})` : m[1], number: Number(m[1]), sub, noun: "fase", rest: text.slice(m[0].length).trim() };
}

/** A number in the phase-number column, as the table writes it ("1", "1.1", "2a", "1 a)"). */
function numberLabel(view: SheetView, row: number, col: number, noun: PhaseNoun): Label | null {
  const v = view.value(row, col);
  const text = typeof v === "number" ? String(Math.round(v * 100) / 100) : typeof v === "string" ? v.trim() : "";
  const m = PHASE_NUMBER.exec(text);
  if (!m || Number(m[1]) === 0) return null;
  const sub = m[2] ?? m[3]?.toLowerCase() ?? null;
  return { label: text.replace(/[.:]$/, ""), number: Number(m[1]), sub, noun, rest: "" };
}

function readPhase(view: SheetView, row: number, columns: Columns, previous: Phase | undefined): Phase | null {
  const lastLabelCol = columns.descrizione ?? Math.min(columns.incidenza, columns.scadenze) - 1;
  let labelCol = columns.fase !== null && !view.isEmpty(row, columns.fase) ? columns.fase : -1;
  for (let c = 0; c <= lastLabelCol && labelCol < 0; c++) {
    if (!view.isEmpty(row, c)) labelCol = c;
  }
  // A label cell merged down over several rows labels one phase: the rows below its top are not new phases.
  if (labelCol < 0 || view.anchor(row, labelCol).row < row) return null;
  const labelText = view.text(row, labelCol);
  const parsed = faseLabel(labelText) ?? (labelCol === columns.fase ? numberLabel(view, row, labelCol, columns.noun) : null);
  if (!parsed) return null;
  const rest = parsed.rest;
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
    label: parsed.label,
    noun: parsed.noun,
    number: parsed.number,
    sub: parsed.sub,
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
