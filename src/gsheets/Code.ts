// Apps Script entry points. Each function assigned to `global` at the end becomes a top-level
// function of Code.js (gas-webpack-plugin), as Apps Script menus and google.script.run require.
import type { Lang } from "../core";
import * as addon from "./addon";
import type { Env, ResultView, Settings } from "./addon";
import { errorReason, langOfLocale, messages } from "./i18n";
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
    protectionTypes: { sheet: SpreadsheetApp.ProtectionType.SHEET, range: SpreadsheetApp.ProtectionType.RANGE },
    now: new Date(),
    lock: LockService.getDocumentLock(),
  };
}

/** The user gets a sentence, never a stack trace. */
function safely<T extends { ok: boolean; message: string }>(run: () => T, fallback: (message: string) => T): T {
  try {
    return run();
  } catch (e) {
    const lang = userLang();
    return fallback(messages(lang).unexpected(errorReason(e, lang)));
  }
}

const failed = (message: string): ResultView => addon.emptyView(false, message);

function onOpen(): void {
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

function onInstall(): void {
  onOpen();
}

function openSidebar(result: ResultView | null): void {
  const e = env();
  const html = HtmlService.createHtmlOutput(sidebarHtml(e.lang, result, addon.loadSettings(e.props))).setTitle(
    messages(e.lang).sidebarTitle,
  );
  SpreadsheetApp.getUi().showSidebar(html);
}

function showSidebar(): void {
  openSidebar(null);
}

function checkActiveSheet(): ResultView {
  return safely(() => addon.runCheck(env(), "active"), failed);
}

function checkAllSheets(): ResultView {
  return safely(() => addon.runCheck(env(), "all"), failed);
}

function removeHighlights(): ResultView {
  return safely(() => addon.removeAll(env()), failed);
}

function selectCell(sheet: string, a1: string): ResultView {
  return safely(() => addon.selectCell(env(), sheet, a1), failed);
}

function getSettings(): Settings {
  return addon.loadSettings(PropertiesService.getDocumentProperties());
}

function saveSettings(settings: Settings): { ok: boolean; errors: string[]; message: string } {
  return safely(
    () => addon.saveSettings(env(), settings),
    (message) => ({ ok: false, errors: [message], message }),
  );
}

function menuCheckSheet(): void {
  openSidebar(checkActiveSheet());
}

function menuCheckAll(): void {
  openSidebar(checkAllSheets());
}

function menuRemoveHighlights(): void {
  const result = removeHighlights();
  if (result.ok) SpreadsheetApp.getActiveSpreadsheet().toast(result.message, messages(userLang()).sidebarTitle);
  else SpreadsheetApp.getUi().alert(result.message);
}

// webpack maps `global` to the script's global object; this local declaration only types it.
declare const global: Record<string, unknown>;
global.onOpen = onOpen;
global.onInstall = onInstall;
global.showSidebar = showSidebar;
global.checkActiveSheet = checkActiveSheet;
global.checkAllSheets = checkAllSheets;
global.removeHighlights = removeHighlights;
global.selectCell = selectCell;
global.getSettings = getSettings;
global.saveSettings = saveSettings;
global.menuCheckSheet = menuCheckSheet;
global.menuCheckAll = menuCheckAll;
global.menuRemoveHighlights = menuRemoveHighlights;
