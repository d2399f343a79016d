export { runCheck, removeHighlights, selectCell } from "./adapter";
export type { CheckOutcome, Scope } from "./adapter";
export { hostLang, LAST_RESULT_KEY, loadSettings, saveSettings } from "./settings";
export type { AddinSettings } from "./settings";
