// What a check remembers in the workbook and the pure planning of its writes (spec §3 summary column, §5),
// shared by the Excel and Google Sheets adapters. Host-neutral: the adapters read the host, call these
// planners and write what they return.
//
// A remembered cell is anchored by a FORMULA that references it (='Sheet'!$C$12), kept in the host's own
// cells: the host rewrites that reference when rows or columns are inserted, deleted or moved and when the
// sheet is renamed, so reading the formula back gives the cell's current address (#REF! once the cell is gone).
import { a1, parseA1 } from "./a1";
import { SEVERITY_FILL } from "./marks";
import type { CellMark } from "./marks";
import type { CellValue, SummaryColumnWrite } from "./types";

/**
 * A cell's fill. color null = no fill. pattern / patternColor / tint are null when the host (or its API level)
 * does not report them. explicit white is color "#FFFFFF" with a pattern (or known to be set), no fill is null.
 */
export interface Fill {
  color: string | null;
  pattern: string | null;
  patternColor: string | null;
  tint: number | null;
}

export const NO_FILL: Fill = { color: null, pattern: null, patternColor: null, tint: null };

export const normColor = (c: string | null | undefined): string | null => (c ? c.toUpperCase() : null);

const SEVERITY_COLORS = new Set(Object.values(SEVERITY_FILL).map((c) => c.toUpperCase()));

/** True when the fill (or colour) is one of the checker's own severity fills. */
export function isSeverityFill(fill: Fill | string | null | undefined): boolean {
  const color = typeof fill === "string" ? fill : fill?.color;
  return !!color && SEVERITY_COLORS.has(color.toUpperCase());
}

/** A cell position in a sheet (0-based row and column). */
export interface CellPos {
  sheet: string;
  row: number;
  col: number;
}

/** A sheet name as a formula writes it: always quoted, inner quotes doubled. */
export const quoteSheet = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** The anchor formula of a cell, e.g. ='Fase 1'!$C$12. */
export function anchorFormula(sheet: string, row: number, col: number): string {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(a1(row, col))!;
  return `=${quoteSheet(sheet)}!$${letters}$${digits}`;
}

/**
 * The cell an anchor formula references now: ='It''s'!$C$12, =Sheet1!C12, =Sheet1!$C$12 (a host may drop
 * the quotes when a name does not need them). null when the reference is gone (#REF!) or not an anchor.
 */
export function parseAnchor(formula: unknown): CellPos | null {
  if (typeof formula !== "string" || formula.includes("#REF!")) return null;
  const m = /^=(?:'((?:[^']|'')+)'|([^'!=]+))!(\$?[A-Z]{1,3}\$?\d+)$/i.exec(formula.trim());
  if (!m) return null;
  const pos = parseA1(m[3]);
  if (!pos) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], row: pos.row, col: pos.col };
}

/** One remembered highlight: where (anchor + the sheet's host id), the original fill, the colour we applied. */
export interface FillEntry {
  kind: "fill";
  anchor: string;
  sheetId: string;
  original: Fill;
  applied: string;
  /** What the check wrote into the cell's note, when the host writes notes: its noteDigest (memories written before: the block itself). */
  note: string | null;
}

/** One summary cell the check wrote, with the digest of the exact text it wrote (see textDigest). */
export interface SummaryEntry {
  kind: "summary";
  anchor: string;
  sheetId: string;
  digest: string;
}

const DIGEST_PREFIX = "s:";

/**
 * A 53-bit digest of a text, "s:" and base 36 (at most 13 characters): what the memory keeps of a summary
 * line, enough to tell whether a cell still holds exactly the line we wrote (a user's edit matches it with a
 * chance of one in 2^53) at a fraction of the line's bytes. The prefix keeps a host from reading it as a number.
 */
