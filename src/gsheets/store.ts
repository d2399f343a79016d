// The add-on's memory of what it wrote, kept in a hidden sheet of the document, one row per cell
// (the core's encodeEntry). Each row holds a formula referencing the cell (='Obiettivi 2024'!$D$7):
// Sheets rewrites it when rows or columns are inserted, deleted or moved and when the sheet is
// renamed, and turns it into #REF! when the cell is deleted, so reading the formula back gives the
// cell's current place. A sheet has room for millions of cells, unlike the 500 KB of the document
// properties; rows are keyed by the sheet's id (getSheetId), which a rename does not change.
import { anchorFormula, decodeEntry, encodeEntry, locate, MEMORY_COLUMNS, MEMORY_SHEET, NO_FILL, normColor, type Fill, type Located, type MemoryEntry } from "../core/memory";
import type { GProperties, GSheet, GSpreadsheet } from "./gas";

const HEADER = ["Verifica PIAO: memoria delle evidenziazioni e delle sintesi, non modificare", "cella", "id foglio", "colore", "", "", "", "applicato", "testo"];
const ANCHOR = 1; // the column of the anchor formula in encodeEntry's row

export class Memory {
  private constructor(
    private sheet: GSheet | null,
    /** Rows of data below the header, as read. */
    private readonly stored: number,
    readonly entries: Located[],
  ) {}

  /** Reads the memory sheet with one getFormulas and one getValues; `entries` come first (legacy ones). */
  static read(sheet: GSheet | null, entries: Located[] = []): Memory {
    if (!sheet) return new Memory(null, 0, entries);
    const rows = sheet.getLastRow() - 1;
    if (rows <= 0) return new Memory(sheet, 0, entries);
    const range = sheet.getRange(2, 1, rows, MEMORY_COLUMNS);
    const formulas = range.getFormulas();
    range.getValues().forEach((row, i) => {
      const entry = decodeEntry(row.map((v, c) => (c === ANCHOR ? formulas[i][c] : v)));
      if (entry) entries.push(locate(entry));
    });
    return new Memory(sheet, rows, entries);
  }

  /**
   * Adds `entries` below the stored rows (one setValues), creating the hidden sheet when needed; the
   * rows read before stay until `dropOld`, so a failure at any point leaves a memory of every mark.
   */
  append(ss: GSpreadsheet, entries: MemoryEntry[]): void {
    if (entries.length === 0) return;
    const sheet = this.sheet ?? (this.sheet = create(ss));
    const first = this.stored + 2;
    const maxRows = sheet.getMaxRows();
    const missing = first + entries.length - 1 - maxRows;
    if (missing > 0) sheet.insertRowsAfter(maxRows, missing);
    // The anchors go in with setFormulas, the other fields as plain values.
    const rows = entries.map(encodeEntry);
    sheet.getRange(first, 1, rows.length, MEMORY_COLUMNS).setValues(rows.map((r) => r.map((v, c) => (c === ANCHOR ? "" : v))));
    sheet.getRange(first, ANCHOR + 1, rows.length, 1).setFormulas(rows.map((r) => [String(r[ANCHOR])]));
  }

  /** Deletes the rows that were read, once what replaces them is written. */
  dropOld(): void {
    if (this.sheet && this.stored > 0) this.sheet.deleteRows(2, this.stored);
  }
}

/** The hidden, warning-only protected memory sheet, trimmed to its columns; the active sheet stays active. */
function create(ss: GSpreadsheet): GSheet {
  const active = ss.getActiveSheet();
  const sheet = ss.insertSheet(MEMORY_SHEET);
  active.activate();
  const extra = sheet.getMaxColumns() - MEMORY_COLUMNS;
  if (extra > 0) sheet.deleteColumns(MEMORY_COLUMNS + 1, extra);
  sheet.getRange(1, 1, 1, MEMORY_COLUMNS).setValues([HEADER]);
  sheet.protect().setWarningOnly(true);
  sheet.hideSheet();
  return sheet;
}

// Earlier versions kept the originals in the document properties, by sheet id and fixed cell:
// "vpiao.hl.<id>" (the number of chunks) and "vpiao.hl.<id>.<i>" (JSON of [row, col, origBg,
// appliedBg, origNote, appliedNote]). They are read once as entries at those cells and deleted
// after the next write, so highlights made by an earlier version stay removable.
const LEGACY = /^vpiao\.hl\.(-?\d+)$/;

/** A background as getBackgrounds reports it, as a core Fill: "#ffffff" is no fill (Sheets cannot tell white from none). */
export const fillOf = (background: string): Fill => (background.toLowerCase() === "#ffffff" ? NO_FILL : { ...NO_FILL, color: normColor(background) });

export function legacyEntries(all: Record<string, string>, names: Map<number, string>): Located[] {
  const out: Located[] = [];
  for (const key of Object.keys(all)) {
    const id = LEGACY.exec(key)?.[1];
    const name = id === undefined ? undefined : names.get(Number(id));
    if (name === undefined) continue;
    let json = "";
    for (let i = 0; i < Number(all[key]); i++) json += all[`${key}.${i}`] ?? "";
    let packed: [number, number, string, string, string, string][];
    try {
      packed = JSON.parse(json);
    } catch {
      continue;
    }
    for (const [row, col, origBg, appliedBg, origNote, appliedNote] of packed) {
      const note = appliedNote.slice(origNote ? origNote.length + 2 : 0);
      const entry: MemoryEntry = { kind: "fill", anchor: anchorFormula(name, row, col), sheetId: id!, original: fillOf(origBg), applied: normColor(appliedBg)!, note };
      out.push({ entry, at: { sheet: name, row, col } });
    }
  }
  return out;
}

/** Deletes the earlier versions' property entries. */
export function dropLegacy(props: GProperties, all: Record<string, string>): void {
  for (const key of Object.keys(all)) if (/^vpiao\.hl\./.test(key)) props.deleteProperty(key);
}
