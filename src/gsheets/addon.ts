// The add-on's behaviour, host services passed in (Code.ts wires the real ones, tests the fakes).
import { a1, checkWorkbook, marksByCell, parseConfig } from "../core";
import type { CellMark, CellValue, CheckReport, ConfigInput, ExtraHeaders, Finding, Lang, SeverityCounts, SummaryColumnWrite } from "../core";
import {
  anchorFormula,
  isSeverityFill,
  MEMORY_SHEET,
  normColor,
  oneEntryPerCell,
  planHighlights,
  planSummaries,
  posKey,
  summaryRuns,
  textDigest,
  type CellPos,
  type CellState,
  type Fill as MemoryFill,
  type FillEntry,
  type Located,
  type MemoryEntry,
  type SummaryEntry,
  type SummaryRun,
} from "../core/memory";
import type { GLock, GProperties, GSheet, GSpreadsheet } from "./gas";
import { errorReason, messages } from "./i18n";
import { parseRangeA1, readWorkbook, type FormatDate } from "./read";
import { dropLegacy, fillOf, legacyEntries, Memory } from "./store";
import { noteDigest, ourNote, withoutOurLines } from "../core/note-block";

export interface Env {
  ss: GSpreadsheet;
  props: GProperties;
  lang: Lang;
  formatDate: FormatDate;
  /** SpreadsheetApp.ProtectionType.SHEET and .RANGE */
  protectionTypes: { sheet: GoogleAppsScript.Spreadsheet.ProtectionType; range: GoogleAppsScript.Spreadsheet.ProtectionType };
  now: Date;
  /** LockService.getDocumentLock(): one check or removal at a time per document. */
  lock: GLock;
}

export type FindingView = Pick<Finding, "rule" | "severity" | "sheet" | "cell" | "message">;

export interface ObjectiveView {
  name: string;
  title: string | null;
  sheet: string;
  headerCell: string;
  phases: number;
  completedPhases: number;
  /** Points, 0-100; null when the weights are unusable. */
  progress: number | null;
  hasMonitoring: boolean;
  findings: FindingView[];
}

/** What the sidebar shows; also what the functions called by google.script.run return. */
export interface ResultView {
  ok: boolean;
  message: string;
  referenceDate: string | null;
  counts: SeverityCounts | null;
  objectives: ObjectiveView[];
  /** Findings that belong to no objective (table-not-found, responsabili-duplicate...). */
  general: FindingView[];
}

export interface Settings {
  referenceDate?: string;
  period?: string;
  /** The user's own header texts per column role (spec §1). */
  headers?: ExtraHeaders;
}

const SETTINGS_KEY = "vpiao.settings";

/** The saved settings; unreadable ones count as none (the sidebar shows the defaults). */
export function loadSettings(props: GProperties): Settings {
  const raw = props.getProperties()[SETTINGS_KEY];
  try {
    return raw ? (JSON.parse(raw) as Settings) : {};
  } catch {
    return {};
  }
}

/** Validates with the core's schema; saves only a valid configuration. */
export function saveSettings(env: Env, input: Settings): { ok: boolean; errors: string[]; message: string } {
  const clean: Settings = {};
  if (input.referenceDate) clean.referenceDate = input.referenceDate.trim();
  if (input.period) clean.period = input.period.trim();
  if (input.headers && Object.keys(input.headers).length > 0) clean.headers = input.headers;
  const parsed = parseConfig({ ...clean, lang: env.lang }, env.lang);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, message: "" };
  env.props.setProperties({ [SETTINGS_KEY]: JSON.stringify(clean) });
  return { ok: true, errors: [], message: messages(env.lang).settingsSaved };
}

export function emptyView(ok: boolean, message: string): ResultView {
  return { ok, message, referenceDate: null, counts: null, objectives: [], general: [] };
}

