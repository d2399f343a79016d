// The Excel adapter: one batched read, the core's check, one batched write.
//
// Requirement sets: the main path needs ExcelApi 1.7 (Office 2019/2021). Newer APIs are used only
// when the host says it has them: getCellProperties (1.9) reads every original fill in the read batch;
// without it one extra batch loads the fills of the flagged cells. Merged areas (1.13) are read when
// available; without them a merged cell is seen as its top-left value with empty neighbours.
import type { CheckReport, Lang, SheetGrid } from "../core";
import { a1, checkWorkbook, marksByCell } from "../core";
import { assembleSheet, parseMergedAddress, type RangeData } from "./grid";
import { MESSAGES, oneLine } from "./messages";
import { hostLang, loadSettings, loadStore, refreshSettings, saveStore, type AddinSettings } from "./settings";
import { key, planHighlights, planSummaries, type FillState, type Store } from "./store";

export type Scope = "active" | "all";

export interface CheckOutcome {
  ok: boolean;
  /** Why nothing was written (protected sheet, no table, error); null when ok. */
  message: string | null;
  report: CheckReport | null;
  /** The checked sheet (active scope) or null (all sheets). */
  sheet: string | null;
}

const CHUNK_ROWS = 1000;
/** Row chunks queued blind in the first batch (rows 1..20,000); longer sheets need one more read. */
const BLIND_CHUNKS = 20;
/** Usual names of the sheet holding the Responsabili table, read along with the active sheet. */
const RESPONSABILI_NAMES = ["Responsabili", "Elenco Responsabili"];

function supports(version: string): boolean {
  return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported("ExcelApi", version);
}

interface SheetRead {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  chunks: Excel.Range[];
  merged: Excel.RangeAreas | null;
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
}

/** Loaded sheet: its grid, protection and (ExcelApi 1.9) the fill of every used cell. */
interface SheetData {
  name: string;
  protected: boolean;
  grid: SheetGrid;
  fills: Map<string, FillState> | null;
}

function queueChunk(sheet: Excel.Worksheet, used: Excel.Range, k: number): Excel.Range {
  // Whole rows intersected with the used range: a chunk past the end is a null object, so chunks can be
  // queued before the size of the sheet is known, all in the same batch.
  const chunk = sheet.getRange(`${k * CHUNK_ROWS + 1}:${(k + 1) * CHUNK_ROWS}`).getIntersectionOrNullObject(used);
  chunk.load("rowIndex,columnIndex,values,numberFormat");
  return chunk;
}

/** Queues the read of a sheet; `withFills`: also every cell's fill (only for sheets that will be written). */
function queueRead(sheet: Excel.Worksheet, withFills: boolean): SheetRead {
  sheet.load("name");
  sheet.protection.load("protected");
  const used = sheet.getUsedRange();
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const chunks = Array.from({ length: BLIND_CHUNKS }, (_, k) => queueChunk(sheet, used, k));
  let merged: Excel.RangeAreas | null = null;
  if (supports("1.13")) {
    merged = used.getMergedAreasOrNullObject();
    merged.load("address");
  }
  const props = withFills && supports("1.9")
    ? used.getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } })
    : null;
  return { sheet, used, chunks, merged, props };
}

/** Queues the chunks beyond the blind ones; true when there were any (the caller syncs once more). */
function queueRest(read: SheetRead): boolean {
  if (read.sheet.isNullObject || read.used.isNullObject) return false;
  const lastRow = read.used.rowIndex + read.used.rowCount;
  for (let k = BLIND_CHUNKS; k * CHUNK_ROWS < lastRow; k++) read.chunks.push(queueChunk(read.sheet, read.used, k));
  return read.chunks.length > BLIND_CHUNKS;
}

function toData(read: SheetRead): SheetData {
  const chunks: RangeData[] = read.chunks
    .filter((c) => !c.isNullObject)
    .map((c) => ({ rowIndex: c.rowIndex, columnIndex: c.columnIndex, values: c.values, numberFormat: c.numberFormat }));
  const merges = read.merged && !read.merged.isNullObject ? parseMergedAddress(read.merged.address) : [];
  let fills: Map<string, FillState> | null = null;
  if (read.props) {
    fills = new Map();
    const { rowIndex, columnIndex } = read.used;
    read.props.value.forEach((row, r) =>
      row.forEach((p, c) => {
        const fill = p.format?.fill;
        if (fill) fills!.set(a1(rowIndex + r, columnIndex + c), toFillState(fill.color, fill.pattern, fill.patternColor));
      }),
    );
  }
  return { name: read.sheet.name, protected: read.sheet.protection.protected, grid: assembleSheet(read.sheet.name, chunks, merges), fills };
}

