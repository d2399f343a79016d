// The ribbon commands: every check shows its own result; an open result dialog is replaced, since a host
// opens one dialog per add-in at a time (displayDialogAsync fails with 12007 while one is open).
import path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { FakeHost, FakeWorkbook } from "./fake-excel";

type Command = (event: { completed: () => void }) => Promise<void>;

/** Office.context.ui as the documentation describes it: one open dialog at a time. */
function fakeUi() {
  const dialogs: { url: string; closed: boolean; shownResult: string | null }[] = [];
  const storage = new Map<string, string>();
  const ui = {
    displayDialogAsync: (url: string, _options: unknown, callback: (r: unknown) => void) => {
      if (dialogs.some((d) => !d.closed)) {
        callback({ status: "failed", error: { code: 12007, message: "A dialog box is already opened from this host window." } });
        return;
      }
      const dialog = { url, closed: false, shownResult: storage.get("verificaPiao.lastResult") ?? null };
      dialogs.push(dialog);
      callback({
        status: "succeeded",
        value: { close: () => (dialog.closed = true), addEventHandler: () => undefined },
      });
    },
  };
  return { ui, dialogs, storage };
}

test("a second ribbon check while the first result dialog is open replaces it with the new result", async () => {
  const grid = await readWorkbookGrid(path.join(__dirname, "../../examples/obiettivi-2022.xlsx"));
  const wb = FakeWorkbook.fromGrid(grid);
  wb.active = "Alessandria 2022";
  const host = new FakeHost(wb);
  host.install();
  const { ui, dialogs, storage } = fakeUi();
  const commands = new Map<string, Command>();
  const office = (globalThis as unknown as { Office: Record<string, unknown> }).Office;
  Object.assign(office, {
    actions: { associate: (name: string, f: Command) => commands.set(name, f) },
    EventType: { DialogEventReceived: "dialogEventReceived" },
  });
  (office.context as Record<string, unknown>).ui = ui;
  (globalThis as unknown as { window: unknown }).window = {
    location: { href: "https://localhost:3000/commands.html" },
    localStorage: { setItem: (k: string, v: string) => storage.set(k, v), getItem: (k: string) => storage.get(k) ?? null },
  };
  jest.isolateModules(() => {
    jest.requireActual("../../src/commands/commands");
  });
  const check = commands.get("verificaFoglio")!;
  const completed = jest.fn();
  await check({ completed });
  wb.sheet("Alessandria 2022")!.protected = true; // the second check has another outcome
  await check({ completed });
  expect(completed).toHaveBeenCalledTimes(2);
  expect(dialogs.map((d) => d.closed)).toEqual([true, false]);
  expect(JSON.parse(dialogs[0].shownResult!).ok).toBe(true);
  expect(JSON.parse(dialogs[1].shownResult!).message).toMatch(/è protetto/);
  expect(dialogs[1].url).toBe("https://localhost:3000/taskpane.html?dialog=1");
});
