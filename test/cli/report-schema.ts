// The JSON report of spec §4 as a zod schema: strict, so that an extra or missing key fails a test.
import { z } from "zod";
import { RULE_IDS } from "../../src/core";

const isoOrNull = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable();
export const FileReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    file: z.string(),
    referenceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    objectives: z.array(
      z
        .object({
          sheet: z.string(),
          title: z.string().nullable(),
          headerCell: z.string().regex(/^[A-Z]+\d+$/),
          phases: z.number().int().nonnegative(),
          incidenzaTotal: z.number().nullable(),
          finalDeadline: isoOrNull,
          progress: z.number().nullable(),
        })
        .strict(),
    ),
    findings: z.array(
      z
        .object({
          rule: z.enum(RULE_IDS),
          severity: z.enum(["error", "warning", "info"]),
          sheet: z.string(),
          cell: z.string().regex(/^[A-Z]+\d+$/),
          message: z.string().min(1),
        })
        .strict(),
    ),
    counts: z.object({ error: z.number(), warning: z.number(), info: z.number() }).strict(),
  })
  .strict();

