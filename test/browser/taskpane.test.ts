// The built task pane in Chromium (playwright-core), served on 127.0.0.1, with a stand-in Excel host
// holding the real example workbook in place of office.js. No network: every other request is refused.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import webpack from "webpack";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { checkWorkbook, SEVERITY_FILL, type WorkbookGrid } from "../../src/core";

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, "../..");
const OUT = path.join(ROOT, "test-output");
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
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  fs.mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  for (const d of [dir, `${dir}-host`]) if (dir) fs.rmSync(d, { recursive: true, force: true });
});

async function openPane(width: number): Promise<Page> {
  // A fresh profile per context: the browser keeps nothing between tests.
  const context = await browser.newContext({ viewport: { width, height: 1100 } });
  const page = await context.newPage();
  const hostJs = fs.readFileSync(`${dir}-host/fake-office.js`, "utf8");
  await page.addInitScript(
    ([g, active]) => Object.assign(window, { __PIAO_GRID__: g, __PIAO_ACTIVE__: active }),
    [grid, SHEET] as const,
  );
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("https://appsforoffice.microsoft.com/")) return route.fulfill({ contentType: "application/javascript", body: hostJs });
    if (url.startsWith(baseUrl)) return route.continue();
    return route.abort();
  });
  await page.goto(`${baseUrl}/taskpane.html`);
  return page;
}

test("Verifica foglio attivo lists the core's findings; clicking one selects its cell; screenshots", async () => {
  const page = await openPane(420);
  await page.getByRole("button", { name: "Verifica foglio attivo" }).click();
  await page.locator(".finding").first().waitFor();

  const listed = await page.locator(".finding").evaluateAll((nodes) => nodes.map((n) => [(n as HTMLElement).dataset.rule, (n as HTMLElement).dataset.cell]));
  const want = checkWorkbook(grid, { sheet: SHEET });
  expect(listed.sort()).toEqual(want.findings.map((f) => [f.rule, f.cell]).sort());
  expect(listed).toContainEqual(["scadenza-order", "D44"]);
  await expect(page.locator("#status").textContent()).resolves.toBe("Foglio 'Alessandria 2022' verificato.");
  await expect(page.locator(".count-error strong").textContent()).resolves.toBe(String(want.counts.error));
  await expect(page.locator(".objective h2").allTextContents()).resolves.toEqual(want.objectives.map((o) => o.name));
  await expect(page.locator(".bar").first().getAttribute("aria-valuenow")).resolves.toBe(String(Math.round(want.objectives[0].progress ?? 0)));

  // The pane reads the workbook through the host: the flagged cell is now red in the fake workbook.
  const fill = await page.evaluate(() => (window as unknown as { __fakeHost: { workbook: { fills(): Record<string, { color: string }> } } }).__fakeHost.workbook.fills()["Alessandria 2022!D44"]);
  expect(fill.color).toBe(SEVERITY_FILL.error);

  // Switch the user to another sheet, then click a finding: its sheet is activated and its cell selected.
  await page.evaluate(() => ((window as unknown as { __fakeHost: { workbook: { active: string } } }).__fakeHost.workbook.active = "Responsabili"));
  await page.locator('.finding[data-cell="D44"]').click();
  await page.waitForFunction(() => (window as unknown as { __fakeHost: { workbook: { selection: unknown } } }).__fakeHost.workbook.selection !== null);
  const state = await page.evaluate(() => {
    const wb = (window as unknown as { __fakeHost: { workbook: { active: string; selection: unknown } } }).__fakeHost.workbook;
    return { active: wb.active, selection: wb.selection };
  });
  expect(state).toEqual({ active: SHEET, selection: { sheet: SHEET, cell: "D44" } });

  await page.screenshot({ path: path.join(OUT, "taskpane.png"), fullPage: true });
  await page.context().close();
});

test("the pane at 320 px wide has no horizontal scroll", async () => {
  const page = await openPane(320);
  await page.getByRole("button", { name: "Verifica foglio attivo" }).click();
  await page.locator(".finding").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(OUT, "taskpane-320.png"), fullPage: true });
  await page.context().close();
});
