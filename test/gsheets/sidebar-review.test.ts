// The sidebar as a reviewer uses it (issue 11): errors first, severity words and rule titles instead of
// ids, a severity filter, keyboard use, axe-core's WCAG A/AA rules. Headless Chromium, google.script.run stubbed.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../browser/chromium";
import { RULE_IDS, ruleTitle } from "../../src/core";
import { runCheck, type ResultView } from "../../src/gsheets/addon";
import { sidebarHtml } from "../../src/gsheets/sidebar";
import { spreadsheetFromGrid } from "./fakes";
import { exampleGrid, makeEnv } from "./helpers";
import { scriptRunStub } from "./script-run";

let browser: Browser;
let result: ResultView;

beforeAll(async () => {
  browser = await launchChromium();
  result = runCheck(makeEnv(spreadsheetFromGrid(await exampleGrid(), "Europe/Rome")), "all");
}, 60000);

afterAll(async () => {
  await browser?.close();
});

const STUB = scriptRunStub();

async function open(html: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  page.setDefaultTimeout(4000);
  await page.setContent(html.replace("<head>", `<head><script>${STUB}</script>`));
  return page;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  return page.evaluate(async () => {
    type Rule = { id: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Rule[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
  });
}

test("errors first, one word per severity, rule titles instead of ids, no WCAG A/AA violation", async () => {
  const page = await open(sidebarHtml("it", result, {}));
  const words = await page.locator("li .word").allTextContents();
  const rank = (w: string) => ["Errore", "Avviso", "Informazione"].indexOf(w);
  expect(words.map(rank)).toEqual([...words.map(rank)].sort((a, b) => a - b));
  expect(words.filter((w) => w === "Errore")).toHaveLength(result.counts!.error);
  const rules = await page.locator("li button").evaluateAll((n) => n.map((b) => [(b as HTMLElement).dataset.rule!, b.querySelector(".rule")!.textContent]));
  for (const [id, title] of rules) expect(title).toBe(ruleTitle(id!, "it"));
  const text = await page.locator("body").innerText();
  for (const id of RULE_IDS) expect(text).not.toContain(id);
  expect(text).not.toMatch(/\binfo\b|\bNote\b/);
  expect(new Set(await page.locator("section h2").allTextContents()).size).toBe(await page.locator("section h2").count());
  expect(await axeViolations(page)).toEqual([]);
  const out = path.join(__dirname, "../../test-output/screenshots");
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, "sidebar-300.png"), fullPage: true });
  await page.close();
});

test("the filter shows one severity; a finding is reached and opened with the keyboard", async () => {
  const page = await open(sidebarHtml("it", result, {}));
  await page.getByRole("button", { name: `Errori (${result.counts!.error})` }).click();
  expect(await page.locator("li button:visible .word").allTextContents()).toEqual(Array(result.counts!.error).fill("Errore"));
  const first = await page.locator("li button:visible").first().evaluate((b) => (b as HTMLElement).dataset.cell);
  for (let i = 0; i < 30 && (await page.evaluate(() => (document.activeElement as HTMLElement).dataset.cell)) !== first; i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const calls = await page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls);
  expect(calls).toContainEqual(["selectCell", expect.any(String), first]);
  await page.close();
});

test("English words", async () => {
  const page = await open(sidebarHtml("en", result, {}));
  expect(await page.locator(".summary b").textContent()).toBe(`${result.counts!.error} errors to fix before sending`);
  expect(new Set(await page.locator("li .word").allTextContents())).toEqual(new Set(["Error", "Warning", "Notice"]));
  await page.close();
});