export function textDigest(text: string): string {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return DIGEST_PREFIX + (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A memory row's summary field: a digest, or (rows written before digests) the text itself. */
const digestOf = (field: string) => (/^s:[0-9a-z]+$/.test(field) ? field : textDigest(field));

export type MemoryEntry = FillEntry | SummaryEntry;

/** A memory entry with where its anchor points now (null when the cell is gone). */
export interface Located<E extends MemoryEntry = MemoryEntry> {
  entry: E;
  at: CellPos | null;
}

/** The hidden sheet that holds the memory, the same name in Excel and Google Sheets (each host keeps its own marker). */
export const MEMORY_SHEET = "_VerificaPIAO";

/** Number of cells of a memory row. */
export const MEMORY_COLUMNS = 9;

type RowCell = string | number;

/** Memory entry -> one row of cells: kind, anchor formula, sheet id, then the kind's fields. */
export function encodeEntry(e: MemoryEntry): RowCell[] {
  if (e.kind === "summary") return ["S", e.anchor, e.sheetId, "", "", "", "", "", e.digest];
  const o = e.original;
  return ["F", e.anchor, e.sheetId, o.color ?? "", o.pattern ?? "", o.patternColor ?? "", o.tint ?? "", e.applied, e.note ?? ""];
}

/** One row read back (formulas of the row: the anchor comes back moved) -> entry; null when malformed. */
export function decodeEntry(row: readonly unknown[]): MemoryEntry | null {
  const s = (i: number) => (row[i] === null || row[i] === undefined ? "" : String(row[i]));
  const anchor = s(1);
  const sheetId = s(2);
  if (!anchor.startsWith("=")) return null;
  if (s(0) === "S") return { kind: "summary", anchor, sheetId, digest: digestOf(s(8)) };
  if (s(0) !== "F" || !s(7)) return null;
  const tint = row[6] === "" || row[6] === null || row[6] === undefined ? null : Number(row[6]);
  return {
    kind: "fill",
    anchor,
    sheetId,
    original: {
      color: normColor(s(3) || null),
      pattern: s(4) || null,
      patternColor: normColor(s(5) || null),
      tint: tint === null || Number.isNaN(tint) ? null : tint,
    },
    applied: s(7).toUpperCase(),
    note: s(8) || null,
  };
}

/** Where an entry's anchor points now. */
export const locate = <E extends MemoryEntry>(entry: E): Located<E> => ({ entry, at: parseAnchor(entry.anchor) });

/** A key for a cell position (maps and sets). */
export const posKey = (p: CellPos) => `${p.sheet}\u0000${p.row}\u0000${p.col}`;

/** A fill to write into a cell. */
export interface FillWrite extends CellPos {
  fill: Fill;
}

/**
 * One entry per cell, in the order of their cells' first entries; entries whose cell is gone are dropped.
 * Several entries point to one cell after a cut and paste onto a remembered cell, or after a run whose sheet
 * writes failed (old and new memory together): the one whose applied colour the cell shows is kept, else the
 * newest (the last). `shown`: the colour the cell shows, null when unknown.
 */
export function oneEntryPerCell(
  entries: readonly Located<FillEntry>[],
  shown: (pos: CellPos) => string | null,
): (Located<FillEntry> & { at: CellPos })[] {
  const byCell = new Map<string, Located<FillEntry> & { at: CellPos }>();
  for (const { entry, at } of entries) {
    if (!at) continue;
    const kept = byCell.get(posKey(at));
    if (!kept || normColor(shown(at)) !== kept.entry.applied) byCell.set(posKey(at), { entry, at });
  }
  return [...byCell.values()];
}

export interface HighlightPlan {
  /** Cells given their original back (no longer flagged, still showing the colour we applied). */
  restore: FillWrite[];
  /** Cells to colour with their severity fill. */
  apply: (CellPos & { color: string })[];
  /** The fill entries to keep for the checked sheets after this run (the rest of their memory is dropped). */
  remember: (CellPos & { original: Fill; applied: string; note: string | null })[];
}

/**
 * Plans one run's highlights on the checked sheets. `previous`: their fill entries, located; `current`: the
 * fill a cell shows now, for the previous entries' cells and the flagged cells. A previous cell still showing
 * the colour we applied is restored, or, if flagged again, keeps its remembered original. A previous cell
 * whose fill the user changed is left alone and forgotten (flagged again: the user's fill is its original).
 * An entry whose cell is gone is forgotten. A severity fill is never remembered as an original: a flagged
 * cell already showing one with no memory of it (e.g. a run whose memory was lost) gets no fill back.
 * Of several entries of one cell, the one oneEntryPerCell keeps counts.
 */
export function planHighlights(
  previous: Located<FillEntry>[],
  marks: readonly CellMark[],
  current: (pos: CellPos) => Fill,
  notes: (mark: CellMark) => string | null = () => null,
): HighlightPlan {
  const flagged = new Map(marks.map((m) => [posKey(m), m]));
  const kept = new Map<string, Fill>();
  const restore: FillWrite[] = [];
  for (const { entry, at } of oneEntryPerCell(previous, (pos) => current(pos).color)) {
    if (normColor(current(at).color) !== entry.applied) continue;
    if (flagged.has(posKey(at))) kept.set(posKey(at), entry.original);
    else restore.push({ ...at, fill: entry.original });
  }
  const apply: HighlightPlan["apply"] = [];
  const remember: HighlightPlan["remember"] = [];
  for (const [k, m] of flagged) {
    const pos = { sheet: m.sheet, row: m.row, col: m.col };
    const color = SEVERITY_FILL[m.severity].toUpperCase();
    const now = current(pos);
    const original = kept.get(k) ?? (isSeverityFill(now) ? NO_FILL : now);
    apply.push({ ...pos, color });
    remember.push({ ...pos, original, applied: color, note: notes(m) });
  }
  return { restore, apply, remember };
}

export interface RestorePlan {
  restore: FillWrite[];
  /** Entries still remembered afterwards: only those whose cell could not be read (current null). */
  keep: FillEntry[];
  /** Cells actually restored. */
  count: number;
}

/**
 * Plans *Rimuovi evidenziazioni*: restores exactly the cells that still show the colour we applied; a cell
 * the user recoloured is left alone, an entry whose cell is gone (#REF!) is forgotten; both are dropped.
 * `current` is null for a cell the adapter could not read: its entry is kept for a later try. Of several
 * entries of one cell, the one oneEntryPerCell keeps counts.
 */
export function planRestore(entries: Located<FillEntry>[], current: (pos: CellPos) => Fill | null): RestorePlan {
  const restore: FillWrite[] = [];
  const keep: FillEntry[] = [];
  for (const { entry, at } of oneEntryPerCell(entries, (pos) => current(pos)?.color ?? null)) {
    const now = current(at);
    if (now === null) keep.push(entry);
    else if (normColor(now.color) === entry.applied) restore.push({ ...at, fill: entry.original });
  }
  return { restore, keep, count: restore.length };
}

// ---- Summary column (spec §3) ----

/** A cell as the adapter read it: value, formula (the host's formula text, or the value when none), hidden. */
export interface CellState {
  value: CellValue | undefined;
  formula: unknown;
  hidden: boolean;
}

const isFormula = (formula: unknown) => typeof formula === "string" && formula.startsWith("=");
const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v === "");

/** A cell the summary may take: no value and no formula (a formula yielding "" is the user's). */
export const isFreeCell = (value: unknown, formula: unknown) => isBlank(value) && !isFormula(formula);

/** Ours only while the cell still holds exactly the text we wrote (`digest`: its textDigest), and no formula. */
export function isOurSummaryCell(value: unknown, formula: unknown, digest: string | null | undefined): boolean {
  return !!digest && typeof value === "string" && value !== "" && !isFormula(formula) && textDigest(value) === digest;
}

const OWN_HEADER = /^\s*(sintesi monitoraggio al|monitoring summary at)\b/i;

export interface SummaryPlan {
  writes: (CellPos & { text: string })[];
  /** Cells of a previous summary still holding exactly our text that this run does not rewrite. */
  clears: CellPos[];
  /** The summary cells remembered after this run. */
  remember: (CellPos & { text: string })[];
  /** A summary that found no usable column within maxShift columns of the core's: then nothing may be written. */
  conflict: CellPos | null;
}

/**
 * Plans the summary columns. The core chose each column from the values; this moves it right past any column
 * that is hidden or where a line would land on a user's cell (value, formula, or an edit of our text), and
 * writes only the rows that have a line. A column is usable when every cell of its span is free or ours, or
 * (for rows without a line) when its header is ours. Previous summary cells not rewritten and still exactly
 * ours are cleared. `previous`: the summary entries of the checked sheets, located. A column more than
 * `maxShift` columns right of the core's is not tried (the adapter read only so far): that is a conflict.
 */
export function planSummaries(
  columns: readonly SummaryColumnWrite[],
  previous: readonly Located<SummaryEntry>[],
  cell: (pos: CellPos) => CellState,
  maxShift = 50,
): SummaryPlan {
  const ourDigest = new Map<string, string>();
  for (const { entry, at } of previous) if (at) ourDigest.set(posKey(at), entry.digest);
  const ours = (pos: CellPos) => {
    const c = cell(pos);
    return isOurSummaryCell(c.value, c.formula, ourDigest.get(posKey(pos)));
  };
  const free = (pos: CellPos) => {
    const c = cell(pos);
    return isFreeCell(c.value, c.formula) || ours(pos);
  };
  const ownHeader = (pos: CellPos) => {
    const c = cell(pos);
    return !isFormula(c.formula) && OWN_HEADER.test(String(c.value ?? ""));
  };

  const writes: SummaryPlan["writes"] = [];
  const taken = new Set<string>();
  for (const w of columns) {
    let col = w.col;
    for (; ; col++) {
      if (col > w.col + maxShift) return { writes: [], clears: [], remember: [], conflict: { sheet: w.sheet, row: w.firstRow, col: w.col } };
      const at = (i: number) => ({ sheet: w.sheet, row: w.firstRow + i, col });
      if (cell(at(0)).hidden) continue;
      if (w.lines.some((_, i) => taken.has(posKey(at(i))))) continue;
      const header = ownHeader(at(0));
      const usable = w.lines.every((line, i) =>
        i === 0 && header ? true : line !== "" ? free(at(i)) : header || free(at(i)),
      );
      if (usable) break;
    }
    w.lines.forEach((text, i) => {
      const pos = { sheet: w.sheet, row: w.firstRow + i, col };
      taken.add(posKey(pos));
      if (text !== "") writes.push({ ...pos, text });
    });
  }
  const written = new Set(writes.map(posKey));
  const clears: CellPos[] = [];
  for (const { at } of previous) {
    if (at && !written.has(posKey(at)) && ours(at)) clears.push(at);
  }
  return { writes, clears, remember: writes, conflict: null };
}

/** A vertical run of summary cells of one column, written with one values write ("" clears a line of ours). */
export interface SummaryRun extends CellPos {
  texts: string[];
}

/** The cells to write grouped into vertical runs of consecutive rows, by sheet, column and row. */
export function summaryRuns(cells: readonly (CellPos & { text: string })[]): SummaryRun[] {
  const sorted = [...cells].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col || a.row - b.row));
  const runs: SummaryRun[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === c.sheet && last.col === c.col && last.row + last.texts.length === c.row) last.texts.push(c.text);
    else runs.push({ sheet: c.sheet, row: c.row, col: c.col, texts: [c.text] });
  }
  return runs;
}

// ---- One check at a time ----

/** How long a lease holds when its run never releases it (a closed pane, a crash). */
export const LEASE_MS = 2 * 60 * 1000;

export interface Lease {
  token: string;
  expires: number;
}

export const encodeLease = (lease: Lease) => `${lease.token}|${lease.expires}`;

export function decodeLease(text: unknown): Lease | null {
  const m = typeof text === "string" ? /^([^|]+)\|(\d+)$/.exec(text) : null;
  return m ? { token: m[1], expires: Number(m[2]) } : null;
}

/**
 * Each run writes its own lease into a cell of its own and, in the same batch, reads every lease back. Batches
 * of one document run one after the other, so of two runs the later one always sees the earlier: a run goes
 * on only when it sees no other live lease. Expired leases are ignored.
 */
export function mayProceed(leases: readonly unknown[], token: string, now: number): boolean {
  return leases.map(decodeLease).every((l) => !l || l.token === token || l.expires <= now);
}
