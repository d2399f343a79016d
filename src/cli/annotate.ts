// The annotated copy (--out): the input's own package with only what the check adds (spec §5): fills,
// notes, summary columns, the "Verifica PIAO" sheet and the memory of the originals. Every other part
// (charts, drawings, macros, x14 extensions, custom properties, customXml...) is carried over as it is.
// A copy of a copy first takes the previous run's marks away.
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { a1, parseA1 } from "../core/a1";
import { marksByCell } from "../core/marks";
import type { CheckReport, Lang, ObjectiveReport } from "../core";
import { UsageError } from "./args";
import { emptyMemory, readMemory, removeMemory, writeMemory } from "./package/memory";
import type { Memory, SheetRef, SummaryMemory } from "./package/memory";
import { messages } from "./messages";
import { writeOutput } from "./output";
import { SheetNotes } from "./package/notes";
import { CONTENT_TYPE, Package, REL, relsPath } from "./package/opc";
import type { SheetEntry } from "./package/opc";
import { reportSheetXml } from "./package/report-sheet";
import { MAX_COL, MAX_ROW, SheetXml } from "./package/sheet";
import { Styles } from "./package/styles";
import { addSheet, freeSheetName, REPORT_NAME, removeDefinedName, reportSheetName, setDefinedName, setReportNames } from "./package/workbook";
import { quoteSheet, setAttr, textOf } from "./package/xml";

const NOTE_MARKER = "Verifica PIAO:";
const SUMMARY_HEADER = /^(Sintesi monitoraggio al|Monitoring summary at) /;
const SUMMARY_WIDTH = 45;

const TEXT = {
  it: {
    noSummaryColumn: (o: ObjectiveReport) => `Sintesi di «${o.name}» (foglio ${o.sheet}) non scritta: nessuna colonna libera visibile a destra della tabella`,
    lastRow: (o: ObjectiveReport) => `Sintesi di «${o.name}» (foglio ${o.sheet}): l'ultima riga non è stata scritta, è oltre l'ultima riga del foglio`,
    wrongType: (out: string, ext: string) => `--out ${out}: la copia di questo file deve avere estensione ${ext}`,
    cannotCopy: (out: string, input: string) => `impossibile scrivere ${out}: ${input} non è un pacchetto .xlsx che si possa copiare (file danneggiato)`,
  },
  en: {
    noSummaryColumn: (o: ObjectiveReport) => `Summary of «${o.name}» (sheet ${o.sheet}) not written: no free visible column right of the table`,
    lastRow: (o: ObjectiveReport) => `Summary of «${o.name}» (sheet ${o.sheet}): its last line was not written, it falls past the sheet's last row`,
    wrongType: (out: string, ext: string) => `--out ${out}: the copy of this file needs the extension ${ext}`,
    cannotCopy: (out: string, input: string) => `cannot write ${out}: ${input} is not an .xlsx package that can be copied (damaged file)`,
  },
};

/** Writes the annotated copy of `input` to `out`; the input is only read. */
export async function writeAnnotatedCopy(input: string, out: string, report: CheckReport, lang: Lang, force = false): Promise<void> {
  const t = TEXT[lang];
  const pkg = await Package.open(await fs.readFile(input)).catch(() => {
    throw new UsageError(t.cannotCopy(out, input));
  });
  const types = await pkg.read("[Content_Types].xml");
  if (types === null) throw new UsageError(t.cannotCopy(out, input));
  const ext = /macroEnabled/i.test(types) ? ".xlsm" : ".xlsx";
  if (path.extname(out).toLowerCase() !== ext) throw new UsageError(t.wrongType(out, ext));
  const copy = await annotatePackage(pkg, report, path.basename(input), lang);
  await writeOutput(out, copy, force, lang);
}

interface LoadedSheet {
  entry: SheetEntry;
  xml: SheetXml;
  notes?: SheetNotes;
}

