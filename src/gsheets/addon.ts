// The add-on's behaviour, host services passed in (Code.ts wires the real ones, tests the fakes).
import { a1, checkWorkbook, marksByCell, parseConfig, SEVERITY_FILL } from "../core";
import type { CellMark, CellValue, CheckReport, ConfigInput, Finding, Lang, SeverityCounts, SummaryColumnWrite } from "../core";
import type { GLock, GProperties, GSheet, GSpreadsheet } from "./gas";
import { errorReason, messages, type Messages } from "./i18n";
import { parseRangeA1, readWorkbook, type FormatDate } from "./read";
import { Memory, MEMORY_SHEET, type Entry } from "./store";

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
  /** Highlights of earlier runs on this sheet, at their cells' current places: undone first. */
  prev: Entry[];
  marks: CellMark[];
  summaries: SummaryColumnWrite[];
  /** The sheet's values as the check read them (for the summary column). */
  values: CellValue[][];
  /** Summary cells of earlier runs on this sheet. */
  prevSummary: Entry[];
}

/** Cells that get one background colour; `color` null resets them to the default (no fill). */
interface Fill {
  color: string | null;
  cells: string[];
}

/** A vertical run of summary cells written with one setValues. */
interface SummaryWrite {
  row: number;
  col: number;
  lines: string[];
}

interface PreparedWrite {
  plan: SheetPlan;
  /** Bounding range of the touched cells, 0-based, with the new notes. */
  box: { top: number; left: number; rows: number; cols: number } | null;
  notes: string[][];
  /** The background writes, one per distinct colour: only the cells we restore or highlight. */
  fills: Fill[];
  summaries: SummaryWrite[];
  /** What the memory keeps for this sheet after the write. */
  entries: Entry[];
  restored: number;
}

const sameColour = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const SEVERITY_FILLS = Object.values(SEVERITY_FILL);
const isSeverityFill = (color: string) => SEVERITY_FILLS.some((f) => sameColour(f, color));
const NO_FILL = "#ffffff";
const LOCK_WAIT_MS = 5000;

function ourLines(msgs: Messages, mark: CellMark): string {
  return [msgs.notePrefix, ...mark.messages.map((m) => `• ${m}`)].join("\n");
}

/** The note without the lines we added (`ours`); the user's own text is kept as it is. */
export function withoutOurLines(note: string, ours: string): string {
  if (!ours) return note;
  const at = note.lastIndexOf(ours);
  if (at >= 0) {
    const before = note.slice(0, at);
    return (before.endsWith("\n\n") ? before.slice(0, -2) : before) + note.slice(at + ours.length);
  }
  // The user edited our lines: take away those still there, one by one.
  const left = ours.split("\n");
  const kept = note.split("\n").filter((line) => {
    const i = left.indexOf(line);
    if (i < 0 || line === "") return true;
    left.splice(i, 1);
    return false;
  });
  return kept.join("\n").replace(/\n+$/, "");
}

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

/**
 * Groups the cells to colour by colour. getBackgrounds reports "#ffffff" for a cell without fill and
 * for an explicit white alike, so an original white is put back as the default (null): writing an
 * explicit white would hide alternating colours (banding) that showed before.
 */
function fillsByColour(colours: Map<string, { row: number; col: number; color: string }>): Fill[] {
  const groups = new Map<string, { row: number; col: number }[]>();
  for (const c of colours.values()) {
    const key = c.color.toLowerCase();
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups].map(([color, cells]) => ({ color: color === NO_FILL ? null : color, cells: a1List(cells) }));
}

/**
 * The summary columns of a sheet (spec §3). A cell is ours only while it holds exactly the text an
 * earlier run wrote there (the memory says which); a value, a formula (also one whose result is
 * empty) or an edit of our line is the user's. A column is used when it is visible and either its
 * header is ours or every row with a line is free; rows without a line get nothing.
 */
