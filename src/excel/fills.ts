// Reading and writing cell fills at the API level the host has.
//
// ExcelApi 1.7/1.8 have only format.fill.color, and a cell without fill reads "#FFFFFF" like a cell filled
// white: there a white reading is taken as "no fill" (the common case), so an explicit white fill comes back
// as no fill. ExcelApi 1.9 adds pattern ("None" = no fill, "Solid" = plain fill, so explicit white is told
// apart), patternColor and tintAndShade, and Range.getCellProperties to read many cells in one call.
import { a1 } from "../core";
import { NO_FILL, normColor, posKey, type CellPos, type Fill } from "../core/memory";
import { Batcher, BYTES } from "./batch";
import { cellBands } from "./grid";

export function supports(version: string): boolean {
  return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported("ExcelApi", version);
}

/** A fill as the host reports it -> Fill. `pattern` undefined: the API level does not report it (before 1.9). */
export function toFill(color: string | null | undefined, pattern?: string | null, patternColor?: string | null, tint?: number | null): Fill {
  if (pattern === undefined) {
    const c = normColor(color);
    return !c || c === "#FFFFFF" ? NO_FILL : { ...NO_FILL, color: c };
  }
  if (!pattern || pattern === "None" || !color) return NO_FILL;
  return {
    color: normColor(color),
    pattern,
    patternColor: pattern === "Solid" ? null : normColor(patternColor),
    tint: tint ? tint : null,
  };
}

/** Gives a range (or the areas of a RangeAreas) a fill: no fill clears it; pattern and tint only where the API level has them. */
export function writeFill(range: { format: Excel.RangeFormat }, fill: Fill): void {
  if (!fill.color) {
    range.format.fill.clear();
    return;
  }
  const f = range.format.fill;
  if (supports("1.9")) {
    f.pattern = (fill.pattern ?? "Solid") as Excel.FillPattern;
    f.color = fill.color;
    if (fill.patternColor && fill.pattern !== "Solid") f.patternColor = fill.patternColor;
    f.tintAndShade = fill.tint ?? 0;
  } else {
    f.color = fill.color;
  }
}

/** Most cells one getCellProperties call reads: some 2.2 MB of answer at most. */
const BAND_CELLS = 20_000;
/**
 * Rows without a cell to read after which a band is closed. Five rows of answer weigh about what a call sends,
 * but these reads share their round trip with the sheets' and the memory's answers, so the answer is the side
 * to spare: three rows of three flagged cells every ten are 2,000 calls (some 1.1 MB sent, 0.7 MB back) rather
 * than one 20,000-cell band (2.2 MB back, which beside the memory would not fit one round trip).
 */
const BAND_GAP = 3;

/** Bytes sent and brought back by the read of the fills of `cells` (see queueFillReads): from 1.9 a band's rectangle is read whole. */
export function fillReadBytes(cells: CellPos[]): { request: number; answer: number } {
  if (!supports("1.9")) return { request: cells.length * BYTES.fillLoad, answer: cells.length * BYTES.fillAnswer };
  const bySheet = new Map<string, string[]>();
  for (const c of cells) {
    if (!bySheet.has(c.sheet)) bySheet.set(c.sheet, []);
    bySheet.get(c.sheet)!.push(a1(c.row, c.col));
  }
  const bytes = { request: 0, answer: 0 };
  for (const list of bySheet.values()) {
    for (const b of cellBands(list, BAND_CELLS, BAND_GAP)) {
      bytes.request += BYTES.propertiesRead;
      bytes.answer += BYTES.propertiesAnswer + (b.bottom - b.top + 1) * (b.right - b.left + 1) * BYTES.cellProperties;
    }
  }
  return bytes;
}

/**
 * Queues the read of the fill of `cells`, split over round trips by the batcher. After the batcher's last
 * flush, the returned function gives them keyed by posKey. 1.9+: one getCellProperties per band of nearby
 * cells (see cellBands); before: one format.fill load per cell.
 */
export async function queueFillReads(cells: CellPos[], batch: Batcher): Promise<() => Map<string, Fill>> {
  const bySheet = new Map<string, CellPos[]>();
  for (const c of cells) {
    if (!bySheet.has(c.sheet)) bySheet.set(c.sheet, []);
    bySheet.get(c.sheet)!.push(c);
  }
  const readers: (() => [string, Fill][])[] = [];
  for (const [sheet, list] of bySheet) {
    if (!supports("1.9")) {
      for (const c of list) {
        let fill: Excel.RangeFill | null = null;
        await batch.add(BYTES.fillLoad, () => (fill = batch.sheet(sheet).getRange(a1(c.row, c.col)).format.fill.load("color")));
        readers.push(() => [[posKey(c), toFill(fill!.color)]]);
      }
      continue;
    }
    for (const band of cellBands(list.map((c) => a1(c.row, c.col)), BAND_CELLS, BAND_GAP)) {
      const size = (band.bottom - band.top + 1) * (band.right - band.left + 1);
      let props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null = null;
      await batch.add(
        BYTES.propertiesRead,
        () => {
          props = batch
            .sheet(sheet)
            .getRange(`${a1(band.top, band.left)}:${a1(band.bottom, band.right)}`)
            .getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } });
        },
        BYTES.propertiesAnswer + size * BYTES.cellProperties,
      );
      readers.push(() =>
        band.cells.map((c) => {
          const f = props!.value[c.row - band.top][c.col - band.left].format?.fill;
          return [posKey({ sheet, row: c.row, col: c.col }), toFill(f?.color, f?.pattern ?? null, f?.patternColor, f?.tintAndShade)];
        }),
      );
    }
  }
  return () => new Map(readers.flatMap((r) => r()));
}

