// What Verifica PIAO remembers inside the workbook, and the pure planning of each run's writes.
//
// The memory (original fills of highlighted cells, summary cells we wrote) is kept in the document's
// add-in settings (Office.context.document.settings, saved with the file). Chosen over a hidden sheet
// because settings are readable synchronously: the check knows the previous run's cells before its
// first context.sync, so the read stays ONE batch (a hidden sheet would need its own round trip to
// learn whether it exists). Size: only flagged cells are stored (~90 bytes each), far below the
// settings limit (about 2 MB) for any real plan.
import type { CellMark, CellValue, SummaryColumnWrite } from "../core";
import { SEVERITY_FILL, a1, parseA1 } from "../core";

export const STORE_KEY = "verificaPiao.store";

/** A cell's fill. color null = no fill. pattern/patternColor only when the host reports them (ExcelApi 1.9). */
export interface FillState {
  color: string | null;
  pattern?: string | null;
  patternColor?: string | null;
}

/** A cell we highlighted: its fill before we touched it, and the colour we applied. */
export interface StoredFill {
  sheet: string;
  cell: string;
  original: FillState;
  applied: string;
}

/** A summary-column cell we wrote, with the text we wrote (to recognise it as ours later). */
export interface StoredSummary {
  sheet: string;
  cell: string;
  text: string;
}

export interface Store {
  fills: StoredFill[];
  summaries: StoredSummary[];
}

export const key = (sheet: string, cell: string) => `${sheet}\u0000${cell}`;

const normColor = (c: string | null | undefined) => (c ? c.toUpperCase() : null);

/** The stored JSON -> Store; anything malformed is dropped rather than trusted. */
export function parseStore(raw: unknown): Store {
  const store: Store = { fills: [], summaries: [] };
  if (!raw || typeof raw !== "object") return store;
  const { fills, summaries } = raw as { fills?: unknown; summaries?: unknown };
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  for (const f of Array.isArray(fills) ? fills : []) {
    const [sheet, cell, color, pattern, patternColor, applied] = Array.isArray(f) ? f : [];
    if (!str(sheet) || !str(cell) || !str(applied)) continue;
    store.fills.push({
      sheet,
      cell,
      original: { color: str(color), pattern: str(pattern), patternColor: str(patternColor) },
      applied: applied.toUpperCase(),
    });
  }
  for (const s of Array.isArray(summaries) ? summaries : []) {
    const [sheet, cell, text] = Array.isArray(s) ? s : [];
    if (str(sheet) && str(cell) && typeof text === "string") store.summaries.push({ sheet, cell, text });
  }
  return store;
}

/** Store -> compact JSON-able arrays (settings are saved inside the file: keep them small). */
export function serialiseStore(store: Store): { fills: (string | null)[][]; summaries: string[][] } {
  return {
    fills: store.fills.map((f) => [f.sheet, f.cell, f.original.color, f.original.pattern ?? null, f.original.patternColor ?? null, f.applied]),
    summaries: store.summaries.map((s) => [s.sheet, s.cell, s.text]),
  };
}

export interface FillWrite {
  sheet: string;
  cell: string;
  fill: FillState;
}

export interface HighlightPlan {
  /** Cells given back their original fill. */
  restore: FillWrite[];
  /**
   * Cells coloured by this run (colour = severity fill) with their original fill: the stored one when the
   * cell is still ours from a previous run, null when it must be read in the write batch just before colouring.
   */
  apply: { sheet: string; cell: string; color: string; original: FillState | null }[];
}

/**
 * Plans one run's highlights. `previous` are the stored entries of the sheets being re-checked;
 * `current` gives the fill a previously highlighted cell has now. A previous highlight is restored unless
 * the cell is flagged again (then it keeps its stored original: our own colour is never saved as an
 * original). If the user recoloured a highlighted cell since, their colour wins: we neither restore it nor
 * keep its old original (if flagged again, the user's colour becomes the original).
 */
export function planHighlights(
  previous: StoredFill[],
  marks: CellMark[],
  current: (sheet: string, cell: string) => FillState,
): HighlightPlan {
  const flagged = new Map(marks.map((m) => [key(m.sheet, m.cell), m]));
  const stillOurs = new Map<string, StoredFill>();
  const restore: FillWrite[] = [];
  for (const p of previous) {
    if (normColor(current(p.sheet, p.cell).color) !== p.applied) continue;
    const k = key(p.sheet, p.cell);
    if (flagged.has(k)) stillOurs.set(k, p);
    else restore.push({ sheet: p.sheet, cell: p.cell, fill: p.original });
  }
  const apply: HighlightPlan["apply"] = [...flagged].map(([k, m]) => ({
    sheet: m.sheet,
    cell: m.cell,
    color: SEVERITY_FILL[m.severity].toUpperCase(),
    original: stillOurs.get(k)?.original ?? null,
  }));
  return { restore, apply };
}

export interface SummaryPlan {
  writes: SummaryColumnWrite[];
  /** Cells of a previous summary that this run does not rewrite and that still hold our text. */
  clears: { sheet: string; cell: string }[];
  entries: StoredSummary[];
  /** A target cell holding a user's data: then nothing may be written. */
  conflict: { sheet: string; cell: string } | null;
}

// Same test as the core's: a column whose header a previous run (any host) wrote is ours.
const OWN_HEADER = /^\s*(sintesi monitoraggio al|monitoring summary at)\b/i;

const isEmpty = (v: CellValue | undefined) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * Plans the summary columns. The core already picked free-or-own columns; this re-checks them against
 * the values just read (and our stored texts) so a user's cell is never overwritten.
 */
export function planSummaries(
  previous: StoredSummary[],
  summaries: SummaryColumnWrite[],
  valueAt: (sheet: string, row: number, col: number) => CellValue | undefined,
): SummaryPlan {
  const prev = new Map(previous.map((p) => [key(p.sheet, p.cell), p]));
  const written = new Set<string>();
  const entries: StoredSummary[] = [];
  for (const w of summaries) {
    const ownColumn = OWN_HEADER.test(String(valueAt(w.sheet, w.firstRow, w.col) ?? ""));
    for (let i = 0; i < w.lines.length; i++) {
      const cell = a1(w.firstRow + i, w.col);
      const k = key(w.sheet, cell);
      const v = valueAt(w.sheet, w.firstRow + i, w.col);
      if (!isEmpty(v) && !ownColumn && prev.get(k)?.text !== String(v)) {
        return { writes: [], clears: [], entries: [], conflict: { sheet: w.sheet, cell } };
      }
      written.add(k);
      if (w.lines[i] !== "") entries.push({ sheet: w.sheet, cell, text: w.lines[i] });
    }
  }
  const clears = previous
    .filter((p) => !written.has(key(p.sheet, p.cell)))
    .filter((p) => {
      const pos = parseA1(p.cell);
      return pos !== null && String(valueAt(p.sheet, pos.row, pos.col) ?? "") === p.text;
    })
    .map((p) => ({ sheet: p.sheet, cell: p.cell }));
  return { writes: summaries, clears, entries, conflict: null };
}
