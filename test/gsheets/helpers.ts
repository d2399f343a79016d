import path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import type { Lang, WorkbookGrid } from "../../src/core";
import type { Env, ResultView } from "../../src/gsheets/addon";
import { FakeProperties, FakeSpreadsheet, formatDate, spreadsheetFromGrid } from "./fakes";

export const EXAMPLE = path.join(__dirname, "../../examples/obiettivi-2022.xlsx");
export const TODAY = "2024-10-15";

let cached: WorkbookGrid | null = null;
/** The example workbook as the CLI reads it (a fresh copy each time). */
export async function exampleGrid(): Promise<WorkbookGrid> {
  cached ??= await readWorkbookGrid(EXAMPLE);
  return structuredClone(cached);
}

export function makeEnv(ss: FakeSpreadsheet, props = new FakeProperties(), lang: Lang = "it"): Env {
  return {
    ss,
    props,
    lang,
    formatDate,
    protectionTypes: {
      sheet: "SHEET" as unknown as GoogleAppsScript.Spreadsheet.ProtectionType,
      range: "RANGE" as unknown as GoogleAppsScript.Spreadsheet.ProtectionType,
    },
    now: new Date(`${TODAY}T10:00:00Z`),
    lock: ss.locks.getDocumentLock(),
  };
}

export async function exampleSpreadsheet(timeZone = "Europe/Rome"): Promise<FakeSpreadsheet> {
  return spreadsheetFromGrid(await exampleGrid(), timeZone);
}

export type FlatFinding = { rule: string; severity: string; sheet: string; cell: string; message: string };

/** All findings of a sidebar view, in a stable order. */
export function flatFindings(view: ResultView): FlatFinding[] {
  return sortFindings([...view.objectives.flatMap((o) => o.findings), ...view.general]);
}

export function sortFindings<T extends FlatFinding>(fs: T[]): FlatFinding[] {
  return fs
    .map(({ rule, severity, sheet, cell, message }) => ({ rule, severity, sheet, cell, message }))
    .sort((a, b) => `${a.sheet}|${a.cell}|${a.rule}|${a.message}`.localeCompare(`${b.sheet}|${b.cell}|${b.rule}|${b.message}`));
}