export function reportView(report: CheckReport, ok: boolean, message: string): ResultView {
  const view = (f: CheckReport["findings"][number]): FindingView => ({
    rule: f.rule,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    message: f.message,
  });
  return {
    ok,
    message,
    referenceDate: report.referenceDate,
    counts: report.counts,
    objectives: report.objectives.map((o, i) => ({
      name: o.name,
      title: o.title,
      sheet: o.sheet,
      headerCell: o.headerCell,
      phases: o.phases,
      completedPhases: o.completedPhases,
      progress: o.progress,
      hasMonitoring: o.hasMonitoring,
      findings: report.findings.filter((f) => f.objectiveIndex === i).map(view),
    })),
    general: report.findings.filter((f) => f.objectiveIndex === null).map(view),
  };
}

/** A sheet of the document with its name and id read once. */
interface SheetInfo {
  sheet: GSheet;
  id: number;
  name: string;
}

/** Everything the add-on will change on one sheet, computed before anything is written. */
interface SheetPlan extends SheetInfo {
  /** Highlights of earlier runs on this sheet, located: undone first. */
  prev: Located<FillEntry>[];
  marks: CellMark[];
  /** The summary columns to write; null leaves the summary cells as they are (a removal). */
  summaries: SummaryColumnWrite[] | null;
  /** The sheet's values as the check read them (for the summary column). */
  values: CellValue[][];
  /** Summary cells of earlier runs on this sheet, located. */
  prevSummary: Located<SummaryEntry>[];
}

/** Cells that get one background colour; `color` null resets them to the default (no fill). */
interface Fill {
  color: string | null;
  cells: string[];
}

interface PreparedWrite {
  plan: SheetPlan;
  /** Bounding range of the touched cells, 0-based, with the new notes. */
  box: { top: number; left: number; rows: number; cols: number } | null;
  notes: string[][];
  /** The background writes, one per distinct colour: only the cells we restore or highlight. */
  fills: Fill[];
  summaries: SummaryRun[];
  /** What the memory keeps for this sheet after the write. */
  entries: MemoryEntry[];
  restored: number;
}

const LOCK_WAIT_MS = 5000;
/** How far right of the core's choice a summary column may move (hidden or taken columns). */
const MAX_SUMMARY_SHIFT = 200;

/** A1 notations of the cells, vertical runs in one column joined ("D7:D9") to keep the list short. */
function a1List(cells: { row: number; col: number }[]): string[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].col === sorted[i].col && sorted[j + 1].row === sorted[j].row + 1) j++;
    const first = a1(sorted[i].row, sorted[i].col);
    out.push(j === i ? first : `${first}:${a1(sorted[j].row, sorted[j].col)}`);
    i = j + 1;
  }
  return out;
}

/** Groups the cells to colour by colour (null: reset to no fill). */
function fillsByColour(colours: Map<string, { row: number; col: number; color: string | null }>): Fill[] {
  const groups = new Map<string | null, { row: number; col: number }[]>();
  for (const c of colours.values()) {
    const key = c.color === null ? null : c.color.toLowerCase();
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups].map(([color, cells]) => ({ color, cells: a1List(cells) }));
}

/**
 * The summary columns of a sheet with the core's planner (spec §3): formulas are read (a formula
 * yielding "" is the user's), hidden columns are skipped, a cell is ours only while it holds the
 * text the memory says we wrote. Returns the writes and the summary cells to remember.
 */
