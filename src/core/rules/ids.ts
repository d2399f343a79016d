/** Every rule id of spec §2, in the spec's order (the order findings of one cell are listed in). */
export const RULE_IDS = [
  "table-not-found",
  "responsabili-not-found",
  "incidenza-missing",
  "incidenza-invalid",
  "incidenza-sum",
  "incidenza-total-mismatch",
  "scadenza-missing",
  "scadenza-invalid",
  "scadenza-text",
  "scadenza-order",
  "scadenza-after-final",
  "scadenza-finale-missing",
  "scadenza-finale-mismatch",
  "scadenza-out-of-period",
  "fase-numbering",
  "fase-description-missing",
  "codifica-unknown",
  "codifica-duplicate",
  "codifica-external",
  "responsabili-duplicate",
  "fase-overdue",
  "fase-completed-late",
  "obiettivo-raggiunto-incoherent",
] as const;

export type RuleId = (typeof RULE_IDS)[number];
