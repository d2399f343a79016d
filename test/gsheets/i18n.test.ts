import { removeAll, runCheck } from "../../src/gsheets/addon";
import { errorReason, messages } from "../../src/gsheets/i18n";
import { FakeProperties } from "./fakes";
import { exampleSpreadsheet, flatFindings, makeEnv } from "./helpers";

test("counts take the singular for 1 and the plural otherwise, in Italian and English", () => {
  expect(messages("it").checked(1, 1, 1)).toBe("Verifica completata: 1 errore, 1 avviso, 1 informazione.");
  expect(messages("it").checked(0, 2, 12)).toBe("Verifica completata: 0 errori, 2 avvisi, 12 informazioni.");
  expect(messages("it").removed(1)).toBe("Evidenziazioni rimosse da 1 cella.");
  expect(messages("it").removed(3)).toBe("Evidenziazioni rimosse da 3 celle.");
  expect(messages("en").checked(1, 1, 1)).toBe("Check complete: 1 error, 1 warning, 1 notice.");
  expect(messages("en").checked(0, 2, 12)).toBe("Check complete: 0 errors, 2 warnings, 12 notices.");
  expect(messages("en").removed(1)).toBe("Highlights removed from 1 cell.");
  expect(messages("en").removed(3)).toBe("Highlights removed from 3 cells.");
});

test.each([
  ["it", "Verifica completata: 0 errori, 0 avvisi, 1 informazione.", "Evidenziazioni rimosse da 1 cella."],
  ["en", "Check complete: 0 errors, 0 warnings, 1 notice.", "Highlights removed from 1 cell."],
] as const)("a sheet with one finding, in %s: the check and the removal speak of one", async (lang, checked, removed) => {
  const ss = await exampleSpreadsheet();
  ss.active = ss.sheets.findIndex((s) => s.label === "Polizia locale");
  const props = new FakeProperties();
  const view = runCheck(makeEnv(ss, props, lang), "active");
  expect(flatFindings(view).map((f) => [f.cell, f.severity])).toEqual([["D7", "info"]]);
  expect(view.message).toBe(checked);
  expect(removeAll(makeEnv(ss, props, lang)).message).toBe(removed);
});

test("an error without a message is an unknown error in the user's language", () => {
  expect(errorReason(new Error("Service Spreadsheets timed out"), "it")).toBe("Service Spreadsheets timed out");
  expect(errorReason({ message: "read structurally" }, "en")).toBe("read structurally");
  expect(errorReason(new Error(""), "it")).toBe("errore sconosciuto");
  expect(errorReason(new Error(""), "en")).toBe("unknown error");
  expect(errorReason("", "en")).toBe("unknown error");
});
