// zod schemas of the report: the full CheckReport (what adapters use) and the JSON report of spec §4.
import { z } from "zod";
import { RULE_IDS } from "./rules/ids";

const severity = z.enum(["error", "warning", "info"]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const a1Cell = z.string().regex(/^[A-Z]{1,3}[1-9]\d*$/);
const counts = z.object({ error: z.number().int().min(0), warning: z.number().int().min(0), info: z.number().int().min(0) }).strict();

const FindingSchema = z
  .object({
    rule: z.enum(RULE_IDS),
    severity,
    sheet: z.string(),
    cell: a1Cell,
    row: z.number().int().min(0),
    col: z.number().int().min(0),
    message: z.string().min(1),
    objective: z.string().nullable(),
    objectiveIndex: z.number().int().min(0).nullable(),
  })
  .strict();

const phaseStatus = z
  .object({
    label: z.string(),
    row: z.number().int().min(0),
    status: z.enum(["completed", "completed-late", "in-progress", "overdue", "no-deadline", "due", "past-unmonitored"]),
    days: z.number().int().nullable(),
    deadline: isoDate.nullable(),
    completionDate: isoDate.nullable(),
    text: z.string().min(1),
  })
  .strict();

const ObjectiveReportSchema = z
  .object({
    sheet: z.string(),
    name: z.string().min(1),
    title: z.string().nullable(),
    headerCell: a1Cell,
    headerRow: z.number().int().min(0),
    phases: z.number().int().min(1),
    incidenzaTotal: z.number().nullable(),
    finalDeadline: isoDate.nullable(),
    progress: z.number().min(0).nullable(),
    completedPhases: z.number().int().min(0),
    referenceDate: isoDate,
    hasMonitoring: z.boolean(),
    phaseStatuses: z.array(phaseStatus),
    summary: z
      .object({ sheet: z.string(), col: z.number().int().min(0), firstRow: z.number().int().min(0), lines: z.array(z.string()).min(2) })
      .strict(),
  })
  .strict();

export const CheckReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    referenceDate: isoDate,
    objectives: z.array(ObjectiveReportSchema),
    findings: z.array(FindingSchema),
    counts,
  })
  .strict()
  .refine(
    (r) => (["error", "warning", "info"] as const).every((s) => r.counts[s] === r.findings.filter((f) => f.severity === s).length),
    { message: "counts must match the findings" },
  );

/** The JSON report of spec §4, one per file. */
export const JsonReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    file: z.string(),
    referenceDate: isoDate.nullable(),
    objectives: z.array(
      z
        .object({
          sheet: z.string(),
          title: z.string().nullable(),
          headerCell: a1Cell,
          phases: z.number().int(),
          incidenzaTotal: z.number().nullable(),
          finalDeadline: isoDate.nullable(),
          progress: z.number().nullable(),
        })
        .strict(),
    ),
    findings: z.array(z.object({ rule: z.enum(RULE_IDS), severity, sheet: z.string(), cell: a1Cell, message: z.string() }).strict()),
    counts,
  })
  .strict();

export type JsonReport = z.infer<typeof JsonReportSchema>;

export { toJsonReport } from "./json-report";
