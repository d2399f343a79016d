// npm run package: the release zips for a comune's IT office, on a small stand-in of the built files, and the
// addresses it refuses; validate:manifest's refusal of placeholder addresses.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";

const ROOT = path.join(__dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/package.js");
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
let dist: string;
let out: string;

beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "package-"));
  dist = path.join(dir, "dist");
  out = path.join(dir, "release");
  const files: Record<string, string> = {
    "taskpane.html": "<html>pane</html>",
    "taskpane.js": "pane()",
    "commands.html": "<html>commands</html>",
    "assets/icon-32.png": "png",
    "manifest.xml": "<stale/>", // a build's own manifest: the release writes its own
    "gas/Code.js": "function onOpen() {}",
    "gas/appsscript.json": '{"runtimeVersion":"V8"}',
  };
  for (const [f, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dist, f)), { recursive: true });
    fs.writeFileSync(path.join(dist, f), content);
  }
});

function pack(...args: string[]) {
  return spawnSync("node", [SCRIPT, "--dist", dist, "--out", out, ...args], { encoding: "utf8", env: { ...process.env, npm_config_url: "" } });
}

async function unzip(name: string): Promise<JSZip> {
  return JSZip.loadAsync(fs.readFileSync(path.join(out, name)));
}

test("the Excel zip holds the site, a manifest pointing at the address and validated, and an Italian LEGGIMI", async () => {
  const r = pack("--url", "https://intranet.comune.it/verifica-piao");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const zip = await unzip(`verifica-piao-${VERSION}-excel.zip`);
  const names = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name).sort();
  expect(names).toEqual(["LEGGIMI.txt", "installazione.md", "manifest.xml", "sito/assets/icon-32.png", "sito/commands.html", "sito/taskpane.html", "sito/taskpane.js"]);
  expect(await zip.file("sito/taskpane.js")!.async("string")).toBe("pane()");
  const manifest = await zip.file("manifest.xml")!.async("string");
  expect(manifest).toContain('<SourceLocation DefaultValue="https://intranet.comune.it/verifica-piao/taskpane.html"/>');
  expect(manifest).toContain("<AppDomain>https://intranet.comune.it</AppDomain>");
  expect(manifest).toContain(`<Version>${VERSION}.0</Version>`);
  expect(manifest).not.toContain("localhost");
  const leggimi = await zip.file("LEGGIMI.txt")!.async("string");
  expect(leggimi).toContain("https://intranet.comune.it/verifica-piao/taskpane.html");
  expect(leggimi).toMatch(/Copiare il contenuto della cartella "sito"/);
  expect(leggimi).toContain("installazione.md in questo archivio");
  expect(await zip.file("installazione.md")!.async("string")).toMatch(/^# Verifica PIAO: guida all'installazione/);
  // The release manifest passes the same validation as validate:manifest.
  const file = path.join(out, "check.xml");
  fs.writeFileSync(file, manifest);
  expect(spawnSync("node", [path.join(ROOT, "scripts/validate-manifest.js"), file], { encoding: "utf8" }).status).toBe(0);
});

test("the Sheets zip holds the bundle and appsscript.json with what to paste where", async () => {
  expect(pack("--url", "https://intranet.comune.it/verifica-piao/").status).toBe(0);
  const zip = await unzip(`verifica-piao-${VERSION}-sheets.zip`);
  expect(Object.keys(zip.files).sort()).toEqual(["Code.js", "LEGGIMI.txt", "appsscript.json", "installazione.md"]);
  expect(await zip.file("Code.js")!.async("string")).toBe("function onOpen() {}");
  const leggimi = await zip.file("LEGGIMI.txt")!.async("string");
  expect(leggimi).toContain("Estensioni > Apps Script");
  expect(leggimi).toContain("Code.gs");
  expect(leggimi).toContain("appsscript.json");
});

test.each([
  [[], /^Manca l'indirizzo del server/],
  [["--url", "http://intranet.comune.it/"], /^L'indirizzo deve iniziare con https:\/\//],
  [["--url", "https://verifica-piao.example.it"], /indirizzo segnaposto/],
  [["--url", "https://intranet.comune.esempio.it/verifica-piao/"], /indirizzo segnaposto/],
  [["--url", "https://localhost:3000/"], /indirizzo di sviluppo/],
  [["--url", "intranet.comune.it"], /^Indirizzo non valido/],
  [["--url", "https://intranet.comune.it/?a=1"], /parametri/],
  [["--adress", "https://intranet.comune.it/"], /^Opzioni non valide/],
])("%j is refused with one Italian line and exit 2, writing nothing", (args, message) => {
  const r = pack(...args);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(fs.existsSync(out)).toBe(false);
});

test("an address given as npm config (npm run package --url=...) is taken too", () => {
  const r = spawnSync("node", [SCRIPT, "--dist", dist, "--out", out], {
    encoding: "utf8",
    env: { ...process.env, npm_config_url: "https://intranet.comune.it/vp/" },
  });
  expect(r.status).toBe(0);
  expect(fs.existsSync(path.join(out, `verifica-piao-${VERSION}-excel.zip`))).toBe(true);
});

test("without xmllint (e.g. Windows) the zips are still written, with a warning that the XSD was not checked", () => {
  const r = spawnSync(process.execPath, [SCRIPT, "--dist", dist, "--out", out, "--url", "https://intranet.comune.it/"], {
    encoding: "utf8",
    env: { ...process.env, PATH: fs.mkdtempSync(path.join(os.tmpdir(), "no-xmllint-")), npm_config_url: "" },
  });
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/^Attenzione: xmllint non trovato/);
  expect(fs.existsSync(path.join(out, `verifica-piao-${VERSION}-excel.zip`))).toBe(true);
});

test("missing built files are named, with how to build them", () => {
  fs.rmSync(path.join(dist, "gas"), { recursive: true });
  const r = pack("--url", "https://intranet.comune.it/");
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^File mancante: .*Code\.js .*npm run build/);
});

describe("validate:manifest and placeholder addresses", () => {
  const validator = path.join(ROOT, "scripts/validate-manifest.js");
  const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

  function validateXml(xml: string) {
    const file = path.join(out, "manifest.xml");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(file, xml);
    return spawnSync("node", [validator, file], { encoding: "utf8" });
  }

  test("a production manifest on the placeholder host is invalid", () => {
    const r = validateXml(source.split("https://localhost:3000").join("https://verifica-piao.example.it"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/placeholder address\(es\), e\.g\. https:\/\/verifica-piao\.example\.it\/.*npm run package -- --url/);
  });

  test("the development manifest on localhost and a real address are valid", () => {
    expect(validateXml(source).status).toBe(0);
    expect(validateXml(source.split("https://localhost:3000").join("https://piao.comune.alessandria.it")).status).toBe(0);
  });
});
