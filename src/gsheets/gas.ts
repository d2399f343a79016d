// The subset of the Apps Script services the add-on uses. Each interface picks its methods from
// @types/google-apps-script, so the real services satisfy it (checked in test/gsheets/types.test.ts)
// and the tests' fakes are held to the real signatures.
type R = GoogleAppsScript.Spreadsheet.Range;
type S = GoogleAppsScript.Spreadsheet.Sheet;
type SS = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface GRange
  extends Pick<R, "getValues" | "getNumberFormats" | "getA1Notation" | "getBackgrounds" | "getNotes" | "getFormulas"> {
  getMergedRanges(): GRange[];
  setNotes(notes: string[][]): unknown;
  setValues(values: (string | number)[][]): unknown;
  setFormulas(formulas: string[][]): unknown;
  activate(): unknown;
}

export interface GRangeList {
  /** One colour for every range of the list; null resets to the default (no fill). */
  setBackground(color: string | null): unknown;
}

export interface GProtection extends Pick<GoogleAppsScript.Spreadsheet.Protection, "canEdit"> {
  getRange(): GRange;
  setWarningOnly(warningOnly: boolean): unknown;
}

export interface GSheet
  extends Pick<S, "getName" | "getSheetId" | "getMaxColumns" | "getMaxRows" | "getLastRow" | "isColumnHiddenByUser"> {
  getDataRange(): GRange;
  getRange(row: number, column: number, numRows: number, numColumns: number): GRange;
  getRange(a1Notation: string): GRange;
  getRangeList(a1Notations: string[]): GRangeList;
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GProtection[];
  protect(): GProtection;
  insertColumnsAfter(afterPosition: number, howMany: number): unknown;
  insertRowsAfter(afterPosition: number, howMany: number): unknown;
  deleteRows(rowPosition: number, howMany: number): unknown;
  deleteColumns(columnPosition: number, howMany: number): unknown;
  hideSheet(): unknown;
  activate(): unknown;
}

export interface GSpreadsheet extends Pick<SS, "getSpreadsheetTimeZone"> {
  getSheets(): GSheet[];
  getActiveSheet(): GSheet;
  getSheetByName(name: string): GSheet | null;
  insertSheet(sheetName: string): GSheet;
  toast(msg: string, title?: string): void;
}

export interface GProperties extends Pick<GoogleAppsScript.Properties.Properties, "getProperties"> {
  setProperties(properties: { [key: string]: string }): unknown;
  deleteProperty(key: string): unknown;
}

/** LockService.getDocumentLock(): one holder per document across all executions. */
export type GLock = Pick<GoogleAppsScript.Lock.Lock, "tryLock" | "releaseLock">;
