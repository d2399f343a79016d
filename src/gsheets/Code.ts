// Apps Script entry points. Every exported function becomes a top-level function of Code.js
// (gas-webpack-plugin autoGlobalExportsFiles), as Apps Script menus and google.script.run require.
import type { Lang } from "../core";
import * as addon from "./addon";
import type { Env, ResultView, Settings } from "./addon";
import { langOfLocale, messages } from "./i18n";
import { sidebarHtml } from "./sidebar";

function userLang(): Lang {
  try {
    return langOfLocale(Session.getActiveUserLocale());
  } catch {
    return "it"; // not available in every authorisation mode
  }
}

function env(): Env {
  return {
    ss: SpreadsheetApp.getActiveSpreadsheet(),
    props: PropertiesService.getDocumentProperties(),
    lang: userLang(),
    formatDate: (date, timeZone, format) => Utilities.formatDate(date, timeZone, format),
    sheetProtection: SpreadsheetApp.ProtectionType.SHEET,
    now: new Date(),
  };
}

/** The user gets a sentence, never a stack trace. */
function safely<T extends { ok: boolean; message: string }>(run: () => T, fallback: (message: string) => T): T {
  try {
    return run();
  } catch (e) {
    return fallback(messages(userLang()).unexpected(e instanceof Error ? e.message : String(e)));
  }
}

const failed = (message: string): ResultView => ({
  ok: false,
  message,
  referenceDate: null,
  counts: null,
  objectives: [],
  general: [],
});

export function onOpen(): void {
  // Runs in AuthMode.NONE before the add-on is enabled in the file: only the menu, no document data.
  const msgs = messages(userLang());
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(msgs.menuCheckSheet, "menuCheckSheet")
    .addItem(msgs.menuCheckAll, "menuCheckAll")
    .addItem(msgs.menuRemove, "menuRemoveHighlights")
    .addItem(msgs.menuSidebar, "showSidebar")
    .addToUi();
}

export function onInstall(): void {
  onOpen();
}

function openSidebar(result: ResultView | null): void {
  const e = env();
  const html = HtmlService.createHtmlOutput(sidebarHtml(e.lang, result, addon.loadSettings(e.props))).setTitle(
    messages(e.lang).sidebarTitle,
  );
  SpreadsheetApp.getUi().showSidebar(html);
}

export function showSidebar(): void {
  openSidebar(null);
}

export function checkActiveSheet(): ResultView {
  return safely(() => addon.runCheck(env(), "active"), failed);
}

export function checkAllSheets(): ResultView {
  return safely(() => addon.runCheck(env(), "all"), failed);
}

export function removeHighlights(): ResultView {
  return safely(() => addon.removeAll(env()), failed);
}

export function selectCell(sheet: string, a1: string): ResultView {
  return safely(() => addon.selectCell(env(), sheet, a1), failed);
}

export function getSettings(): Settings {
  return addon.loadSettings(PropertiesService.getDocumentProperties());
}

export function saveSettings(settings: Settings): { ok: boolean; errors: string[]; message: string } {
  return safely(
    () => addon.saveSettings(env(), settings),
    (message) => ({ ok: false, errors: [message], message }),
  );
}

export function menuCheckSheet(): void {
  openSidebar(checkActiveSheet());
}

export function menuCheckAll(): void {
  openSidebar(checkAllSheets());
}

export function menuRemoveHighlights(): void {
  const result = removeHighlights();
  if (result.ok) SpreadsheetApp.getActiveSpreadsheet().toast(result.message, messages(userLang()).sidebarTitle);
  else SpreadsheetApp.getUi().alert(result.message);
}
