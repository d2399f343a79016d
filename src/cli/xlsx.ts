// Reading .xlsx files into the core's plain WorkbookGrid: the checker's own reader (src/cli/reader), and
// exceljs (loaded only then) as the fallback for the packages that reader does not handle. The annotated
// copy is written from the input's package (src/cli/annotate.ts), not by exceljs.
import { readFileSync, statSync } from "node:fs";
import type ExcelJS from "exceljs";
import type { CellValue, Lang, MergedRange, WorkbookGrid } from "../core";
import { PackageError, readPackageGrid, Unsupported } from "./reader";
import { finishSheet } from "./reader/grid";
import { isDateFormat } from "./reader/numfmts";
import { workbookInfo, type WorkbookInfo } from "./reader/package";
import { MAX_ROWS, mergedRanges, readSheet, type RawSheet } from "./reader/sheet";
import { tagEnd } from "./reader/xml";
import { openZip } from "./reader/zip";

export type InputErrorCode = "missing" | "not-a-file" | "not-xlsx" | "password" | "xls" | "unreadable" | "too-large";

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
    "too-large": `${file} è troppo grande da verificare (oltre i limiti di dimensione di un foglio Excel o con aree unite enormi)`,
  };
  const en: Record<InputErrorCode, string> = {
    missing: `file not found: ${file}`,
    "not-a-file": `${file} is not a file`,
    "not-xlsx": `${file} is not a readable Excel .xlsx file (damaged or another format)`,
    password: `${file} is password-protected: save a copy without the password in Excel and check that`,
    xls: `${file} is in the old Excel .xls format: save it as .xlsx in Excel and check that`,
    unreadable: `cannot read ${file}`,
    "too-large": `${file} is too large to check (beyond the size limits of an Excel sheet, or with huge merged areas)`,
  };
  return (lang === "it" ? it : en)[code];
}

const EXCEL_EPOCH_OFFSET = 25569; // serial of 1970-01-01
const DEFAULT_DATE_FORMAT = "dd/mm/yyyy";
/** exceljs's ValueType values (lib/doc/enums.js), so that this module does not load exceljs to name them. */
const NULL_TYPE = 0;
const MERGE_TYPE = 1;
const NUMBER_TYPE = 2;
const STRING_TYPE = 3;
const FORMULA_TYPE = 6;
const BOOLEAN_TYPE = 9;
/** A merged area larger than this is not given to exceljs, which would create every one of its cells. */
const EXCELJS_MERGE_CELLS = 10_000;
const EXCELJS_MERGE_TOTAL = 200_000;

/** What the package says that exceljs loses, alters or must not see, per worksheet (by sheetId). */
interface PackageFacts {
  info: WorkbookInfo;
  sheets: Map<number, { name: string; merges: MergedRange[]; emptyTexts: [number, number][] }>;
}
const loaded = new WeakMap<ExcelJS.Workbook, WorkbookGrid>();

/** Loads an .xlsx file with exceljs; any failure becomes an InputError naming the file. */
export async function loadWorkbook(file: string, lang: Lang = "it"): Promise<ExcelJS.Workbook> {
  return loadBytes(await readInput(file, lang), file, lang);
}

/**
 * Reads an .xlsx file into the core's grid: values, number formats and merged ranges of every sheet.
 * The grid is for reading: rows without values (or without numbers, for formats) share one frozen empty array.
 */
export async function readWorkbookGrid(file: string, lang: Lang = "it"): Promise<WorkbookGrid> {
  const bytes = await readInput(file, lang);
  try {
    return readPackageGrid(bytes);
  } catch (e) {
    if (e instanceof PackageError) throw new InputError(e.kind === "too-large" ? "too-large" : "not-xlsx", file, lang);
    if (!(e instanceof Unsupported)) throw e;
  }
  return workbookToGrid(await loadBytes(bytes, file, lang));
}

/** The grid of a workbook given by loadWorkbook (computed while loading, so that its errors name the file). */
export function workbookToGrid(workbook: ExcelJS.Workbook): WorkbookGrid {
  return loaded.get(workbook) ?? gridOf(workbook, null);
}

/**
 * Synchronous on purpose: the thread that reads has nothing else to do meanwhile, and each step of an
 * asynchronous read (stat, open, fstat, read, close) is a round trip to libuv's thread pool, which the
 * worker threads of a batch share: on 1,000 small files those waits were a third of the batch.
 */