function toFillState(color: string | undefined, pattern?: string, patternColor?: string): FillState {
  // Without a pattern (ExcelApi < 1.9) a cell with no fill reports white: treat white as "no fill".
  const none = pattern ? pattern === "None" : !color || color.toUpperCase() === "#FFFFFF";
  return { color: none ? null : (color ?? null), pattern: pattern ?? null, patternColor: patternColor ?? null };
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Reads the sheets the check needs: normally ONE sync (active scope), two for all sheets. */
async function readSheets(ctx: Excel.RequestContext, scope: Scope, settings: AddinSettings): Promise<{ active: string; sheets: SheetData[] }> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const activeRead = queueRead(worksheets.getActiveWorksheet(), true);
  const wanted = scope === "active" ? [settings.responsabiliSheet, ...RESPONSABILI_NAMES].filter((n): n is string => !!n) : [];
  let reads = [activeRead, ...wanted.map((n) => queueRead(worksheets.getItemOrNullObject(n), false))];
  try {
    await ctx.sync();
  } catch (e) {
    // Some hosts may refuse ranges of a sheet that does not exist: read the active sheet alone and
    // fetch the Responsabili sheet by its real name below.
    if (wanted.length === 0) throw e;
    return readSheetsSafely(ctx, scope, settings);
  }
  reads = reads.filter((r) => !r.sheet.isNullObject);
  const active = activeRead.sheet.name;
  const unique = reads.filter((r, i) => reads.findIndex((o) => sameName(o.sheet.name, r.sheet.name)) === i);
  const more = scope === "all" ? worksheets.items.map((w) => w.name).filter((n) => !sameName(n, active)) : [];
  const extra = more.map((n) => queueRead(worksheets.getItem(n), true));
  const needRest = unique.map(queueRest).some(Boolean);
  if (extra.length > 0 || needRest) await ctx.sync();
  if (extra.map(queueRest).some(Boolean)) await ctx.sync();
  return { active, sheets: [...unique, ...extra].map(toData) };
}

async function readSheetsSafely(ctx: Excel.RequestContext, scope: Scope, settings: AddinSettings) {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const activeRead = queueRead(worksheets.getActiveWorksheet(), true);
  await ctx.sync();
  const active = activeRead.sheet.name;
  const names = worksheets.items.map((w) => w.name).filter((n) => !sameName(n, active));
  const pick = names.filter((n) => /responsabil/i.test(n) || (settings.responsabiliSheet && sameName(n, settings.responsabiliSheet)));
  const extra = (scope === "all" ? names : pick).map((n) => queueRead(worksheets.getItem(n), scope === "all"));
  const needRest = queueRest(activeRead);
  if (extra.length > 0 || needRest) await ctx.sync();
  if (extra.map(queueRest).some(Boolean)) await ctx.sync();
  return { active, sheets: [activeRead, ...extra].map(toData) };
}

/** Loads the current fill of the given cells in one batch (ExcelApi 1.7 path). */
async function loadFills(ctx: Excel.RequestContext, cells: { sheet: string; cell: string }[]): Promise<Map<string, FillState>> {
  const fills = cells.map((c) => {
    const fill = ctx.workbook.worksheets.getItem(c.sheet).getRange(c.cell).format.fill;
    fill.load("color");
    return { ...c, fill };
  });
  await ctx.sync();
  return new Map(fills.map((f) => [key(f.sheet, f.cell), toFillState(f.fill.color)]));
}

function writeFill(range: Excel.Range, fill: FillState): void {
  if (fill.color === null) {
    range.format.fill.clear();
    return;
  }
  range.format.fill.color = fill.color;
  if (fill.pattern && fill.pattern !== "Solid" && fill.pattern !== "None" && supports("1.9")) {
    range.format.fill.pattern = fill.pattern as Excel.FillPattern;
    if (fill.patternColor) range.format.fill.patternColor = fill.patternColor;
  }
}

/**
 * Checks the active sheet (or every sheet), highlights the flagged cells, writes the summary columns.
 * Writes nothing when a sheet to be written is protected, no table is found, or anything fails.
 */
export async function runCheck(scope: Scope, options: { today?: string } = {}): Promise<CheckOutcome> {
  const lang = hostLang();
  const t = MESSAGES[lang];
  if (typeof Excel === "undefined") return { ok: false, message: t.noExcel, report: null, sheet: null };
  try {
    await refreshSettings();
    const settings = loadSettings();
    const store = loadStore();
    return await Excel.run((ctx) => check(ctx, scope, settings, store, lang, options.today));
  } catch (e) {
    return { ok: false, message: t.failed(oneLine(e)), report: null, sheet: null };
  }
}

