// Property-based tests of the core (issue 2): on arbitrary grids checkWorkbook never throws and its
// report validates against the zod schema; mutations of real corpus tables produce the rule they break.
import fc from "fast-check";
import { checkWorkbook, type CellValue, type CheckOptions, type MergedRange, type SheetGrid, type WorkbookGrid } from "../../src/core";
import { CheckReportSchema } from "../../src/core/report";
import { address, expectedForWorkbook, keys } from "../fixtures/oracle";
import { LAYOUTS, OBJECTIVES, buildWorkbook, cloneObjective, hasMonitoring, type CorpusObjective, type ResponsabiliPlacement } from "../fixtures/corpus";

// Texts the recogniser looks for, so random grids often contain (broken) tables.
const VOCAB = [
  "fase 1:", "fase 2", "Fase 3 b)", "fase: 4", "fase5:", "fase 1 a)", "fase 1: Ultimazione del documento finale",
  "Descrizione", "Incidenza %", "INCIDENZA\n%", "Scadenze previste", "Scadenze\nprevìste", "Codifica Responsabili coinvolti",
  "Monitoraggio al 30/09/2024", "Monitoraggio al 31/02/2024", "Raggiungimento Obiettivo", "Sintesi monitoraggio al 30/09/2024",
  "Scadenza finale per il raggiungimento dell'obiettivo:", "entro la scadenza finale", "Obiettivo A: titolo", "Obiettivo: B) titolo",
  "Obiettivo 1:", "Totale", "100%", "12,5%", "40 %", "-5%", "250%", "abc%", "31/02/2022", "15/13/2022", "28/02/2022", "28.02.2022",
  "2022-02-28", "1/3/2022", "31/01/2024 ma già conclusa nel 2023", "in corso d'anno", "Conclusa", "OK", "OK (avviata l'istruttoria)",
  "Fase completata in data 28/06/2024", "Fase in ritardo", "RAGGIUNTO 16/5/2024", "2269, 2249", "2269 2269", "AMAG AMBIENTE SPA / 2251",
  "codifica", "Codice", "Responsabile", "Elenco Responsabili", "xxxxxx", "Non prevedibile", "", " ", "\n",
];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VOCAB) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 60000 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constant(null) },
);

const format = fc.constantFrom<string | null | undefined>(
  "0%", "0.00%", "dd/mm/yyyy", "d/m/yy", "yyyy-mm-dd", "General", "@", "#,##0.00", "mm/dd/yyyy hh:mm", "", null, undefined,
);

const merge: fc.Arbitrary<MergedRange> = fc.record({
  top: fc.integer({ min: -2, max: 30 }),
  left: fc.integer({ min: -2, max: 12 }),
  bottom: fc.integer({ min: -2, max: 40 }),
  right: fc.integer({ min: -2, max: 14 }),
});

const sheetName = fc.oneof(fc.constantFrom("Obiettivi", "Responsabili", "Elenco Responsabili", "Foglio1", ""), fc.string({ maxLength: 8 }));

/** Any grid: ragged rows, random formats (any shape), random merges, empty sheets. */
const randomSheet: fc.Arbitrary<SheetGrid> = fc.record(
  {
    name: sheetName,
    values: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 25 }),
    formats: fc.array(fc.array(format, { maxLength: 10 }), { maxLength: 25 }),
    merges: fc.array(merge, { maxLength: 4 }),
  },
  { requiredKeys: ["name", "values"] },
);

/** A grid shaped like a phase table with random contents, so recognition and every rule get exercised. */
const tableSheet: fc.Arbitrary<SheetGrid> = fc
  .record({
    name: sheetName,
    before: fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 3 }),
    header: fc.shuffledSubarray(["", "Descrizione", "Codifica Responsabili coinvolti", "Monitoraggio al 30/09/2024", "Raggiungimento Obiettivo"]),
    incAt: fc.nat(5),
    scadAt: fc.nat(6),
    phases: fc.array(fc.tuple(fc.constantFrom("fase 1:", "fase 2:", "fase 3", "Fase 2 b)", "fase: 4", "fase 1 a)", "Totale", null), fc.array(cell, { minLength: 6, maxLength: 6 })), { maxLength: 8 }),
    after: fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 4 }),
    formats: fc.array(fc.array(format, { maxLength: 7 }), { maxLength: 20 }),
    merges: fc.array(merge, { maxLength: 3 }),
  })
  .map(({ name, before, header, incAt, scadAt, phases, after, formats, merges }) => {
    const h: CellValue[] = [...header];
    h.splice(Math.min(incAt, h.length), 0, "Incidenza %");
    h.splice(Math.min(scadAt, h.length), 0, "Scadenze previste");
    const rows: CellValue[][] = [...before, h, ...phases.map(([label, rest]) => [label, ...rest]), ...after];
    return { name, values: rows, formats, merges };
  });

const workbook: fc.Arbitrary<WorkbookGrid> = fc.record({
  sheets: fc.array(fc.oneof({ weight: 1, arbitrary: randomSheet }, { weight: 3, arbitrary: tableSheet }), { maxLength: 3 }),
});

