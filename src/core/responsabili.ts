// The Responsabili code table (spec §1): header "codifica"/"codice" + "responsabil", then code | description rows.
import { BUILT_IN_HEADERS, headerColumns, MAX_HEADER_LENGTH } from "./blocks";
import type { SheetView } from "./grid";
import type { HeaderMatcher } from "./headers";
import { hint, normalize } from "./text";
import type { CellPos } from "./types";

const CODE_HINT = hint("codic", "codif");
const HEADER_HINT = hint("codic", "codif", "responsabil");

export interface ResponsabiliEntry {
  code: string;
  sheet: string;
  cell: CellPos;
}

export interface ResponsabiliTable {
  sheet: string;
  headerRow: number;
  entries: ResponsabiliEntry[];
}

function codeText(view: SheetView, row: number, col: number): string {
  const v = view.value(row, col);
  if (typeof v === "number") return String(v);
  return typeof v === "string" ? v.trim() : "";
}

export function findResponsabiliTables(view: SheetView, headers: HeaderMatcher = BUILT_IN_HEADERS): ResponsabiliTable[] {
  const tables: ResponsabiliTable[] = [];
  if (view.checkerReport) return tables;
  let tableEnd = -1;
  for (const r of view.rowsWithShortText(headers.rowHint, MAX_HEADER_LENGTH)) {
    if (r <= tableEnd) continue;
    const header = responsabiliHeader(view, r, headers);
    if (!header) continue;
    const entries: ResponsabiliEntry[] = [];
    let row = r + 1;
    for (; row < view.rowCount; row++) {
      const blank = view.isEmpty(row, header.code) && view.isEmpty(row, header.description);
      if (blank) {
        // One blank row inside the table is allowed when rows follow it.
        const next = row + 1;
        if (next < view.rowCount && !(view.isEmpty(next, header.code) && view.isEmpty(next, header.description))) continue;
        break;
      }
      const code = codeText(view, row, header.code);
      if (code !== "") entries.push({ code, sheet: view.name, cell: { row, col: header.code } });
    }
    tables.push({ sheet: view.name, headerRow: r, entries });
    tableEnd = row;
  }
  return tables;
}

function responsabiliHeader(view: SheetView, row: number, headers: HeaderMatcher): { code: number; description: number } | null {
  const len = view.rowLength(row);
  let candidate = false;
  for (let c = 0; c < len && !candidate; c++) {
    const v = view.rawValue(row, c);
    candidate = typeof v === "string" && v.length <= MAX_HEADER_LENGTH && CODE_HINT.test(v);
  }
  if (!candidate) return null;
  const codeCols: number[] = [];
  const descriptionCols: number[] = [];
  for (let c = 0; c < len; c++) {
    const v = view.rawValue(row, c);
    if (typeof v !== "string" || v.length > 200 || !HEADER_HINT.test(v)) continue;
    const t = normalize(v);
    if (t.includes("codifica") || t.includes("codice")) codeCols.push(c);
    if (t.includes("responsabil")) descriptionCols.push(c);
  }
  const code = codeCols[0];
  const description = descriptionCols.find((c) => c !== code);
  if (code === undefined || description === undefined) return null;
  return headerColumns(view, row, headers) ? null : { code, description };
}
