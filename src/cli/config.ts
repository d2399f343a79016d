// The configuration of a run without settings: no settings file, no --reference-date, no --period. Then there
// is nothing to validate, and the run does not load zod (core/config.ts), which takes longer to load than a
// small workbook takes to check. test/cli/config.test.ts holds this equal to parseConfig's defaults.
import type { Config, Lang } from "../core";

/** What parseConfig({ lang }) gives. */
export function defaultConfig(lang: Lang): Config {
  return { weightTolerance: 0.01, rules: {}, lang, lateCountsInFull: true, headers: {} };
}
