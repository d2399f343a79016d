// Ribbon commands (ExecuteFunction): check the active sheet, remove the highlights.
// The outcome is stored for the task pane (it re-renders on the storage event) and shown in a small
// read-only dialog, since a function command cannot open the task pane without a shared runtime.
import { LAST_RESULT_KEY, removeHighlights, runCheck } from "../excel";

/** The result dialog this runtime opened, while it is open. */
let dialog: Office.Dialog | null = null;

/**
 * Shows the last outcome in a dialog. A host allows one dialog per add-in (a second displayDialogAsync fails
 * with 12007), so an open one is closed first and the new one shows the new outcome.
 */
function showResultDialog() {
  const url = new URL("taskpane.html?dialog=1", window.location.href).toString();
  if (dialog) {
    dialog.close();
    dialog = null;
  }
  Office.context.ui.displayDialogAsync(url, { height: 45, width: 30, displayInIframe: true }, (result) => {
    if (result.status !== Office.AsyncResultStatus.Succeeded) return;
    const opened = result.value;
    dialog = opened;
    opened.addEventHandler(Office.EventType.DialogEventReceived, () => {
      if (dialog === opened) dialog = null;
    });
  });
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
