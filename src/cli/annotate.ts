// The annotated copy (--out): fills, notes, summary columns and the "Verifica PIAO" sheet.
// exceljs cells read from a file share style objects, so every style change assigns a new
// object to `cell.style`: mutating `cell.fill` or `cell.font` would recolour other cells too.
import type ExcelJS from "exceljs";
import { marksByCell, SEVERITY_FILL } from "../core";
import type { CheckReport, Lang } from "../core";
import { displayDate, messages, percent } from "./messages";

const SUMMARY_WIDTH = 45;

export function annotateWorkbook(workbook: ExcelJS.Workbook, report: CheckReport, file: string, lang: Lang): void {
  const m = messages(lang);
  // A report sheet left by a previous run is replaced, never checked nor duplicated.
  for (const name of [messages("it").reportSheet, messages("en").reportSheet]) {
    const old = workbook.getWorksheet(name);
    if (old) workbook.removeWorksheet(old.id);
  }

  for (const mark of marksByCell(report.findings)) {
    const sheet = workbook.getWorksheet(mark.sheet);
    if (!sheet) continue;
    const cell = sheet.getCell(mark.row + 1, mark.col + 1);
    cell.style = { ...cell.style, fill: solidFill(SEVERITY_FILL[mark.severity]) };
    cell.note = noteText(cell.note, mark.messages, m.notePrefix);
  }

  for (const { summary } of report.objectives) {
    const sheet = workbook.getWorksheet(summary.sheet);
    if (!sheet) continue;
    const column = sheet.getColumn(summary.col + 1);
    if (!column.width) column.width = SUMMARY_WIDTH;
    summary.lines.forEach((line, i) => {
      const cell = sheet.getCell(summary.firstRow + i + 1, summary.col + 1);
      cell.value = line === "" ? null : line;
      const alignment = { ...cell.style.alignment, wrapText: true, vertical: "top" as const };
      cell.style = i === 0 ? { ...cell.style, alignment, font: { ...cell.style.font, bold: true } } : { ...cell.style, alignment };
    });
  }

  addReportSheet(workbook, report, file, lang);
}

function solidFill(hex: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + hex.replace("#", "").toUpperCase() } };
}

/** Our messages under a "Verifica PIAO:" line; a user's own note is kept above them. */
function noteText(existing: ExcelJS.Cell["note"], lines: string[], prefix: string): string {
  const ours = [prefix, ...lines].join("\n");
  const previous = typeof existing === "string" ? existing : (existing?.texts?.map((t) => t.text).join("") ?? "");
  const userPart = previous.split(prefix)[0].trimEnd();
  return userPart ? `${userPart}\n\n${ours}` : ours;
}

/** A link that works in Excel, LibreOffice and Google Sheets: exceljs's own internal hyperlinks are unreliable. */
function linkTo(sheet: string, cell: string): ExcelJS.CellFormulaValue {
  const target = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  return { formula: `HYPERLINK("${target.replace(/"/g, '""')}","${cell}")`, result: cell, date1904: false };
}

function addReportSheet(workbook: ExcelJS.Workbook, report: CheckReport, file: string, lang: Lang): void {
  const m = messages(lang);
  const ws = workbook.addWorksheet(m.reportSheet);
  ws.columns = [{ width: 22 }, { width: 36 }, { width: 12 }, { width: 16 }, { width: 90 }, { width: 16 }, { width: 14 }, { width: 18 }];
  const bold = { bold: true };
  const link = { color: { argb: "FF0563C1" }, underline: true };

  ws.getCell(1, 1).value = m.checkedOn(file, displayDate(report.referenceDate, lang));
  ws.getCell(1, 1).font = { bold: true, size: 12 };
  ws.getCell(2, 1).value = m.counts(report.counts);

  let row = 4;
  ws.getRow(row).values = m.findingsHeader;
  ws.getRow(row).font = bold;
  for (const f of report.findings) {
    row++;
    const r = ws.getRow(row);
    r.values = [m.severity[f.severity], f.sheet, linkTo(f.sheet, f.cell), f.rule, f.message];
    r.getCell(1).fill = solidFill(SEVERITY_FILL[f.severity]);
    r.getCell(3).font = link;
    r.getCell(5).alignment = { wrapText: true, vertical: "top" };
  }

  row += 2;
  ws.getCell(row, 1).value = m.objectivesTitle;
  ws.getCell(row, 1).font = { bold: true, size: 12 };
  row++;
  ws.getRow(row).values = m.objectivesHeader;
  ws.getRow(row).font = bold;
  for (const o of report.objectives) {
    row++;
    const r = ws.getRow(row);
    r.values = [
      o.sheet,
      o.title ?? o.name,
      linkTo(o.sheet, o.headerCell),
      o.phases,
      percent(o.incidenzaTotal, lang),
      displayDate(o.finalDeadline, lang),
      percent(o.progress, lang),
      `${o.completedPhases}/${o.phases}`,
    ];
    r.getCell(3).font = link;
    r.getCell(2).alignment = { wrapText: true, vertical: "top" };
  }
}
