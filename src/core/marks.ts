import type { Finding, Severity } from "./types";

/**
 * Fill colours of flagged cells, shared by every adapter so a cell looks the same everywhere. Red, amber
 * and blue that no Office theme (accents and their tints), table style header, Good/Bad/Neutral style or
 * Google Sheets palette colour comes close to, so a flagged cell never passes for a header; black text
 * on each has a contrast above 7:1.
 */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: "#FF9E9E",
  warning: "#FFB84D",
  info: "#8CB4FF",
};

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface CellMark {
  sheet: string;
  cell: string;
  row: number;
  col: number;
  /** The most severe finding of the cell decides its colour. */
  severity: Severity;
  messages: string[];
}

/** Groups findings by cell: one mark (colour + note text) per flagged cell. */
export function marksByCell(findings: readonly Finding[]): CellMark[] {
  const byKey = new Map<string, CellMark>();
  for (const f of findings) {
    const key = `${f.sheet}\u0000${f.row}\u0000${f.col}`;
    const mark = byKey.get(key);
    if (!mark) {
      byKey.set(key, { sheet: f.sheet, cell: f.cell, row: f.row, col: f.col, severity: f.severity, messages: [f.message] });
    } else {
      mark.messages.push(f.message);
      if (RANK[f.severity] > RANK[mark.severity]) mark.severity = f.severity;
    }
  }
  return [...byKey.values()];
}