async function check(
  ctx: Excel.RequestContext,
  scope: Scope,
  settings: AddinSettings,
  store: Store,
  lang: Lang,
  today: string | undefined,
): Promise<CheckOutcome> {
  const t = MESSAGES[lang];
  const { active, sheets } = await readSheets(ctx, scope, settings);
  const sheetName = scope === "active" ? active : null;
  const report = checkWorkbook({ sheets: sheets.map((s) => s.grid) }, { sheet: sheetName ?? undefined, today, config: { ...settings, lang } });
  const fail = (message: string): CheckOutcome => ({ ok: false, message, report, sheet: sheetName });
  if (report.findings.some((f) => f.rule === "table-not-found")) return fail(t.noTable(sheetName));

  const byName = new Map(sheets.map((s) => [s.name, s]));
  const checked = new Set(scope === "active" ? [active] : sheets.map((s) => s.name));
  const marks = marksByCell(report.findings);
  for (const m of marks) checked.add(m.sheet); // e.g. responsabili-duplicate on the Responsabili sheet
  const previous = store.fills.filter((f) => checked.has(f.sheet));

  // Fills come from the read batch (ExcelApi 1.9); the rest (1.7, or a mark on a sheet read without
  // fills) from one more batch bounded by the number of flagged cells.
  const unknown = [...previous, ...marks].filter((c) => byName.has(c.sheet) && !byName.get(c.sheet)!.fills);
  const loaded = unknown.length > 0 ? await loadFills(ctx, unknown) : new Map<string, FillState>();
  const current = (sheet: string, cell: string): FillState =>
    byName.get(sheet)?.fills?.get(cell) ?? loaded.get(key(sheet, cell)) ?? { color: null };
  const highlights = planHighlights(previous.filter((p) => byName.has(p.sheet)), marks, current);
  const summaries = planSummaries(
    store.summaries.filter((s) => checked.has(s.sheet)),
    report.objectives.map((o) => o.summary),
    (sheet, row, col) => byName.get(sheet)?.grid.values[row]?.[col],
  );
  if (summaries.conflict) return fail(t.userCell(summaries.conflict.sheet, summaries.conflict.cell));

  const written = new Set([
    ...highlights.restore.map((r) => r.sheet),
    ...highlights.apply.map((r) => r.sheet),
    ...summaries.writes.map((w) => w.sheet),
    ...summaries.clears.map((c) => c.sheet),
  ]);
  const locked = [...written].find((s) => byName.get(s)?.protected);
  if (locked) return fail(t.protectedSheet(locked));

  // Remember every original before touching a cell: if the write batch fails halfway, the cells it did
  // colour can still be restored; the ones it did not are left alone (their colour is not ours).
  const newKeys = new Set(highlights.fills.map((f) => key(f.sheet, f.cell)));
  const others = store.fills.filter((f) => !newKeys.has(key(f.sheet, f.cell)));
  await saveStore({ fills: [...others, ...highlights.fills], summaries: [...store.summaries, ...summaries.entries] });

  const ws = (name: string) => ctx.workbook.worksheets.getItem(name);
  for (const r of highlights.restore) writeFill(ws(r.sheet).getRange(r.cell), r.fill);
  for (const a of highlights.apply) ws(a.sheet).getRange(a.cell).format.fill.color = a.color;
  for (const w of summaries.writes) {
    const range = `${a1(w.firstRow, w.col)}:${a1(w.firstRow + w.lines.length - 1, w.col)}`;
    ws(w.sheet).getRange(range).values = w.lines.map((line) => [line]);
  }
  for (const c of summaries.clears) ws(c.sheet).getRange(c.cell).values = [[""]];
  await ctx.sync();

  await saveStore({
    fills: [...store.fills.filter((f) => !checked.has(f.sheet)), ...highlights.fills],
    summaries: [...store.summaries.filter((s) => !checked.has(s.sheet)), ...summaries.entries],
  });
  return { ok: true, message: null, report, sheet: sheetName };
}

/** Gives every highlighted cell its original fill back (unless the user recoloured it since). */
export async function removeHighlights(): Promise<{ ok: boolean; message: string | null; restored: number }> {
  const lang = hostLang();
  const t = MESSAGES[lang];
  if (typeof Excel === "undefined") return { ok: false, message: t.noExcel, restored: 0 };
  try {
    await refreshSettings();
    const store = loadStore();
    if (store.fills.length === 0) return { ok: true, message: null, restored: 0 };
    return await Excel.run(async (ctx) => {
      const names = [...new Set(store.fills.map((f) => f.sheet))];
      const sheets = names.map((n) => {
        const sheet = ctx.workbook.worksheets.getItemOrNullObject(n);
        sheet.load("name");
        sheet.protection.load("protected");
        return sheet;
      });
      await ctx.sync();
      const existing = new Set(sheets.filter((s) => !s.isNullObject).map((s) => s.name));
      const locked = sheets.find((s) => !s.isNullObject && s.protection.protected);
      if (locked) return { ok: false, message: t.protectedSheet(locked.name), restored: 0 };
      const kept = store.fills.filter((f) => existing.has(f.sheet));
      const current = await loadFills(ctx, kept);
      const plan = planHighlights(kept, [], (sheet, cell) => current.get(key(sheet, cell)) ?? { color: null });
      for (const r of plan.restore) writeFill(ctx.workbook.worksheets.getItem(r.sheet).getRange(r.cell), r.fill);
      await ctx.sync();
      await saveStore({ fills: [], summaries: store.summaries });
      return { ok: true, message: null, restored: plan.restore.length };
    });
  } catch (e) {
    return { ok: false, message: t.removeFailed(oneLine(e)), restored: 0 };
  }
}

/** Activates the sheet and selects the cell of a finding. */
export async function selectCell(sheet: string, cell: string): Promise<string | null> {
  const t = MESSAGES[hostLang()];
  if (typeof Excel === "undefined") return t.noExcel;
  try {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    });
    return null;
  } catch {
    return t.selectFailed(sheet, cell);
  }
}
