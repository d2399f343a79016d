// selectCell with office-addin-mock: one batch, the sheet activated and the cell selected.
import { OfficeMockObject } from "office-addin-mock";
import { selectCell } from "../../src/excel";

function mockExcel(sheets: string[]) {
  const calls: string[] = [];
  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        getItem: (name: string) => {
          if (!sheets.includes(name)) throw new Error(`ItemNotFound: ${name}`);
          return {
            activate: () => calls.push(`activate ${name}`),
            getRange: (address: string) => ({ select: () => calls.push(`select ${name}!${address}`) }),
          };
        },
      },
    },
  }) as unknown as OfficeMockObject & { sync: () => Promise<void> };
  const sync = jest.spyOn(context, "sync");
  (globalThis as Record<string, unknown>).Excel = { run: async (batch: (ctx: unknown) => Promise<unknown>) => batch(context) };
  (globalThis as Record<string, unknown>).Office = { context: { displayLanguage: "it-IT" } };
  return { calls, sync };
}

test("selectCell activates the finding's sheet and selects its cell in one sync", async () => {
  const { calls, sync } = mockExcel(["Alessandria 2022", "Responsabili"]);
  expect(await selectCell("Alessandria 2022", "D44")).toBeNull();
  expect(calls).toEqual(["activate Alessandria 2022", "select Alessandria 2022!D44"]);
  expect(sync).toHaveBeenCalledTimes(1);
});

test("selectCell on a sheet that no longer exists returns an Italian one-line message", async () => {
  mockExcel(["Responsabili"]);
  expect(await selectCell("Alessandria 2022", "D44")).toBe("Impossibile selezionare la cella D44 del foglio 'Alessandria 2022'.");
});
