import type { GProperties } from "./gas";

/** What one highlighted cell looked like before (orig*) and after (applied*) the add-on touched it. */
export interface CellRecord {
  row: number;
  col: number;
  origBg: string;
  appliedBg: string;
  origNote: string;
  appliedNote: string;
}

type Packed = [number, number, string, string, string, string];

const PREFIX = "vpiao.hl.";
// Properties values are limited to 9 KB; the JSON is made pure ASCII (\u escapes) so chars = bytes.
const CHUNK = 8000;
// The whole document store is limited to 500 KB; leave room for the settings and other sheets.
export const MAX_STORED_CHARS = 400000;

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** The original look of highlighted cells, per sheet id, kept in the document's properties. */
export class HighlightStore {
  private readonly all: Record<string, string>;

  constructor(private readonly props: GProperties) {
    this.all = props.getProperties();
  }

  sheetIds(): number[] {
    return Object.keys(this.all)
      .filter((k) => /^vpiao\.hl\.-?\d+$/.test(k))
      .map((k) => Number(k.slice(PREFIX.length)));
  }

  load(sheetId: number): CellRecord[] {
    const count = Number(this.all[PREFIX + sheetId] ?? 0);
    if (!count) return [];
    let json = "";
    for (let i = 0; i < count; i++) json += this.all[`${PREFIX}${sheetId}.${i}`] ?? "";
    const packed = JSON.parse(json) as Packed[];
    return packed.map(([row, col, origBg, appliedBg, origNote, appliedNote]) => ({
      row,
      col,
      origBg,
      appliedBg,
      origNote,
      appliedNote,
    }));
  }

  /** The property entries that store `records` for a sheet (empty when there is nothing to keep). */
  static encode(sheetId: number, records: CellRecord[]): Record<string, string> {
    if (records.length === 0) return {};
    const json = asciiJson(records.map((r): Packed => [r.row, r.col, r.origBg, r.appliedBg, r.origNote, r.appliedNote]));
    const out: Record<string, string> = {};
    let i = 0;
    for (let at = 0; at < json.length; at += CHUNK, i++) out[`${PREFIX}${sheetId}.${i}`] = json.slice(at, at + CHUNK);
    out[PREFIX + sheetId] = String(i);
    return out;
  }

  static size(entries: Record<string, string>): number {
    return Object.values(entries).reduce((n, v) => n + v.length, 0);
  }

  /** Replaces the stored records of the given sheets: one setProperties, one delete per stale key. */
  save(bySheet: Map<number, Record<string, string>>): void {
    const fresh: Record<string, string> = {};
    for (const entries of bySheet.values()) Object.assign(fresh, entries);
    const stale = Object.keys(this.all).filter((k) => {
      const id = /^vpiao\.hl\.(-?\d+)(?:\.\d+)?$/.exec(k)?.[1];
      return id !== undefined && bySheet.has(Number(id)) && !(k in fresh);
    });
    if (Object.keys(fresh).length > 0) this.props.setProperties(fresh);
    for (const k of stale) this.props.deleteProperty(k);
    for (const k of stale) delete this.all[k];
    Object.assign(this.all, fresh);
  }
}
