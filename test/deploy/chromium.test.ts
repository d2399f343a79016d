// The browser tests' Chromium lookup, against a stand-in file system.
import path from "node:path";
import { findChromium } from "../browser/chromium";

function where(files: string[], env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = "linux") {
  const set = new Set(files);
  return {
    env,
    platform,
    home: "/home/u",
    exists: (f: string) => set.has(f),
    list: (d: string) => [...new Set(files.filter((f) => f.startsWith(d + "/")).map((f) => f.slice(d.length + 1).split("/")[0]))],
  };
}

test("CHROMIUM_PATH wins over the install paths", () => {
  expect(findChromium(where(["/usr/bin/chromium", "/opt/c/chrome"], { CHROMIUM_PATH: "/opt/c/chrome" }))).toBe("/opt/c/chrome");
});

test("a CHROMIUM_PATH that does not exist is an error that names it, not a silent fallback", () => {
  const r = findChromium(where(["/usr/bin/chromium"], { CHROMIUM_PATH: "/opt/none" }));
  expect(r).toBeInstanceOf(Error);
  expect((r as Error).message).toContain("CHROMIUM_PATH=/opt/none does not exist");
});

test("the Debian, Ubuntu and Chrome paths are found in that order", () => {
  expect(findChromium(where(["/usr/bin/chromium-browser", "/usr/bin/google-chrome"]))).toBe("/usr/bin/chromium-browser");
  expect(findChromium(where(["/usr/bin/google-chrome"]))).toBe("/usr/bin/google-chrome");
});

test("playwright's cache is used when nothing is installed, newest revision first", () => {
  const cache = "/home/u/.cache/ms-playwright";
  const files = [`${cache}/chromium-1105/chrome-linux/chrome`, `${cache}/chromium-1169/chrome-linux/chrome`, `${cache}/ffmpeg-1010/ffmpeg`];
  expect(findChromium(where(files))).toBe(`${cache}/chromium-1169/chrome-linux/chrome`);
  expect(findChromium(where(["/pw/chromium-1169/chrome-linux/chrome"], { PLAYWRIGHT_BROWSERS_PATH: "/pw" }))).toBe("/pw/chromium-1169/chrome-linux/chrome");
});

test("Windows and macOS look where Chrome installs itself", () => {
  const exe = path.win32.join("C:\\Program Files", "Google", "Chrome", "Application", "chrome.exe");
  expect(findChromium(where([exe], { PROGRAMFILES: "C:\\Program Files" }, "win32"))).toBe(exe);
  const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
  expect(findChromium(where([mac], {}, "darwin"))).toBe(mac);
});

test("nothing found: the error says how to get Chromium", () => {
  const r = findChromium(where([]));
  expect((r as Error).message).toMatch(/Chromium not found .*apt-get install -y chromium.*CHROMIUM_PATH/);
});
