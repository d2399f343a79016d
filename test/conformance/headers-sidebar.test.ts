// Issue 13 in the Sheets sidebar, in a real browser (headless Chromium) with google.script.run stubbed:
// the user adds a header text with the keyboard and saves it with the other settings, no JSON.
import type { Browser } from "playwright-core";
import { launchChromium } from "../browser/chromium";
import { scriptRunStub } from "../gsheets/script-run";
import { emptyView, type ResultView } from "../../src/gsheets/addon";
import { sidebarHtml } from "../../src/gsheets/sidebar";

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
});

/** google.script.run answering saveSettings as the server does for a valid setting. */
const STUB = scriptRunStub({ saveSettings: { ok: true, errors: [], message: "Impostazioni salvate." } });

test("adds a header text and saves it with the reference date and the period", async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(4000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setContent(sidebarHtml("it", null, { period: "2022-2024", headers: { fase: ["#"] } }).replace("<head>", `<head><script>${STUB}</script>`));
  await page.click("#headers-editor summary");
  await page.getByLabel("Nuova intestazione per «Scadenze»").fill("Entro il");
  await page.getByLabel("Nuova intestazione per «Scadenze»").press("Enter");
  await page.getByRole("button", { name: "Salva le intestazioni" }).click();
  await page.getByText("Intestazioni salvate.").waitFor();
  const calls = await page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls);
  expect(calls).toEqual([["saveSettings", { referenceDate: "", period: "2022-2024", headers: { scadenze: ["Entro il"], fase: ["#"] } }]]);
  // The other settings' Save keeps the headers.
  await page.click("#settings-title");
  await page.click("#save");
  const again = await page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls);
  expect(again[1]).toEqual(["saveSettings", { referenceDate: "", period: "2022-2024", headers: { scadenze: ["Entro il"], fase: ["#"] } }]);
  expect(errors).toEqual([]);
  await page.close();
}, 30000);

test("when no table is found, names the texts looked for and opens the editor", async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(4000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const message = "Nessuna tabella delle fasi trovata nella cartella di lavoro.";
  const result: ResultView = { ...emptyView(false, message), general: [{ rule: "table-not-found", severity: "error", sheet: "Foglio1", cell: "A1", message }] };
  await page.setContent(sidebarHtml("it", result, { headers: { scadenze: ["Entro il"] } }).replace("<head>", `<head><script>${STUB}</script>`));
  const items = await page.locator(".headers-help li").allTextContents();
  expect(items[1]).toBe("Scadenze: «Scadenze previste», «Termine», «Termine previsto», «Data fine», «Data di fine», «Data conclusione», «Data di conclusione», «Entro il»");
  expect(await page.locator("#headers-editor details").getAttribute("open")).toBeNull();
  await page.getByRole("button", { name: "Aggiungi le intestazioni della tua tabella" }).click();
  expect(await page.locator("#headers-editor details").getAttribute("open")).toBe("");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("id") ?? "")).toMatch(/incidenza$/);
  expect(errors).toEqual([]);
  await page.close();
}, 30000);
