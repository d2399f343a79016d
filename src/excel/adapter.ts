// The Excel adapter: one batched read, the core's check, one batched write: two context.sync() calls
// per check on every API level, whatever the size of the sheet (up to 20,000 rows and, for all sheets,
// up to 20 sheets; beyond, one more read).
//
// Requirement sets: the main path needs ExcelApi 1.7 (Office 2019/2021). The original fill of a newly
// flagged cell is read inside the write batch, just before the cell is coloured (see writeAll), so no
// API newer than 1.7 is needed for it; 1.9 adds its pattern and reads all fills of a sheet in one call
// (see queueFills). Merged areas (1.13) are read when available; without them a merged cell is seen as
// its top-left value with empty neighbours.
import type { CheckReport, Lang, SheetGrid } from "../core";
import { a1, checkWorkbook, marksByCell } from "../core";
import { assembleSheet, cellBands, parseMergedAddress, type RangeData } from "./grid";
import { MESSAGES, oneLine } from "./messages";
import { flushStore, hostLang, loadSettings, loadStore, refreshSettings, saveStore, type AddinSettings } from "./settings";
import { key, planHighlights, planSummaries, type FillState, type HighlightPlan, type StoredFill } from "./store";

export type Scope = "active" | "all";

export interface CheckOutcome {
  ok: boolean;
  /** Why nothing (or not everything) was written: protected sheet, no table, error; null when ok. */
  message: string | null;
  report: CheckReport | null;
  /** The checked sheet (active scope) or null (all sheets). */
  sheet: string | null;
}

const CHUNK_ROWS = 1000;
/** Row chunks queued blind in the first batch (rows 1..20,000); longer sheets need one more read. */
const BLIND_CHUNKS = 20;
/** Sheets queued blind for "all sheets" (first, next, next...); a workbook with more needs one more read. */
const BLIND_SHEETS = 20;
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
}

/** Loaded sheet: its grid and protection. */
interface SheetData {
  name: string;
  protected: boolean;
  grid: SheetGrid;
}

function queueChunk(sheet: Excel.Worksheet, used: Excel.Range, k: number): Excel.Range {
  // Whole rows intersected with the used range: a chunk past the end is a null object, so chunks can be
  // queued before the size of the sheet is known, all in the same batch.
  const chunk = sheet.getRange(`${k * CHUNK_ROWS + 1}:${(k + 1) * CHUNK_ROWS}`).getIntersectionOrNullObject(used);
  chunk.load("rowIndex,columnIndex,values,numberFormat");
  return chunk;
}

/** Queues the read of a sheet (possibly a null object: then everything derived from it is null too). */
function queueRead(sheet: Excel.Worksheet): SheetRead {
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
  return { sheet, used, chunks, merged };
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
  return { name: read.sheet.name, protected: read.sheet.protection.protected, grid: assembleSheet(read.sheet.name, chunks, merges) };
}

function toFillState(color: string | undefined, pattern?: string, patternColor?: string): FillState {
  // Without a pattern (ExcelApi < 1.9) a cell with no fill reports white: treat white as "no fill".
  const none = pattern ? pattern === "None" : !color || color.toUpperCase() === "#FFFFFF";
  return { color: none ? null : (color ?? null), pattern: pattern ?? null, patternColor: patternColor ?? null };
}

/**
 * Most cells one getCellProperties call reads. Excel on the web caps a request and its response at 5 MB
 * (learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization); a cell's
 * fill is some 80 bytes of JSON (an estimate, not measured on a real host), so one call stays near 4 MB at
 * most. The cap is per round trip, so bands in the same batch add up: what keeps a real check small is that
 * the bands hug the highlighted cells (a few columns of the objective tables).
 */
const FILL_READ_CELLS = 50_000;

interface CellRef {
  sheet: string;
  cell: string;
}

/** The fills read for one sheet; `read` is callable after the sync. */
interface SheetFills {
  ws: Excel.Worksheet;
  read: () => [string, FillState][];
}

/**
 * Queues the read of the fill of `cells` (their colour only, or colour, pattern and pattern colour), grouped
 * by sheet; `sheetOf` gives the worksheet proxy of a name. After the sync each group's `read` gives the
 * fills keyed by key(sheet, cell).
 *
 * ExcelApi 1.9+: ONE Range.getCellProperties per sheet over the bounding rectangle of its cells (split into
 * row bands of at most FILL_READ_CELLS cells, see cellBands), queued where the per-cell loads would be, so a
 * batch running in queue order still returns the fills before the colours set after it. Microsoft's
 * reference (learn.microsoft.com/javascript/api/excel/excel.cellpropertiesloadoptions and
 * .../excel.cellpropertiesfill: "API set: ExcelApi 1.9"; @types/office-js Range.getCellProperties) gives a
 * ClientResult<CellProperties[][]>, "a 2D array where each item represents the requested properties of the
 * corresponding cell", whose format.fill has color, pattern (an Excel.FillPattern: "None" is no fill, then
 * color reads white; "Solid", "LightDown"...) and patternColor.
 * ExcelApi 1.7/1.8 have no way to read the format of many cells at once: one format.fill.load("color") per
 * cell, so the batch grows with the number of highlighted cells (never with the number of rows).
 */
