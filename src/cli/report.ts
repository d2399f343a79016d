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

/** Characters of report text handed to `write` at a time by writeJsonText. */
const JSON_PIECE = 64 * 1024;
/** Items of an array rendered by one JSON.stringify in writeJsonText. */
const JSON_ITEMS = 256;

/**
 * jsonText(value) + "\n", handed to `write` in pieces of about 64K characters (JSON_PIECE): the top object member by member,
 * the arrays in it a few hundred items at a time, so that the text of a whole report (a 1.1 MB JSON for 2,000
 * schede, two bytes a character as soon as one message has a character beyond Latin-1) never exists at once.
 */
export function writeJsonText(value: unknown, write: (text: string) => void): void {
  let pending = "";
  for (const piece of jsonPieces(value)) {
    pending += piece;
    if (pending.length >= JSON_PIECE) {
      write(pending);
      pending = "";
    }
  }
  write(pending + "\n");
}

/** JSON.stringify(value, null, 2) in pieces (see writeJsonText). */
function* jsonPieces(value: unknown): Generator<string> {
  if (value === null || typeof value !== "object" || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    yield jsonText(value);
    return;
  }
  let first = true;
  yield "{";
  for (const [key, v] of Object.entries(value)) {
    // As JSON.stringify: a member whose value has no JSON (undefined, a function, a symbol) is left out.
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    yield `${first ? "" : ","}\n  ${jsonText(key)}: `;
    first = false;
    if (!Array.isArray(v) || v.length <= JSON_ITEMS) {
      yield indented(jsonText(v));
      continue;
    }
    // "[\n  item,\n  item\n]" of each slice, without its brackets: the items' lines as in the whole array's.
    yield "[";
    for (let i = 0; i < v.length; i += JSON_ITEMS) yield `${i === 0 ? "" : ","}\n  ${indented(jsonText(v.slice(i, i + JSON_ITEMS)).slice(2, -2))}`;
    yield "\n  ]";
  }
  yield first ? "}" : "\n}";
}

/** A member's JSON one level in: the line breaks of JSON.stringify's text are its own (a string's are escaped). */
function indented(text: string): string {
  return text.replace(/\n/g, "\n  ");
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