function planSheetSummaries(plan: SheetPlan): { writes: SummaryRun[]; entries: MemoryEntry[] } {
  const sheetId = String(plan.id);
  const unchanged = { writes: [], entries: plan.prevSummary.filter((l) => l.at).map((l) => l.entry) };
  if (plan.summaries === null) return unchanged;
  if (plan.summaries.length === 0 && plan.prevSummary.length === 0) return { writes: [], entries: [] };
  const { sheet, values } = plan;
  const formulas = sheet.getDataRange().getFormulas();
  const maxCols = sheet.getMaxColumns();
  const hidden = new Map<number, boolean>();
  const isHidden = (c: number) => {
    if (c >= maxCols) return false;
    if (!hidden.has(c)) hidden.set(c, sheet.isColumnHiddenByUser(c + 1));
    return hidden.get(c)!;
  };
  const cell = (pos: CellPos): CellState => {
    const value = values[pos.row]?.[pos.col];
    return { value: value ?? null, formula: formulas[pos.row]?.[pos.col] ?? "", hidden: isHidden(pos.col) };
  };
  const planned = planSummaries(plan.summaries, plan.prevSummary, cell, MAX_SUMMARY_SHIFT);
  if (planned.conflict) return unchanged;
  return {
    writes: summaryRuns([...planned.writes, ...planned.clears.map((c) => ({ ...c, text: "" }))]),
    entries: planned.remember.map((w) => ({ kind: "summary", anchor: anchorFormula(plan.name, w.row, w.col), sheetId, digest: textDigest(w.text) })),
  };
}

/** Rows and columns around the remembered cells searched for copies of our fills. */
const INHERIT_MARGIN = 20;
const STEPS = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];

/**
 * Cells inserted next to a highlighted cell take its fill (Sheets gives new rows and columns the
 * format of a neighbour), so they show our colour without being remembered. Each such cell gets the
 * original of the remembered cell it was copied from: the first one met in a straight line through
 * other such cells, showing the same colour. Only cells nobody remembers and showing a severity fill.
 */
function inheritedOriginals(
  prev: Located<FillEntry>[],
  box: { top: number; left: number; bg: string[][] },
): Map<string, { row: number; col: number; fill: MemoryFill }> {
  const { top, left, bg } = box;
  const colourAt = (row: number, col: number) => normColor(bg[row - top]?.[col - left] ?? null);
  const remembered = new Map<string, Located<FillEntry>>();
  for (const l of prev) remembered.set(posKey(l.at!), l);
  const out = new Map<string, { row: number; col: number; fill: MemoryFill }>();
  bg.forEach((line, y) =>
    line.forEach((b, x) => {
      const [row, col] = [top + y, left + x];
      const colour = normColor(b);
      if (!isSeverityFill(colour) || remembered.has(posKey({ sheet: prev[0].at!.sheet, row, col }))) return;
      for (const [dy, dx] of STEPS) {
        for (let k = 1; colourAt(row + k * dy, col + k * dx) === colour; k++) {
          const source = remembered.get(posKey({ sheet: prev[0].at!.sheet, row: row + k * dy, col: col + k * dx }));
          if (!source) continue;
          if (source.entry.applied === colour) out.set(`${row},${col}`, { row, col, fill: source.entry.original });
          return;
        }
      }
    }),
  );
  return out;
}

/**
 * Reads the backgrounds and notes of the touched cells once (one bounding range each), puts back
 * what earlier runs changed (a fill only where the cell still shows ours, with the core's planner),
 * takes our note lines away and applies the new marks.
 */
