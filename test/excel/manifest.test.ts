// The manifest validator: the real manifest passes; a dangling resid or a schema error fails with a clear message.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/validate-manifest.js");
const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

function run(xml: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-"));
  const file = path.join(dir, "manifest.xml");
  fs.writeFileSync(file, xml);
  return spawnSync("node", [SCRIPT, file], { encoding: "utf8" });
}

test("the project's manifest is valid", () => {
  const r = spawnSync("node", [SCRIPT, path.join(ROOT, "manifest.xml")], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});

test("the manifest asks for no more than ExcelApi 1.7, ReadWriteDocument, it-IT with an en-US override", () => {
  expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1.7"\/>/);
  expect(manifest).toContain("<Permissions>ReadWriteDocument</Permissions>");
  expect(manifest).toContain("<DefaultLocale>it-IT</DefaultLocale>");
  expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
  expect(manifest).toMatch(/DefaultValue="Verifica foglio"/);
  expect(manifest).toMatch(/DefaultValue="Rimuovi evidenziazioni"/);
  for (const size of [16, 32, 64, 80]) expect(fs.existsSync(path.join(ROOT, `assets/icon-${size}.png`))).toBe(true);
});

test("a resid with no resource fails", () => {
  const r = run(manifest.replace('<Label resid="Check.Label"/>', '<Label resid="Check.Missing"/>'));
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("resid not defined in <Resources>: Check.Missing");
});

test("a manifest that breaks the schema fails with xmllint's reason", () => {
  const r = run(manifest.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>"));
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/Permissions/);
});
