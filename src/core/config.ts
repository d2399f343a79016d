import { z } from "zod";
import { RULE_IDS } from "./rules/ids";
import { isoToDay } from "./dates";
import { HEADER_ROLES } from "./headers";
import type { Lang } from "./types";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "formato atteso AAAA-MM-GG / expected YYYY-MM-DD" })
  .refine((s) => isoToDay(s) !== null, { message: "data inesistente / not a calendar date" });

const period = z
  .string()
  .regex(/^\d{4}-\d{4}$/, { message: "formato atteso AAAA-AAAA, es. 2022-2024 / expected YYYY-YYYY" })
  .refine((s) => Number(s.slice(0, 4)) <= Number(s.slice(5)), {
    message: "il primo anno deve precedere il secondo / the first year must not follow the second",
  });

const ruleSetting = z.enum(["error", "warning", "info", "off"]);

const headerText = z
  .string()
  .trim()
  .min(1, { message: "testo di intestazione vuoto / empty header text" })
  .max(80, { message: "testo di intestazione oltre 80 caratteri / header text longer than 80 characters" });

export const ConfigSchema = z
  .object({
    /** Reference date for monitoring (spec §3); default: the header's date, then today. */
    referenceDate: isoDate.optional(),
    /** Plan period, e.g. "2022-2024": enables scadenza-out-of-period. */
    period: period.optional(),
    /** Tolerance in percentage points for incidenza-sum and incidenza-total-mismatch. */
    weightTolerance: z.number().min(0).max(10).default(0.01),
    /** Per-rule severity, or "off". */
    rules: z.partialRecord(z.enum(RULE_IDS), ruleSetting).default({}),
    lang: z.enum(["it", "en"]).default("it"),
    /** Name of the sheet that holds the Responsabili table; default: auto-detected on any sheet. */
    responsabiliSheet: z.string().min(1).optional(),
    /** Whether a phase completed late counts in full towards progress. */
    lateCountsInFull: z.boolean().default(true),
    /** Extra header texts per column role (spec §1, "Other administrations' headers"). */
    headers: z.partialRecord(z.enum(HEADER_ROLES), z.array(headerText).max(50)).default({}),
  })
  .strict();

export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Validates a configuration object; errors name the offending setting, in the user's language. */
export function parseConfig(input: unknown, lang: Lang = "it"): ConfigResult {
  const result = ConfigSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, config: result.data };
  const errors = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join(".") : lang === "it" ? "configurazione" : "configuration";
    return `${where}: ${localiseIssue(issue, lang)}`;
  });
  return { ok: false, errors };
}

function localiseIssue(issue: z.core.$ZodIssue, lang: Lang): string {
  const both = issue.message.split(" / ");
  if (both.length === 2) return lang === "it" ? both[0] : both[1];
  switch (issue.code) {
    case "unrecognized_keys":
      if (issue.path[0] === "headers")
        return (lang === "it" ? "colonna sconosciuta: " : "unknown column role: ") + issue.keys.join(", ") + (lang === "it" ? "; ammesse: " : "; allowed: ") + HEADER_ROLES.join(", ");
      return (lang === "it" ? "impostazione sconosciuta: " : "unknown setting: ") + issue.keys.join(", ");
    case "invalid_type":
      return lang === "it" ? `tipo non valido (atteso ${issue.expected})` : `invalid type (expected ${issue.expected})`;
    case "invalid_value":
      return (lang === "it" ? "valore non ammesso; ammessi: " : "value not allowed; allowed: ") + issue.values.join(", ");
    case "too_small":
    case "too_big":
      return lang === "it" ? "valore fuori dall'intervallo ammesso" : "value out of the allowed range";
    default:
      return issue.message;
  }
}
