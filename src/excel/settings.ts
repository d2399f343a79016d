// The add-in's settings, kept in the workbook (Office.context.document.settings). The memory of a check
// is not here (settings hold about 2 MB): see memory-sheet.ts.
import type { ConfigInput, Lang } from "../core";
import { parseConfig } from "../core";

/** What the user sets in the pane; the language comes from Office, not from settings. */
export type AddinSettings = Omit<ConfigInput, "lang">;

export const SETTINGS_KEY = "verificaPiao.settings";
/** localStorage key: a ribbon command leaves its outcome there for the task pane and its result dialog. */
export const LAST_RESULT_KEY = "verificaPiao.lastResult";

/** Office's display language: English when Office runs in English, Italian otherwise. */
export function hostLang(): Lang {
  const lang = typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined;
  return lang && lang.toLowerCase().startsWith("en") ? "en" : "it";
}

function documentSettings(): Office.Settings | null {
  return typeof Office !== "undefined" ? (Office.context?.document?.settings ?? null) : null;
}

const settle = (run: (done: (r: Office.AsyncResult<unknown>) => void) => void) =>
  new Promise<void>((resolve, reject) =>
    run((r) => (r.status === Office.AsyncResultStatus.Failed ? reject(new Error(r.error.message)) : resolve())),
  );

/**
 * Re-reads the settings saved in the document: the ribbon commands and the task pane run in separate
 * runtimes, each with its own in-memory copy, so a copy could be stale.
 */
export async function refreshSettings(): Promise<void> {
  const s = documentSettings();
  if (s && typeof s.refreshAsync === "function") await settle((done) => s.refreshAsync(done));
}

async function put(key: string, value: unknown): Promise<void> {
  const s = documentSettings();
  if (!s) return;
  s.set(key, value);
  await settle((done) => s.saveAsync(done));
}

/** The user's settings; invalid stored values are dropped (the pane shows defaults instead). */
export function loadSettings(): AddinSettings {
  const raw = documentSettings()?.get(SETTINGS_KEY);
  const parsed = parseConfig(raw ?? {});
  if (!parsed.ok || !raw || typeof raw !== "object") return {};
  return raw as AddinSettings;
}

/** Validates with the core's schema and saves into the workbook; returns localized errors (empty = saved). */
export async function saveSettings(settings: AddinSettings, lang: Lang): Promise<string[]> {
  const parsed = parseConfig({ ...settings, lang }, lang);
  if (!parsed.ok) return parsed.errors;
  await put(SETTINGS_KEY, settings);
  return [];
}
