// The rule catalogue: one module per rule, listed in spec order. Adding a rule is adding its module
// here (and its id to ids.ts, which configuration validates against).
import codificaDuplicate from "./codifica-duplicate";
import codificaExternal from "./codifica-external";
import codificaUnknown from "./codifica-unknown";
import faseCompletedLate from "./fase-completed-late";
import faseDescriptionMissing from "./fase-description-missing";
import faseNumbering from "./fase-numbering";
import faseOverdue from "./fase-overdue";
import incidenzaInvalid from "./incidenza-invalid";
import incidenzaMissing from "./incidenza-missing";
import incidenzaSum from "./incidenza-sum";
import incidenzaTotalMismatch from "./incidenza-total-mismatch";
import obiettivoRaggiuntoIncoherent from "./obiettivo-raggiunto-incoherent";
import responsabiliDuplicate from "./responsabili-duplicate";
import responsabiliNotFound from "./responsabili-not-found";
import scadenzaAfterFinal from "./scadenza-after-final";
import scadenzaFinaleMismatch from "./scadenza-finale-mismatch";
import scadenzaFinaleMissing from "./scadenza-finale-missing";
import scadenzaInvalid from "./scadenza-invalid";
import scadenzaMissing from "./scadenza-missing";
import scadenzaOrder from "./scadenza-order";
import scadenzaOutOfPeriod from "./scadenza-out-of-period";
import scadenzaText from "./scadenza-text";
import tableNotFound from "./table-not-found";
import type { Lang } from "../types";
import type { RuleId } from "./ids";
import type { Rule } from "./rule";

export const RULES: readonly Rule[] = [
  tableNotFound,
  responsabiliNotFound,
  incidenzaMissing,
  incidenzaInvalid,
  incidenzaSum,
  incidenzaTotalMismatch,
  scadenzaMissing,
  scadenzaInvalid,
  scadenzaText,
  scadenzaOrder,
  scadenzaAfterFinal,
  scadenzaFinaleMissing,
  scadenzaFinaleMismatch,
  scadenzaOutOfPeriod,
  faseNumbering,
  faseDescriptionMissing,
  codificaUnknown,
  codificaDuplicate,
  codificaExternal,
  responsabiliDuplicate,
  faseOverdue,
  faseCompletedLate,
  obiettivoRaggiuntoIncoherent,
];

/** The rule's title in plain words ("Fase senza scadenza"), shown instead of its id; the id itself when unknown. */
export function ruleTitle(id: RuleId | string, lang: Lang): string {
  return RULES.find((r) => r.id === id)?.description[lang] ?? id;
}
