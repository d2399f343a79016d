// The spec §4 JSON report of a check, apart from the zod schemas of report.ts, so that printing it does not load zod.
import type { JsonReport } from "./report";
import type { CheckReport } from "./types";

/** The spec §4 JSON object for one checked file (keys in the spec's order). */
export function toJsonReport(report: CheckReport, file: string): JsonReport {
  return {
    schemaVersion: 1,
    file,
    referenceDate: report.referenceDate,
    objectives: report.objectives.map((o) => ({
      sheet: o.sheet,
      title: o.title,
      headerCell: o.headerCell,
      phases: o.phases,
      incidenzaTotal: o.incidenzaTotal,
      finalDeadline: o.finalDeadline,
      progress: o.progress,
    })),
    findings: report.findings.map((f) => ({ rule: f.rule as JsonReport["findings"][number]["rule"], severity: f.severity, sheet: f.sheet, cell: f.cell, message: f.message })),
    counts: { ...report.counts },
  };
}