function queueFills(cells: CellRef[], sheetOf: (name: string) => Excel.Worksheet, fields: "color" | "fill"): SheetFills[] {
  const bySheet = new Map<string, string[]>();
  for (const c of cells) {
    if (!bySheet.has(c.sheet)) bySheet.set(c.sheet, []);
    bySheet.get(c.sheet)!.push(c.cell);
  }
  return [...bySheet].map(([sheet, names]) => {
    const ws = sheetOf(sheet);
    if (!supports("1.9")) {
      const fills = names.map((cell) => ({ cell, fill: ws.getRange(cell).format.fill.load("color") }));
      return { ws, read: () => fills.map(({ cell, fill }) => [key(sheet, cell), toFillState(fill.color)]) };
    }
    const all = fields === "fill";
    const bands = cellBands(names, FILL_READ_CELLS).map((band) => ({
      band,
      props: ws
        .getRange(`${a1(band.top, band.left)}:${a1(band.bottom, band.right)}`)
        .getCellProperties({ format: { fill: { color: true, pattern: all, patternColor: all } } }),
    }));
    const read = () =>
      bands.flatMap(({ band, props }) =>
        band.cells.map((c): [string, FillState] => {
          const fill = props.value[c.row - band.top][c.col - band.left].format?.fill;
          return [key(sheet, c.cell), all ? toFillState(fill?.color, fill?.pattern, fill?.patternColor) : toFillState(fill?.color)];
        }),
      );
    return { ws, read };
  });
}

/**
 * Queues the read of the current colour of the cells we highlighted before (known from the settings
 * before any sync, so this rides in the first batch). After the sync, the returned function gives them,
 * keyed by key(sheet, cell); cells of sheets that no longer exist are left out. Only the colour: it is all
 * the plan compares with the colour we applied. On ExcelApi 1.9+ a stored sheet deleted since makes
 * getCellProperties run on a null object, which the reference does not define: if the host fails the batch,
 * the callers' fallback reads only the sheets that exist.
 */
function queueCurrentFills(ctx: Excel.RequestContext, cells: StoredFill[], existing?: Set<string>): () => Map<string, FillState> {
  const sheetOf = (name: string) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
    ws.load("name");
    return ws;
  };
  const groups = queueFills(cells.filter((c) => !existing || existing.has(c.sheet)), sheetOf, "color");
  return () => new Map(groups.filter((g) => !g.ws.isNullObject).flatMap((g) => g.read()));
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

interface ReadResult {
  active: string;
  sheets: SheetData[];
  /** Current fill of each previously highlighted cell. */
  current: Map<string, FillState>;
}

/**
 * Reads what the check needs in ONE sync: the active sheet and its Responsabili sheet (active scope), or
 * every sheet through a blind chain first, next, next... (all sheets), plus the current fill of every cell
 * highlighted by a previous run. One more sync only for sheets over 20,000 rows or workbooks over 20 sheets.
 */
async function readSheets(ctx: Excel.RequestContext, scope: Scope, settings: AddinSettings, stored: StoredFill[]): Promise<ReadResult> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const activeSheet = worksheets.getActiveWorksheet();
  activeSheet.load("name");
  let reads: SheetRead[];
  if (scope === "active") {
    const wanted = [settings.responsabiliSheet, ...RESPONSABILI_NAMES].filter((n): n is string => !!n);
    reads = [activeSheet, ...wanted.map((n) => worksheets.getItemOrNullObject(n))].map(queueRead);
  } else {
    const chain = [worksheets.getFirst()];
    while (chain.length < BLIND_SHEETS) chain.push(chain[chain.length - 1].getNextOrNullObject());
    reads = chain.map(queueRead);
  }
  const current = queueCurrentFills(ctx, stored);
  try {
    await ctx.sync();
  } catch {
    // A host may refuse calls on a null object (a missing Responsabili sheet, the sheet after the last, a
    // stored sheet since deleted): learn the sheet names first, then read only sheets that exist. A failed
    // batch returns no results, so everything is queued again.
    return readSheetsSafely(ctx, scope, settings, stored);
  }
  reads = reads.filter((r) => !r.sheet.isNullObject);
  reads = reads.filter((r, i) => reads.findIndex((o) => sameName(o.sheet.name, r.sheet.name)) === i);
  const extra =
    scope === "all" ? worksheets.items.slice(reads.length).map((w) => queueRead(worksheets.getItem(w.name))) : [];
  const needRest = reads.map(queueRest).some(Boolean);
  if (extra.length > 0 || needRest) await ctx.sync();
  if (extra.map(queueRest).some(Boolean)) await ctx.sync();
  return { active: activeSheet.name, sheets: [...reads, ...extra].map(toData), current: current() };
}

