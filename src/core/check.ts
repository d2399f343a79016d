import { checkParsed } from "./check-parsed";
import { ConfigSchema, type ConfigInput } from "./config";
import type { CheckReport, WorkbookGrid } from "./types";

export interface CheckOptions {
  /** Check only this sheet for objective blocks (the Responsabili table is still looked up everywhere). */
  sheet?: string;
  /** Today's date (ISO); the last fallback of the reference date. Default: the current date. */
  today?: string;
  config?: ConfigInput;
}

/** Checks a workbook: finds the objective blocks, runs the rule catalogue, computes monitoring. */
export function checkWorkbook(workbook: WorkbookGrid, options: CheckOptions = {}): CheckReport {
  return checkParsed(workbook, { sheet: options.sheet, today: options.today, config: ConfigSchema.parse(options.config ?? {}) });
}