async function readInput(file: string, lang: Lang): Promise<Buffer> {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" || code === "ENOTDIR" ? "missing" : "unreadable", file, lang);
  }
  if (!stat.isFile()) throw new InputError("not-a-file", file, lang);
  try {
    return readFileSync(file);
  } catch {
    throw new InputError("unreadable", file, lang);
  }
}

async function loadBytes(bytes: Buffer, file: string, lang: Lang): Promise<ExcelJS.Workbook> {
  let prepared: { bytes: Buffer | Uint8Array; facts: PackageFacts | null };
  try {
    prepared = await prepareForExceljs(bytes);
  } catch (e) {
    if (e instanceof PackageError) throw new InputError(e.kind === "too-large" ? "too-large" : "not-xlsx", file, lang);
    if (!(e instanceof Unsupported)) throw e;
    prepared = { bytes, facts: null };
  }
  const { default: ExcelJSModule } = await import("exceljs");
  const workbook = new ExcelJSModule.Workbook();
  try {
    await workbook.xlsx.load(prepared.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new InputError(notXlsxKind(bytes), file, lang);
  }
  // exceljs accepts any zip (a .docx, an empty archive): without a worksheet it is not a workbook.
  if (workbook.worksheets.length === 0) throw new InputError("not-xlsx", file, lang);
  try {
    loaded.set(workbook, gridOf(workbook, prepared.facts));
  } catch (e) {
    if (e instanceof PackageError) throw new InputError(e.kind === "too-large" ? "too-large" : "not-xlsx", file, lang);
    throw e;
  }
  return workbook;
}

/**
 * Reads what exceljs loses or must not see, and gives exceljs a package it can load within bounds: merged
 * areas too large to create cell by cell are left out (the grid still has them), and sheet names exceljs
 * refuses or cuts (over 31 characters, reserved) get a stand-in, the real name being put back after loading.
 */
async function prepareForExceljs(bytes: Buffer): Promise<{ bytes: Buffer | Uint8Array; facts: PackageFacts }> {
  const pkg = openZip(bytes);
  if (pkg === null) throw new Unsupported("not a zip archive");
  const info = workbookInfo(pkg);
  const facts: PackageFacts = { info, sheets: new Map() };
  const changed = new Map<string, string>();
  let total = 0;
  for (const sheet of info.sheets) {
    let xml = pkg.text(sheet.path) ?? "";
    const merges = mergedRanges(xml);
    const large = merges.filter((m) => area(m) > EXCELJS_MERGE_CELLS);
    total += merges.reduce((n, m) => n + Math.min(area(m), EXCELJS_MERGE_CELLS + 1), 0);
    if (large.length > 0 || total > EXCELJS_MERGE_TOTAL) {
      xml = withoutMerges(xml, total > EXCELJS_MERGE_TOTAL ? () => true : (m) => area(m) > EXCELJS_MERGE_CELLS);
      changed.set(sheet.path, xml);
    }
    facts.sheets.set(sheet.sheetId, { name: sheet.name, merges, emptyTexts: emptyTextFormulas(xml, info.date1904) });
  }
  const renamed = info.sheets.filter((s) => !exceljsAcceptsName(s.name));
  const workbookXml = pkg.text("xl/workbook.xml") ?? "";
  // LibreOffice's date1904="true", which exceljs would read as the 1900 system, four years off.
  const spelled1904 = /(<workbookPr\b[^>]*\sdate1904\s*=\s*)["']true["']/;
  if (renamed.length > 0 || spelled1904.test(workbookXml)) {
    changed.set("xl/workbook.xml", withStandInNames(workbookXml, renamed).replace(spelled1904, '$1"1"'));
  }
  if (changed.size === 0) return { bytes, facts };
  const { default: JSZip } = await import("jszip");
  const zip = await JSZip.loadAsync(bytes);
  for (const [path, xml] of changed) zip.file(path, xml);
  return { bytes: await zip.generateAsync({ type: "nodebuffer", compression: "STORE" }), facts };
}

// A password-protected .xlsx and an old .xls are both OLE compound files, not zip archives; only the
// protected one holds an "EncryptedPackage" stream, whose name is stored in UTF-16.
const COMPOUND_FILE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

/** Why exceljs could not read a file: protected, old format, or just not a workbook. */
function notXlsxKind(bytes: Buffer): InputErrorCode {
  if (!bytes.subarray(0, COMPOUND_FILE_SIGNATURE.length).equals(COMPOUND_FILE_SIGNATURE)) return "not-xlsx";
  return bytes.includes(ENCRYPTED_PACKAGE) ? "password" : "xls";
}

function area(m: MergedRange): number {
  return (m.bottom - m.top + 1) * (m.right - m.left + 1);
}

/** The sheet XML without the <mergeCell> elements `drop` selects. */
function withoutMerges(xml: string, drop: (m: MergedRange) => boolean): string {
  const after = xml.lastIndexOf("</sheetData>");
  const start = xml.indexOf("<mergeCells", after < 0 ? 0 : after);
  const end = xml.indexOf("</mergeCells>", start);
  if (start < 0 || end < 0) return xml;
  const section = xml.slice(start, end);
  const merges = mergedRanges(`<mergeCells>${section.slice(section.indexOf(">") + 1)}</mergeCells>`);
  const kept = merges.filter((m) => !drop(m));
  if (kept.length === 0) return xml.slice(0, start) + xml.slice(end + "</mergeCells>".length);
  const refs = kept.map((m) => `<mergeCell ref="${a1(m.top, m.left)}:${a1(m.bottom, m.right)}"/>`).join("");
  return `${xml.slice(0, start)}<mergeCells count="${kept.length}">${refs}${xml.slice(end)}`;
}

function a1(row: number, col: number): string {
  let letters = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/** exceljs's Worksheet name setter: what it refuses (throws) or cuts to 31 characters with a console warning. */
function exceljsAcceptsName(name: string): boolean {
  return name !== "" && name !== "History" && name.length <= 31 && !/[*?:/\\[\]]/.test(name) && !/(^')|('$)/.test(name);
}

function standIn(sheetId: number): string {
  return `_piao_sheet_${sheetId}_`;
}

/** workbook.xml with the given sheets' names replaced by stand-ins. */
function withStandInNames(xml: string, sheets: { sheetId: number }[]): string {
  const ids = new Set(sheets.map((s) => s.sheetId));
  let out = "";
  let from = 0;
  for (let at = xml.indexOf("<sheet", from); at >= 0; at = xml.indexOf("<sheet", at + 1)) {
    const end = tagEnd(xml, at);
    const tag = xml.slice(at, end);
    const id = /\ssheetId\s*=\s*["']\s*(\d+)/.exec(tag);
    if (id === null || !ids.has(parseInt(id[1], 10))) continue;
    out += xml.slice(from, at) + tag.replace(/(\sname\s*=\s*)("[^"]*"|'[^']*')/, `$1"${standIn(parseInt(id[1], 10))}"`);
    from = end;
  }
  return out + xml.slice(from);
}

/**
 * Cells whose formula's last result is an empty text: exceljs reads them as empty, spec §1 counts them as
 * the text "" (a result). Found by one forward pass over the cell tags that say t="str".
 */
function emptyTextFormulas(xml: string, date1904: boolean): [number, number][] {
  const out: [number, number][] = [];
  if (!xml.includes('"str"') && !xml.includes("'str'")) return out;
  for (let at = xml.indexOf("<c"); at >= 0; at = xml.indexOf("<c", at + 2)) {
    const next = xml.charCodeAt(at + 2);
    if (next !== 32 && next !== 9 && next !== 10 && next !== 13) continue;
    const end = tagEnd(xml, at);
    if (xml.charCodeAt(end - 1) === 47) continue;
    const tag = xml.slice(at, end);
    if (!(tag.includes('"str"') || tag.includes("'str'")) || !/\st\s*=\s*["']str["']/.test(tag)) continue;
    const close = xml.indexOf("</c>", end);
    const row = /\sr\s*=\s*["']\$?[A-Z]+\$?(\d+)["']/.exec(tag);
    if (close < 0 || row === null) continue;
    const r = Number(row[1]);
    if (r < 1 || r > MAX_ROWS) continue;
    const cell = readSheet(`<sheetData><row r="${r}">${xml.slice(at, close + 4)}</row></sheetData>`, {
      strings: null,
      formats: [],
      date1904,
    }).values[r - 1];
    const col = cell?.indexOf("");
    if (col !== undefined && col >= 0) out.push([r - 1, col]);
    at = close;
  }
  return out;
}

function gridOf(workbook: ExcelJS.Workbook, facts: PackageFacts | null): WorkbookGrid {
  return {
    sheets: workbook.worksheets.map((worksheet) => {
      const known = facts?.sheets.get(worksheet.id);
      const name = known?.name ?? worksheet.name;
      // The real name back in place of a stand-in (exceljs's setter would cut it again).
      if (known !== undefined && worksheet.name !== name) (worksheet as unknown as { _name: string })._name = name;
      const raw = sheetToRaw(worksheet, known?.merges ?? sheetMerges(worksheet));
      for (const [r, c] of known?.emptyTexts ?? []) {
        const row = (raw.values[r] ??= []);
        while (row.length < c) row.push(null);
        if (row[c] === null || row[c] === undefined) row[c] = "";
      }
      return finishSheet(name, raw, facts !== null && name === facts.info.reportSheet);
    }),
  };
}

/**
 * The internals of exceljs 4.4 (pinned) that the conversion walks: on the 2,000-scheda benchmark the
 * public eachRow / eachCell / cell.value path takes about 1.7 times as long for the same grid. A cell's
 * `_value.model` holds the plain value of text, number and boolean cells; other kinds go through the
 * public getter.
 */
interface RawCell {
  _value: { model: { type: ExcelJS.ValueType; value?: unknown; result?: unknown }; value: ExcelJS.CellValue };
  style: Partial<ExcelJS.Style>;
}
interface RawRow {
  _cells: (RawCell | undefined)[];
}

function sheetToRaw(worksheet: ExcelJS.Worksheet, merges: MergedRange[]): RawSheet {
  const rows = (worksheet as unknown as { _rows: (RawRow | undefined)[] })._rows;
  if (rows.length > MAX_ROWS) throw new PackageError("damaged");
  const values: CellValue[][] = [];
  const formats: string[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r]?._cells;
    if (cells === undefined) continue;
    const rowValues: CellValue[] = [];
    const rowFormats: string[] = [];
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell === undefined) continue;
      const model = cell._value.model;
      const type = model.type as number;
      if (type === NULL_TYPE || type === MERGE_TYPE) continue;
      let value: CellValue;
      let isDate = false;
      if (type === STRING_TYPE || type === NUMBER_TYPE || type === BOOLEAN_TYPE) value = model.value as CellValue;
      else if (type === FORMULA_TYPE) {
        // The model, not the public value: exceljs's `cell.value` drops a result of 0 or FALSE (spec §1 counts them).
        const result = model.result as ExcelJS.CellValue | undefined;
        value = plainValue(result);
        isDate = result instanceof Date;
      } else {
        value = plainValue(cell._value.value);
        isDate = isDateValue(cell._value.value);
      }
      if (value === null) continue;
      rowValues[c] = value;
      if (typeof value === "number") rowFormats[c] = numberFormat(cell.style.numFmt, isDate);
    }
    values[r] = rowValues;
    formats[r] = rowFormats;
  }
  return { values, formats, merges };
}

/** A date (or a formula's date result) without a date format of its own still reaches the core as a date. */
function numberFormat(numFmt: string | undefined, isDate: boolean): string {
  if (isDate && !isDateFormat(numFmt)) return DEFAULT_DATE_FORMAT;
  return numFmt || "General";
}

/** exceljs cell value -> core value: rich text and hyperlinks to text, dates to serials. */
function plainValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return EXCEL_EPOCH_OFFSET + v.getTime() / 86400000;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("error" in v) return String(v.error);
  if ("hyperlink" in v) return plainValue(v.text as ExcelJS.CellValue);
  return null;
}

/** A date, or a hyperlink whose text is one (a formula's result, under a link). */
function isDateValue(v: ExcelJS.CellValue | undefined): boolean {
  if (v instanceof Date) return true;
  return typeof v === "object" && v !== null && "hyperlink" in v && (v.text as unknown) instanceof Date;
}

interface MergeRange {
  model: { top: number; left: number; bottom: number; right: number };
}

/** Merged ranges, 0-based, from exceljs's own map (a package the reader could not inspect). */
function sheetMerges(worksheet: ExcelJS.Worksheet): MergedRange[] {
  const merges = (worksheet as unknown as { _merges?: Record<string, MergeRange> })._merges ?? {};
  return Object.values(merges).map(({ model }) => ({
    top: model.top - 1,
    left: model.left - 1,
    bottom: model.bottom - 1,
    right: model.right - 1,
  }));
}

