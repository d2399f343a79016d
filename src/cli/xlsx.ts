// Reading .xlsx files with exceljs into the core's plain WorkbookGrid.
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import type { CellValue, Lang, MergedRange, SheetGrid, WorkbookGrid } from "../core";

export type InputErrorCode = "missing" | "not-a-file" | "not-xlsx" | "password" | "xls" | "unreadable";

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
    password: `${file} è protetto da password: salvarne in Excel una copia senza password e verificare quella`,
    xls: `${file} è nel vecchio formato Excel .xls: salvarlo in Excel come .xlsx e verificare quello`,
    unreadable: `impossibile leggere ${file}`,
  };
  const en: Record<InputErrorCode, string> = {
    missing: `file not found: ${file}`,
    "not-a-file": `${file} is not a file`,
    "not-xlsx": `${file} is not a readable Excel .xlsx file (damaged or another format)`,
    password: `${file} is password-protected: save a copy without the password in Excel and check that`,
    xls: `${file} is in the old Excel .xls format: save it as .xlsx in Excel and check that`,
    unreadable: `cannot read ${file}`,
  };
  return (lang === "it" ? it : en)[code];
}

const EXCEL_EPOCH_OFFSET = 25569; // serial of 1970-01-01
const DEFAULT_DATE_FORMAT = "dd/mm/yyyy";
const NULL_TYPE = ExcelJS.ValueType.Null;
const MERGE_TYPE = ExcelJS.ValueType.Merge;
const STRING_TYPE = ExcelJS.ValueType.String;
const NUMBER_TYPE = ExcelJS.ValueType.Number;
const BOOLEAN_TYPE = ExcelJS.ValueType.Boolean;
/** Shared by every empty row of every grid (the core never writes to a grid). */
const NO_CELLS: never[] = Object.freeze([]) as never[];

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
    throw new InputError(code === "EACCES" || code === "EPERM" ? "unreadable" : await notXlsxKind(file), file, lang);
  }
  // exceljs accepts any zip (a .docx, an empty archive): without a worksheet it is not a workbook.
  if (workbook.worksheets.length === 0) throw new InputError("not-xlsx", file, lang);
  return workbook;
}

// A password-protected .xlsx and an old .xls are both OLE compound files, not zip archives; only the
// protected one holds an "EncryptedPackage" stream, whose name is stored in UTF-16.
const COMPOUND_FILE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

/** Why exceljs could not read a file: protected, old format, or just not a workbook. */
async function notXlsxKind(file: string): Promise<InputErrorCode> {
  const bytes = await fs.readFile(file).catch(() => null);
  if (bytes === null || !bytes.subarray(0, COMPOUND_FILE_SIGNATURE.length).equals(COMPOUND_FILE_SIGNATURE)) return "not-xlsx";
  return bytes.includes(ENCRYPTED_PACKAGE) ? "password" : "xls";
}

/**
 * Reads an .xlsx file into the core's grid: values, number formats and merged ranges of every sheet.
 * The grid is for reading: rows without values (or without numbers, for formats) share one frozen empty array.
 */
export async function readWorkbookGrid(file: string, lang: Lang = "it"): Promise<WorkbookGrid> {
  return workbookToGrid(await loadWorkbook(file, lang));
}

export function workbookToGrid(workbook: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: workbook.worksheets.map(sheetToGrid) };
}

/**
 * The internals of exceljs 4.4 (pinned) that the conversion walks: on the 2,000-scheda benchmark the
 * public eachRow / eachCell / cell.value path takes about 1.7 times as long for the same grid. A cell's
 * `_value.model` holds the plain value of text, number and boolean cells; other kinds go through the
 * public getter.
 */
interface RawCell {
  _value: { model: { type: ExcelJS.ValueType; value?: unknown }; value: ExcelJS.CellValue };
  style: Partial<ExcelJS.Style>;
}
interface RawRow {
  _cells: (RawCell | undefined)[];
}

export function sheetToGrid(worksheet: ExcelJS.Worksheet): SheetGrid {
  const rows = (worksheet as unknown as { _rows: (RawRow | undefined)[] })._rows;
  const values: CellValue[][] = [];
  const formats: string[][] = [];
  let lastRow = -1;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r]?._cells ?? NO_CELLS;
    // Arrays are made only for rows with values, and formats only for rows with numbers: the only
    // formats that matter are those of numbers (dates, percentages), and most rows of a scheda are prose.
    let rowValues: CellValue[] | null = null;
    let rowFormats: string[] | null = null;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell === undefined) continue;
      const model = cell._value.model;
      const type = model.type;
      // A merged area's value is its top-left cell's; the other cells read as empty, as in Excel.
      if (type === NULL_TYPE || type === MERGE_TYPE) continue;
      const plain = type === STRING_TYPE || type === NUMBER_TYPE || type === BOOLEAN_TYPE;
      const value = plain ? (model.value as CellValue) : plainValue(cell._value.value);
      if (value === null) continue;
      rowValues ??= [];
      while (rowValues.length < c) rowValues.push(null);
      rowValues.push(value);
      if (typeof value === "number") {
        rowFormats ??= [];
        while (rowFormats.length < c) rowFormats.push("General");
        rowFormats.push(numberFormat(cell.style.numFmt, !plain && isDateValue(cell._value.value)));
      }
    }
    values.push(rowValues ?? NO_CELLS);
    formats.push(rowFormats ?? NO_CELLS);
    if (rowValues !== null) lastRow = r;
  }
  values.length = lastRow + 1;
  formats.length = lastRow + 1;
  return { name: worksheet.name, values, formats, merges: sheetMerges(worksheet) };
}

/** A date (or a formula's date result) without a date format of its own still reaches the core as a date. */
function numberFormat(numFmt: string | undefined, isDate: boolean): string {
  if (isDate && !isDateFormat(numFmt)) return DEFAULT_DATE_FORMAT;
  return numFmt || "General";
}

function isDateFormat(fmt: string | undefined): boolean {
  return !!fmt && /[dmy]/i.test(fmt.replace(/\[[^\]]*]|"[^"]*"/g, ""));
}

/** exceljs cell value -> core value: rich text and hyperlinks to text, formulas to their result, dates to serials. */
function plainValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return EXCEL_EPOCH_OFFSET + v.getTime() / 86400000;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("error" in v) return String(v.error);
  if ("formula" in v || "sharedFormula" in v) return plainValue(formulaResult(v));
  if ("hyperlink" in v) return plainValue(v.text as ExcelJS.CellValue);
  return null;
}

/** A date, or a formula whose result is one. */
function isDateValue(v: ExcelJS.CellValue | undefined): boolean {
  if (v instanceof Date) return true;
  return typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v) && isDateValue(formulaResult(v));
}

function formulaResult(v: object): ExcelJS.CellValue | undefined {
  return (v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue | undefined;
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

