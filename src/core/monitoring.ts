// Monitoring (spec §3): which phases are completed, their status, the objective's progress and the
// summary column the adapters write next to the block.
import { SUMMARY_HEADER, type Block, type Phase } from "./blocks";
import { dateAtStart, dayToDisplay, dayToIso } from "./dates";
import type { SheetView } from "./grid";
import { formatPoints, hint } from "./text";
import type { Lang, PhaseStatus, PhaseStatusKind, SummaryColumnWrite } from "./types";

// Monitoring words carry no accents, so they are matched on the raw text (case-insensitive, any
// white space): normalising long monitoring notes would cost more than the whole check.
// "OK" is a bare mark that an under-way note cancels ("OK (avviata l'istruttoria)"); a text that says
// the phase is completed ("Fase completata in quanto sono già stati avviati 2 progetti", 001-obj-014)
// does not say it is only under way (spec §3), whatever else it mentions.
const OK_MARK = /\bok\b/i;
const COMPLETION_WORD = /\b(conclus[aoei]|completat[aoei]|raggiunt[aoei]|realizzat[aoei])\b/i;
const NEGATED_COMPLETION = /\bnon\s+(ancora\s+)?(conclus|completat|raggiunt|realizzat)\w*/gi;
const UNDER_WAY = /\bin\s+corso\b|\bavviat\w*|\bin\s+ritardo\b/i;
// Linear by construction: every run of spaces is taken by exactly one quantifier (each optional word
// brings its own trailing spaces), so "conclusa" + 32,000 spaces is read once, not once per split.
const DATE_AFTER_COMPLETION =
  /\b(?:conclus|completat|raggiunt|realizzat)\w*\s*(?:(?:in|con)\s+ritardo\s*)?(?:(?:in\s+data|in|il|al|:)\s*)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2})/i;
const CONCLUDED_DEADLINE = /\bconclus[ao]\b/i;

export interface PhaseState {
  phase: Phase;
  completed: boolean;
  completionDay: number | null;
  status: PhaseStatusKind;
  days: number | null;
}

/**
 * The state of a phase at the reference date. A phase of a block without monitoring columns was never
 * monitored (spec §3): its status only says where its deadline stands, it is never overdue nor completed.
 */
export function phaseState(phase: Phase, referenceDay: number, monitored: boolean): PhaseState {
  const deadlineDay = phase.deadline.kind === "date" ? phase.deadline.day : null;
  if (!monitored) {
    const status = deadlineDay === null ? "no-deadline" : deadlineDay < referenceDay ? "past-unmonitored" : "due";
    return { phase, completed: false, completionDay: null, status, days: null };
  }
  const texts = phase.monitoringTexts;
  const joined = texts.join(" \n ");
  // Most phases have no monitoring text (plans before monitoring): no need to run the word tests.
  const affirmed = joined === "" ? "" : joined.replace(NEGATED_COMPLETION, " ");
  const saysCompleted = affirmed !== "" && COMPLETION_WORD.test(affirmed);
  const saysOk = affirmed !== "" && OK_MARK.test(affirmed) && !UNDER_WAY.test(joined);
  const deadlineConcluded =
    (phase.deadline.kind === "date" && phase.deadline.concluded) || (phase.deadline.kind === "concluded" && CONCLUDED_DEADLINE.test(phase.deadline.text));
  const completed = deadlineConcluded || saysCompleted || saysOk;

  let completionDay: number | null = null;
  for (const t of texts) {
    const m = DATE_AFTER_COMPLETION.exec(t);
    const parsed = m ? dateAtStart(m[1]) : null;
    if (parsed?.kind === "date") {
      completionDay = parsed.day;
      break;
    }
  }

  let status: PhaseStatusKind;
  let days: number | null = null;
  if (completed) {
    if (completionDay !== null && deadlineDay !== null && completionDay > deadlineDay) {
      status = "completed-late";
      days = completionDay - deadlineDay;
    } else status = "completed";
  } else if (deadlineDay === null) status = "no-deadline";
  else if (deadlineDay < referenceDay) {
    status = "overdue";
    days = referenceDay - deadlineDay;
  } else {
    status = "in-progress";
    days = deadlineDay - referenceDay;
  }
  return { phase, completed, completionDay, status, days };
}

/**
 * Points earned by completed phases; a weight shared by merged phases is split among them. Null when the
 * block was not monitored or has no weight. One pass per group of phases sharing a weight: linear.
 */
export function progressOf(states: PhaseState[], lateCountsInFull: boolean, monitored: boolean): number | null {
  if (!monitored || !states.some((s) => s.phase.weight !== null)) return null;
  let total = 0;
  for (let start = 0; start < states.length; ) {
    let end = start + 1;
    while (end < states.length && states[end].phase.sharesWeightWithPrevious) end++;
    const share = (states[start].phase.weight ?? 0) / (end - start);
    for (let i = start; i < end; i++) {
      const s = states[i];
      if (s.completed && (s.status !== "completed-late" || lateCountsInFull)) total += share;
    }
    start = end;
  }
  return Math.round(total * 100) / 100;
}

