// Our byte estimates against Microsoft's own Excel client. The Batcher syncs before a round trip would pass
// its budget by its estimates (BYTES in batch.ts); here the adapter's write functions queue a check's write of
// thousands of flagged cells into office.js itself (@microsoft/office-js, excel-web-16.00.js, loaded in a
// Node vm with an executor that records each request it serialises), and every request must stay within the
// budget: an estimate short of what the client really sends would pass it. Below: the client stubs.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { checkWorkbook, marksByCell, type SheetGrid } from "../../src/core";
import { NO_FILL, planHighlights, planSummaries, type FillEntry, type MemoryEntry } from "../../src/core/memory";
import { Batcher } from "../../src/excel/batch";
import { fillEntry, queueMarks, summaryEntry } from "../../src/excel/marks";
import { noMemory, planCopies, queueWriteMemory, type Copies } from "../../src/excel/memory-sheet";
import { queueFillReads } from "../../src/excel/fills";

const CLIENT = path.join(__dirname, "../../node_modules/@microsoft/office-js/dist/excel-web-16.00.js");
const EXAMPLE = path.join(__dirname, "../../examples/obiettivi-2022.xlsx");

interface Client {
  Excel: typeof Excel;
  OfficeExtension: typeof OfficeExtension;
}

/** Microsoft's client in a sandbox with the few browser objects it touches at load. */
function loadClient(): Client {
  const noop = () => undefined;
  const element = () => ({ style: {}, setAttribute: noop, appendChild: noop, addEventListener: noop, removeEventListener: noop, getElementsByTagName: () => [], childNodes: [] });
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    navigator: { userAgent: "node", language: "it-IT", platform: "node" },
    location: { href: "https://localhost/taskpane.html", search: "", hash: "", protocol: "https:", host: "localhost", hostname: "localhost", origin: "https://localhost", pathname: "/taskpane.html" },
    document: { readyState: "complete", createElement: element, getElementsByTagName: () => [element()], getElementById: () => null, addEventListener: noop, removeEventListener: noop, head: element(), body: element(), documentElement: element(), cookie: "", querySelectorAll: () => [], querySelector: () => null },
    addEventListener: noop,
    removeEventListener: noop,
    postMessage: noop,
    localStorage: { getItem: () => null, setItem: noop, removeItem: noop },
    sessionStorage: { getItem: () => null, setItem: noop, removeItem: noop },
    performance: { now: () => Date.now() },
  };
  sandbox.window = sandbox.self = sandbox.parent = sandbox.top = sandbox;
  vm.runInContext(fs.readFileSync(CLIENT, "utf8"), vm.createContext(sandbox));
  return sandbox as unknown as Client;
}

/** A request context whose requests are recorded (their JSON bytes, as the client sends them) and answered empty. */
function recordingContext(client: Client): { ctx: Excel.RequestContext; requests: number[] } {
  const requests: number[] = [];
  const session = {
    _resolveRequestUrlAndHeaderInfo: () => client.OfficeExtension.Promise.resolve({ url: "https://excel.invalid/_api", headers: {} }),
    _createRequestExecutorOrNull: () => ({
      executeAsync(_customData: unknown, _flags: unknown, message: { Body: unknown }) {
        requests.push(Buffer.byteLength(JSON.stringify(message.Body)));
        return client.OfficeExtension.Promise.resolve({ HttpStatusCode: 200, ErrorCode: "", ErrorMessage: "", Headers: {}, Body: { Results: [] } });
      },
    }),
    getEventRegistration: () => null,
  };
  const Context = client.Excel.RequestContext as unknown as new (session: unknown) => Excel.RequestContext;
  return { ctx: new Context(session), requests };
}

/** The example's first table repeated down 59,990 rows (5,999 schede): 17,997 flagged cells. */
async function longSheet(): Promise<SheetGrid> {
  const grid = await readWorkbookGrid(EXAMPLE);
  const source = grid.sheets.find((s) => s.name === "Alessandria 2022")!;
  const values: SheetGrid["values"] = [];
  while (values.length + 10 <= 59_990) values.push(...source.values.slice(3, 12).map((r) => [...r]), []);
  return { name: "Obiettivi", values, formats: values.map((r) => r.map(() => "General")) };
}

