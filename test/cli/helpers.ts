// Helpers for the CLI tests: run piao-check in-process and write core grids as real .xlsx files.
import { mkdtempSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { WorkbookGrid } from "../../src/core";
import { run } from "../../src/cli/main";

export const EXAMPLE = path.resolve(__dirname, "../../examples/obiettivi-2022.xlsx");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process; "today" is fixed so that tests do not depend on the clock. */
export async function runCli(args: string[], today = "2025-06-30"): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    today,
  });
  return { code, stdout, stderr };
}

export function tmpDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "piao-cli-"));
}

/** Writes a core grid as an .xlsx file: values with their number formats (date serials become date cells) and merges. */
export async function writeGridXlsx(grid: WorkbookGrid, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of grid.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    sheet.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = value;
        const format = sheet.formats?.[r]?.[c];
        if (format && format !== "General") cell.numFmt = format;
      }),
    );
    for (const m of sheet.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  await workbook.xlsx.writeFile(file);
}
