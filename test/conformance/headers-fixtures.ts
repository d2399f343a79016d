// Corpus tables laid out with other administrations' headers (issue 13), shared by the header tests.
import type { CellValue, WorkbookGrid } from "../../src/core";
import { FINALE, HEADER_ROW } from "../rules/helpers";
import { sistemaPerformance } from "../rules/tables";

/**
 * The same workbook with another header row and, when `label` is given, the "fase N" labels of column A
 * rewritten as the phase-number column writes them.
 */
export function relayout(workbook: WorkbookGrid, header: CellValue[], label?: (fase: string) => CellValue, finalLabel?: string): WorkbookGrid {
  const [objectives, ...others] = workbook.sheets;
  const values = objectives.values.map((row, r) => {
    if (r === HEADER_ROW - 1) return [...header];
    const copy = [...row];
    if (r < HEADER_ROW) return copy;
    const a = copy[0];
    if (typeof a === "string" && label && /^fase/i.test(a)) copy[0] = label(a);
    if (a === FINALE && finalLabel) copy[0] = finalLabel;
    return copy;
  });
  return { sheets: [{ ...objectives, values }, ...others] };
}

/** "fase 3:" -> "3", "fase 1 a):" -> "1 a)". */
export const asNumber = (fase: string) => fase.replace(/^fase\s*:?\s*/i, "").replace(/:$/, "");


/** 000-obj-009 (seed 000, L1411) under `header`, its phases numbered 1-4. */
export function relayoutPerformance(header: CellValue[]): WorkbookGrid {
  return relayout(sistemaPerformance(), header, asNumber);
}