/** A round trip's budget for these tests: above the biggest single write (a block of 5,000 memory rows, some 350 KB). */
const BUDGET = 1_000_000;
let client: Client;
const savedOffice = (globalThis as { Office?: unknown }).Office;

beforeAll(() => {
  client = loadClient();
  // ExcelApi 1.13 (merged areas, RangeAreas, copyFrom; this client has no notes, which came with 1.18).
  (globalThis as { Office?: unknown }).Office = {
    context: { requirements: { isSetSupported: (_set: string, version: string) => Number(version.split(".")[1]) <= 13 } },
  };
});
afterAll(() => {
  (globalThis as { Office?: unknown }).Office = savedOffice;
});

test("a check's write of 17,997 flagged cells and 5,999 summaries on 59,990 rows: every request office.js sends stays within the round trip's estimated budget", async () => {
  const sheet = await longSheet();
  const report = checkWorkbook({ sheets: [sheet] }, { sheet: sheet.name, today: "2024-10-15" });
  const highlights = planHighlights([], marksByCell(report.findings), () => NO_FILL);
  const summaries = planSummaries(report.objectives.map((o) => o.summary), [], () => ({ value: "", formula: "", hidden: false }));
  expect(highlights.apply.length).toBeGreaterThan(17_000);
  const copies: Copies = new Map();
  const fills = highlights.remember.map((r) => {
    const entry: FillEntry = fillEntry(r, "{00000001-0001-0000-0000-000000000000}");
    copies.set(entry, { sheet: r.sheet, row: r.row, col: r.col });
    return entry;
  });
  const entries: MemoryEntry[] = [...fills, ...summaries.remember.map((s) => summaryEntry(s, "{00000001-0001-0000-0000-000000000000}"))];
  const merges = new Map([[sheet.name, []]]);

  const { ctx, requests } = recordingContext(client);
  const batch = new Batcher(ctx, BUDGET);
  await queueWriteMemory(batch, entries, noMemory(), planCopies(copies, merges));
  await queueMarks(ctx, batch, { summaries, highlights, previousNotes: null, notes: new Map(), merges });
  await batch.flush();

  const sent = requests.reduce((n, r) => n + r, 0);
  expect(sent).toBeGreaterThan(4 * BUDGET); // enough round trips for the estimates to matter
  expect(Math.max(...requests)).toBeLessThanOrEqual(BUDGET);
});

test("a memory of 6,000 cells whose notes are long (1,500 characters each: 9 MB) is written in requests within the budget", async () => {
  const entries: FillEntry[] = Array.from({ length: 6000 }, (_, i) => ({
    ...fillEntry({ sheet: "Obiettivi", row: i, col: 3, original: NO_FILL, applied: "#FFC7CE", note: null }, "{00000001-0001-0000-0000-000000000000}"),
    note: `Verifica PIAO:\n• ${"Scadenza non valida. ".repeat(70)}`,
  }));
  const { ctx, requests } = recordingContext(client);
  const batch = new Batcher(ctx, BUDGET);
  await queueWriteMemory(batch, entries, noMemory());
  await batch.flush();
  expect(requests.reduce((n, r) => n + r, 0)).toBeGreaterThan(8 * BUDGET);
  expect(Math.max(...requests)).toBeLessThanOrEqual(BUDGET);
});

test("reading the fills of 5,997 cells, one call each or in bands: every request stays within the budget", async () => {
  const budget = 200_000;
  const cells = Array.from({ length: 5997 }, (_, i) => ({ sheet: "Obiettivi", row: 3 + Math.floor(i / 3) * 10 + (i % 3) * (i % 2 ? 1 : 5), col: 3 }));
  const { ctx, requests } = recordingContext(client);
  const batch = new Batcher(ctx, budget);
  await queueFillReads(cells, batch);
  await batch.flush();
  expect(requests.reduce((n, r) => n + r, 0)).toBeGreaterThan(3 * budget);
  expect(Math.max(...requests)).toBeLessThanOrEqual(budget);
});
