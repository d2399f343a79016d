import type { CheckReport, WorkbookGrid } from "./types";
import type { ConfigInput } from "./config";

export interface CheckOptions {
  /** Check only this sheet for objective blocks (the Responsabili table is still looked up everywhere). */
  sheet?: string;
  /** Today's date (ISO); the last fallback of the reference date. Default: the current date. */
  today?: string;
  config?: ConfigInput;
}

export function checkWorkbook(_workbook: WorkbookGrid, _options: CheckOptions = {}): CheckReport {
  throw new Error("not implemented yet");
}