function prepare(plan: SheetPlan): PreparedWrite {
  const summary = planSheetSummaries(plan);
  const out: PreparedWrite = { plan, box: null, notes: [], fills: [], summaries: summary.writes, entries: summary.entries, restored: 0 };
  const located = plan.prev.filter((l) => l.at);
  const cells = [...located.map((l) => l.at!), ...plan.marks];
  if (cells.length === 0) return out;
  const top = Math.min(...cells.map((c) => c.row));
  const left = Math.min(...cells.map((c) => c.col));
  const rows = Math.max(...cells.map((c) => c.row)) - top + 1;
  const cols = Math.max(...cells.map((c) => c.col)) - left + 1;
  // Backgrounds are read with a margin where cells may have copied our fills.
  const margin = located.length > 0 ? INHERIT_MARGIN : 0;
  const outer = { top: Math.max(0, top - margin), left: Math.max(0, left - margin) };
  const bottom = margin ? Math.min(plan.sheet.getMaxRows(), top + rows + margin) : top + rows;
  const right = margin ? Math.min(plan.sheet.getMaxColumns(), left + cols + margin) : left + cols;
  const bg = plan.sheet.getRange(outer.top + 1, outer.left + 1, bottom - outer.top, right - outer.left).getBackgrounds();
  const notes = plan.sheet.getRange(top + 1, left + 1, rows, cols).getNotes();
  const shown = (pos: CellPos) => fillOf(bg[pos.row - outer.top][pos.col - outer.left]);
  // The entry per cell the core's planner keeps: its copies and note lines are the ones handled here.
  const prev = oneEntryPerCell(located, (pos) => shown(pos).color);
  const copies = prev.length > 0 ? inheritedOriginals(prev, { ...outer, bg }) : new Map();
  // A copy of our fill counts as showing its source's original: flagged again, that is its original.
  const current = (pos: CellPos) => copies.get(`${pos.row},${pos.col}`)?.fill ?? shown(pos);
  const planned = planHighlights(prev, plan.marks, current, ourNote);

  // The final colour of every cell whose background we write; no other cell is written.
  const colours = new Map<string, { row: number; col: number; color: string | null }>();
  for (const c of copies.values()) colours.set(`${c.row},${c.col}`, { row: c.row, col: c.col, color: c.fill.color });
  for (const r of planned.restore) colours.set(`${r.row},${r.col}`, { row: r.row, col: r.col, color: r.fill.color });
  for (const a of planned.apply) colours.set(`${a.row},${a.col}`, { row: a.row, col: a.col, color: a.color });
  for (const l of prev) notes[l.at!.row - top][l.at!.col - left] = withoutOurLines(notes[l.at!.row - top][l.at!.col - left], l.entry.note);
  for (const r of planned.remember) {
    const [y, x] = [r.row - top, r.col - left];
    const own = withoutOurLines(notes[y][x], r.note);
    notes[y][x] = own ? `${own}\n\n${r.note}` : (r.note ?? "");
    out.entries.push({ kind: "fill", anchor: anchorFormula(plan.name, r.row, r.col), sheetId: String(plan.id), original: r.original, applied: r.applied, note: r.note && noteDigest(r.note) });
  }
  out.restored = planned.restore.length;
  out.box = { top, left, rows, cols };
  out.notes = notes;
  out.fills = fillsByColour(colours);
  return out;
}

function writeSheet(w: PreparedWrite): void {
  const { sheet } = w.plan;
  if (w.summaries.length > 0) {
    const maxCol = sheet.getMaxColumns();
    const needed = Math.max(...w.summaries.map((s) => s.col + 1));
    if (needed > maxCol) sheet.insertColumnsAfter(maxCol, needed - maxCol);
    for (const s of w.summaries) sheet.getRange(s.row + 1, s.col + 1, s.texts.length, 1).setValues(s.texts.map((line) => [line]));
  }
  // RangeList.setBackground(color) colours every range of the list; "a null value resets the color"
  // (https://developers.google.com/apps-script/reference/spreadsheet/range-list#setbackgroundcolor).
  // One call per distinct colour, so the count does not grow with the rows.
  for (const f of w.fills) sheet.getRangeList(f.cells).setBackground(f.color);
  // RangeList.setNote(note) sets one text on every range (same page, #setnotenote) and each note
  // differs, so notes keep one setNotes on the box: rewriting a note with its own text is harmless.
  if (w.box) sheet.getRange(w.box.top + 1, w.box.left + 1, w.box.rows, w.box.cols).setNotes(w.notes);
}

function isProtected(env: Env, sheet: GSheet): boolean {
  return sheet.getProtections(env.protectionTypes.sheet).some((p) => !p.canEdit());
}

