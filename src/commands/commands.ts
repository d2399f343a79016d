// Ribbon commands (ExecuteFunction): check the active sheet, remove the highlights.
// The outcome is stored for the task pane (it re-renders on the storage event) and shown in a small
// read-only dialog, since a function command cannot open the task pane without a shared runtime.
import { LAST_RESULT_KEY, removeHighlights, runCheck } from "../excel";

function showResultDialog() {
  const url = new URL("taskpane.html?dialog=1", window.location.href).toString();
  Office.context.ui.displayDialogAsync(url, { height: 45, width: 30, displayInIframe: true });
}

async function verificaFoglio(event: Office.AddinCommands.Event) {
  try {
    const outcome = await runCheck("active");
    window.localStorage.setItem(LAST_RESULT_KEY, JSON.stringify(outcome));
    showResultDialog();
  } finally {
    event.completed();
  }
}

async function rimuoviEvidenziazioni(event: Office.AddinCommands.Event) {
  try {
    const result = await removeHighlights();
    if (!result.ok) {
      window.localStorage.setItem(LAST_RESULT_KEY, JSON.stringify({ ok: false, message: result.message, report: null, sheet: null }));
      showResultDialog();
    }
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate("verificaFoglio", verificaFoglio);
  Office.actions.associate("rimuoviEvidenziazioni", rimuoviEvidenziazioni);
});
