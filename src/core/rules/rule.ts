// The shape of a rule module. Each rule is one file exporting `defineBlockRule(...)` or
// `defineWorkbookRule(...)`; the catalogue (index.ts) lists them.
import type { Block, PhaseNoun } from "../blocks";
import type { Config } from "../config";
import type { SheetView } from "../grid";
import type { PhaseState } from "../monitoring";
import type { ResponsabiliTable } from "../responsabili";
import type { CellPos, Lang, Severity } from "../types";
import type { RuleId } from "./ids";

/** What a rule sees of one objective block. */
export interface BlockContext {
  block: Block;
  view: SheetView;
  /** "Obiettivo B", or a name made from the header cell when the block has no title. */
  objective: string;
  config: Config;
  referenceDay: number;
  /** First and last day of the plan period, when configured. */
  period: { from: number; to: number } | null;
  /** Codes of the Responsabili table; null when the workbook has none. */
  responsabili: Set<string> | null;
  states: PhaseState[];
  /** The block has a Monitoraggio or Raggiungimento column: monitoring rules apply. */
  hasMonitoring: boolean;
}

/** What a workbook-level rule sees. */
export interface WorkbookContext {
  sheets: SheetView[];
  /** The sheets whose blocks were checked (one when a sheet was asked for). */
  checkedSheets: SheetView[];
  /** The sheet the user asked for, if any (it may not exist). */
  askedSheet: string | null;
  blockCount: number;
  responsabiliTables: ResponsabiliTable[];
}

export interface Hit<P> {
  /** Defaults to the block's sheet for block rules. */
  sheet?: string;
  cell: CellPos;
  params: P;
}

type Messages<P> = Record<Lang, (p: P) => string>;

export interface BlockRuleSpec<P> {
  id: RuleId;
  defaultSeverity: Severity;
  /** The rule's title in plain words, shown in place of its id (pane, sidebar, report sheet, settings). */
  description: Record<Lang, string>;
  /** Runs only on blocks with a Monitoraggio or Raggiungimento column. */
  monitoringOnly?: boolean;
  messages: Messages<P>;
  check(ctx: BlockContext): Hit<P>[];
}

export interface WorkbookRuleSpec<P> {
  id: RuleId;
  defaultSeverity: Severity;
  description: Record<Lang, string>;
  messages: Messages<P>;
  check(ctx: WorkbookContext): Hit<P>[];
}

/** A finding before severity configuration is applied. */
export interface RuleHit {
  sheet?: string;
  cell: CellPos;
  message: (lang: Lang) => string;
}

export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  description: Record<Lang, string>;
  scope: "block" | "workbook";
  monitoringOnly: boolean;
  /** Message templates, exposed for documentation and tests. */
  messages: Record<Lang, (p: never) => string>;
  runBlock(ctx: BlockContext): readonly RuleHit[];
  runWorkbook(ctx: WorkbookContext): readonly RuleHit[];
}

function bind<P>(messages: Messages<P>, hits: Hit<P>[]): readonly RuleHit[] {
  return hits.length === 0 ? NO_HITS : hits.map((h) => ({ sheet: h.sheet, cell: h.cell, message: (lang: Lang) => messages[lang](h.params) }));
}

const NO_HITS: readonly RuleHit[] = Object.freeze([]);

export function defineBlockRule<P>(spec: BlockRuleSpec<P>): Rule {
  return {
    id: spec.id,
    defaultSeverity: spec.defaultSeverity,
    description: spec.description,
    scope: "block",
    monitoringOnly: spec.monitoringOnly ?? false,
    messages: spec.messages,
    runBlock: (ctx) => bind(spec.messages, spec.check(ctx)),
    runWorkbook: () => [],
  };
}

export function defineWorkbookRule<P>(spec: WorkbookRuleSpec<P>): Rule {
  return {
    id: spec.id,
    defaultSeverity: spec.defaultSeverity,
    description: spec.description,
    scope: "workbook",
    monitoringOnly: false,
    messages: spec.messages,
    runBlock: () => [],
    runWorkbook: (ctx) => bind(spec.messages, spec.check(ctx)),
  };
}

/** The hits of the items that yield one (a plain loop: rules run for every block, allocations add up). */
export function collect<T, H>(items: readonly T[], hitOf: (item: T) => H | null): H[] {
  const hits: H[] = [];
  for (const item of items) {
    const hit = hitOf(item);
    if (hit !== null) hits.push(hit);
  }
  return hits;
}

/** A phase as the messages name it: its label and what its table calls it. */
export interface PhaseRef {
  label: string;
  noun: PhaseNoun;
}

const NOUN_EN: Record<PhaseNoun, string> = { fase: "phase", attività: "activity", azione: "action" };
const PLURAL: Record<Lang, Record<PhaseNoun, string>> = {
  it: { fase: "fasi", attività: "attività", azione: "azioni" },
  en: { fase: "phases", attività: "activities", azione: "actions" },
};

/** "fasi" / "attività" / "azioni": what the table's numbered rows are, in the plural. */
export function phasesWord(noun: PhaseNoun, lang: Lang): string {
  return PLURAL[lang][noun];
}

/**
 * "fase 2", "attività 1.1" / "phase 2 b)", "activity 1.1"; in Italian after an article or preposition
 * ("la fase 2", "dell'attività 2"), elided before a vowel.
 */
export function phaseName(ref: PhaseRef, lang: Lang, article: "" | "la" | "della" | "nella" = ""): string {
  if (lang === "en") return `${NOUN_EN[ref.noun]} ${ref.label}`;
  const before = article === "" ? "" : ref.noun === "fase" ? `${article} ` : `${article.slice(0, -1)}'`;
  return `${before}${ref.noun} ${ref.label}`;
}

/** Whether a weight of a block is missing or invalid (then sums are not reported). */
export function hasBadWeight(block: Block): boolean {
  return block.phases.some((p) => !p.sharesWeightWithPrevious && p.weightState !== "ok");
}

/** Sum of the phase weights in points, each shared (merged) weight counted once. */
export function weightSum(block: Block): number {
  return block.phases.reduce((sum, p) => (p.sharesWeightWithPrevious || p.weight === null ? sum : sum + p.weight), 0);
}