/** The A1 range of a protection the user cannot edit that overlaps what `w` would write, if any. */
function blockedRange(env: Env, w: PreparedWrite): string | null {
  const boxes = w.summaries.map((s) => ({ top: s.row, left: s.col, bottom: s.row + s.texts.length - 1, right: s.col }));
  if (w.box) boxes.push({ ...w.box, bottom: w.box.top + w.box.rows - 1, right: w.box.left + w.box.cols - 1 });
  for (const p of w.plan.sheet.getProtections(env.protectionTypes.range)) {
    if (p.canEdit()) continue;
    const a1 = p.getRange().getA1Notation();
    const r = parseRangeA1(a1);
    if (r && boxes.some((b) => b.top <= r.bottom && r.top <= b.bottom && b.left <= r.right && r.left <= b.right)) return a1;
  }
  return null;
}

/**
 * All or nothing: checks the plans, writes the new memory, then the sheets, then drops the old
 * memory. Nothing is coloured when a sheet is protected or the memory cannot be written; a failure
 * while writing the sheets leaves old and new memory together, so every mark stays removable.
 */
function execute(env: Env, doc: DocumentState, plans: SheetPlan[]): { error: string | null; restored: number } {
  const { sheets, memory } = doc;
  const msgs = messages(env.lang);
  const active = plans.filter((p) => p.prev.length > 0 || p.marks.length > 0 || (p.summaries?.length ?? 0) > 0 || p.prevSummary.length > 0);
  const locked = active.find((p) => isProtected(env, p.sheet));
  if (locked) return { error: msgs.protectedSheet(locked.name), restored: 0 };
  const writes = active.map((p) => prepare(p));
  for (const w of writes) {
    const blocked = blockedRange(env, w);
    if (blocked) return { error: msgs.protectedRange(w.plan.name, blocked), restored: 0 };
  }
  const planned = new Set(active.map((p) => String(p.id)));
  const existing = new Set(sheets.map((s) => String(s.id)));
  // Sheets not written keep their entries; those of deleted sheets or cells are forgotten.
  const entries = [
    ...memory.entries.filter((l) => l.at && existing.has(l.entry.sheetId) && !planned.has(l.entry.sheetId)).map((l) => l.entry),
    ...writes.flatMap((w) => w.entries),
  ];
  try {
    memory.append(env.ss, entries);
  } catch (e) {
    return { error: msgs.memoryFailed(errorReason(e, env.lang)), restored: 0 };
  }
  for (const w of writes) {
    try {
      writeSheet(w);
    } catch (e) {
      return { error: msgs.writeFailed(w.plan.name, errorReason(e, env.lang)), restored: 0 };
    }
  }
  memory.dropOld();
  dropLegacy(env.props, doc.legacy);
  return { error: null, restored: writes.reduce((n, w) => n + w.restored, 0) };
}

function today(env: Env): string {
  return env.formatDate(env.now, env.ss.getSpreadsheetTimeZone(), "yyyy-MM-dd");
}

/** Runs `work` holding the document lock; a second run at the same time is refused with a sentence. */
function exclusive(env: Env, work: () => ResultView): ResultView {
  if (!env.lock.tryLock(LOCK_WAIT_MS)) return emptyView(false, messages(env.lang).busy);
  try {
    return work();
  } finally {
    env.lock.releaseLock();
  }
}

/**
 * The document's sheets with the memory sheet apart (it is the add-on's, never checked or written as
 * data), and the memory, with what earlier versions left in the document properties.
 */
interface DocumentState {
  sheets: SheetInfo[];
  memory: Memory;
  /** The document properties, where earlier versions kept their memory. */
  legacy: Record<string, string>;
}

function documentSheets(env: Env): DocumentState {
  const all = env.ss.getSheets().map((sheet) => ({ sheet, id: sheet.getSheetId(), name: sheet.getName() }));
  const mem = all.find((s) => s.name === MEMORY_SHEET);
  const sheets = all.filter((s) => s !== mem);
  const legacy = env.props.getProperties();
  const memory = Memory.read(mem?.sheet ?? null, legacyEntries(legacy, new Map(sheets.map((s) => [s.id, s.name]))));
  return { sheets, memory, legacy };
}

