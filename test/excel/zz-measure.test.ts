// TEMPORARY measurement harness: not committed.
import path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { SEVERITY_FILL, type SheetGrid, type WorkbookGrid } from "../../src/core";
import { FakeHost, FakeWorkbook } from "./fake-excel";

const EXAMPLE = path.join(__dirname, "../../examples/obiettivi-2022.xlsx");
const SHEET = "Alessandria 2022";
const TODAY = "2024-10-15";
let grid: WorkbookGrid;
beforeAll(async () => { grid = await readWorkbookGrid(EXAMPLE); });

function repeatedSheet(rows: number, width = 0, fixedDeadlines = 0): SheetGrid {
  const src = grid.sheets.find((s) => s.name === SHEET)!;
  const block = { values: src.values.slice(3, 12).map((r) => [...r]), formats: src.formats!.slice(3, 12) };
  for (let i = 0; i < fixedDeadlines; i++) block.values[3 + i][3] = 44900;
  const values: SheetGrid["values"] = [];
  const formats: string[][] = [];
  while (values.length + block.values.length + 1 <= rows) {
    values.push(...block.values.map((r) => [...r]), []);
    formats.push(...block.formats.map((r) => r.map((f) => f ?? "General")), []);
  }
  if (width > 0) for (let r = 0; r < values.length; r++) {
    values[r] = [...values[r], ...Array(30 - values[r].length).fill(null)];
    for (let c = 30; c < 30 + width; c++) values[r][c] = `Annotazione dell'ufficio n. ${r}-${c}`;
  }
  return { name: "Obiettivi", values, formats };
}
function runtime(): typeof import("../../src/excel") {
  let a: typeof import("../../src/excel") | null = null;
  jest.isolateModules(() => { a = jest.requireActual<typeof import("../../src/excel")>("../../src/excel"); });
  return a!;
}
const mb = (n: number) => (n / 1e6).toFixed(2);
const CASES: [string, number, number, number][] = (process.env.CASES ?? "ex:0:0:0,5000:5000:0:0,19990a:19990:0:3,19990b:19990:0:0,25000:25000:0:0,7000x30:7000:30:0").split(",").map((c) => { const [n, r, w, f] = c.split(":"); return [n, +r, +w, +f]; });
const APIS = (process.env.APIS ?? "1.7,1.9,1.18").split(",");
test.each(CASES)("measure %s", async (name, rows, width, fixed) => {
  for (const api of APIS) {
    const g: WorkbookGrid = rows === 0 ? grid : { sheets: [repeatedSheet(rows, width, fixed)] };
    const wb = FakeWorkbook.fromGrid(g);
    wb.active = rows === 0 ? SHEET : "Obiettivi";
    wb.maxApi = api;
    if (rows > 0) { const s = wb.sheet("Obiettivi")!; for (let r = 0; r < rows; r += 2) s.cell(r, 3).fill = { color: "#E2EFDA" }; }
    const before = JSON.stringify(wb.fills());
    new FakeHost(wb).install();
    const { runCheck, removeHighlights } = runtime();
    const out: string[] = [];
    for (const [label, f] of [["check", () => runCheck("active", { today: TODAY })], ["rerun", () => runCheck("active", { today: TODAY })], ["rimuovi", () => removeHighlights()]] as const) {
      const b = wb.log.length;
      const r = await f();
      const log = wb.log.slice(b);
      out.push(`${label}=${log.length}${(r as { ok: boolean }).ok ? "" : " FAIL " + JSON.stringify(r).slice(0, 200)} [${log.map((l) => `${mb(l.request)}/${mb(l.response)}${l.error ? "!" + l.error.slice(0, 30) : ""}`).join(" ")}]`);
    }
    const flagged = Object.values(wb.fills()).filter((f) => f.color === SEVERITY_FILL.error || f.color === SEVERITY_FILL.warning).length;
    console.log(`${name} api ${api}: ${out.join("  ")} exact=${JSON.stringify(wb.fills()) === before} leftFlagged=${flagged}`);
  }
}, 900_000);
test("memory composition", async () => {
  const wb = FakeWorkbook.fromGrid({ sheets: [repeatedSheet(19990, 0, 3)] });
  wb.active = "Obiettivi"; wb.maxApi = "1.13";
  new FakeHost(wb).install();
  const { runCheck } = runtime();
  await runCheck("active", { today: TODAY });
  const mem = wb.sheet("_VerificaPIAO")!;
  const lens = new Map<number, number>(); let rows = new Set<number>();
  for (const [k, c] of mem.cells) { const [r, col] = k.split(",").map(Number); if (col > 9) continue; rows.add(r); lens.set(col, (lens.get(col) ?? 0) + JSON.stringify(c.formula ?? c.value ?? "").length); }
  console.log("ROWS", rows.size, JSON.stringify([...lens].sort((a, b) => a[0] - b[0])));
  const sample = [...mem.cells].filter(([k]) => k.startsWith("5,") || k.startsWith("15000,")).map(([k, c]) => `${k}=${JSON.stringify(c.formula ?? c.value)}`);
  console.log(sample.join("\n"));
}, 300_000);
