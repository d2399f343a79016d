// Text and JSON renderings of a CheckReport (JSON exactly as spec §4).
import type { CheckReport, Finding, JsonReport, Lang, ObjectiveReport, SeverityCounts } from "../core";
import { toJsonReport } from "../core/json-report";
import { displayDate, escapeControls, messages, percent } from "./messages";

export interface FileReport {
  file: string;
  report: CheckReport;
}

/** The spec §4 object (the core's rendering, shared with every host). */
export function jsonReport({ file, report }: FileReport): JsonReport {
  return toJsonReport(report, file);
}

// Characters JSON.stringify leaves raw that a terminal would act on (DEL, C1 such as CSI) or that
// reorder the text shown (bidirectional overrides); escaped they are the same JSON strings.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The JSON text of a report or a list of them, safe to print on a terminal. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Per sheet and objective: its figures, then each finding's cell, severity and message; then the total. */
export function textReport({ file, report }: FileReport, lang: Lang): string {
  const m = messages(lang);
  const lines = [`${file} (${m.referenceDate} ${displayDate(report.referenceDate, lang)})`];

  const byObjective = new Map<number, Finding[]>();
  const bySheet = new Map<string, Finding[]>(); // findings of no objective (table-not-found, responsabili-duplicate)
  const sheets: string[] = [];
  const addSheet = (s: string) => sheets.includes(s) || sheets.push(s);
  for (const o of report.objectives) addSheet(o.sheet);
  for (const f of report.findings) {
    addSheet(f.sheet);
    if (f.objectiveIndex === null) push(bySheet, f.sheet, f);
    else push(byObjective, f.objectiveIndex, f);
  }
  const objectivesBySheet = new Map<string, number[]>();
  report.objectives.forEach((o, i) => push(objectivesBySheet, o.sheet, i));

  const width = Math.max(4, ...report.findings.map((f) => f.cell.length)) + 2;
  const severityWidth = Math.max(...Object.values(m.severity).map((s) => s.length)) + 2;
  const finding = (f: Finding, indent: string) =>
    `${indent}${f.cell.padEnd(width)}${m.severity[f.severity].padEnd(severityWidth)}${f.message}`;

  for (const sheet of sheets) {
    lines.push(`  ${m.sheet} "${sheet}"`);
    for (const f of bySheet.get(sheet) ?? []) lines.push(finding(f, "    "));
    for (const i of objectivesBySheet.get(sheet) ?? []) {
      const o = report.objectives[i];
      lines.push(`    ${o.title ?? o.name}`);
      lines.push(`      ${objectiveFigures(o, lang)}`);
      const findings = byObjective.get(i) ?? [];
      if (findings.length === 0) lines.push(`      ${m.noFindings}`);
      for (const f of findings) lines.push(finding(f, "      "));
    }
  }
  lines.push(`  ${m.total}: ${m.counts(report.counts)}`);
  return lines.map(escapeControls).join("\n") + "\n";
}

function objectiveFigures(o: ObjectiveReport, lang: Lang): string {
  const m = messages(lang);
  const parts = [
    `${m.header} ${o.headerCell}`,
    m.phases(o.phases),
    `${m.incidenza} ${percent(o.incidenzaTotal, lang)}`,
    `${m.finalDeadline} ${displayDate(o.finalDeadline, lang)}`,
  ];
  if (!o.hasMonitoring) parts.push(m.progressNotRecorded); // spec §3: an unmonitored block's progress is null
  else if (o.progress !== null) parts.push(m.progress(percent(o.progress, lang), o.completedPhases, o.phases));
  return parts.join(" · ");
}

/** The last line of a batch: how many files and findings in all. */
export function grandTotal(reports: readonly FileReport[], lang: Lang): string {
  const m = messages(lang);
  const sum: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const { report } of reports) {
    sum.error += report.counts.error;
    sum.warning += report.counts.warning;
    sum.info += report.counts.info;
  }
  return `${m.total}: ${m.files(reports.length)}, ${m.counts(sum)}\n`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
