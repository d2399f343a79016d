// The checker's block in a note: taken away the same whether the memory keeps the block or its digests.
import path from "node:path";
import { readWorkbookGrid } from "../../src/cli/xlsx";
import { marksByCell, checkWorkbook } from "../../src/core";
import { noteDigest, ourNote, withoutOurLines } from "../../src/core/note-block";
import { textDigest } from "../../src/core/memory";

const block = "Verifica PIAO:\n• La scadenza della fase 2 (31/12/2022) è successiva alla scadenza finale (30/11/2022).\n• Peso delle fasi: 90%, non 100%.";
const user = "Da verificare con l'ufficio personale.\nRiga due dell'utente.";

test("the digest form is the digest of every line, far shorter than the block", () => {
  expect(noteDigest(block)).toBe(block.split("\n").map(textDigest).join(" "));
  expect(noteDigest(block).length).toBeLessThan(block.length / 3);
});

test.each([
  ["our block alone", block, ""],
  ["below the user's note", `${user}\n\n${block}`, user],
  ["with the user typing on after it", `${user}\n\n${block}\n\nAggiunto dopo.`, `${user}\n\nAggiunto dopo.`],
  ["twice (an interleaved run): the last one goes", `${block}\n\n${block}`, block],
  ["a user's line equal to one of ours, outside the block", `• Peso delle fasi: 90%, non 100%.\n\n${block}`, "• Peso delle fasi: 90%, non 100%."],
  ["one of our lines edited: the others go, the edited stays", block.replace("90%", "95%"), "• Peso delle fasi: 95%, non 100%."],
  ["not there at all", user, user],
  ["given back with CRLF line breaks: the user's text keeps them", `${user}\n\n${block}`.replace(/\n/g, "\r\n"), user.replace(/\n/g, "\r\n")],
])("%s", (_, note, expected) => {
  expect(withoutOurLines(note, block)).toBe(expected);
  expect(withoutOurLines(note, noteDigest(block))).toBe(expected);
});

test("the blocks the core writes for the example's flagged cells are found by their digests", async () => {
  const grid = await readWorkbookGrid(path.join(__dirname, "../../examples/obiettivi-2022.xlsx"));
  const marks = marksByCell(checkWorkbook(grid, { sheet: "Alessandria 2022", today: "2024-10-15" }).findings);
  expect(marks.length).toBeGreaterThan(0);
  for (const m of marks) expect(withoutOurLines(`${user}\n\n${ourNote(m)}`, noteDigest(ourNote(m)))).toBe(user);
});