/** A run of vertically adjacent cells of one column that get the same fill: one range write. */
export interface FillRun {
  sheet: string;
  address: string;
  fill: Fill;
}

/** Groups fill writes into vertical runs of the same fill, so a column of flagged cells is one write. */
export function fillRuns(writes: (CellPos & { fill: Fill })[]): FillRun[] {
  const sorted = [...writes].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col || a.row - b.row));
  const runs: FillRun[] = [];
  let run: { sheet: string; col: number; top: number; bottom: number; fill: Fill; key: string } | null = null;
  const close = () => {
    if (!run) return;
    const top = a1(run.top, run.col);
    runs.push({ sheet: run.sheet, address: run.top === run.bottom ? top : `${top}:${a1(run.bottom, run.col)}`, fill: run.fill });
  };
  for (const w of sorted) {
    const key = JSON.stringify(w.fill);
    if (run && run.sheet === w.sheet && run.col === w.col && run.bottom + 1 === w.row && run.key === key) {
      run.bottom = w.row;
      continue;
    }
    close();
    run = { sheet: w.sheet, col: w.col, top: w.row, bottom: w.row, fill: w.fill, key };
  }
  close();
  return runs;
}

/** From this many runs, fills are written as RangeAreas (ExcelApi 1.9): one call per fill and address list. */
const AREAS_FROM_RUNS = 50;
/** Longest address list of one getRanges call: Excel refuses long ones (seen from about 8,200 characters). */
const AREAS_CHARS = 2000;
/** A host refused a RangeAreas write in this runtime: fills are written range by range from then on. */
let areasRefused = false;

const areasFor = (runs: FillRun[]) => supports("1.9") && !areasRefused && runs.length >= AREAS_FROM_RUNS;

/** Whether queueFillWrites writes these fills as RangeAreas (to know it before a failure, see refuseAreas). */
export const fillAreas = (writes: (CellPos & { fill: Fill })[]) => areasFor(fillRuns(writes));

/**
 * Queues fill writes: range by range (one call per vertical run of one fill), or, for many runs on ExcelApi 1.9,
 * as RangeAreas (see fillAreas): the runs of one sheet and one fill in one call per AREAS_CHARS of addresses (a
 * highlight of 6,000 scattered cells is a few dozen calls instead of 6,000, some 5 MB less to send).
 */
export async function queueFillWrites(writes: (CellPos & { fill: Fill })[], batch: Batcher): Promise<void> {
  const runs = fillRuns(writes);
  if (!areasFor(runs)) {
    for (const r of runs) await batch.add(BYTES.fillWrite, () => writeFill(batch.sheet(r.sheet).getRange(r.address), r.fill));
    return;
  }
  const groups = new Map<string, { sheet: string; fill: Fill; lists: string[][]; chars: number }>();
  for (const r of runs) {
    const key = `${r.sheet}\u0000${JSON.stringify(r.fill)}`;
    const group = groups.get(key) ?? { sheet: r.sheet, fill: r.fill, lists: [[]], chars: 0 };
    groups.set(key, group);
    if (group.chars + r.address.length + 1 > AREAS_CHARS) {
      group.lists.push([]);
      group.chars = 0;
    }
    group.lists[group.lists.length - 1].push(r.address);
    group.chars += r.address.length + 1;
  }
  for (const { sheet, fill, lists } of groups.values()) {
    for (const list of lists) {
      const address = list.join(",");
      await batch.add(BYTES.fillWrite + address.length, () => writeFill(batch.sheet(sheet).getRanges(address), fill));
    }
  }
}

/**
 * After a failed write that queued RangeAreas fills: true when it failed for another reason than its size,
 * which may be a host without them. This runtime then writes fills range by range, and the caller runs again
 * (nothing is lost: the memory was written first, and a remembered cell not coloured is seen as the user's).
 * See also refuseCompactWrites in marks.ts.
 */
export function refuseAreas(e: unknown): boolean {
  if (/payload size has exceeded the limit/i.test(e instanceof Error ? e.message : String(e))) return false;
  areasRefused = true;
  return true;
}
