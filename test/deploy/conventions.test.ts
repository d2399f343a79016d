// The Office add-in template conventions in package.json, and npm start failing where it cannot sideload.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cannotRun } = require("../../scripts/office-debugging.js");

test("package.json has the config block office-addin-debugging reads, and the template's scripts", () => {
  expect(pkg.config).toEqual({ app_to_debug: "excel", app_type_to_debug: "desktop", dev_server_port: 3000 });
  for (const s of ["validate", "build:dev", "watch", "lint:fix", "package", "dev-server", "start", "stop"]) expect(pkg.scripts[s]).toBeTruthy();
  // the dev server listens on the configured port, which is the manifest's
  const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  expect(manifest).toContain(`https://localhost:${pkg.config.dev_server_port}/taskpane.html`);
});

test("office-addin-debugging is for development only: installing the command line does not pull it", () => {
  expect(pkg.dependencies["office-addin-debugging"]).toBeUndefined();
  expect(pkg.optionalDependencies?.["office-addin-debugging"]).toBeUndefined();
  expect(pkg.devDependencies["office-addin-debugging"]).toBeDefined();
});

test("the packed tarball carries the compiled command line its bin names", () => {
  for (const bin of Object.values<string>(pkg.bin)) expect(pkg.files.some((f: string) => bin.startsWith(f))).toBe(true);
});

test("desktop sideloading is refused on Linux with one line that says what to do instead", () => {
  const line = cannotRun(["start", "manifest.xml", "desktop"], "linux");
  expect(line).toMatch(/^npm start cannot sideload into Excel desktop on linux \(Windows and macOS only\): use npm run start:web/);
  expect(line).not.toContain("\n");
  expect(cannotRun(["start", "manifest.xml", "desktop"], "win32")).toBeUndefined();
  expect(cannotRun(["start", "manifest.xml", "desktop"], "darwin")).toBeUndefined();
  expect(cannotRun(["start", "manifest.xml", "web"], "linux")).toBeUndefined();
});

test("an error office-addin-debugging only prints becomes a non-zero exit", () => {
  const r = spawnSync("node", [path.join(ROOT, "scripts/office-debugging.js"), "no-such-command"], { encoding: "utf8" });
  expect(r.stderr).toContain("The command syntax is not valid");
  expect(r.status).toBe(1);
});