/** The copy of a workbook package with the check's marks; `file` is the name shown on the report sheet. */
export async function annotatePackage(pkg: Package, report: CheckReport, file: string, lang: Lang): Promise<Buffer> {
  const workbookPart = await pkg.workbookPart();
  const workbookRels = await pkg.relationships(workbookPart);
  const stylesPart = workbookRels.find((r) => r.type === REL.styles)?.part ?? null;
  const styles = new Styles(stylesPart ? await pkg.read(stylesPart) : null);
  const shared = await sharedStrings(pkg, workbookRels.find((r) => r.type === REL.sharedStrings)?.part ?? null);
  const entries = await pkg.sheets();
  let workbookXml = (await pkg.read(workbookPart))!;
  const previousReport = entries.find((e) => e.part && e.name === reportSheetName(workbookXml)) ?? null;

  const loaded = new Map<SheetEntry, LoadedSheet>();
  const load = async (entry: SheetEntry): Promise<LoadedSheet> => {
    let sheet = loaded.get(entry);
    if (!sheet) {
      sheet = { entry, xml: new SheetXml((await pkg.read(entry.part!))!, shared) };
      loaded.set(entry, sheet);
    }
    return sheet;
  };
  const notesOf = async (sheet: LoadedSheet) => (sheet.notes ??= await SheetNotes.load(pkg, sheet.entry.part!, sheet.xml));
  const userSheets = entries.filter((e) => e.part && e !== previousReport);
  const byName = (name: string) => userSheets.find((e) => e.name === name);
  const byRef = (ref: SheetRef) => byName(ref.sheet) ?? userSheets.find((e) => e.sheetId === ref.sheetId);

  // 1. The previous run's marks go away: originals back, our note lines and summary cells removed.
  const previous = await readMemory(pkg);
  if (previous) {
    await forget(previous.memory, byRef, load, styles);
    await removeMemory(pkg, previous.part);
  }
  for (const entry of userSheets) {
    if (!(await pkg.relationships(entry.part!)).some((r) => r.type === REL.comments)) continue;
    const sheet = await load(entry);
    // A cell with the checker's note still showing a severity fill is a mark whose memory was lost
    // (the copy went through an application that drops custom XML): it gets no fill back.
    for (const ref of (await notesOf(sheet)).strip(NOTE_MARKER)) {
      const pos = parseA1(ref);
      const cell = pos && sheet.xml.cell(pos.row, pos.col);
      if (pos && cell && styles.isSeverityFill(styles.fillOf(cell.s))) sheet.xml.setStyle(pos.row, pos.col, styles.withFill(cell.s, styles.noFill()));
    }
  }

  // 2. This run's marks.
  const memory = emptyMemory();
  for (const mark of marksByCell(report.findings)) {
    const entry = byName(mark.sheet);
    if (!entry) continue;
    const sheet = await load(entry);
    const s = sheet.xml.cell(mark.row, mark.col)?.s ?? sheet.xml.inheritedStyle(mark.row, mark.col);
    const fill = styles.fillOf(s);
    const marked = styles.withFill(s, styles.severityFill(mark.severity));
    // A severity fill left by a lost memory is never remembered as the original.
    memory.fills.push({ ...refOf(entry), ref: mark.cell, xf: s, marked, fill: styles.isSeverityFill(fill) ? styles.noFill() : fill });
    sheet.xml.setStyle(mark.row, mark.col, marked);
    (await notesOf(sheet)).add(mark.row, mark.col, [NOTE_MARKER, ...mark.messages].join("\n"));
  }
  const notices: string[] = [];
  for (const objective of report.objectives) {
    const entry = byName(objective.summary.sheet);
    if (entry) notices.push(...writeSummary(await load(entry), objective, styles, memory, lang, previous === null));
  }

  // 3. The report sheet: the previous one is rewritten in place, else a new one goes last.
  const { xml: reportXml, filter } = reportSheetXml(report, file, lang, styles, userSheets.map((e) => e.name), notices);
  let reportPart = previousReport?.part ?? null;
  let reportName = previousReport?.name ?? null;
  if (reportPart && reportName) {
    pkg.remove(relsPath(reportPart));
  } else {
    reportName = freeSheetName(messages(lang).reportSheet, entries.map((e) => e.name));
    reportPart = pkg.freeName("xl/worksheets/sheet", ".xml");
    await pkg.addOverride(reportPart, CONTENT_TYPE.worksheet);
    workbookXml = addSheet(workbookXml, reportName, await pkg.addRelationship(workbookPart, REL.worksheet, reportPart));
    workbookXml = removeDefinedName(workbookXml, REPORT_NAME);
  }
  pkg.write(reportPart, reportXml);
  workbookXml = setDefinedName(workbookXml, REPORT_NAME, `${quoteSheet(reportName)}!$A$1`, null);
  const reportIndex = previousReport ? entries.indexOf(previousReport) : entries.length;
  pkg.write(workbookPart, setReportNames(workbookXml, reportName, reportIndex, filter));

  // 4. Everything changed goes back into the package.
  let nextBlock = await firstFreeVmlBlock(pkg);
  const reserve = (count: number) => ((nextBlock += count), nextBlock - count);
  for (const sheet of loaded.values()) {
    await sheet.notes?.save(pkg, sheet.entry.part!, sheet.xml, reserve);
    if (sheet.xml.changed) pkg.write(sheet.entry.part!, sheet.xml.serialize());
  }
  if (styles.changed) {
    const part = stylesPart ?? "xl/styles.xml";
    if (!stylesPart) {
      await pkg.addRelationship(workbookPart, REL.styles, part);
      await pkg.addOverride(part, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
    }
    pkg.write(part, styles.serialize());
  }
  await writeMemory(pkg, memory);
  return pkg.generate();
}

function refOf(entry: SheetEntry): SheetRef {
  return { sheet: entry.name, sheetId: entry.sheetId };
}

/** Puts back what a previous run remembered, where the cell still shows what the run wrote. */
async function forget(
  memory: Memory,
  byRef: (ref: SheetRef) => SheetEntry | undefined,
  load: (entry: SheetEntry) => Promise<LoadedSheet>,
  styles: Styles,
): Promise<void> {
  // Marks whose cell moved (the user inserted or deleted rows or columns), by sheet.
  const movedFills = new Map<LoadedSheet, Map<number, number>>();
  const movedLines = new Map<LoadedSheet, SummaryMemory[]>();
  for (const f of memory.fills) {
    const entry = byRef(f);
    const pos = parseA1(f.ref);
    if (!entry || !pos) continue;
    const sheet = await load(entry);
    const cell = sheet.xml.cell(pos.row, pos.col);
    if (!cell || !styles.isSeverityFill(styles.fillOf(cell.s))) {
      if (!movedFills.has(sheet)) movedFills.set(sheet, new Map());
      if (!movedFills.get(sheet)!.has(f.marked)) movedFills.get(sheet)!.set(f.marked, f.xf);
      continue;
    }
    // The remembered format when only the fill differs from it (a byte-exact restore), else the
    // cell's current format with its original fill (the user changed something else since).
    const original = f.xf < styles.xfCount && styles.withFill(f.xf, styles.fillOf(cell.s)) === cell.s ? f.xf : styles.withFill(cell.s, f.fill);
    sheet.xml.setStyle(pos.row, pos.col, original);
  }
  for (const s of memory.summaries) {
    const entry = byRef(s);
    const pos = parseA1(s.ref);
    if (!entry || !pos) continue;
    const sheet = await load(entry);
    if (sheet.xml.cell(pos.row, pos.col)?.text === s.text) sheet.xml.replaceCell(pos.row, pos.col, s.original);
    else movedLines.set(sheet, [...(movedLines.get(sheet) ?? []), s]);
  }
  for (const [sheet, marked] of movedFills) {
    const hint = new RegExp(`\\ss="(?:${[...marked.keys()].join("|")})"`);
    for (const { row, col } of sheet.xml.findCells(hint, (c) => marked.has(c.s) && styles.isSeverityFill(styles.fillOf(c.s)))) {
      sheet.xml.setStyle(row, col, marked.get(sheet.xml.cell(row, col)!.s)!);
    }
  }
  for (const [sheet, lines] of movedLines) {
    // A line found elsewhere with exactly the text the checker wrote moved with its row; any other is the user's.
    // Only in the line's own column: a user's cell elsewhere may say the same words.
    const key = (col: number, text: string) => `${col}\u0000${text}`;
    const texts = new Map<string, SummaryMemory[]>();
    for (const s of lines) {
      const k = key(parseA1(s.ref)!.col, s.text);
      texts.set(k, [...(texts.get(k) ?? []), s]);
    }
    const found = sheet.xml.findCells(/t="(?:inlineStr|s)"/, () => true).filter(({ row, col }) => texts.has(key(col, sheet.xml.cell(row, col)!.text ?? "")));
    for (const { row, col } of found) {
      const s = texts.get(key(col, sheet.xml.cell(row, col)!.text ?? ""))!.shift();
      if (s) sheet.xml.replaceCell(row, col, s.original === null ? null : setAttr(s.original, "r", a1(row, col)));
    }
  }
  for (const c of memory.columns) {
    const entry = byRef(c);
    if (entry) (await load(entry)).xml.removeColElement(c.element);
  }
}

/** Writes one block's summary column (spec §3); returns the notices for what it could not write. */
function writeSummary(sheet: LoadedSheet, objective: ObjectiveReport, styles: Styles, memory: Memory, lang: Lang, memoryLost: boolean): string[] {
  const { summary } = objective;
  const lastRow = Math.min(summary.firstRow + summary.lines.length - 1, MAX_ROW);
  const header = sheet.xml.cell(summary.firstRow, summary.col);
  if (memoryLost && header && !header.hasFormula && SUMMARY_HEADER.test(header.text ?? "")) {
    // A summary column of a copy whose memory was lost: the check chose it by its header, its texts go.
    for (let row = summary.firstRow; row <= lastRow; row++) {
      const cell = sheet.xml.cell(row, summary.col);
      if (cell && !cell.hasFormula && cell.text !== null) sheet.xml.clearCell(row, summary.col);
    }
  }
  const col = freeColumn(sheet.xml, summary.col, summary.firstRow, lastRow);
  if (col === null) return [TEXT[lang].noSummaryColumn(objective)];
  summary.lines.forEach((line, i) => {
    const row = summary.firstRow + i;
    if (line === "" || row > MAX_ROW) return;
    const existing = sheet.xml.cell(row, col);
    const base = existing?.s ?? sheet.xml.inheritedStyle(row, col);
    sheet.xml.setText(row, col, line, styles.derive(base, i === 0 ? { bold: true, wrap: true } : { wrap: true }));
    memory.summaries.push({ ...refOf(sheet.entry), ref: a1(row, col), original: existing?.raw ?? null, text: line });
  });
  const width = sheet.xml.addColumnWidth(col, SUMMARY_WIDTH);
  if (width) memory.columns.push({ ...refOf(sheet.entry), element: width });
  return summary.firstRow + summary.lines.length - 1 > MAX_ROW ? [TEXT[lang].lastRow(objective)] : [];
}

/**
 * The core's column, or the next one right of it that is visible and holds nothing over the block's
 * rows: the core sees values only, a formula whose result is empty and a hidden column are the writer's to see.
 */
function freeColumn(sheet: SheetXml, from: number, firstRow: number, lastRow: number): number | null {
  for (let col = from; col <= MAX_COL; col++) {
    if (sheet.isHiddenColumn(col)) continue;
    let free = true;
    for (let row = firstRow; row <= lastRow && free; row++) {
      const cell = sheet.cell(row, col);
      free = !cell || (!cell.hasFormula && (cell.text === null || cell.text === ""));
    }
    if (free) return col;
  }
  return null;
}

async function sharedStrings(pkg: Package, part: string | null): Promise<string[]> {
  const xml = part ? await pkg.read(part) : null;
  if (!xml) return [];
  const p = /<(\w+:)?sst\b/.exec(xml)?.[1] ?? "";
  const items = xml.matchAll(new RegExp(`<${p}si\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}si>)`, "g"));
  // Phonetic runs (rPh) are a reading aid, not part of the text.
  return [...items].map((m) => textOf((m[1] ?? "").replace(new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, "g"), ""), p));
}

/** The first VML shape-id block (`o:idmap`) no drawing of the workbook uses. */
async function firstFreeVmlBlock(pkg: Package): Promise<number> {
  let max = 0;
  for (const part of pkg.parts().filter((p) => p.toLowerCase().endsWith(".vml"))) {
    for (const m of ((await pkg.read(part)) ?? "").matchAll(/<o:idmap\b[^>]*\bdata="([^"]*)"/g)) {
      for (const n of m[1].split(/[\s,]+/)) max = Math.max(max, Number(n) || 0);
    }
  }
  return max + 1;
}
