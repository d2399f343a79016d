// The add-in's settings and memory, kept in the workbook (Office.context.document.settings).
import type { ConfigInput, Lang } from "../core";
import { parseConfig } from "../core";
import { parseStore, serialiseStore, STORE_KEY, type Store } from "./store";

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

/**
 * A memory that could not be saved in the document (saveAsync failed). Kept for the life of this runtime so
 * the originals of the cells just highlighted stay recoverable: loadStore returns it instead of the stale
 * copy in the document, and every later save (or flushStore) retries writing it.
 */
let unsaved: Store | null = null;

export function loadStore(): Store {
  return unsaved ?? parseStore(documentSettings()?.get(STORE_KEY));
}

/** Saves the memory (one immediate retry); if both attempts fail, keeps it in this runtime and throws. */
export async function saveStore(store: Store): Promise<void> {
  try {
    await put(STORE_KEY, serialiseStore(store)).catch(() => put(STORE_KEY, serialiseStore(store)));
    unsaved = null;
  } catch (e) {
    unsaved = store;
    throw e;
  }
}

/** Retries saving a memory a previous save could not write; a new failure keeps it in memory, silently. */
export async function flushStore(): Promise<void> {
  if (unsaved) await saveStore(unsaved).catch(() => undefined);
}
