// The built task pane in Chromium (playwright-core), served on 127.0.0.1, with a stand-in Excel host
// holding the real example workbook in place of office.js. No network: every other request is refused.
// It checks what a reviewer sees (errors first, plain words, no rule ids), keyboard-only use, axe-core's
// WCAG A/AA rules, and saves screenshots at 320 and 420 px into test-output/screenshots.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import webpack from "webpack";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { checkWorkbook, ruleTitle, RULE_IDS, SEVERITY_FILL, type WorkbookGrid } from "../../src/core";
import { launchChromium } from "./chromium";

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, "../..");
const OUT = path.join(ROOT, "test-output", "screenshots");
const SHEET = "Alessandria 2022";
let dir: string;
let server: http.Server;
let baseUrl: string;
let browser: Browser;
let grid: WorkbookGrid;

function build(config: webpack.Configuration | webpack.Configuration[]): Promise<void> {
  return new Promise((resolve, reject) =>
    webpack(config as webpack.Configuration[], (err, stats) => {
      if (err || stats?.hasErrors()) reject(err ?? new Error(stats!.toString("errors-only")));
      else resolve();
    }),
  );
}

beforeAll(async () => {
  grid = await readWorkbookGrid(path.join(ROOT, "examples/obiettivi-2022.xlsx"));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "taskpane-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pane = require(path.join(ROOT, "webpack.config.js"))({ outDir: dir }, { mode: "production" });
  const host: webpack.Configuration = {
    mode: "development",
    devtool: false,
    context: ROOT,
    entry: { "fake-office": "./test/browser/fake-host-entry.ts" },
    output: { path: `${dir}-host`, filename: "[name].js" }, // apart: the pane build cleans its own dir
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [{ test: /\.ts$/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020" } } } }] },
  };
  await build([{ ...pane, context: ROOT }, host]);
  server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url!, "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const type = { ".html": "text/html", ".js": "application/javascript", ".css": "text/css", ".png": "image/png" }[path.extname(file)];
    res.writeHead(200, { "content-type": type ?? "application/octet-stream" }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  fs.mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  for (const d of [dir, `${dir}-host`]) if (dir) fs.rmSync(d, { recursive: true, force: true });
});

type FakeWindow = { __fakeHost: { workbook: { active: string; selection: unknown; fills(): Record<string, { color: string }> } } };

async function openPane(width: number, lang?: string): Promise<Page> {
  // A fresh profile per context: the browser keeps nothing between tests.
  const context = await browser.newContext({ viewport: { width, height: 1100 } });
  const page = await context.newPage();
  const hostJs = fs.readFileSync(`${dir}-host/fake-office.js`, "utf8");
  await page.addInitScript(
    ([g, active, l]) => Object.assign(window, { __PIAO_GRID__: g, __PIAO_ACTIVE__: active, __PIAO_LANG__: l }),
    [grid, SHEET, lang ?? null] as const,
  );
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("https://appsforoffice.microsoft.com/")) return route.fulfill({ contentType: "application/javascript", body: hostJs });
    if (url.startsWith(baseUrl)) return route.continue();
    return route.abort();
  });
  await page.goto(`${baseUrl}/taskpane.html`);
  await page.locator("#check-active").filter({ hasText: /./ }).waitFor();
  return page;
}