function planSummaries(plan: SheetPlan): { writes: SummaryWrite[]; entries: Entry[] } {
  const { sheet, values, summaries } = plan;
  const formulas = summaries.length > 0 ? sheet.getDataRange().getFormulas() : [];
  const key = (r: number, c: number) => `${r},${c}`;
  const text = (r: number, c: number) => {
    const v = values[r]?.[c];
    return v === null || v === undefined ? "" : String(v);
  };
  const hasFormula = (r: number, c: number) => (formulas[r]?.[c] ?? "") !== "";
  const ours = new Map<string, string>();
  for (const e of plan.prevSummary) if (text(e.row, e.col) === e.text && !hasFormula(e.row, e.col)) ours.set(key(e.row, e.col), e.text);
  const isOurs = (r: number, c: number) => ours.has(key(r, c));
  const isFree = (r: number, c: number) => text(r, c) === "" && !hasFormula(r, c);
  const maxCols = summaries.length > 0 ? sheet.getMaxColumns() : 0;
  const hidden = new Map<number, boolean>();
  const isHidden = (c: number) => {
    if (c >= maxCols) return false;
    if (!hidden.has(c)) hidden.set(c, sheet.isColumnHiddenByUser(c + 1));
    return hidden.get(c)!;
  };

  const writes: SummaryWrite[] = [];
  const written = new Map<string, Entry>();
  for (const s of summaries) {
    const rows = s.lines.map((_, i) => s.firstRow + i);
    const usable = (c: number) =>
      !isHidden(c) && (isOurs(s.firstRow, c) || rows.every((r, i) => s.lines[i] === "" || isFree(r, c) || isOurs(r, c)));
    let col = s.col;
    while (!usable(col)) col++;
    let run: SummaryWrite | null = null;
    s.lines.forEach((line, i) => {
      const r = s.firstRow + i;
      const writable = isOurs(r, col) || (line !== "" && isFree(r, col));
      if (!writable) {
        run = null;
        return;
      }
      if (run && run.row + run.lines.length === r) run.lines.push(line);
      else writes.push((run = { row: r, col, lines: [line] }));
      written.set(key(r, col), { kind: "sum", sheetId: plan.id, row: r, col, origBg: "", appliedBg: "", text: line });
    });
  }
  // Our cells elsewhere stay ours; a cleared line is no longer remembered.
  const entries = plan.prevSummary.filter((e) => isOurs(e.row, e.col) && !written.has(key(e.row, e.col)));
  for (const e of written.values()) if (e.text !== "") entries.push(e);
  return { writes, entries };
}

/**
 * Reads the backgrounds and notes of the touched cells once (one bounding range), puts back what
 * earlier runs changed (a fill only where the cell still shows ours) and applies the new marks.
 */