const options = (wb: WorkbookGrid): fc.Arbitrary<CheckOptions> =>
  fc.record(
    {
      sheet: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...wb.sheets.map((s) => s.name), "Inesistente") },
      ),
      today: fc.constantFrom("2022-01-15", "2024-09-30", "2026-12-31"),
      config: fc.record(
        {
          lang: fc.constantFrom("it" as const, "en" as const),
          period: fc.constantFrom("2022-2024", "2024-2024"),
          referenceDate: fc.constantFrom("2024-09-30", "2022-06-30"),
          rules: fc.constantFrom({}, { "scadenza-text": "off" as const }, { "incidenza-sum": "info" as const }),
          lateCountsInFull: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

describe("arbitrary grids", () => {
  test("the core never throws, the report validates, findings point at real cells", () => {
    fc.assert(
      fc.property(
        workbook.chain((wb) => fc.tuple(fc.constant(wb), options(wb))),
        ([wb, opts]) => {
          const before = JSON.stringify(wb);
          const report = checkWorkbook(wb, opts);
          const parsed = CheckReportSchema.safeParse(report);
          if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 3)));
          // Nothing may be lost: the input grid is not modified.
          expect(JSON.stringify(wb)).toBe(before);
          const names = new Set(wb.sheets.map((s) => s.name));
          for (const f of report.findings) {
            expect(f.cell).toBe(address(f.row, f.col));
            if (f.rule !== "table-not-found") expect(names.has(f.sheet)).toBe(true);
            if (f.objectiveIndex !== null) expect(report.objectives[f.objectiveIndex].sheet).toBe(f.sheet);
          }
          // Spec §1: no phase table -> exactly one table-not-found; otherwise none.
          const notFound = report.findings.filter((f) => f.rule === "table-not-found").length;
          expect(notFound).toBe(report.objectives.length === 0 ? 1 : 0);
          for (const o of report.objectives) {
            if (opts.sheet !== undefined) expect(o.sheet).toBe(opts.sheet);
            expect(o.summary.firstRow).toBe(o.headerRow);
            expect(o.phaseStatuses).toHaveLength(o.phases);
          }
          // Deterministic.
          expect(checkWorkbook(wb, opts)).toEqual(report);
        },
      ),
      { numRuns: 400 },
    );
  });

  test("zero sheets and empty sheets", () => {
    for (const wb of [{ sheets: [] }, { sheets: [{ name: "Vuoto", values: [] }] }, { sheets: [{ name: "Vuoto", values: [[], [null]] }] }]) {
      const report = checkWorkbook(wb);
      expect(CheckReportSchema.safeParse(report).success).toBe(true);
      expect(report.findings.map((f) => [f.rule, f.cell])).toEqual([["table-not-found", "A1"]]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Mutations of real tables
// ---------------------------------------------------------------------------------------------

const MUTATIONS = [
  "drop-weight", "text-weight", "shift-weight", "decimal-weights", "invalid-date", "drop-deadline", "duplicate-label",
  "no-description", "no-final-row", "duplicate-code", "unknown-code", "external-party", "completed-late",
] as const;
type Mutation = (typeof MUTATIONS)[number];

interface Target {
  o: CorpusObjective;
  /** The rule the mutation must trigger and where; null for mutations that must change nothing. */
  rule: string | null;
  phase: number | "total" | "header";
}

function addDays(iso: string, n: number): string {
  const d = new Date(Date.parse(iso + "T00:00:00Z") + n * 86400000);
  return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
}

/** Applies the mutation to phase `k` (modulo what is eligible); null when it does not apply to this table. */
function mutate(src: CorpusObjective, m: Mutation, k: number): Target | null {
  const o = cloneObjective(src);
  const grouped = new Set((o.incidenza_groups ?? []).flatMap((g) => g.phases));
  const own = o.phases.map((_, i) => i).filter((i) => !grouped.has(o.phases[i].n));
  const pick = (list: number[]) => list[k % list.length];
  const setWeight = (i: number, pct: number | null, raw: string | null) => {
    o.phases[i].incidenza_pct = pct;
    o.phases[i].incidenza_raw = raw;
  };
  const monitoring = hasMonitoring(o);
  switch (m) {
    case "drop-weight": {
      const i = pick(own);
      setWeight(i, null, null);
      return { o, rule: "incidenza-missing", phase: i };
    }
    case "text-weight": {
      const i = pick(own);
      setWeight(i, null, "n.d.");
      return { o, rule: "incidenza-invalid", phase: i };
    }
    case "shift-weight": {
      const i = pick(own);
      const pct = o.phases[i].incidenza_pct!;
      const shifted = pct >= 5 ? pct - 5 : pct + 5;
      setWeight(i, shifted, `${shifted}%`);
      return { o, rule: "incidenza-total-mismatch", phase: "total" };
    }
    case "decimal-weights": {
      // 2.5 points move from one phase to another: "12,5%"-style weights, still 100 in all.
      const from = own.find((i) => o.phases[i].incidenza_pct! >= 5);
      const to = own.find((i) => i !== from);
      if (from === undefined || to === undefined) return null;
      setWeight(from, o.phases[from].incidenza_pct! - 2.5, null);
      setWeight(to, o.phases[to].incidenza_pct! + 2.5, null);
      return { o, rule: null, phase: from };
    }
    case "invalid-date": {
      const i = k % o.phases.length;
      o.phases[i].deadline_raw = "31/02/2022";
      o.phases[i].deadline = null;
      return { o, rule: "scadenza-invalid", phase: i };
    }
    case "drop-deadline": {
      const i = k % o.phases.length;
      o.phases[i].deadline_raw = null;
      o.phases[i].deadline = null;
      return { o, rule: "scadenza-missing", phase: i };
    }
    case "duplicate-label": {
      const i = 1 + (k % (o.phases.length - 1));
      o.phases[i].label_raw = o.phases[i - 1].label_raw;
      return { o, rule: "fase-numbering", phase: i };
    }
    case "no-description": {
      const i = k % o.phases.length;
      o.phases[i].description = "";
      return { o, rule: "fase-description-missing", phase: i };
    }
    case "no-final-row":
      o.no_final_row = true;
      return { o, rule: "scadenza-finale-missing", phase: "header" };
    case "duplicate-code": {
      if (monitoring) return null;
      const i = k % o.phases.length;
      const p = o.phases[i];
      // Repeat a code the cell already has; a cell without codes (only an external party, as in
      // 000-obj-040 "AMAG RETI IDRICHE") gets a code written twice.
      const code = p.codes[0] ?? "2269";
      const added = p.codes.length > 0 ? [code] : [code, code];
      p.codifica_raw = [p.codifica_raw, ...added].filter(Boolean).join(p.codifica_raw ? ", " : " - ");
      p.codes = [...p.codes, ...added];
      return { o, rule: "codifica-duplicate", phase: i };
    }
    case "unknown-code": {
      if (monitoring) return null;
      const i = k % o.phases.length;
      Object.assign(o.phases[i], { codifica_raw: "2269; 99999", codes: ["2269", "99999"], external_parties: [] });
      return { o, rule: "codifica-unknown", phase: i };
    }
    case "external-party": {
      if (monitoring) return null;
      const i = k % o.phases.length;
      Object.assign(o.phases[i], { codifica_raw: "Regione Piemonte", codes: [], external_parties: ["Regione Piemonte"] });
      return { o, rule: "codifica-external", phase: i };
    }
    case "completed-late": {
      const dated = o.phases.map((_, i) => i).filter((i) => o.phases[i].deadline !== null && !/conclus/i.test(o.phases[i].deadline_raw!));
      if (!monitoring || dated.length === 0) return null;
      const p = o.phases[pick(dated)];
      p.monitoring_raw = "OK";
      p.raggiungimento_raw = `Fase completata in data ${addDays(p.deadline!, 3)}`;
      return { o, rule: "fase-completed-late", phase: pick(dated) };
    }
  }
}

describe("mutations of corpus tables", () => {
  test("each mutation yields its rule on the right cell, and exactly the oracle's findings", () => {
    const placements: ResponsabiliPlacement[] = ["Responsabili", "Elenco Responsabili", "below"];
    fc.assert(
      fc.property(
        fc.constantFrom(...OBJECTIVES),
        fc.constantFrom(...LAYOUTS),
        fc.constantFrom(...MUTATIONS),
        fc.nat(20),
        fc.constantFrom(...placements),
        (src, layout, m, k, placement) => {
          const t = mutate(src, m, k);
          fc.pre(t !== null);
          const { o, rule, phase } = t!;
          const built = buildWorkbook([o], { layout, arrangement: "per-sheet", responsabili: placement });
          const b = built.blocks[0];
          const report = checkWorkbook(built.workbook, { today: "2022-01-15" });
          const expected = expectedForWorkbook(built, { today: "2022-01-15" });
          if (rule !== null) {
            const col = {
              "incidenza-missing": b.cols.inc,
              "incidenza-invalid": b.cols.inc,
              "incidenza-total-mismatch": b.cols.inc,
              "scadenza-invalid": b.cols.scad,
              "scadenza-missing": b.cols.scad,
              "scadenza-finale-missing": b.cols.scad,
              "fase-numbering": b.cols.label ?? b.cols.descr,
              "fase-description-missing": b.cols.descr,
              "codifica-duplicate": b.cols.cod!,
              "codifica-unknown": b.cols.cod!,
              "codifica-external": b.cols.cod!,
              "fase-completed-late": b.cols.scad,
            }[rule]!;
            const row = phase === "total" ? b.totalRow! : phase === "header" ? b.headerRow : b.phaseRows[phase];
            // The oracle itself must see the broken rule, so the comparison below is not vacuous.
            expect(keys(expected)).toContain(`${rule} @ ${b.sheet}!${address(row, col)}`);
          } else {
            expect(keys(expected)).toEqual(keys(expectedForWorkbook(buildWorkbook([src], { layout, arrangement: "per-sheet", responsabili: placement }), { today: "2022-01-15" })));
          }
          expect(keys(report.findings)).toEqual(keys(expected));
        },
      ),
      { numRuns: 500 },
    );
  });
});
