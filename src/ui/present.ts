// How the pane and the sidebar lay out a report for a reviewer: errors first, then by sheet and position;
// one card per objective with findings, named once; objectives without findings folded together.
import { parseA1, type Severity } from "../core";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface Placed {
  severity: Severity;
  sheet: string;
  cell: string;
}

export interface ObjectiveLike {
  name: string;
  title: string | null;
  sheet: string;
  headerCell: string;
}

export interface Card<F extends Placed> {
  /** Index into the objectives; null for the workbook's own findings (no objective). */
  objective: number | null;
  heading: string;
  /** The objective's title without its name ("Obiettivo A: Digitalizzazione" -> "Digitalizzazione"). */
  subtitle: string | null;
  findings: F[];
}

export interface Layout<F extends Placed> {
  cards: Card<F>[];
  /** Objectives without findings, in workbook order. */
  clean: number[];
  headings: string[];
}

/** A sort key per finding, computed once: the sort stays n log n. */
function keyed<F extends Placed>(findings: readonly F[], sheetRank: Map<string, number>) {
  return findings.map((f) => {
    const pos = parseA1(f.cell) ?? { row: 0, col: 0 };
    return { f, key: [RANK[f.severity], sheetRank.get(f.sheet) ?? sheetRank.size, pos.row, pos.col] };
  });
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Findings by severity (errors first), then sheet in workbook order, then row and column. */
export function sortFindings<F extends Placed>(findings: readonly F[], sheetOrder: readonly string[]): F[] {
  const rank = new Map(sheetOrder.map((s, i) => [s, i]));
  return keyed(findings, rank)
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((k) => k.f);
}

/**
 * Headings that tell objectives apart: "Obiettivo A"; when two share a name, the sheet ("Obiettivo A ·
 * Trasparenza"), or the header cell when they are on one sheet ("Obiettivo A · A6").
 */
export function headings(objectives: readonly ObjectiveLike[]): string[] {
  const sheetsOf = new Map<string, string[]>();
  for (const o of objectives) {
    const sheets = sheetsOf.get(o.name) ?? [];
    sheets.push(o.sheet);
    sheetsOf.set(o.name, sheets);
  }
  return objectives.map((o) => {
    const sheets = sheetsOf.get(o.name)!;
    if (sheets.length === 1) return o.name;
    const onSheet = sheets.filter((s) => s === o.sheet).length;
    if (onSheet === sheets.length) return `${o.name} · ${o.headerCell}`;
    return onSheet === 1 ? `${o.name} · ${o.sheet}` : `${o.name} · ${o.sheet}!${o.headerCell}`;
  });
}

// Linear: each run of spaces is taken by one quantifier only.
const NAMED_TITLE = /^[^\p{L}\p{N}]*obiettivo\s*(?::\s*)?(?:[a-z]|\d{1,3})\s*(?:[:).\-–]\s*)?/iu;

/** The title without the objective's name that the card's heading already shows; null when nothing is left. */
export function subtitle(title: string | null, name: string): string | null {
  if (!title) return null;
  const rest = title.toLowerCase().startsWith(name.toLowerCase()) ? title.slice(name.length).replace(/^[\s:).\-–]+/, "") : title.replace(NAMED_TITLE, "");
  return rest.trim() === "" ? null : rest.trim();
}

/** A finding's message inside its objective's card: without the leading "Obiettivo A: ", capitalised. */
export function cardMessage(message: string, objective: string | null): string {
  const prefix = objective === null ? "" : `${objective}: `;
  const rest = prefix && message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * The cards of a report: the workbook's own findings and each objective with findings, the card with
 * the most severe finding first (then by sheet and position); findings inside by severity and position.
 */
export function layout<F extends Placed>(
  objectives: readonly ObjectiveLike[],
  findingsOf: (objective: number) => readonly F[],
  general: readonly F[],
  generalHeading: string,
): Layout<F> {
  const sheetOrder = [...new Set([...objectives.map((o) => o.sheet), ...general.map((f) => f.sheet)])];
  const names = headings(objectives);
  const cards: Card<F>[] = [];
  const clean: number[] = [];
  if (general.length) cards.push({ objective: null, heading: generalHeading, subtitle: null, findings: sortFindings(general, sheetOrder) });
  objectives.forEach((o, i) => {
    const findings = findingsOf(i);
    if (findings.length === 0) clean.push(i);
    else cards.push({ objective: i, heading: names[i], subtitle: subtitle(o.title, o.name), findings: sortFindings(findings, sheetOrder) });
  });
  const rank = new Map(sheetOrder.map((s, i) => [s, i]));
  const firsts = new Map(cards.map((c) => [c, keyed([c.findings[0]], rank)[0].key]));
  cards.sort((a, b) => compareKeys(firsts.get(a)!, firsts.get(b)!));
  return { cards, clean, headings: names };
}
