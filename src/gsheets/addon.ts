// The add-on's behaviour, host services passed in (Code.ts wires the real ones, tests the fakes).
import { a1, checkWorkbook, marksByCell, parseConfig, SEVERITY_FILL } from "../core";
import type { CellMark, CheckReport, ConfigInput, ExtraHeaders, Finding, Lang, SeverityCounts, SummaryColumnWrite } from "../core";
import type { GProperties, GSheet, GSpreadsheet } from "./gas";
import { errorReason, messages, type Messages } from "./i18n";
import { parseRangeA1, readWorkbook, type FormatDate } from "./read";
import { HighlightStore, MAX_STORED_CHARS, type CellRecord } from "./store";

export interface Env {
  ss: GSpreadsheet;
  props: GProperties;
  lang: Lang;
  formatDate: FormatDate;
  /** SpreadsheetApp.ProtectionType.SHEET and .RANGE */
  protectionTypes: { sheet: GoogleAppsScript.Spreadsheet.ProtectionType; range: GoogleAppsScript.Spreadsheet.ProtectionType };
  now: Date;
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

/** Everything the add-on will change on one sheet, computed before anything is written. */
interface SheetPlan {
  sheet: GSheet;
  id: number;
  name: string;
  prev: CellRecord[];
  marks: CellMark[];
  summaries: SummaryColumnWrite[];
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
  records: CellRecord[];
  restored: number;
  stored: Record<string, string>;
}

const sameColour = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function noteText(msgs: Messages, original: string, mark: CellMark): string {
  const ours = [msgs.notePrefix, ...mark.messages.map((m) => `• ${m}`)].join("\n");
  return original ? `${original}\n\n${ours}` : ours;
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
  return [...groups].map(([color, cells]) => ({ color: color === "#ffffff" ? null : color, cells: a1List(cells) }));
}

/**
 * Reads the backgrounds and notes of the touched cells once (one bounding range), puts back what a
 * previous run changed (unless the user has changed it since) and applies the new marks.
 */
function prepare(plan: SheetPlan, msgs: Messages): PreparedWrite {
  const cells = [...plan.prev, ...plan.marks];
  const out: PreparedWrite = { plan, box: null, notes: [], fills: [], records: [], restored: 0, stored: {} };
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
  for (const r of plan.prev) {
    const [y, x] = [r.row - top, r.col - left];
    if (sameColour(bg[y][x], r.appliedBg)) {
      bg[y][x] = r.origBg;
      colours.set(`${r.row},${r.col}`, { row: r.row, col: r.col, color: r.origBg });
    }
    if (notes[y][x] === r.appliedNote) notes[y][x] = r.origNote;
    out.restored++;
  }
  for (const m of plan.marks) {
    const [y, x] = [m.row - top, m.col - left];
    const record: CellRecord = {
      row: m.row,
      col: m.col,
      origBg: bg[y][x],
      appliedBg: SEVERITY_FILL[m.severity],
      origNote: notes[y][x],
      appliedNote: noteText(msgs, notes[y][x], m),
    };
    colours.set(`${m.row},${m.col}`, { row: m.row, col: m.col, color: record.appliedBg });
    notes[y][x] = record.appliedNote;
    out.records.push(record);
  }
  out.box = { top, left, rows, cols };
  out.notes = notes;
  out.fills = fillsByColour(colours);
  out.stored = HighlightStore.encode(plan.id, out.records);
  return out;
}

function writeSheet(w: PreparedWrite): void {
  const { sheet, summaries } = w.plan;
  if (summaries.length > 0) {
    const maxCol = sheet.getMaxColumns();
    const needed = Math.max(...summaries.map((s) => s.col + 1));
    if (needed > maxCol) sheet.insertColumnsAfter(maxCol, needed - maxCol);
    for (const s of summaries) {
      sheet.getRange(s.firstRow + 1, s.col + 1, s.lines.length, 1).setValues(s.lines.map((line) => [line]));
    }
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
  const boxes = w.plan.summaries.map((s) => ({ top: s.firstRow, left: s.col, bottom: s.firstRow + s.lines.length - 1, right: s.col }));
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
 * Checks the plans, then writes them; returns an error message and changes nothing when a sheet
 * to be written is protected or its originals would not fit in the document properties.
 */
function execute(env: Env, store: HighlightStore, plans: SheetPlan[]): { error: string | null; restored: number } {
  const msgs = messages(env.lang);
  const active = plans.filter((p) => p.prev.length > 0 || p.marks.length > 0 || p.summaries.length > 0);
  const locked = active.find((p) => isProtected(env, p.sheet));
  if (locked) return { error: msgs.protectedSheet(locked.name), restored: 0 };
  const writes = active.map((p) => prepare(p, msgs));
  const big = writes.find((w) => HighlightStore.size(w.stored) > MAX_STORED_CHARS);
  if (big) return { error: msgs.storageFull(big.plan.name), restored: 0 };
  for (const w of writes) {
    const blocked = blockedRange(env, w);
    if (blocked) return { error: msgs.protectedRange(w.plan.name, blocked), restored: 0 };
  }
  const done: PreparedWrite[] = [];
  for (const w of writes) {
    try {
      writeSheet(w);
    } catch (e) {
      // Keep the originals of the sheets already written, so their highlights stay removable.
      store.save(new Map(done.map((d) => [d.plan.id, d.stored])));
      return { error: msgs.writeFailed(w.plan.name, errorReason(e)), restored: 0 };
    }
    done.push(w);
  }
  store.save(new Map(writes.map((w) => [w.plan.id, w.stored])));
  return { error: null, restored: writes.reduce((n, w) => n + w.restored, 0) };
}

function today(env: Env): string {
  return env.formatDate(env.now, env.ss.getSpreadsheetTimeZone(), "yyyy-MM-dd");
}

/** Checks the active sheet (scope "active") or every sheet, highlights the findings, writes the summaries. */
export function runCheck(env: Env, scope: "active" | "all"): ResultView {
  const msgs = messages(env.lang);
  const settings = loadSettings(env.props);
  const config: ConfigInput = { ...settings, lang: env.lang };
  const parsed = parseConfig(config, env.lang);
  if (!parsed.ok) return emptyView(false, parsed.errors.join("\n"));

  const sheets = env.ss.getSheets();
  const activeName = scope === "active" ? env.ss.getActiveSheet().getName() : undefined;
  const grid = readWorkbook(env.ss, env.formatDate, sheets);
  const report = checkWorkbook(grid, { sheet: activeName, today: today(env), config });
  if (report.objectives.length === 0) {
    return reportView(report, false, msgs.noTable(activeName ? msgs.inSheet(activeName) : msgs.inWorkbook));
  }

  const marks = marksByCell(report.findings);
  const summaries = report.objectives.map((o) => o.summary);
  const store = new HighlightStore(env.props);
  const plans = sheets
    .map((sheet): SheetPlan => {
      const name = sheet.getName();
      const id = sheet.getSheetId();
      const inScope = scope === "all" || name === activeName;
      return {
        sheet,
        id,
        name,
        prev: inScope ? store.load(id) : [],
        marks: marks.filter((m) => m.sheet === name),
        summaries: summaries.filter((s) => s.sheet === name),
      };
    })
    // Out-of-scope sheets are touched only for their own marks; their old highlights then go too.
    .map((p) => (p.prev.length === 0 && p.marks.length > 0 ? { ...p, prev: store.load(p.id) } : p));
  const { error } = execute(env, store, plans);
  if (error) return reportView(report, false, error);
  return reportView(report, true, msgs.checked(report.counts.error, report.counts.warning, report.counts.info));
}

/** Puts back the backgrounds and notes of every highlighted cell of the document. */
export function removeAll(env: Env): ResultView {
  const msgs = messages(env.lang);
  const store = new HighlightStore(env.props);
  const ids = new Set(store.sheetIds());
  if (ids.size === 0) return emptyView(true, msgs.nothingToRemove);
  const sheets = env.ss.getSheets();
  const plans: SheetPlan[] = [];
  for (const sheet of sheets) {
    const id = sheet.getSheetId();
    if (!ids.has(id)) continue;
    plans.push({ sheet, id, name: sheet.getName(), prev: store.load(id), marks: [], summaries: [] });
    ids.delete(id);
  }
  const { error, restored } = execute(env, store, plans);
  if (error) return emptyView(false, error);
  // Records of deleted sheets have nothing left to restore.
  if (ids.size > 0) store.save(new Map([...ids].map((id) => [id, {}])));
  return emptyView(true, msgs.removed(restored));
}

export function selectCell(env: Env, sheetName: string, a1: string): ResultView {
  const sheet = env.ss.getSheetByName(sheetName);
  if (!sheet) return emptyView(false, messages(env.lang).sheetMissing(sheetName));
  sheet.activate();
  sheet.getRange(a1).activate();
  return emptyView(true, "");
}