/** axe-core's WCAG 2.x level A and AA rules on the page as it is now: the violations, by rule and element. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const { violations, passed } = await page.evaluate(async () => {
    type Rule = { id: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return { violations: result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`)), passed: result.passes.map((p) => p.id) };
  });
  expect(passed).toContain("color-contrast"); // the rules did run on this page
  return violations;
}

async function checkActive(page: Page) {
  await page.getByRole("button", { name: "Verifica foglio attivo" }).click();
  await page.locator(".finding").first().waitFor();
}

const want = () => checkWorkbook(grid, { sheet: SHEET });

test("a check shows a summary line first, then the findings errors first, with titles and words instead of ids and colours", async () => {
  const page = await openPane(420);
  await checkActive(page);
  const report = want();
  expect(report.counts).toEqual({ error: 2, warning: 3, info: 1 });

  await expect(page.locator("#summary").innerText()).resolves.toBe("2 errori da correggere prima dell'invio\nInoltre 3 avvisi e 1 informazione.");
  await expect(page.locator("#status").textContent()).resolves.toBe("Foglio «Alessandria 2022» verificato.");

  const listed = await page.locator(".finding").evaluateAll((nodes) =>
    nodes.map((n) => {
      const b = n as HTMLElement;
      return { rule: b.dataset.rule!, cell: b.dataset.cell!, word: b.querySelector(".word")!.textContent, title: b.querySelector(".rule-title")!.textContent, tip: b.title, message: b.querySelector(".message")!.textContent! };
    }),
  );
  expect(listed.map((f) => [f.rule, f.cell]).sort()).toEqual(report.findings.map((f) => [f.rule, f.cell]).sort());
  // Errors first, then warnings, then notices; each shown by its word.
  expect(listed.map((f) => f.word)).toEqual(["Errore", "Errore", "Avviso", "Avviso", "Avviso", "Informazione"]);
  expect(listed.slice(0, 2).map((f) => f.cell)).toEqual(["D44", "D61"]);
  expect(listed.slice(2, 5).map((f) => f.cell)).toEqual(["D7", "D8", "D9"]);
  for (const f of listed) {
    expect(f.title).toBe(ruleTitle(f.rule, "it"));
    expect(f.tip).toBe(`Regola ${f.rule}`);
    expect(f.message).not.toMatch(/^Obiettivo/);
  }
  // No rule id, no "info", no "Note" anywhere a reviewer reads.
  const text = await page.locator("body").innerText();
  for (const id of RULE_IDS) expect(text).not.toContain(id);
  expect(text).not.toMatch(/\binfo\b|\bNote\b/);

  // Two objectives are both called "Obiettivo A" (and two "Obiettivo B") on this sheet: their headings differ.
  const headings = await page.locator(".objective h2").allTextContents();
  expect(new Set(headings).size).toBe(headings.length);
  expect(headings).toEqual(["Obiettivo B · A41", "Obiettivo C", "Obiettivo A · A6", "Obiettivo A · A23"]);
  // The objective without findings is one folded line; no card repeats "Obiettivo" in its subtitle.
  await expect(page.locator("details.clean summary").textContent()).resolves.toBe("1 obiettivo senza segnalazioni");
  for (const sub of await page.locator(".objective .title").allTextContents()) expect(sub).not.toMatch(/^Obiettivo/);
  // The sheet has no monitoring column: no progress, no reference date.
  await expect(page.locator(".bar").count()).resolves.toBe(0);
  expect(text).not.toMatch(/Avanzamento|riferimento/);

  // The pane reads the workbook through the host: the flagged cell now has the error fill.
  const fill = await page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.workbook.fills()["Alessandria 2022!D44"]);
  expect(fill.color).toBe(SEVERITY_FILL.error);

  // Switch the user to another sheet, then click a finding: its sheet is activated and its cell selected.
  await page.evaluate(() => ((window as unknown as FakeWindow).__fakeHost.workbook.active = "Responsabili"));
  await page.locator('.finding[data-cell="D44"]').click();
  await page.waitForFunction(() => (window as unknown as FakeWindow).__fakeHost.workbook.selection !== null);
  const state = await page.evaluate(() => {
    const wb = (window as unknown as FakeWindow).__fakeHost.workbook;
    return { active: wb.active, selection: wb.selection };
  });
  expect(state).toEqual({ active: SHEET, selection: { sheet: SHEET, cell: "D44" } });
  await page.context().close();
});

test("the severity filter shows the findings of one severity, and says which one is on", async () => {
  const page = await openPane(420);
  await checkActive(page);
  await page.getByRole("button", { name: "Errori (2)" }).click();
  await expect(page.locator(".finding:visible").evaluateAll((n) => n.map((b) => (b as HTMLElement).dataset.cell))).resolves.toEqual(["D44", "D61"]);
  await expect(page.getByRole("button", { name: "Errori (2)" }).getAttribute("aria-pressed")).resolves.toBe("true");
  await expect(page.locator(".objective:visible").count()).resolves.toBe(2);
  await page.getByRole("button", { name: "Informazioni (1)" }).click();
  await expect(page.locator(".finding:visible").evaluateAll((n) => n.map((b) => (b as HTMLElement).dataset.cell))).resolves.toEqual(["C24"]);
  await page.getByRole("button", { name: "Tutte (6)" }).click();
  await expect(page.locator(".finding:visible").count()).resolves.toBe(6);
  await page.context().close();
});

test("keyboard only: check, go to a finding, change a setting; focus is always visible", async () => {
  const page = await openPane(420);
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const style = getComputedStyle(a);
      return { id: a.id, cell: a.dataset.cell ?? null, tag: a.tagName, outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
    });
  const tabTo = async (match: (f: Awaited<ReturnType<typeof focused>>) => boolean) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      const f = await focused();
      if (match(f)) return f;
    }
    throw new Error("not reachable with Tab");
  };
  expect((await tabTo((f) => f.id === "check-active")).outline).toBe(true);
  await page.keyboard.press("Enter");
  await page.locator(".finding").first().waitFor();
  await expect(page.locator("#status").textContent()).resolves.toBe("Foglio «Alessandria 2022» verificato.");

  await page.evaluate(() => ((window as unknown as FakeWindow).__fakeHost.workbook.active = "Responsabili"));
  expect((await tabTo((f) => f.cell === "D61")).outline).toBe(true);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => (window as unknown as FakeWindow).__fakeHost.workbook.selection !== null);
  await expect(page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.workbook.selection)).resolves.toEqual({ sheet: SHEET, cell: "D61" });

  expect((await tabTo((f) => f.id === "settings-title")).outline).toBe(true);
  await page.keyboard.press("Enter");
  await tabTo((f) => f.id === "s-period");
  await page.keyboard.type("2022-2024");
  await page.keyboard.press("Enter");
  await expect(page.locator("#settings-status").textContent()).resolves.toBe("Impostazioni salvate nella cartella di lavoro.");
  await page.context().close();
});

test.each([320, 420])("at %i px: no horizontal scroll, no WCAG A/AA violation before and after a check; screenshots", async (width) => {
  const page = await openPane(width);
  await expect(page.locator(".intro").textContent()).resolves.toMatch(/^Scegli «Verifica foglio attivo»/);
  await expect(axeViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(OUT, `pane-${width}-before.png`), fullPage: true });
  await checkActive(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.locator("details.clean summary").click();
  await expect(axeViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(OUT, `pane-${width}-after.png`), fullPage: true });
  await page.context().close();
});

test("all sheets: progress and its reference date only on monitored objectives", async () => {
  const page = await openPane(420);
  await page.getByRole("button", { name: "Verifica tutti i fogli" }).click();
  await page.locator(".finding").first().waitFor();
  const cards = await page.locator(".objective").evaluateAll((nodes) =>
    nodes.map((n) => ({ heading: n.querySelector("h2")!.textContent, progress: n.querySelector(".progress-label")?.textContent ?? null })),
  );
  expect(cards).toContainEqual({ heading: "Obiettivo M", progress: "Avanzamento 30% al 30/09/2024 (1 di 3 fasi completate)" });
  expect(cards).toContainEqual({ heading: "Obiettivo B · Polizia locale", progress: null });
  expect(cards[0].heading).toBe("Obiettivo B · Alessandria 2022!A41"); // the first error of the workbook
  await expect(axeViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(OUT, "pane-420-all-sheets.png"), fullPage: true });
  await page.context().close();
});

test("in English when Office runs in English, with the English help page", async () => {
  const page = await openPane(420, "en-US");
  await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
  await page.getByRole("button", { name: "Check active sheet" }).click();
  await page.locator(".finding").first().waitFor();
  await expect(page.locator("#summary strong").textContent()).resolves.toBe("2 errors to fix before sending");
  await expect(page.locator(".finding .word").allTextContents()).resolves.toEqual(["Error", "Error", "Warning", "Warning", "Warning", "Notice"]);
  await expect(page.locator(".finding .rule-title").first().textContent()).resolves.toBe(ruleTitle("scadenza-order", "en"));
  await expect(page.locator("#help").getAttribute("href")).resolves.toBe("help.html?lang=en");
  await page.goto(`${baseUrl}/help.html?lang=en`);
  await expect(page.locator("h1:visible").textContent()).resolves.toBe("Verifica PIAO: help");
  await expect(axeViolations(page)).resolves.toEqual([]);
  await page.goto(`${baseUrl}/help.html?lang=it`);
  const italian = await page.locator("body").innerText();
  expect(italian).toContain("Verifica PIAO: guida");
  expect(italian).not.toMatch(/\b(the|and|Check|Remove)\b/);
  await expect(axeViolations(page)).resolves.toEqual([]);
  await page.context().close();
});
