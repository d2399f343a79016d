// checkWorkbook (check.ts) without the configuration's validation, so that a caller whose configuration is
// already validated (the CLI) does not load zod, whose modules take longer to load than a small workbook to check.

import { a1 } from "./a1";
import { findBlocks, type Block } from "./blocks";
import type { Config } from "./config";
import { dayFromParts, dayToIso, isoToDay } from "./dates";
import { SheetView } from "./grid";
import { HeaderMatcher } from "./headers";
import { phaseState, phaseStatusReport, progressOf, summaryColumn } from "./monitoring";
import { findResponsabiliTables } from "./responsabili";
import { RULE_IDS } from "./rules/ids";
import { RULES } from "./rules/index";
import type { BlockContext, RuleHit, WorkbookContext } from "./rules/rule";
import type { CheckReport, Finding, Lang, ObjectiveReport, WorkbookGrid } from "./types";

export interface ParsedCheckOptions {
  /** Check only this sheet for objective blocks (the Responsabili table is still looked up everywhere). */
  sheet?: string;
  /** Today's date (ISO); the last fallback of the reference date. Default: the current date. */
  today?: string;
  /** A configuration as ConfigSchema gives it (parseConfig's, with every default filled in). */
  config: Config;
}

/** checkWorkbook with a configuration validated already. */
export function checkParsed(workbook: WorkbookGrid, options: ParsedCheckOptions): CheckReport {
  const config = options.config;
  const lang = config.lang;
  const today = isoToDay(options.today ?? new Date().toISOString().slice(0, 10)) ?? 0;
  const configuredDay = config.referenceDate ? isoToDay(config.referenceDate) : null;

  const views = (Array.isArray(workbook?.sheets) ? workbook.sheets : []).map((s) => new SheetView(s));
  const askedSheet = options.sheet ?? null;
  const checked = askedSheet === null ? views : views.filter((v) => v.name === askedSheet);
  const tableSheets = config.responsabiliSheet ? views.filter((v) => v.name === config.responsabiliSheet) : views;
  const headers = new HeaderMatcher(config.headers);
  const responsabiliTables = tableSheets.flatMap((v) => findResponsabiliTables(v, headers));
  const codes = responsabiliTables.length === 0 ? null : new Set(responsabiliTables.flatMap((t) => t.entries.map((e) => e.code)));
  const period = config.period ? periodDays(config.period) : null;

  const hits: { hit: RuleHit; ruleIndex: number; sheet: string; objective: string | null; objectiveIndex: number | null }[] = [];
  const objectives: ObjectiveReport[] = [];
  const blocksBySheet = checked.map((view) => ({ view, blocks: findBlocks(view, headers) }));
  // Spec §3: one reference date per run; a block whose Monitoraggio header carries its own date uses it.
  const runDay = configuredDay ?? blocksBySheet.flatMap((s) => s.blocks).find((b) => b.monitoringDay !== null)?.monitoringDay ?? today;
  for (const { view, blocks } of blocksBySheet) {
    for (const block of blocks) {
      const referenceDay = configuredDay ?? block.monitoringDay ?? runDay;
      const hasMonitoring = block.columns.monitoraggio !== null || block.columns.raggiungimento !== null;
      const states = block.phases.map((p) => phaseState(p, referenceDay, hasMonitoring));
      const ctx: BlockContext = {
        block,
        view,
        objective: block.shortName ?? fallbackName(block, lang),
        config,
        referenceDay,
        period,
        responsabili: codes,
        states,
        hasMonitoring,
      };
      const objectiveIndex = objectives.length;
      for (let ruleIndex = 0; ruleIndex < RULES.length; ruleIndex++) {
        const rule = RULES[ruleIndex];
        if (rule.scope !== "block" || (rule.monitoringOnly && !ctx.hasMonitoring)) continue;
        const ruleHits = rule.runBlock(ctx);
        for (let i = 0; i < ruleHits.length; i++) {
          const hit = ruleHits[i];
          hits.push({ hit, ruleIndex, sheet: hit.sheet ?? block.sheet, objective: ctx.objective, objectiveIndex });
        }
      }
      objectives.push(objectiveReport(ctx, runDay, lang));
    }
  }

  const wctx: WorkbookContext = { sheets: views, checkedSheets: checked, askedSheet, blockCount: objectives.length, responsabiliTables };
  RULES.forEach((rule, ruleIndex) => {
    if (rule.scope !== "workbook") return;
    for (const hit of rule.runWorkbook(wctx)) hits.push({ hit, ruleIndex, sheet: hit.sheet ?? "", objective: null, objectiveIndex: null });
  });

  const sheetOrder = new Map(views.map((v, i) => [v.name, i]));
  const findings: Finding[] = [];
  for (const h of hits) {
    const rule = RULES[h.ruleIndex];
    const setting = config.rules[rule.id] ?? rule.defaultSeverity;
    if (setting === "off") continue;
    findings.push({
      rule: rule.id,
      severity: setting,
      sheet: h.sheet,
      cell: a1(h.hit.cell.row, h.hit.cell.col),
      row: h.hit.cell.row,
      col: h.hit.cell.col,
      message: h.hit.message(lang),
      objective: h.objective,
      objectiveIndex: h.objectiveIndex,
    });
  }
  const ruleOrder = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));
  findings.sort(
    (a, b) =>
      (sheetOrder.get(a.sheet) ?? -1) - (sheetOrder.get(b.sheet) ?? -1) ||
      a.row - b.row ||
      a.col - b.col ||
      (ruleOrder.get(a.rule) ?? 0) - (ruleOrder.get(b.rule) ?? 0),
  );

  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { schemaVersion: 1, referenceDate: dayToIso(runDay), objectives, findings, counts };
}

function objectiveReport(ctx: BlockContext, runDay: number, lang: Lang): ObjectiveReport {
  const { block, states, referenceDay, hasMonitoring } = ctx;
  const progress = progressOf(states, ctx.config.lateCountsInFull, hasMonitoring);
  const badWeight = block.phases.some((p) => !p.sharesWeightWithPrevious && p.weightState !== "ok");
  const total = block.phases.reduce((s, p) => (p.sharesWeightWithPrevious || p.weight === null ? s : s + p.weight), 0);
  const final = block.finalDeadline?.deadline;
  const phaseStatuses = states.map((s) => phaseStatusReport(s, lang));
  const completedPhases = states.filter((s) => s.completed).length;
  return {
    sheet: block.sheet,
    name: ctx.objective,
    title: block.title,
    headerCell: a1(block.headerRow, block.columns.first),
    headerRow: block.headerRow,
    phases: block.phases.length,
    incidenzaTotal: badWeight ? null : Math.round(total * 100) / 100,
    finalDeadline: final?.kind === "date" ? dayToIso(final.day) : null,
    progress,
    completedPhases,
    referenceDate: dayToIso(referenceDay),
    hasMonitoring: ctx.hasMonitoring,
    phaseStatuses,
    summary: summaryColumn(ctx.view, block, phaseStatuses, { completed: completedPhases, progress, monitored: hasMonitoring, referenceDay, runDay }, lang),
  };
}

function fallbackName(block: Block, lang: Lang): string {
  const cell = a1(block.headerRow, block.columns.first);
  return lang === "it" ? `Tabella in ${cell}` : `Table at ${cell}`;
}

function periodDays(period: string): { from: number; to: number } {
  const [from, to] = period.split("-").map(Number);
  return { from: dayFromParts(from, 1, 1) ?? 0, to: dayFromParts(to, 12, 31) ?? 0 };
}