const STATUS_TEXT: Record<Lang, (s: PhaseState) => string> = {
  it: (s) => {
    const deadline = s.phase.deadline.kind === "date" ? dayToDisplay(s.phase.deadline.day) : "";
    switch (s.status) {
      case "completed":
        return s.completionDay === null ? "Completata" : `Completata il ${dayToDisplay(s.completionDay)}`;
      case "completed-late":
        return `Completata in ritardo di ${s.days} ${s.days === 1 ? "giorno" : "giorni"}`;
      case "in-progress":
        return `In corso: scade il ${deadline} (${s.days === 1 ? "manca 1 giorno" : `mancano ${s.days} giorni`})`;
      case "overdue":
        return `In ritardo di ${s.days} ${s.days === 1 ? "giorno" : "giorni"} (scadenza ${deadline})`;
      case "no-deadline":
        return "Senza scadenza datata";
      case "due":
        return `Scade il ${deadline}`;
      case "past-unmonitored":
        return "Scadenza passata: non monitorata";
    }
  },
  en: (s) => {
    const deadline = s.phase.deadline.kind === "date" ? dayToDisplay(s.phase.deadline.day) : "";
    const days = `${s.days} ${s.days === 1 ? "day" : "days"}`;
    switch (s.status) {
      case "completed":
        return s.completionDay === null ? "Completed" : `Completed on ${dayToDisplay(s.completionDay)}`;
      case "completed-late":
        return `Completed ${days} late`;
      case "in-progress":
        return `In progress: due ${deadline} (${days} left)`;
      case "overdue":
        return `Overdue by ${days} (due ${deadline})`;
      case "no-deadline":
        return "No dated deadline";
      case "due":
        return `Due ${deadline}`;
      case "past-unmonitored":
        return "Deadline passed: not monitored";
    }
  },
};

export function phaseStatusReport(s: PhaseState, lang: Lang): PhaseStatus {
  return {
    label: s.phase.label,
    row: s.phase.row,
    status: s.status,
    days: s.days,
    deadline: s.phase.deadline.kind === "date" ? dayToIso(s.phase.deadline.day) : null,
    completionDate: s.completionDay === null ? null : dayToIso(s.completionDay),
    text: STATUS_TEXT[lang](s),
  };
}

function progressText(progress: number | null, completed: number, phases: number, monitored: boolean, lang: Lang): string {
  if (!monitored) return lang === "it" ? "Avanzamento non rilevato (nessuna colonna di monitoraggio)" : "Progress not recorded (no monitoring column)";
  const pct = progress === null ? "?" : formatPoints(progress, lang);
  return lang === "it"
    ? `Avanzamento ${pct} (${completed} di ${phases} fasi completate)`
    : `Progress ${pct} (${completed} of ${phases} phases completed)`;
}

const SUMMARY_HINT = hint("sintesi", "monitoring");
const SUMMARY_TITLE: Record<Lang, string> = { it: "Sintesi monitoraggio al", en: "Monitoring summary at" };

/** What the summary column says besides the phase statuses. */
export interface SummaryFacts {
  completed: number;
  progress: number | null;
  monitored: boolean;
  /** The block's own reference date and the run's: they differ when its Monitoraggio header carries another date. */
  referenceDay: number;
  runDay: number;
}

const OWN_DATE_NOTE: Record<Lang, string> = { it: "(data della sua colonna Monitoraggio)", en: "(date of its Monitoraggio column)" };

/**
 * The summary column of a block: to the right of its last column, in the first column that is free
 * over the block's rows or that a previous run wrote (its header says so). A user's cell is never overwritten.
 */
export function summaryColumn(view: SheetView, block: Block, statuses: PhaseStatus[], facts: SummaryFacts, lang: Lang): SummaryColumnWrite {
  const lastPhaseRow = block.phases[block.phases.length - 1].row;
  const progressRow = block.total ? block.total.cell.row : lastPhaseRow + 1;
  const endRow = Math.max(block.lastRow, progressRow);
  const col = chooseColumn(view, block.columns.last + 1, block.headerRow, endRow);

  const lines: string[] = new Array(endRow - block.headerRow + 1).fill("");
  const ownDate = facts.referenceDay === facts.runDay ? "" : ` ${OWN_DATE_NOTE[lang]}`;
  lines[0] = `${SUMMARY_TITLE[lang]} ${dayToDisplay(facts.referenceDay)}${ownDate}`;
  for (const s of statuses) lines[s.row - block.headerRow] = s.text;
  lines[progressRow - block.headerRow] = progressText(facts.progress, facts.completed, statuses.length, facts.monitored, lang);
  return { sheet: block.sheet, col, firstRow: block.headerRow, lines };
}

function chooseColumn(view: SheetView, firstCol: number, headerRow: number, endRow: number): number {
  for (let col = firstCol; ; col++) {
    if (SUMMARY_HEADER.test(view.normIf(headerRow, col, SUMMARY_HINT)) && !view.isCovered(headerRow, col)) return col;
    let free = true;
    for (let r = headerRow; r <= endRow && free; r++) free = view.isEmpty(r, col) && !view.isCovered(r, col);
    if (free) return col;
  }
}
