// The repository stands alone: no source, test or script reads a folder beside the clone, and the data they
// read instead is in the repository.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "../..");
const OUTSIDE = /\.\.\/shared|\bshared\/(?:corpus|seeds|spec|office-schemas|notes)\b|\/work\//;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ts|js|mjs|cjs|json|sh)$/.test(e.name) ? [p] : [];
  });
}

test("nothing in src, test, scripts or .ci points outside the repository", () => {
  const all = ["src", "test", "scripts", ".ci"].flatMap((d) => files(path.join(ROOT, d)));
  all.push(path.join(ROOT, ".ci/run"), ...fs.readdirSync(ROOT).filter((f) => /\.(js|mjs|json)$/.test(f)).map((f) => path.join(ROOT, f)));
  expect(all.length).toBeGreaterThan(50);
  const offenders = all.filter((f) => OUTSIDE.test(fs.readFileSync(f, "utf8"))).map((f) => path.relative(ROOT, f));
  expect(offenders).toEqual([]);
});

test("the pattern catches the ways a path out of the repository was written", () => {
  // Assembled from parts, so that this file itself never names a path out of the repository.
  const bad = [
    `"${["..", "..", "..", "shared", "corpus"].join("/")}"`,
    ["..", "shared", "office-schemas", "x.xsd"].join("/"),
    ["", "work", "shared", "corpus", "objectives.json"].join("/"),
  ];
  for (const written of bad) {
    expect(OUTSIDE.test(written)).toBe(true);
  }
  expect(OUTSIDE.test("a weight shared by merged phases")).toBe(false);
});

test("the corpus, the seed, the schemas and the spec copy are in the repository", () => {
  const corpus = JSON.parse(fs.readFileSync(path.join(ROOT, "test/data/corpus/objectives.json"), "utf8"));
  expect(corpus.length).toBeGreaterThan(60);
  expect(fs.readFileSync(path.join(ROOT, "test/data/seeds/004_4e2352648e1ca89a.txt"), "utf8")).toContain("Casale");
  for (const xsd of ["OfficeAppManifestV1_1", "OfficeAppBasicTypesV1_0", "TaskPaneAppVersionOverridesV1_0"]) {
    expect(fs.existsSync(path.join(ROOT, `schemas/office/${xsd}.xsd`))).toBe(true);
  }
  expect(fs.readFileSync(path.join(ROOT, "docs/spec/rules.md"), "utf8")).toMatch(/^# Verifica PIAO/);
});

test("no test hard-codes where Chromium is: they launch it through test/browser/chromium.ts", () => {
  const launches = files(path.join(ROOT, "test")).filter((f) => f !== __filename && fs.readFileSync(f, "utf8").includes("executablePath"));
  // One launcher for every browser test, and it asks chromiumPath().
  expect(launches.map((f) => path.relative(ROOT, f))).toEqual(["test/browser/chromium.ts"]);
  expect(fs.readFileSync(launches[0], "utf8")).toMatch(/executablePath: chromiumPath\(\)/);
});
