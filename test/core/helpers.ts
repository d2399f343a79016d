import type { CellValue, SheetGrid } from "../../src/core";

/** Excel serial of a dd/mm/yyyy date. */
export function serial(ddmmyyyy: string): number {
  const [d, m, y] = ddmmyyyy.split("/").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

/** A sheet from rows; `formats` maps "row,col" to a number format. */
export function sheet(name: string, values: CellValue[][], formats: Record<string, string> = {}, merges: SheetGrid["merges"] = []): SheetGrid {
  return {
    name,
    values,
    formats: values.map((row, r) => row.map((_, c) => formats[`${r},${c}`] ?? "General")),
    merges,
  };
}
