// The reader made for the checker: the grid straight from the package (node:zlib and a purpose-built scan),
// equal to the one exceljs gives (test/cli/reader-differential.test.ts). What it does not handle, exceljs reads.
import type { WorkbookGrid } from "../../core";
import { finishSheet } from "./grid";
import { sharedStrings, styleFormats, workbookInfo } from "./package";
import { readSheet } from "./sheet";
import { openZip, PackageError, Unsupported } from "./zip";

export { PackageError, Unsupported } from "./zip";

/** The grid of an .xlsx package; Unsupported when exceljs must read it, PackageError when nobody should. */
export function readPackageGrid(bytes: Buffer): WorkbookGrid {
  const pkg = openZip(bytes);
  if (pkg === null) throw new Unsupported("not a zip archive");
  const info = workbookInfo(pkg);
  if (info.sheets.length === 0) throw new Unsupported("no worksheet");
  const ctx = { strings: sharedStrings(pkg), formats: styleFormats(pkg), date1904: info.date1904 };
  return {
    sheets: info.sheets.map((s) => {
      const xml = pkg.text(s.path);
      if (xml === null) throw new PackageError("damaged");
      return finishSheet(s.name, readSheet(xml, ctx), s.name === info.reportSheet);
    }),
  };
}