function prepare(plan: SheetPlan, msgs: Messages): PreparedWrite {
  const summary = planSummaries(plan);
  const cells = [...plan.prev, ...plan.marks];
  const out: PreparedWrite = { plan, box: null, notes: [], fills: [], summaries: summary.writes, entries: summary.entries, restored: 0 };
  if (cells.length === 0) return out;
  const top = Math.min(...cells.map((c) => c.row));
  const left = Math.min(...cells.map((c) => c.col));
  const rows = Math.max(...cells.map((c) => c.row)) - top + 1;
  const cols = Math.max(...cells.map((c) => c.col)) - left + 1;
  const range = plan.sheet.getRange(top + 1, left + 1, rows, cols);
  const bg = range.getBackgrounds();
  const notes = range.getNotes();
  // The final colour of every cell whose background we write; no other cell of the box is written.
  const colours = new Map<string, { row: number; col: number; color: string }>();
  for (const e of plan.prev) {
    const [y, x] = [e.row - top, e.col - left];
    if (sameColour(bg[y][x], e.appliedBg)) {
      bg[y][x] = e.origBg;
      colours.set(`${e.row},${e.col}`, { row: e.row, col: e.col, color: e.origBg });
      out.restored++;
    }
    notes[y][x] = withoutOurLines(notes[y][x], e.text);
  }
  for (const m of plan.marks) {
    const [y, x] = [m.row - top, m.col - left];
    const ours = ourLines(msgs, m);
    const own = withoutOurLines(notes[y][x], ours);
    const applied = SEVERITY_FILL[m.severity].toLowerCase();
    // A severity fill nobody remembers is left from a lost run, never a user's original.
    const origBg = isSeverityFill(bg[y][x]) ? NO_FILL : bg[y][x];
    colours.set(`${m.row},${m.col}`, { row: m.row, col: m.col, color: applied });
    notes[y][x] = own ? `${own}\n\n${ours}` : ours;
    out.entries.push({ kind: "hl", sheetId: plan.id, row: m.row, col: m.col, origBg, appliedBg: applied, text: ours });
  }
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
    for (const s of w.summaries) sheet.getRange(s.row + 1, s.col + 1, s.lines.length, 1).setValues(s.lines.map((line) => [line]));
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
  const boxes = w.summaries.map((s) => ({ top: s.row, left: s.col, bottom: s.row + s.lines.length - 1, right: s.col }));
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
function execute(env: Env, sheets: SheetInfo[], memory: Memory, plans: SheetPlan[]): { error: string | null; restored: number } {
  const msgs = messages(env.lang);
  const active = plans.filter((p) => p.prev.length > 0 || p.marks.length > 0 || p.summaries.length > 0);
  const locked = active.find((p) => isProtected(env, p.sheet));
  if (locked) return { error: msgs.protectedSheet(locked.name), restored: 0 };
  const writes = active.map((p) => prepare(p, msgs));
  for (const w of writes) {
    const blocked = blockedRange(env, w);
    if (blocked) return { error: msgs.protectedRange(w.plan.name, blocked), restored: 0 };
  }
  const planned = new Set(active.map((p) => p.id));
  const names = new Map(sheets.map((s) => [s.id, s.name]));
  // Sheets not written keep their entries; those of deleted sheets are forgotten.
  const entries = [
    ...memory.entries.filter((e) => names.has(e.sheetId) && !planned.has(e.sheetId)),
    ...writes.flatMap((w) => w.entries),
  ];
  try {
    memory.append(env.ss, entries, (id) => names.get(id)!);
  } catch (e) {
    return { error: msgs.memoryFailed(errorReason(e)), restored: 0 };
  }
  for (const w of writes) {
    try {
      writeSheet(w);
    } catch (e) {
      return { error: msgs.writeFailed(w.plan.name, errorReason(e)), restored: 0 };
    }
  }
  memory.dropOld();
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

/** The document's sheets with the memory sheet apart: it is the add-on's, never checked or written as data. */
function documentSheets(env: Env): { sheets: SheetInfo[]; memory: Memory } {
  const all = env.ss.getSheets().map((sheet) => ({ sheet, id: sheet.getSheetId(), name: sheet.getName() }));
  const mem = all.find((s) => s.name === MEMORY_SHEET);
  return { sheets: all.filter((s) => s !== mem), memory: Memory.read(mem?.sheet ?? null) };
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

  const { sheets, memory } = documentSheets(env);
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
      prev: memory.entries.filter((e) => e.kind === "hl" && e.sheetId === s.id),
      marks: marks.filter((m) => m.sheet === s.name),
      summaries: summaries.filter((x) => x.sheet === s.name),
      values: grid.sheets[i].values,
      prevSummary: memory.entries.filter((e) => e.kind === "sum" && e.sheetId === s.id),
    }))
    // Out-of-scope sheets are touched only for their own marks; their old highlights then go too.
    .filter((p) => scope === "all" || p.name === activeName || p.marks.length > 0 || p.summaries.length > 0);
  const { error } = execute(env, sheets, memory, plans);
  if (error) return reportView(report, false, error);
  return reportView(report, true, msgs.checked(report.counts.error, report.counts.warning, report.counts.info));
}

/** Puts back the backgrounds and notes of every highlighted cell of the document; summary columns stay. */
export function removeAll(env: Env): ResultView {
  return exclusive(env, () => {
    const msgs = messages(env.lang);
    const { sheets, memory } = documentSheets(env);
    const highlighted = new Set(memory.entries.filter((e) => e.kind === "hl").map((e) => e.sheetId));
    const plans = sheets
      .filter((s) => highlighted.has(s.id))
      .map((s): SheetPlan => ({
        ...s,
        prev: memory.entries.filter((e) => e.kind === "hl" && e.sheetId === s.id),
        marks: [],
        summaries: [],
        values: [],
        prevSummary: memory.entries.filter((e) => e.kind === "sum" && e.sheetId === s.id),
      }));
    if (plans.length === 0) return emptyView(true, msgs.nothingToRemove);
    const { error, restored } = execute(env, sheets, memory, plans);
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
