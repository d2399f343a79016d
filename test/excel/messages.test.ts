import { firstLine, oneLine } from "../../src/excel/messages";

describe("oneLine: an Office error for the user", () => {
  it("keeps the first line of the message", () => {
    expect(oneLine(new Error("The cell is locked.\n  at Excel.run"), "it")).toBe("The cell is locked.");
    expect(oneLine("GeneralException", "en")).toBe("GeneralException");
  });

  it("names an error without a message as unknown, in the user's language", () => {
    expect(oneLine(new Error(""), "it")).toBe("errore sconosciuto");
    expect(oneLine(new Error(""), "en")).toBe("unknown error");
    expect(oneLine(new Error("\nat Excel.run"), "en")).toBe("unknown error");
  });

  it("firstLine, for matching error kinds, has no fallback words", () => {
    expect(firstLine(new Error(""))).toBe("");
    expect(firstLine(new Error("InvalidOperationInCellEditMode\nmore"))).toBe("InvalidOperationInCellEditMode");
  });
});
