// The built dist/gas/Code.js, loaded as Apps Script would: one plain script in a fresh global
// context holding only the services (no require, no module, no process).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import webpack from "webpack";
import { checkWorkbook, SEVERITY_FILL } from "../../src/core";
import { FakeProperties, FakeProtection, FakeSpreadsheet, formatDate, spreadsheetFromGrid } from "./fakes";
import { fakeGlobals } from "./fakes";
import { exampleGrid, sortFindings } from "./helpers";
import type { ResultView } from "../../src/gsheets/addon";

const ROOT = path.join(__dirname, "../..");
// webpack.gas.config.js as is, but written to a private directory: the Excel build cleans dist/
// and may run at the same time as this test.
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "verifica-piao-gas-"));
const BUNDLE = path.join(OUT, "Code.js");
const ENTRY_POINTS = ["onOpen", "onInstall", "showSidebar", "checkActiveSheet", "checkAllSheets", "removeHighlights", "selectCell", "getSettings", "saveSettings"];

beforeAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(ROOT, "webpack.gas.config.js"));
  config.output = { ...config.output, path: OUT };
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
  expect(stats.hasErrors()).toBe(false);
}, 120000);

afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

type Ctx = Record<string, (...args: unknown[]) => unknown>;

function load(ss: FakeSpreadsheet, props = new FakeProperties(), locale = "it") {
  const { ui, globals } = fakeGlobals(ss, props, locale);
  const context = vm.createContext({ ...globals });
  vm.runInContext(fs.readFileSync(BUNDLE, "utf8"), context, { filename: "Code.js" });
  return { ctx: context as unknown as Ctx, ui };
}

test("the build has Code.js and an appsscript.json with V8 and the two narrow scopes", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(OUT, "appsscript.json"), "utf8"));
  expect(manifest.runtimeVersion).toBe("V8");
  expect(manifest.oauthScopes).toEqual([
    "https://www.googleapis.com/auth/spreadsheets.currentonly",
    "https://www.googleapis.com/auth/script.container.ui",
  ]);
  const code = fs.readFileSync(BUNDLE, "utf8");
  for (const name of ENTRY_POINTS) expect(code).toMatch(new RegExp(`^function ${name}\\(|}function ${name}\\(`, "m"));
  expect(code).not.toMatch(/\beval\(/);
});

test("the bundle loads in a plain vm context and onOpen builds the four-item menu (Italian)", async () => {
  const { ctx, ui } = load(new FakeSpreadsheet("Europe/Rome"));
  for (const name of ENTRY_POINTS) expect(typeof ctx[name]).toBe("function");
  ctx.onOpen({ authMode: "NONE" });
  expect(ui.menus).toHaveLength(1);
  expect(ui.menus[0].items).toEqual([
    ["Verifica foglio", "menuCheckSheet"],
    ["Verifica tutti i fogli", "menuCheckAll"],
    ["Rimuovi evidenziazioni", "menuRemoveHighlights"],
    ["Apri pannello", "showSidebar"],
  ]);
  // Every menu item names a top-level function of the script.
  for (const [, fn] of ui.menus[0].items) expect(typeof ctx[fn]).toBe("function");
});

test("English locale: English menu", () => {
  const { ctx, ui } = load(new FakeSpreadsheet("Europe/Rome"), new FakeProperties(), "en_GB");
  ctx.onInstall();
  expect(ui.menus[0].items.map(([caption]) => caption)).toEqual(["Check sheet", "Check all sheets", "Remove highlights", "Open panel"]);
});

test("checkActiveSheet works inside the vm: same findings as the CLI path, highlights written", async () => {
  const ss = spreadsheetFromGrid(await exampleGrid(), "Europe/Rome");
  ss.active = ss.sheets.findIndex((s) => s.label === "Alessandria 2022");
  const { ctx } = load(ss);
  const view = ctx.checkActiveSheet() as ResultView;
  const today = formatDate(new Date(), "Europe/Rome", "yyyy-MM-dd");
  const cli = checkWorkbook(await exampleGrid(), { sheet: "Alessandria 2022", today });
  expect(view.ok).toBe(true);
  expect(sortFindings([...view.objectives.flatMap((o) => o.findings), ...view.general])).toEqual(sortFindings(cli.findings));
  const sheet = ss.sheet("Alessandria 2022");
  expect(sheet.backgrounds[6][3]).toBe(SEVERITY_FILL.warning.toLowerCase()); // D7 "in corso d'anno": scadenza-text warning
  expect((ctx.removeHighlights() as ResultView).ok).toBe(true);
  expect(sheet.backgrounds.flat().every((b) => b === "#ffffff")).toBe(true);
});