/** The memory entries of one sheet (by id, so a rename changes nothing), at their cells' current places. */
function entriesOf<K extends MemoryEntry["kind"]>(memory: Memory, s: SheetInfo, kind: K): Located<Extract<MemoryEntry, { kind: K }>>[] {
  return memory.entries
    .filter((l) => l.entry.kind === kind && l.entry.sheetId === String(s.id))
    .map((l) => ({ entry: l.entry as Extract<MemoryEntry, { kind: K }>, at: l.at && { ...l.at, sheet: s.name } }));
}

/** Checks the active sheet (scope "active") or every sheet, highlights the findings, writes the summaries. */
export function runCheck(env: Env, scope: "active" | "all"): ResultView {
  return exclusive(env, () => check(env, scope));
}

function check(env: Env, scope: "active" | "all"): ResultView {
  const msgs = messages(env.lang);
  const settings = loadSettings(env.props);
  const config: ConfigInput = { ...settings, lang: env.lang };
  const parsed = parseConfig(config, env.lang);
  if (!parsed.ok) return emptyView(false, parsed.errors.join("\n"));

  const doc = documentSheets(env);
  const { sheets, memory } = doc;
  const activeName = scope === "active" ? env.ss.getActiveSheet().getName() : undefined;
  const grid = readWorkbook(env.ss, env.formatDate, sheets.map((s) => s.sheet));
  const report = checkWorkbook(grid, { sheet: activeName, today: today(env), config });
  if (report.objectives.length === 0) {
    return reportView(report, false, msgs.noTable(activeName ? msgs.inSheet(activeName) : msgs.inWorkbook));
  }

  const marks = marksByCell(report.findings);
  const summaries = report.objectives.map((o) => o.summary);
  const plans = sheets
    .map((s, i): SheetPlan => ({
      ...s,
      prev: entriesOf(memory, s, "fill"),
      marks: marks.filter((m) => m.sheet === s.name),
      summaries: summaries.filter((x) => x.sheet === s.name),
      values: grid.sheets[i].values,
      prevSummary: entriesOf(memory, s, "summary"),
    }))
    // Out-of-scope sheets are touched only for their own marks; their old highlights then go too.
    .filter((p) => scope === "all" || p.name === activeName || p.marks.length > 0 || (p.summaries?.length ?? 0) > 0);
  const { error } = execute(env, doc, plans);
  if (error) return reportView(report, false, error);
  return reportView(report, true, msgs.checked(report.counts.error, report.counts.warning, report.counts.info));
}

/** Puts back the backgrounds and notes of every highlighted cell of the document; summary columns stay. */
export function removeAll(env: Env): ResultView {
  return exclusive(env, () => {
    const msgs = messages(env.lang);
    const doc = documentSheets(env);
    const { sheets, memory } = doc;
    const plans = sheets
      .map((s): SheetPlan => ({ ...s, prev: entriesOf(memory, s, "fill"), marks: [], summaries: null, values: [], prevSummary: entriesOf(memory, s, "summary") }))
      .filter((p) => p.prev.length > 0);
    if (plans.length === 0) return emptyView(true, msgs.nothingToRemove);
    const { error, restored } = execute(env, doc, plans);
    if (error) return emptyView(false, error);
    return emptyView(true, msgs.removed(restored));
  });
}

export function selectCell(env: Env, sheetName: string, a1: string): ResultView {
  const sheet = env.ss.getSheetByName(sheetName);
  if (!sheet) return emptyView(false, messages(env.lang).sheetMissing(sheetName));
  sheet.activate();
  sheet.getRange(a1).activate();
  return emptyView(true, "");
}
