// The "Verifica PIAO" sheet of the annotated copy (issue 11): a first block with the counts, the
// reference date and each objective's progress, then the findings by severity, with a filter, a
// frozen header, wrapped text with row heights that show it, printed one page wide.
import { a1 } from "../../core/a1";
import { ruleTitle } from "../../core/rules/index";
import { severityCountList, severityWord } from "../../core/severity-words";
import type { CheckReport, Lang, RuleId } from "../../core";
import { sortFindings } from "../../ui/present";
import { displayDate, percent } from "../messages";
import type { Styles } from "./styles";
import { escapeXml, quoteSheet } from "./xml";

const WIDTHS = [16, 24, 12, 36, 70, 26];
const LINE_HEIGHT = 15;

const TEXT = {
  it: {
    title: (file: string) => `Verifica PIAO di ${file}`,
    referenceDate: (d: string) => `Data di riferimento: ${d}`,
    objectives: "Avanzamento per obiettivo",
    objectivesHeader: ["Avanzamento", "Foglio", "Intestazione", "Obiettivo", "Dettagli", "Scadenza finale"],
    notMonitored: "non rilevato",
    details: (done: number, all: number, weights: string) => `${done} di ${all} fasi completate; incidenza totale ${weights}`,
    unmonitoredDetails: (all: number, weights: string) => `${all} ${all === 1 ? "fase" : "fasi"}, nessuna colonna di monitoraggio; incidenza totale ${weights}`,
    findings: "Anomalie, dalle più gravi",
    findingsHeader: ["Gravità", "Foglio", "Cella", "Regola", "Messaggio", "Id regola"],
    none: "Nessuna anomalia.",
  },
  en: {
    title: (file: string) => `Verifica PIAO of ${file}`,
    referenceDate: (d: string) => `Reference date: ${d}`,
    objectives: "Progress by objective",
    objectivesHeader: ["Progress", "Sheet", "Header", "Objective", "Details", "Final deadline"],
    notMonitored: "not monitored",
    details: (done: number, all: number, weights: string) => `${done} of ${all} phases completed; total weight ${weights}`,
    unmonitoredDetails: (all: number, weights: string) => `${all} ${all === 1 ? "phase" : "phases"}, no monitoring column; total weight ${weights}`,
    findings: "Findings, most severe first",
    findingsHeader: ["Severity", "Sheet", "Cell", "Rule", "Message", "Rule id"],
    none: "No findings.",
  },
};

interface Cell {
  text: string | number;
  s?: number;
  link?: string;
  wrap?: boolean;
}

/** The worksheet XML of the report sheet; its styles are added to `styles`. */
export function reportSheetXml(report: CheckReport, file: string, lang: Lang, styles: Styles, sheetOrder: readonly string[], notices: string[]): { xml: string; filter: string } {
  const t = TEXT[lang];
  const style = {
    title: styles.derive(0, { bold: true }),
    header: styles.derive(0, { bold: true, wrap: true }),
    wrap: styles.derive(0, { wrap: true }),
    link: styles.derive(0, { link: true, wrap: true }),
    severity: {
      error: styles.derive(0, { fill: "error", bold: true, wrap: true }),
      warning: styles.derive(0, { fill: "warning", bold: true, wrap: true }),
      info: styles.derive(0, { fill: "info", bold: true, wrap: true }),
    },
  };
  const rows: Cell[][] = [];
  const add = (...cells: Cell[]) => rows.push(cells);
  const link = (sheet: string, cell: string): Cell => ({ text: cell, s: style.link, link: `${quoteSheet(sheet)}!${cell}` });

  add({ text: t.title(file), s: style.title });
  add({ text: t.referenceDate(displayDate(report.referenceDate, lang)) });
  add({ text: severityCountList(report.counts, lang), s: style.title });
  for (const n of notices) add({ text: n });
  add();
  add({ text: t.objectives, s: style.title });
  add(...t.objectivesHeader.map((h) => ({ text: h, s: style.header })));
  for (const o of report.objectives) {
    add(
      { text: o.hasMonitoring ? percent(o.progress, lang) : t.notMonitored, s: style.wrap },
      { text: o.sheet, s: style.wrap },
      link(o.sheet, o.headerCell),
      { text: o.title ?? o.name, s: style.wrap, wrap: true },
      {
        text: o.hasMonitoring
          ? t.details(o.completedPhases, o.phases, percent(o.incidenzaTotal, lang))
          : t.unmonitoredDetails(o.phases, percent(o.incidenzaTotal, lang)),
        s: style.wrap,
        wrap: true,
      },
      { text: displayDate(o.finalDeadline, lang), s: style.wrap },
    );
  }
  add();
  add({ text: t.findings, s: style.title });
  add(...t.findingsHeader.map((h) => ({ text: h, s: style.header })));
  const headerRow = rows.length;
  for (const f of sortFindings(report.findings, sheetOrder)) {
    add(
      { text: severityWord(f.severity, lang, 1), s: style.severity[f.severity] },
      { text: f.sheet, s: style.wrap },
      link(f.sheet, f.cell),
      { text: ruleTitle(f.rule as RuleId, lang), s: style.wrap, wrap: true },
      { text: f.message, s: style.wrap, wrap: true },
      { text: f.rule, s: style.wrap },
    );
  }
  if (report.findings.length === 0) add({ text: t.none });

  const lastRow = Math.max(rows.length, headerRow + 1);
  const filter = `A${headerRow}:F${lastRow}`;
  return { xml: worksheet(rows, headerRow, filter), filter };
}

function worksheet(rows: Cell[][], headerRow: number, filter: string): string {
  const links: string[] = [];
  const data = rows
    .map((cells, r) => {
      if (cells.length === 0) return "";
      const lines = Math.max(1, ...cells.map((c, i) => (c.wrap ? wrappedLines(String(c.text), WIDTHS[i]) : 1)));
      const height = lines > 1 ? ` ht="${lines * LINE_HEIGHT}" customHeight="1"` : "";
      const xml = cells.map((c, i) => {
        const ref = a1(r, i);
        if (c.link) links.push(`<hyperlink ref="${ref}" location="${escapeXml(c.link)}" display="${escapeXml(String(c.text))}"/>`);
        const s = c.s ? ` s="${c.s}"` : "";
        if (typeof c.text === "number") return `<c r="${ref}"${s}><v>${c.text}</v></c>`;
        return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.text)}</t></is></c>`;
      });
      return `<row r="${r + 1}"${height}>${xml.join("")}</row>`;
    })
    .join("");
  const cols = WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  const top = `A${headerRow + 1}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:F${rows.length}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="${LINE_HEIGHT}"/><cols>${cols}</cols><sheetData>${data}</sheetData>` +
    `<autoFilter ref="${filter}"/>` +
    (links.length ? `<hyperlinks>${links.join("")}</hyperlinks>` : "") +
    '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    "</worksheet>"
  );
}

/** Lines a wrapped text takes in a column this wide (characters), counting its own line breaks. */
function wrappedLines(text: string, width: number): number {
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(line.length / (width - 2))), 0);
}