test("menu check opens the sidebar with the results; cell text cannot break out of the page's script", async () => {
  const grid = await exampleGrid();
  const sheet = grid.sheets.find((s) => s.name === "Alessandria 2022")!;
  sheet.values[6][3] = "</script><script>alert(1)</script> in corso d'anno";
  const ss = spreadsheetFromGrid(grid, "Europe/Rome");
  ss.active = ss.sheets.findIndex((s) => s.label === "Alessandria 2022");
  const { ctx, ui } = load(ss);
  ctx.menuCheckSheet();
  expect(ui.sidebars).toHaveLength(1);
  const html = ui.sidebars[0].getContent();
  expect(ui.sidebars[0].title).toBe("Verifica PIAO");
  expect(html.match(/<\/script/gi)).toHaveLength(1); // only the page's own closing tag
  expect(html).toContain("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>");
  expect(html).toContain('"referenceDate"');
});

test("removal from the menu: an alert naming a protected sheet, else a toast", async () => {
  const ss = spreadsheetFromGrid(await exampleGrid(), "Europe/Rome");
  ss.active = ss.sheets.findIndex((s) => s.label === "Alessandria 2022");
  const props = new FakeProperties();
  const { ctx, ui } = load(ss, props);
  expect((ctx.checkActiveSheet() as ResultView).counts!.warning).toBeGreaterThan(0);
  ss.sheet("Alessandria 2022").protections.push(new FakeProtection(false));
  ctx.menuRemoveHighlights();
  expect(ui.alerts).toEqual([
    'Il foglio "Alessandria 2022" è protetto e non puoi modificarlo: nessuna modifica è stata fatta. Chiedi a chi l\'ha protetto di concederti l\'accesso o di rimuovere la protezione.',
  ]);
  expect(ss.toasts).toEqual([]);
  ss.sheet("Alessandria 2022").protections.length = 0;
  ctx.menuRemoveHighlights();
  expect(ss.toasts[0]).toMatch(/^Evidenziazioni rimosse da \d+ celle\.$/);
});

test("an unexpected failure becomes a sentence, not a stack trace", () => {
  const ss = new FakeSpreadsheet("Europe/Rome");
  ss.getSheets = () => {
    throw new Error("Service Spreadsheets timed out");
  };
  const { ctx } = load(ss);
  const view = ctx.checkAllSheets() as ResultView;
  expect(view).toMatchObject({ ok: false, message: "Errore imprevisto: Service Spreadsheets timed out" });
});

test("settings round-trip through the bundle", () => {
  const props = new FakeProperties();
  const { ctx } = load(new FakeSpreadsheet("Europe/Rome"), props);
  expect(ctx.saveSettings({ referenceDate: "2024-02-30" })).toMatchObject({ ok: false });
  expect(ctx.saveSettings({ referenceDate: "2024-09-30", period: "2022-2024" })).toMatchObject({ ok: true });
  expect(ctx.getSettings()).toEqual({ referenceDate: "2024-09-30", period: "2022-2024" });
});

test("two runs at once through the bundle: LockService's document lock refuses the second with a sentence", async () => {
  const ss = spreadsheetFromGrid(await exampleGrid(), "Europe/Rome");
  ss.active = ss.sheets.findIndex((s) => s.label === "Alessandria 2022");
  const { ctx } = load(ss);
  let second: ResultView | null = null;
  ss.log.onHit = (name) => {
    if (name === "Range.getBackgrounds" && !second) second = ctx.checkActiveSheet() as ResultView;
  };
  expect((ctx.checkAllSheets() as ResultView).ok).toBe(true);
  ss.log.onHit = null;
  expect(second).toMatchObject({ ok: false, message: "Un'altra verifica o rimozione è in corso su questo documento: attendi che finisca e riprova." });
  expect((ctx.removeHighlights() as ResultView).ok).toBe(true);
  expect(ss.sheets.filter((s) => !s.hidden).every((s) => s.backgrounds.flat().every((b) => b === "#ffffff"))).toBe(true);
});