async function readSheetsSafely(ctx: Excel.RequestContext, scope: Scope, settings: AddinSettings, stored: StoredFill[]): Promise<ReadResult> {
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name");
  const activeSheet = worksheets.getActiveWorksheet();
  activeSheet.load("name");
  await ctx.sync();
  const active = activeSheet.name;
  const names = worksheets.items.map((w) => w.name);
  const isResponsabili = (n: string) => /responsabil/i.test(n) || (!!settings.responsabiliSheet && sameName(n, settings.responsabiliSheet));
  const chosen = scope === "all" ? names : [active, ...names.filter((n) => !sameName(n, active) && isResponsabili(n))];
  const reads = chosen.map((n) => queueRead(worksheets.getItem(n)));
  const current = queueCurrentFills(ctx, stored, new Set(names));
  await ctx.sync();
  if (reads.map(queueRest).some(Boolean)) await ctx.sync();
  return { active, sheets: reads.map(toData), current: current() };
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

interface Summaries {
  writes: { sheet: string; firstRow: number; col: number; lines: string[] }[];
  clears: { sheet: string; cell: string }[];
}

/**
 * The write batch (ONE sync): reads the original fill of each cell about to be coloured, writes the summary
 * columns, restores the previous highlights, colours the flagged cells. Returns the originals read, keyed by
 * key(sheet, cell).
 *
 * Reading an original in the same batch that colours the cell relies on the batch running in queue order:
 * office.js keeps one list of actions per request (ClientRequestBase.addAction pushes a load, a "Query"
 * action, a property set and a method call such as getCellProperties, a "Method" action made by
 * ActionFactory.createMethodAction, alike onto m_actions) and sends them as the ordered "Actions" array of one
 * request (node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js, ClientRequestBase); the host
 * runs them in that order ("the request context accumulates the changes locally, much like a changelist",
 * M. Zlatkovsky, Building Office Add-ins using Office.js, buildingofficeaddins.com/proxy-objects/). So a
 * load queued before the set returns the colour before it. (The cells read are never among those restored:
 * a restored cell is not flagged, a flagged cell still ours keeps its stored original.)
 * A failing call stops the batch, so the order matters: loads first (a sheet deleted or renamed since the
 * read fails there, before any change), then values, then fills: a cell is coloured only once everything
 * that could fail has run, so no coloured cell is left without its original.
 */
async function writeAll(ctx: Excel.RequestContext, plan: HighlightPlan, summaries: Summaries): Promise<Map<string, FillState>> {
  const ws = (name: string) => ctx.workbook.worksheets.getItem(name);
  const originals = queueFills(plan.apply.filter((a) => a.original === null), ws, "fill");
  for (const w of summaries.writes) {
    const range = `${a1(w.firstRow, w.col)}:${a1(w.firstRow + w.lines.length - 1, w.col)}`;
    ws(w.sheet).getRange(range).values = w.lines.map((line) => [line]);
  }
  for (const c of summaries.clears) ws(c.sheet).getRange(c.cell).values = [[""]];
  for (const r of plan.restore) writeFill(ws(r.sheet).getRange(r.cell), r.fill);
  for (const a of plan.apply) ws(a.sheet).getRange(a.cell).format.fill.color = a.color;
  await ctx.sync();
  return new Map(originals.flatMap((g) => g.read()));
}

/**
 * Checks the active sheet (or every sheet), highlights the flagged cells, writes the summary columns.
 * Writes nothing when a sheet to be written is protected, no table is found, or the read fails.
 */
export async function runCheck(scope: Scope, options: { today?: string } = {}): Promise<CheckOutcome> {
  const lang = hostLang();
  const t = MESSAGES[lang];
  if (typeof Excel === "undefined") return { ok: false, message: t.noExcel, report: null, sheet: null };
  try {
    await refreshSettings();
    await flushStore();
    const settings = loadSettings();
    return await Excel.run((ctx) => check(ctx, scope, settings, lang, options.today));
  } catch (e) {
    return { ok: false, message: t.failed(oneLine(e)), report: null, sheet: null };
  }
}

async function check(ctx: Excel.RequestContext, scope: Scope, settings: AddinSettings, lang: Lang, today: string | undefined): Promise<CheckOutcome> {
  const t = MESSAGES[lang];
  const store = loadStore();
  const { active, sheets, current } = await readSheets(ctx, scope, settings, store.fills);
  const sheetName = scope === "active" ? active : null;
  const report = checkWorkbook({ sheets: sheets.map((s) => s.grid) }, { sheet: sheetName ?? undefined, today, config: { ...settings, lang } });
  const fail = (message: string): CheckOutcome => ({ ok: false, message, report, sheet: sheetName });
  if (report.findings.some((f) => f.rule === "table-not-found")) return fail(t.noTable(sheetName));

  const byName = new Map(sheets.map((s) => [s.name, s]));
  const checked = new Set(scope === "active" ? [active] : sheets.map((s) => s.name));
  const marks = marksByCell(report.findings);
  for (const m of marks) checked.add(m.sheet); // e.g. responsabili-duplicate on the Responsabili sheet
  const previous = store.fills.filter((f) => checked.has(f.sheet) && byName.has(f.sheet));
  const highlights = planHighlights(previous, marks, (sheet, cell) => current.get(key(sheet, cell)) ?? { color: null });
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

  let originals: Map<string, FillState>;
  try {
    originals = await writeAll(ctx, highlights, summaries);
  } catch (e) {
    return fail(t.writeFailed(oneLine(e)));
  }
  // The previous run's entries stay in the document until this save replaces them in one go; if it
  // fails, the new memory is kept in this runtime (loadStore returns it) and every later save retries.
  const fills: StoredFill[] = highlights.apply.map((a) => ({
    sheet: a.sheet,
    cell: a.cell,
    original: a.original ?? originals.get(key(a.sheet, a.cell)) ?? { color: null },
    applied: a.color,
  }));
  try {
    await saveStore({
      fills: [...store.fills.filter((f) => !checked.has(f.sheet)), ...fills],
      summaries: [...store.summaries.filter((s) => !checked.has(s.sheet)), ...summaries.entries],
    });
  } catch (e) {
    return fail(t.unsaved(oneLine(e)));
  }
  return { ok: true, message: null, report, sheet: sheetName };
}

/** Gives every highlighted cell its original fill back (unless the user recoloured it since): two syncs. */
export async function removeHighlights(): Promise<{ ok: boolean; message: string | null; restored: number }> {
  const lang = hostLang();
  const t = MESSAGES[lang];
  if (typeof Excel === "undefined") return { ok: false, message: t.noExcel, restored: 0 };
  try {
    await refreshSettings();
    await flushStore();
    const store = loadStore();
    if (store.fills.length === 0) return { ok: true, message: null, restored: 0 };
    return await Excel.run(async (ctx) => {
      const queue = (existing?: Set<string>) => ({
        sheets: [...new Set(store.fills.map((f) => f.sheet))]
          .filter((n) => !existing || existing.has(n))
          .map((n) => {
            const sheet = ctx.workbook.worksheets.getItemOrNullObject(n);
            sheet.load("name");
            sheet.protection.load("protected");
            return sheet;
          }),
        current: queueCurrentFills(ctx, store.fills, existing),
      });
      let { sheets, current } = queue();
      try {
        await ctx.sync();
      } catch {
        // A host refusing calls on a null object (a highlighted sheet since deleted): learn the sheet
        // names, then queue everything again for the sheets that exist (a failed batch returns nothing).
        const all = ctx.workbook.worksheets.load("items/name");
        await ctx.sync();
        ({ sheets, current } = queue(new Set(all.items.map((w) => w.name))));
        await ctx.sync();
      }
      const locked = sheets.find((s) => !s.isNullObject && s.protection.protected);
      if (locked) return { ok: false, message: t.protectedSheet(locked.name), restored: 0 };
      const fills = current();
      const kept = store.fills.filter((f) => fills.has(key(f.sheet, f.cell)));
      const plan = planHighlights(kept, [], (sheet, cell) => fills.get(key(sheet, cell))!);
      for (const r of plan.restore) writeFill(ctx.workbook.worksheets.getItem(r.sheet).getRange(r.cell), r.fill);
      await ctx.sync();
      try {
        await saveStore({ fills: [], summaries: store.summaries });
      } catch (e) {
        return { ok: false, message: t.removeFailed(oneLine(e)), restored: plan.restore.length };
      }
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
