// Public data types of the core. The core is host-free: adapters (Excel, Google Sheets, CLI)
// turn their sheets into these plain structures and write back what the report tells them.

/** A cell value as the core sees it. Dates are serial numbers (Excel epoch) with a date format. */
export type CellValue = string | number | boolean | null;

/** A merged area, 0-based and inclusive. Its value is the value of its top-left cell. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One worksheet read from A1: values[row][col], formats[row][col] (number format strings). */
export interface SheetGrid {
  name: string;
  values: CellValue[][];
  formats?: (string | null | undefined)[][];
  merges?: MergedRange[];
  /** The checker's own report sheet (annotated copy): the core reads no table or deadline from it. */
  checkerReport?: boolean;
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}

export type Severity = "error" | "warning" | "info";
export type Lang = "it" | "en";

/** A cell position, 0-based. */
export interface CellPos {
  row: number;
  col: number;
}

export interface Finding {
  rule: string;
  severity: Severity;
  sheet: string;
  /** A1 address, e.g. "C12". */
  cell: string;
  row: number;
  col: number;
  message: string;
  /** Short name of the objective ("Obiettivo B"), null for workbook-level findings. */
  objective: string | null;
  /** Index into CheckReport.objectives, null for workbook-level findings. */
  objectiveIndex: number | null;
}

export type PhaseStatusKind = "completed" | "completed-late" | "in-progress" | "overdue" | "no-deadline";

export interface PhaseStatus {
  label: string;
  row: number;
  status: PhaseStatusKind;
  /** Days late (completed-late, overdue) or days left (in-progress); null otherwise. */
  days: number | null;
  /** ISO date of the deadline, when dated. */
  deadline: string | null;
  completionDate: string | null;
  /** The status line written in the summary column. */
  text: string;
}

/** What the adapters write for one block: a single column of text from headerRow down. */
export interface SummaryColumnWrite {
  sheet: string;
  col: number;
  /** Row of the header cell; lines[0] goes there, lines[i] to row firstRow + i. */
  firstRow: number;
  lines: string[];
}

export interface ObjectiveReport {
  sheet: string;
  /** Short name, e.g. "Obiettivo B". */
  name: string;
  title: string | null;
  headerCell: string;
  headerRow: number;
  phases: number;
  /** Sum of the phase weights in points; null when a weight is missing or invalid. */
  incidenzaTotal: number | null;
  finalDeadline: string | null;
  /** Sum of the weights of the completed phases, in points. */
  progress: number | null;
  completedPhases: number;
  referenceDate: string;
  hasMonitoring: boolean;
  phaseStatuses: PhaseStatus[];
  summary: SummaryColumnWrite;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export interface CheckReport {
  schemaVersion: 1;
  referenceDate: string;
  objectives: ObjectiveReport[];
  findings: Finding[];
  counts: SeverityCounts;
}
