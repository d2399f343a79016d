// piao-check on random workbooks built from real corpus rows (test/fixtures/generated-rows.json):
// every layout spec §1 allows (label column or label in Descrizione, any column order, header
// synonyms, weights and deadlines typed every way, total row or not, stacked or one block per sheet),
// with at most one injected fault. Each run checks a few hundred new tables; a failure prints
// fast-check's seed and the shrunk plan to replay it.
import { readFileSync, statSync, truncateSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { runCli, tmpDir } from "./helpers";
import { FileReportSchema } from "./report-schema";

interface Phase {
  label: string;
  description: string;
  incidenza_pct: number;
  codifica: string | null;
  deadline: string;
}
interface Objective {
  id: string;
  letter: string;
  title: string;
  final_deadline: string;
  phases: Phase[];
}
const ROWS: { objectives: Objective[]; responsabili: { code: string; description: string }[] } = JSON.parse(
  readFileSync(path.join(__dirname, "../fixtures/generated-rows.json"), "utf8"),
);

type Column = "inc" | "cod" | "scad";
// Header texts as users type them (case, accents, line breaks). The other administrations' synonyms
// of spec §1 (Peso, Termine, Attività…) are tested where they are recognised (test/core, test/conformance).
const HEADERS: Record<Column | "desc", string[]> = {
  desc: ["Descrizione", "DESCRIZIONE", "Descrizione\ndelle attività", "  descrizione  "],
  inc: ["Incidenza %", "Incidenza", "INCIDENZA\n%", "% di incidenza", "Incidenza sul totale", "incidenza (%)"],
  cod: ["Codifica Responsabili coinvolti", "Codifica\nResponsabili", "Responsabili coinvolti", "CODIFICA"],
  scad: ["Scadenze previste", "Scadenza", "SCADENZE", "Scadenze\nprevisionali", "scadenza prevista"],
};
const WEIGHTS = ["fraction", "text", "text-space", "points"] as const;
const DATES = ["date", "dmy", "iso", "dots", "dashes"] as const;
const ORDERS: Column[][] = [
  ["inc", "cod", "scad"],
  ["inc", "scad", "cod"],
  ["cod", "inc", "scad"],
  ["scad", "inc", "cod"],
];

type Fault =
  | { kind: "none" }
  | { kind: "sum"; at: number; delta: number }
  | { kind: "after-final"; at: number; days: number }
  | { kind: "unknown-code"; at: number }
  | { kind: "missing-weight"; at: number }
  | { kind: "invalid-date"; at: number }
  | { kind: "truncated"; fraction: number };

interface Plan {
  objectives: number[];
  perSheet: boolean;
  col0: number;
  row0: number;
  labelColumn: boolean;
  order: Column[];
  headers: Record<Column | "desc", number>;
  weight: (typeof WEIGHTS)[number];
  date: (typeof DATES)[number];
  totalRow: boolean;
  titleGap: number;
  responsabiliSheet: string;
  /** Which block the fault is injected into (modulo the number of blocks). */
  faultBlock: number;
  fault: Fault;
}

const plans: fc.Arbitrary<Plan> = fc.record({
  objectives: fc.uniqueArray(fc.nat(ROWS.objectives.length - 1), { minLength: 1, maxLength: 3 }),
  perSheet: fc.boolean(),
  col0: fc.nat(3),
  row0: fc.nat(4),
  labelColumn: fc.boolean(),
  order: fc.constantFrom(...ORDERS),
  headers: fc.record({ desc: fc.nat(3), inc: fc.nat(5), cod: fc.nat(3), scad: fc.nat(4) }),
  weight: fc.constantFrom(...WEIGHTS),
  date: fc.constantFrom(...DATES),
  totalRow: fc.boolean(),
  titleGap: fc.nat(1),
  responsabiliSheet: fc.constantFrom("Responsabili", "Elenco Responsabili", "Codici struttura"),
  faultBlock: fc.nat(2),
  fault: fc.oneof(
    fc.constant<Fault>({ kind: "none" }),
    fc.record({ kind: fc.constant("sum" as const), at: fc.nat(4), delta: fc.integer({ min: -30, max: 30 }).filter((d) => d !== 0) }),
    fc.record({ kind: fc.constant("after-final" as const), at: fc.nat(4), days: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant("unknown-code" as const), at: fc.nat(4) }),
    fc.record({ kind: fc.constant("missing-weight" as const), at: fc.nat(4) }),
    fc.record({ kind: fc.constant("invalid-date" as const), at: fc.nat(4) }),
    fc.record({ kind: fc.constant("truncated" as const), fraction: fc.double({ min: 0.05, max: 0.95, noNaN: true }) }),
  ),
});

/** Column letters of a 0-based index. */
function colName(col: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
const a1 = (row: number, col: number) => `${colName(col)}${row + 1}`;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

interface Cell {
  v: string | number | Date;
  fmt?: string;
}

function weightCell(points: number, how: Plan["weight"]): Cell {
  switch (how) {
    case "fraction":
      return { v: points / 100, fmt: "0%" };
    case "text":
      return { v: `${points}%` };
    case "text-space":
      return { v: `${points} %` };
    case "points":
      return { v: points };
  }
}

function dateCell(iso: string, how: Plan["date"]): Cell {
  const [y, m, d] = iso.split("-");
  switch (how) {
    case "date":
      return { v: new Date(`${iso}T00:00:00Z`), fmt: "dd/mm/yyyy" };
    case "dmy":
      return { v: `${d}/${m}/${y}` };
    case "iso":
      return { v: iso };
    case "dots":
      return { v: `${d}.${m}.${y}` };
    case "dashes":
      return { v: `${d}-${m}-${y}` };
  }
}

/** What the report must say about one block, by spec §2, given the fault injected into it. */
interface Expected {
  sheet: string;
  headerRow: number;
  phases: number;
  incidenzaTotal: number | null;
  finalDeadline: string;
  errors: string[];
}

/** Lays the plan out in a workbook and returns, for each block, what the check must report. */
function build(plan: Plan): { workbook: ExcelJS.Workbook; blocks: Expected[] } {
  const workbook = new ExcelJS.Workbook();
  const objectives = plan.objectives.map((i) => ROWS.objectives[i]);
  const faultBlock = plan.faultBlock % objectives.length;
  const blocks: Expected[] = [];
  let sheet: ExcelJS.Worksheet | null = null;
  let row = plan.row0;
  const put = (r: number, c: number, cell: Cell | null) => {
    if (cell === null) return;
    const target = (sheet as ExcelJS.Worksheet).getCell(r + 1, c + 1);
    target.value = cell.v;
    if (cell.fmt) target.numFmt = cell.fmt;
  };

  objectives.forEach((o, b) => {
    if (sheet === null || plan.perSheet) {
      sheet = workbook.addWorksheet(plan.perSheet ? `Scheda ${b + 1}` : "Obiettivi 2022");
      row = plan.row0;
    }
    const fault: Fault = b === faultBlock ? plan.fault : { kind: "none" };
    const at = "at" in fault ? fault.at % o.phases.length : -1;
    const labelCol = plan.col0;
    const descCol = plan.col0 + (plan.labelColumn ? 1 : 0);
    const col = Object.fromEntries(plan.order.map((k, i) => [k, descCol + 1 + i])) as Record<Column, number>;

    put(row, plan.col0, { v: `Obiettivo ${o.letter}: ${o.title}` });
    row += 1 + plan.titleGap;
    const headerRow = row;
    put(row, descCol, { v: HEADERS.desc[plan.headers.desc] });
    for (const k of plan.order) put(row, col[k], { v: HEADERS[k][plan.headers[k] % HEADERS[k].length] });

    const weights = o.phases.map((p, i) => (i === at && fault.kind === "sum" ? Math.max(1, p.incidenza_pct + fault.delta) : p.incidenza_pct));
    const deadlines = o.phases.map((p, i) => (i === at && fault.kind === "after-final" ? addDays(o.final_deadline, fault.days) : p.deadline));
    const errors: string[] = [];
    const cellOf = (r: number, c: number) => `${(sheet as ExcelJS.Worksheet).name}!${a1(r, c)}`;

    o.phases.forEach((p, i) => {
      row++;
      if (plan.labelColumn) put(row, labelCol, { v: p.label });
      put(row, descCol, { v: plan.labelColumn ? p.description : `${p.label} ${p.description}` });
      if (i === at && fault.kind === "missing-weight") errors.push(`incidenza-missing ${cellOf(row, col.inc)}`);
      else put(row, col.inc, weightCell(weights[i], plan.weight));
      const codes = i === at && fault.kind === "unknown-code" ? [p.codifica, "99999"].filter(Boolean).join(", ") : p.codifica;
      if (codes) put(row, col.cod, { v: codes });
      if (i === at && fault.kind === "unknown-code") errors.push(`codifica-unknown ${cellOf(row, col.cod)}`);
      if (i === at && fault.kind === "invalid-date") {
        put(row, col.scad, { v: `31/02/${p.deadline.slice(0, 4)}` });
        errors.push(`scadenza-invalid ${cellOf(row, col.scad)}`);
      } else {
        put(row, col.scad, dateCell(deadlines[i], plan.date));
      }
      if (deadlines[i] > o.final_deadline) errors.push(`scadenza-after-final ${cellOf(row, col.scad)}`);
      if (fault.kind !== "invalid-date" && deadlines.slice(0, i).some((d) => d > deadlines[i])) errors.push(`scadenza-order ${cellOf(row, col.scad)}`);
    });
    const sum = weights.reduce((s, w) => s + w, 0);
    const lastInc = cellOf(row, col.inc);
    if (plan.totalRow) {
      row++;
      put(row, plan.labelColumn ? labelCol : descCol, { v: "Totale" });
      put(row, col.inc, weightCell(100, plan.weight));
    }
    const totalCell = plan.totalRow ? cellOf(row, col.inc) : null;
    if (fault.kind === "sum") {
      errors.push(`incidenza-sum ${totalCell ?? lastInc}`);
      if (totalCell) errors.push(`incidenza-total-mismatch ${totalCell}`);
    }
    row++;
    put(row, plan.labelColumn ? labelCol : descCol, { v: "Scadenza finale" });
    put(row, col.scad, dateCell(o.final_deadline, plan.date));
    row += 3;

    blocks.push({
      sheet: (sheet as ExcelJS.Worksheet).name,
      headerRow,
      phases: o.phases.length,
      incidenzaTotal: fault.kind === "missing-weight" ? null : sum,
      finalDeadline: o.final_deadline,
      errors,
    });
  });

  const codes = workbook.addWorksheet(plan.responsabiliSheet);
  codes.addRow(["Codifica", "Elenco Responsabili (Macrostruttura in vigore dal 01.04.2021)"]);
  for (const r of ROWS.responsabili) codes.addRow([r.code, r.description]);
  return { workbook, blocks };
}

const RUNS = 300;

describe("piao-check on generated workbooks", () => {
  it(`finds the injected fault at its cell, and nothing else, on ${RUNS} random workbooks`, async () => {
    const dir = tmpDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        const { workbook, blocks } = build(plan);
        const file = path.join(dir, `gen-${n++}.xlsx`);
        await workbook.xlsx.writeFile(file);

        if (plan.fault.kind === "truncated") {
          truncateSync(file, Math.floor(statSync(file).size * plan.fault.fraction));
          const { code, stdout, stderr } = await runCli([file, "--format", "json"]);
          expect(code).toBe(2);
          expect(stdout).toBe("");
          expect(stderr).toBe(`piao-check: ${file} non è un file Excel .xlsx leggibile (file danneggiato o di altro formato)\n`);
          return;
        }

        const { code, stdout, stderr } = await runCli([file, "--format", "json"]);
        expect(stderr).toBe("");
        const report = FileReportSchema.parse(JSON.parse(stdout));
        const expectedErrors = blocks.flatMap((b) => b.errors).sort();
        const errors = report.findings.filter((f) => f.severity === "error").map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
        expect(errors.sort()).toEqual(expectedErrors);
        expect(report.counts.error).toBe(expectedErrors.length);
        expect(code).toBe(expectedErrors.length > 0 ? 1 : 0);
        expect(
          report.objectives.map((o) => ({
            sheet: o.sheet,
            headerRow: Number(/\d+$/.exec(o.headerCell)?.[0]) - 1,
            phases: o.phases,
            incidenzaTotal: o.incidenzaTotal,
            finalDeadline: o.finalDeadline,
          })),
        ).toEqual(blocks.map((b) => ({ sheet: b.sheet, headerRow: b.headerRow, phases: b.phases, incidenzaTotal: b.incidenzaTotal, finalDeadline: b.finalDeadline })));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("prints any cell text, control characters and all, escaped in the text and the JSON report", async () => {
    const dir = tmpDir();
    let n = 0;
    const hostile = fc.string({ unit: "binary", minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(plans, hostile, hostile, async (plan, title, text) => {
        const { workbook } = build({ ...plan, fault: { kind: "none" } });
        const ws = workbook.worksheets[0];
        ws.getCell(plan.row0 + 1, plan.col0 + 1).value = `Obiettivo Z: ${title}`;
        const deadline = ws.getCell(plan.row0 + plan.titleGap + 3, plan.col0 + 2 + (plan.labelColumn ? 1 : 0) + plan.order.indexOf("scad"));
        deadline.value = `entro ${text}`;
        const file = path.join(dir, `hostile-${n++}.xlsx`);
        await workbook.xlsx.writeFile(file);
        const { code, stdout, stderr } = await runCli([file]);
        expect(stderr).toBe("");
        expect([0, 1]).toContain(code);
        expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        const json = await runCli([file, "--format", "json"]);
        expect(json.stdout).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        FileReportSchema.parse(JSON.parse(json.stdout));
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
