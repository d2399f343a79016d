// Grid builders for the rule tests: each test writes the real rows of a corpus objective
// (test/data/corpus/objectives.json) the way they sit in the sheet, and checks them through the
// public API only.
import {
  checkWorkbook,
  dayToSerial,
  isoToDay,
  parseA1,
  type CellValue,
  type CheckOptions,
  type Finding,
  type MergedRange,
  type RuleId,
  type SheetGrid,
  type WorkbookGrid,
} from "../../src/core";
// A verbatim copy of test/data/corpus/responsabili.json (seed 002, lines 303-322).
import responsabiliCorpus from "./fixtures/responsabili.json";

/** A cell with a number format: a date serial or a percentage. */
export interface Formatted {
  value: CellValue;
  format: string;
}
export type Cell = CellValue | Formatted;

/** A date cell as Excel stores it: the serial number with a "dd/mm/yyyy" format. */
export function dateCell(dmy: string): Formatted {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dmy);
  const day = m ? isoToDay(`${m[3]}-${m[2]}-${m[1]}`) : null;
  if (day === null) throw new Error(`dateCell: not a calendar date: ${dmy}`);
  return { value: dayToSerial(day), format: "dd/mm/yyyy" };
}

/** A weight as Excel stores "40%": the fraction 0.4 with a "0%" format. */
export function pct(points: number): Formatted {
  return { value: points / 100, format: "0%" };
}

/** Seed 000/002 header (objectives of the 2022 plan); column A holds the phase labels. */
export const HEADER_PLAN = ["", "Descrizione", "Incidenza %", "Codifica Responsabili coinvolti", "Scadenze previste"];
/** Seed 001 header (the 30/09/2024 monitoring). */
export const HEADER_MONITORING = [
  "",
  "Descrizione",
  "Incidenza %",
  "Monitoraggio al 30/09/2024",
  "Scadenze previste",
  "Raggiungimento Obiettivo",
];
export const FINALE = "Scadenza finale per il raggiungimento dell'obiettivo:";

/** The total row: the weight in the Incidenza column (C). */
export function totale(weight: Cell): Cell[] {
  return [null, null, weight];
}

/** The final-deadline row: label in A, value in the Scadenze column (E) of both layouts; extra cells follow. */
export function finale(value: Cell, ...after: Cell[]): Cell[] {
  return [FINALE, null, null, null, value, ...after];
}

/** 1-based row of the table header: the sheets of seed 000 put six rows of heading above it. */
export const HEADER_ROW = 7;

/** [code, description] of the Responsabili table, or null for a blank row. */
export type ResponsabiliRow = [CellValue, string] | null;

export interface SchedaSpec {
  /** Sheet name; default "Obiettivi". */
  sheet?: string;
  sector?: string;
  /** "Obiettivo B: ..." (row 4); null for a sheet without a title. */
  title?: string | null;
  header?: string[];
  /** Rows below the header, from row 8, each from column A. */
  rows: Cell[][];
  /** Merged areas in A1 notation, e.g. "C8:C10". */
  merges?: string[];
  /** Responsabili table rows; default the corpus table; null: no table at all. */
  responsabili?: ResponsabiliRow[] | null;
}

/** One objective sheet laid out as in seed 000, plus an "Elenco Responsabili" sheet. */
export function scheda(spec: SchedaSpec): WorkbookGrid {
  const preamble: Cell[][] = [
    ["CITTA' DI ALESSANDRIA"],
    [spec.sector ?? ""],
    [""],
    [spec.title ?? ""],
    ["Tempistica:"],
    ["Fasi progettuali di sviluppo dell'obiettivo"],
  ];
  const sheets = [toSheet(spec.sheet ?? "Obiettivi", [...preamble, spec.header ?? HEADER_PLAN, ...spec.rows], spec.merges)];
  const table = spec.responsabili === undefined ? corpusResponsabili() : spec.responsabili;
  if (table !== null) sheets.push(responsabiliSheet(table));
  return { sheets };
}

/** A sheet from rows of cells (row 1 first); merges in A1 notation. */
export function toSheet(name: string, rows: Cell[][], merges: string[] = []): SheetGrid {
  return {
    name,
    values: rows.map((row) => row.map((c) => (isFormatted(c) ? c.value : c))),
    formats: rows.map((row) => row.map((c) => (isFormatted(c) ? c.format : "General"))),
    merges: merges.map(range),
  };
}

/**
 * The corpus Responsabili table in sheet order, codes as the numbers Excel stores. A null entry is
 * the blank row the source has between 2330 and 2245 (line 320).
 */
export function corpusResponsabili(): ResponsabiliRow[] {
  const entries = Object.entries(responsabiliCorpus.codes).sort((a, b) => a[1].line - b[1].line);
  const rows: ResponsabiliRow[] = [];
  let line = responsabiliCorpus.source.header_line;
  for (const [code, { description, line: at }] of entries) {
    for (line++; line < at; line++) rows.push(null);
    rows.push([Number(code), description]);
  }
  return rows;
}

/** The "Elenco Responsabili" sheet: header in row 1, then one row per code (null: a blank row). */
export function responsabiliSheet(rows: ResponsabiliRow[]): SheetGrid {
  return toSheet("Elenco Responsabili", [
    ["codifica", responsabiliCorpus.source.title],
    ...rows.map((r): Cell[] => (r === null ? [null, null] : [r[0], r[1]])),
  ]);
}

/** The findings of one rule. */
export function findings(workbook: WorkbookGrid, rule: RuleId, options: CheckOptions = {}): Finding[] {
  return checkWorkbook(workbook, options).findings.filter((f) => f.rule === rule);
}

/** The A1 cells of some findings, for compact assertions. */
export function cells(list: Finding[]): string[] {
  return list.map((f) => f.cell);
}

function isFormatted(c: Cell): c is Formatted {
  return typeof c === "object" && c !== null;
}

function range(a1range: string): MergedRange {
  const [from, to] = a1range.split(":").map((a) => parseA1(a));
  if (!from || !to) throw new Error(`bad range ${a1range}`);
  return { top: from.row, left: from.col, bottom: to.row, right: to.col };
}
