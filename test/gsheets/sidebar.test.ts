// The sidebar page in a real browser (headless Chromium), with google.script.run stubbed.
import type { Browser, Page } from "playwright-core";
import { runCheck, type ResultView } from "../../src/gsheets/addon";
import { sidebarHtml } from "../../src/gsheets/sidebar";
import { launchChromium } from "../browser/chromium";
import { spreadsheetFromGrid } from "./fakes";
import { exampleGrid, makeEnv } from "./helpers";
import { scriptRunStub } from "./script-run";

const HOSTILE = `<img src=x onerror="window.__pwned=1"> in corso d'anno`;
let browser: Browser;
let result: ResultView;

beforeAll(async () => {
  browser = await launchChromium();
  const grid = await exampleGrid();
  grid.sheets.find((s) => s.name === "Alessandria 2022")!.values[6][3] = HOSTILE;
  result = runCheck(makeEnv(spreadsheetFromGrid(grid, "Europe/Rome")), "all");
}, 60000);

afterAll(async () => {
  await browser?.close();
});

const STUB = scriptRunStub();

/** Uncaught errors of the open pages; checked after each test. */
let pageErrors: string[] = [];
afterEach(() => {
  expect(pageErrors).toEqual([]);
  pageErrors = [];
});

async function open(html: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(4000);
  page.on("pageerror", (e) => pageErrors.push(e.message));
  // The stub goes first in <head>, where Apps Script's own google.script would be.
  await page.setContent(html.replace("<head>", `<head><script>${STUB}</script>`));
  return page;
}

test("shows counts, reference date, objectives with progress bars; cell text stays text", async () => {
  const page = await open(sidebarHtml("it", result, {}));
  expect(await page.locator(".summary").textContent()).toBe(
    `${result.counts!.error} errori da correggere prima dell'invio` + `Inoltre ${result.counts!.warning} avvisi e ${result.counts!.info} informazioni.`,
  );
  expect(await page.locator("section h2").count()).toBe(result.objectives.filter((o) => o.findings.length).length + (result.general.length ? 1 : 0));
  const monitored = result.objectives.find((o) => o.hasMonitoring && o.progress !== null && o.findings.length && result.objectives.filter((x) => x.name === o.name).length === 1)!;
  const bar = page.locator(`section:has(h2:text-is("${monitored.name}")) .bar`);
  expect(await bar.getAttribute("aria-valuenow")).toBe(String(monitored.progress));
  expect(await bar.getAttribute("aria-label")).toContain(`al ${result.referenceDate!.split("-").reverse().join("/")}`);
  expect(await page.locator("text=in corso d'anno").first().textContent()).toContain(`«<img src=x onerror="window.__pwned=1"> in corso`);
  expect(await page.locator("img").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.close();
});

test("clicking a finding selects its cell; the buttons call the server and render the answer", async () => {
  const page = await open(sidebarHtml("it", null, { period: "2022-2024" }));
  expect(await page.locator("#results").textContent()).toContain("Verifica foglio");
  expect(await page.inputValue("#period")).toBe("2022-2024");
  await page.evaluate((r) => ((window as unknown as { __responses: object }).__responses = { checkActiveSheet: r }), result);
  await page.click("#check-sheet");
  await page.locator("section").first().waitFor();
  const finding = result.objectives.flatMap((o) => o.findings)[0];
  await page.locator("li button", { hasText: finding.message.replace(/^[^:]*: /, "") }).first().click();
  const calls = await page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls);
  expect(calls).toEqual([["checkActiveSheet"], ["selectCell", finding.sheet, finding.cell]]);
  expect(await page.locator("#status").textContent()).toBe(result.message);
  await page.close();
}, 20000);

test("English labels", async () => {
  const page = await open(sidebarHtml("en", null, {}));
  expect(await page.locator("button:not(#headers-editor button)").allTextContents()).toEqual(["Check sheet", "Check all sheets", "Remove highlights", "Save"]);
  await page.close();
});
