// Where the browser tests find Chromium: $CHROMIUM_PATH, else the usual install paths, else playwright's cache.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

interface Where {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  exists: (file: string) => boolean;
  list: (dir: string) => string[];
}

const HOW_TO_GET =
  "install Chromium (Debian/Ubuntu: apt-get install -y chromium; macOS/Windows: Google Chrome) or set CHROMIUM_PATH to a Chromium or Chrome executable";

function installPaths(w: Where): string[] {
  if (w.platform === "darwin") {
    return ["/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"];
  }
  if (w.platform === "win32") {
    const roots = [w.env["PROGRAMFILES"], w.env["PROGRAMFILES(X86)"], w.env["LOCALAPPDATA"]].filter((r): r is string => !!r);
    return roots.map((r) => path.win32.join(r, "Google", "Chrome", "Application", "chrome.exe"));
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/snap/bin/chromium"];
}

function playwrightCache(w: Where): string[] {
  const cache =
    w.env["PLAYWRIGHT_BROWSERS_PATH"] ??
    (w.platform === "darwin"
      ? path.join(w.home, "Library/Caches/ms-playwright")
      : w.platform === "win32"
        ? path.win32.join(w.env["LOCALAPPDATA"] ?? w.home, "ms-playwright")
        : path.join(w.home, ".cache/ms-playwright"));
  const inside =
    w.platform === "darwin"
      ? ["chrome-mac/Chromium.app/Contents/MacOS/Chromium"]
      : w.platform === "win32"
        ? ["chrome-win/chrome.exe"]
        : ["chrome-linux/chrome", "chrome-linux64/chrome"];
  const versions = w.list(cache).filter((d) => /^chromium-\d+$/.test(d)).sort().reverse();
  return versions.flatMap((v) => inside.map((i) => path.join(cache, v, i)));
}

/** The Chromium executable to drive, or an Error that says how to get one. */
export function findChromium(w: Where): string | Error {
  const chosen = w.env["CHROMIUM_PATH"];
  if (chosen) return w.exists(chosen) ? chosen : new Error(`CHROMIUM_PATH=${chosen} does not exist: ${HOW_TO_GET}`);
  const found = [...installPaths(w), ...playwrightCache(w)].find((p) => w.exists(p));
  return found ?? new Error(`Chromium not found for the browser tests: ${HOW_TO_GET}`);
}

export function chromiumPath(): string {
  const found = findChromium({
    env: process.env,
    platform: process.platform,
    home: os.homedir(),
    exists: (f) => fs.existsSync(f),
    list: (d) => (fs.existsSync(d) ? fs.readdirSync(d) : []),
  });
  if (found instanceof Error) throw found;
  return found;
}

/** Headless Chromium as every browser test drives it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
