// Reading .xlsx files with exceljs into the core's plain WorkbookGrid.
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import type { CellValue, Lang, MergedRange, SheetGrid, WorkbookGrid } from "../core";

export type InputErrorCode = "missing" | "not-a-file" | "not-xlsx" | "unreadable";

/** A file the CLI cannot read: its message is one line, in the user's language, naming the file. */
export class InputError extends Error {
  constructor(
    readonly code: InputErrorCode,
    readonly file: string,
    lang: Lang = "it",
  ) {
    super(inputMessage(code, file, lang));
    this.name = "InputError";
  }
}

function inputMessage(code: InputErrorCode, file: string, lang: Lang): string {
  const it: Record<InputErrorCode, string> = {
    missing: `file non trovato: ${file}`,
    "not-a-file": `${file} non è un file`,
    "not-xlsx": `${file} non è un file Excel .xlsx leggibile (file danneggiato o di altro formato)`,
    unreadable: `impossibile leggere ${file}`,
  };
  const en: Record<InputErrorCode, string> = {
    missing: `file not found: ${file}`,
    "not-a-file": `${file} is not a file`,
    "not-xlsx": `${file} is not a readable Excel .xlsx file (damaged or another format)`,
    unreadable: `cannot read ${file}`,
  };
  return (lang === "it" ? it : en)[code];
}

const EXCEL_EPOCH_OFFSET = 25569; // serial of 1970-01-01
const DEFAULT_DATE_FORMAT = "dd/mm/yyyy";

/** Loads an .xlsx file; any failure becomes an InputError naming the file. */
export async function loadWorkbook(file: string, lang: Lang = "it"): Promise<ExcelJS.Workbook> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" || code === "ENOTDIR" ? "missing" : "unreadable", file, lang);
  }
  if (!stat.isFile()) throw new InputError("not-a-file", file, lang);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "EACCES" || code === "EPERM" ? "unreadable" : "not-xlsx", file, lang);
  }
  // exceljs accepts any zip (a .docx, an empty archive): without a worksheet it is not a workbook.
  if (workbook.worksheets.length === 0) throw new InputError("not-xlsx", file, lang);
  return workbook;
}

/** Reads an .xlsx file into the core's grid: values, number formats and merged ranges of every sheet. */
export async function readWorkbookGrid(file: string, lang: Lang = "it"): Promise<WorkbookGrid> {
  return workbookToGrid(await loadWorkbook(file, lang));
}

export function workbookToGrid(workbook: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: workbook.worksheets.map(sheetToGrid) };
}

export function sheetToGrid(worksheet: ExcelJS.Worksheet): SheetGrid {
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const rowValues: CellValue[] = [];
    const rowFormats: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // A merged area's value is its top-left cell's; the other cells read as empty, as in Excel.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const c = colNumber - 1;
      const { value, isDate } = plainValue(cell.value);
      rowValues[c] = value;
      // Only numbers have a format that matters (dates, percentages); looking up a style costs time.
      if (typeof value === "number") rowFormats[c] = isDate && !isDateFormat(cell.numFmt) ? DEFAULT_DATE_FORMAT : cell.numFmt || "General";
    });
    values[r] = fillHoles(rowValues, null);
    formats[r] = fillHoles(rowFormats, "General");
  });
  for (let r = 0; r < values.length; r++) {
    if (!values[r]) {
      values[r] = [];
      formats[r] = [];
    }
  }
  return { name: worksheet.name, values, formats, merges: sheetMerges(worksheet) };
}

function fillHoles<T>(row: T[], empty: T): T[] {
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = empty;
  return row;
}

function isDateFormat(fmt: string | undefined): boolean {
  return !!fmt && /[dmy]/i.test(fmt.replace(/\[[^\]]*]|"[^"]*"/g, ""));
}

/** exceljs cell value -> core value: rich text and hyperlinks to text, formulas to their result, dates to serials. */
function plainValue(v: ExcelJS.CellValue | undefined): { value: CellValue; isDate: boolean } {
  if (v === null || v === undefined) return { value: null, isDate: false };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { value: v, isDate: false };
  if (v instanceof Date) return { value: EXCEL_EPOCH_OFFSET + v.getTime() / 86400000, isDate: true };
  if ("richText" in v) return { value: v.richText.map((t) => t.text).join(""), isDate: false };
  if ("error" in v) return { value: String(v.error), isDate: false };
  if ("formula" in v || "sharedFormula" in v) {
    return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue | undefined);
  }
  if ("hyperlink" in v) return plainValue(v.text as ExcelJS.CellValue);
  return { value: null, isDate: false };
}

interface MergeRange {
  model: { top: number; left: number; bottom: number; right: number };
}

/** Merged ranges, 0-based. `_merges` is exceljs's own map: `worksheet.model` would rebuild every row's model. */
function sheetMerges(worksheet: ExcelJS.Worksheet): MergedRange[] {
  const merges = (worksheet as unknown as { _merges?: Record<string, MergeRange> })._merges ?? {};
  return Object.values(merges).map(({ model }) => ({
    top: model.top - 1,
    left: model.left - 1,
    bottom: model.bottom - 1,
    right: model.right - 1,
  }));
}

