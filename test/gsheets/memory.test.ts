// Issue 8, Google Sheets: what a check writes stays exact while people edit the spreadsheet (spec §5),
// and the summary column never takes a user's cell (spec §3). Each structural test runs the same edit
// on two copies of the example, one checked before the edit and one never checked: after *Rimuovi
// evidenziazioni* the checked one must look exactly like the other.
import { checkWorkbook, SEVERITY_FILL } from "../../src/core";
import { removeAll, runCheck } from "../../src/gsheets/addon";
import { MEMORY_SHEET } from "../../src/core/memory";
import { FakeProperties, FakeProtection, FakeSheet, FakeSpreadsheet, spreadsheetFromGrid } from "./fakes";
import { exampleGrid, makeEnv, TODAY } from "./helpers";

const SHEET = "Alessandria 2022";
const PINKS = Object.values(SEVERITY_FILL).map((c) => c.toLowerCase());

/** The example with the user's banded fills on column D and C (rows 5-70) and a note of theirs on D8. */
async function userSpreadsheet(): Promise<FakeSpreadsheet> {
  const ss = spreadsheetFromGrid(await exampleGrid(), "Europe/Rome");
  const sheet = ss.sheet(SHEET);
  for (let r = 4; r < 70; r++) {
    sheet.backgrounds[r][3] = r % 2 ? "#cfe2f3" : "#d9ead3";
    sheet.backgrounds[r][2] = r % 3 ? "#fff2cc" : "#ffffff";
  }
  sheet.notes[7][3] = "Nota dell'ufficio: verificare con il dirigente";
  ss.active = ss.sheets.indexOf(sheet);
  return ss;
}

/** The flagged cells of the example's sheet (unique, A1). */
async function flaggedCells(): Promise<string[]> {
  const cells = checkWorkbook(await exampleGrid(), { today: TODAY })
    .findings.filter((f) => f.sheet === SHEET)
    .map((f) => f.cell);
  return [...new Set(cells)];
}

const look = (ss: FakeSpreadsheet) => ss.state().map((s) => ({ name: s.name, backgrounds: s.backgrounds, notes: s.notes }));
const pinkCells = (sheet: FakeSheet) => sheet.backgrounds.flat().filter((b) => PINKS.includes(b)).length;
const memorySheet = (ss: FakeSpreadsheet) => ss.sheets.find((s) => s.label === MEMORY_SHEET);

/** Checks a copy, applies `edit` to it and to an unchecked twin, removes the highlights; returns both and the removal. */
async function checkEditRemove(edit: (ss: FakeSpreadsheet) => void) {
  const checked = await userSpreadsheet();
  const twin = await userSpreadsheet();
  const props = new FakeProperties();
  const first = runCheck(makeEnv(checked, props), "active");
  expect(first.ok).toBe(true);
  expect(pinkCells(checked.sheet(SHEET))).toBe((await flaggedCells()).length);
  edit(checked);
  edit(twin);
  const removed = removeAll(makeEnv(checked, props));
  return { checked, twin, props, removed };
}

describe("highlights follow the cells (memory anchored by formulas in a hidden sheet)", () => {
  test("the memory is a hidden, warning-only protected sheet; the document properties stay empty", async () => {
    const ss = await userSpreadsheet();
    const props = new FakeProperties();
    runCheck(makeEnv(ss, props), "active");
    const mem = memorySheet(ss)!;
    expect(mem.hidden).toBe(true);
    expect(mem.protections.map((p) => p.warningOnly)).toEqual([true]);
    expect(ss.sheets[ss.active].label).toBe(SHEET); // creating it did not move the user away
    expect(mem.formulas.slice(1).filter((r) => r[1] !== "").map((r) => r[1])).toContain("='Alessandria 2022'!$D$7");
    expect(props.data.size).toBe(0);
  });

  test("a row inserted above the flagged cells: every cell gets its own original, the count is exact", async () => {
    const flagged = await flaggedCells();
    const { checked, twin, removed } = await checkEditRemove((ss) => ss.sheet(SHEET).insertRowsBefore(5, 1));
    expect(removed).toMatchObject({ ok: true, message: `Evidenziazioni rimosse da ${flagged.length} celle.` });
    expect(look(checked)).toEqual(look(twin));
    expect(pinkCells(checked.sheet(SHEET))).toBe(0);
  });

  test("rows inserted between flagged cells copy their pink: Rimuovi gives them the original they copied", async () => {
    const flagged = await flaggedCells();
    expect(flagged).toEqual(expect.arrayContaining(["D7", "D8", "D9"]));
    const { checked, twin, removed } = await checkEditRemove((ss) => ss.sheet(SHEET).insertRowsBefore(8, 2));
    expect(checked.sheet(SHEET).bgWrites.size).toBeGreaterThan(0);
    expect(removed.message).toBe(`Evidenziazioni rimosse da ${flagged.length} celle.`);
    expect(look(checked)).toEqual(look(twin));
    expect(pinkCells(checked.sheet(SHEET))).toBe(0);
  });

  test("a column inserted at the flagged column copies its pink, and gets the originals back", async () => {
    const { checked, twin } = await checkEditRemove((ss) => ss.sheet(SHEET).insertColumnsBefore(4, 1));
    expect(look(checked)).toEqual(look(twin));
    expect(pinkCells(checked.sheet(SHEET))).toBe(0);
  });

  test("a row deleted above adjacent flagged cells on banded fills: no band flips", async () => {
    const flagged = await flaggedCells();
    const { checked, twin, removed } = await checkEditRemove((ss) => ss.sheet(SHEET).deleteRows(3, 1));
    expect(removed.message).toBe(`Evidenziazioni rimosse da ${flagged.length} celle.`);
    expect(look(checked)).toEqual(look(twin));
  });

  test("a flagged cell's row deleted: its memory is forgotten, the others are restored and counted", async () => {
    const flagged = await flaggedCells();
    expect(flagged).toContain("D8");
    const { checked, twin, removed } = await checkEditRemove((ss) => ss.sheet(SHEET).deleteRows(8, 1));
    expect(removed.message).toBe(`Evidenziazioni rimosse da ${flagged.length - 1} celle.`);
    expect(look(checked)).toEqual(look(twin));
    expect(memorySheet(checked)!.values.slice(1).filter((r) => r[0] === "F")).toEqual([]);
  });

  test("a column inserted before the flagged cells", async () => {
    const { checked, twin, removed } = await checkEditRemove((ss) => ss.sheet(SHEET).insertColumnsBefore(2, 2));
    expect(removed.ok).toBe(true);
    expect(look(checked)).toEqual(look(twin));
  });

  test("a column deleted to the left of the flagged cells", async () => {
    const { checked, twin } = await checkEditRemove((ss) => ss.sheet(SHEET).deleteColumns(1, 1));
    expect(look(checked)).toEqual(look(twin));
  });

  test("flagged rows moved elsewhere by the user: each cell still gets its own original", async () => {
    const flagged = await flaggedCells();
    const { checked, twin, removed } = await checkEditRemove((ss) => {
      const sheet = ss.sheet(SHEET);
      sheet.moveRows(sheet.getRange("A7:Z8"), 40); // D7 and D8 go below row 39
    });
    expect(checked.sheet(SHEET).values[37][3]).toBe("in corso d'anno"); // D7 is now D38
    expect(removed.message).toBe(`Evidenziazioni rimosse da ${flagged.length} celle.`);
    expect(look(checked)).toEqual(look(twin));
  });

  test("a flagged cell cut and pasted elsewhere: its original goes with it", async () => {
    const flagged = await flaggedCells();
    const { checked, twin, removed } = await checkEditRemove((ss) => {
      const sheet = ss.sheet(SHEET);
      sheet.getRange("D8").moveTo(sheet.getRange("H30"));
    });
    expect(checked.sheet(SHEET).notes[29][7]).toBe("Nota dell'ufficio: verificare con il dirigente");
    expect(removed.message).toBe(`Evidenziazioni rimosse da ${flagged.length} celle.`);
    expect(look(checked)).toEqual(look(twin));
  });

  test("the sheet renamed after the check: Rimuovi restores everything", async () => {
    const flagged = await flaggedCells();
    const { checked, twin, removed } = await checkEditRemove((ss) => ss.sheet(SHEET).setName("Alessandria (bozza)"));
    expect(removed.message).toBe(`Evidenziazioni rimosse da ${flagged.length} celle.`);
    expect(look(checked)).toEqual(look(twin));
  });

  test("renamed, checked again, then removed: the pink is never taken for an original", async () => {
    const ss = await userSpreadsheet();
    const before = look(ss);
    const props = new FakeProperties();
    runCheck(makeEnv(ss, props), "active");
    ss.sheet(SHEET).setName("Alessandria");
    expect(runCheck(makeEnv(ss, props), "active").ok).toBe(true);
    expect(pinkCells(ss.sheet("Alessandria"))).toBe((await flaggedCells()).length);
    removeAll(makeEnv(ss, props));
    expect(look(ss).map((s) => ({ ...s, name: s.name === "Alessandria" ? SHEET : s.name }))).toEqual(before);
  });

  test("a re-run after a row insertion moves the marks with the cells, and the removal is still exact", async () => {
    const ss = await userSpreadsheet();
    const twin = await userSpreadsheet();
    const props = new FakeProperties();
    runCheck(makeEnv(ss, props), "active");
    for (const s of [ss, twin]) s.sheet(SHEET).insertRowsBefore(5, 3);
    expect(runCheck(makeEnv(ss, props), "active").ok).toBe(true);
    const notes = ss.sheet(SHEET).notes.flat().filter((n) => n.includes("Verifica PIAO:"));
    expect(notes.every((n) => n.split("Verifica PIAO:").length === 2)).toBe(true);
    expect(pinkCells(ss.sheet(SHEET))).toBe((await flaggedCells()).length);
    removeAll(makeEnv(ss, props));
    expect(look(ss)).toEqual(look(twin));
  });

  test("a deleted sheet: its memory is forgotten, the other sheets are restored", async () => {
    const ss = spreadsheetFromGrid(await exampleGrid(), "Europe/Rome");
    const props = new FakeProperties();
    runCheck(makeEnv(ss, props), "all");
    const other = ss.sheets.find((s) => s.label !== SHEET && pinkCells(s) > 0)!;
    const otherPink = pinkCells(other);
    ss.deleteSheet(ss.sheet(SHEET));
    const removed = removeAll(makeEnv(ss, props));
    expect(removed.ok).toBe(true);
    expect(ss.sheets.every((s) => pinkCells(s) === 0)).toBe(true);
    expect(Number(/\d+/.exec(removed.message)![0])).toBeGreaterThanOrEqual(otherPink);
  });

  test("a cell the user recoloured after the check keeps the user's colour and is not counted", async () => {
    const flagged = await flaggedCells();
    const { checked, removed } = await checkEditRemove((ss) => {
      ss.sheet(SHEET).backgrounds[6][3] = "#ff9900"; // D7
    });
    expect(removed.message).toBe(`Evidenziazioni rimosse da ${flagged.length - 1} celle.`);
    expect(checked.sheet(SHEET).backgrounds[6][3]).toBe("#ff9900");
  });
});

describe("notes", () => {
  test("our lines go below the user's note; removal and re-run take away only ours", async () => {
    const ss = await userSpreadsheet();
    const props = new FakeProperties();
    const sheet = ss.sheet(SHEET);
    runCheck(makeEnv(ss, props), "active");
    expect(sheet.notes[7][3]).toMatch(/^Nota dell'ufficio: verificare con il dirigente\n\nVerifica PIAO:\n• /);
    // The user adds to their own part of the note after the check.
    sheet.notes[7][3] = sheet.notes[7][3].replace("dirigente", "dirigente (fatto)");
    runCheck(makeEnv(ss, props), "active");
    expect(sheet.notes[7][3].split("Verifica PIAO:")).toHaveLength(2);
    expect(sheet.notes[7][3].startsWith("Nota dell'ufficio: verificare con il dirigente (fatto)\n\nVerifica PIAO:")).toBe(true);
    removeAll(makeEnv(ss, props));
    expect(sheet.notes[7][3]).toBe("Nota dell'ufficio: verificare con il dirigente (fatto)");
    expect(sheet.notes[6][3]).toBe("");
  });

  test("a user's edit of one of our lines: our other lines go, the edited line is the user's and stays", async () => {
    const ss = await userSpreadsheet();
    const props = new FakeProperties();
    const sheet = ss.sheet(SHEET);
    runCheck(makeEnv(ss, props), "active");
    const [prefix, first, ...rest] = sheet.notes[6][3].split("\n");
    expect(prefix).toBe("Verifica PIAO:");
    const edited = `${first} Risposta: la data arriva a dicembre`;
    sheet.notes[6][3] = [prefix, edited, ...rest].join("\n");
    removeAll(makeEnv(ss, props));
    expect(sheet.notes[6][3]).toBe(edited);
  });
});

describe("one check at a time (LockService document lock)", () => {
  test("a second check started while the first runs is refused in one Italian sentence; nothing doubles", async () => {
    const ss = await userSpreadsheet();
    const twin = await userSpreadsheet();
    const props = new FakeProperties();
    let second: ReturnType<typeof runCheck> | null = null;
    ss.log.onHit = (name) => {
      if (name === "Range.getBackgrounds" && !second) second = runCheck(makeEnv(ss, props), "active");
    };
    const first = runCheck(makeEnv(ss, props), "active");
    ss.log.onHit = null;
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, message: "Un'altra verifica o rimozione è in corso su questo documento: attendi che finisca e riprova." });
    expect(ss.locks.refused).toBe(1);
    expect(ss.sheet(SHEET).notes.flat().every((n) => n.split("Verifica PIAO:").length <= 2)).toBe(true);
    // The lock was released: a removal now runs and gives everything back.
    expect(removeAll(makeEnv(ss, props)).ok).toBe(true);
    expect(look(ss)).toEqual(look(twin));
  });

  test("a removal started during a check is refused too; a failing run releases the lock", async () => {
    const ss = await userSpreadsheet();
    const props = new FakeProperties();
    let removal: ReturnType<typeof removeAll> | null = null;
    ss.log.onHit = (name) => {
      if (name === "RangeList.setBackground" && !removal) removal = removeAll(makeEnv(ss, props));
    };
    runCheck(makeEnv(ss, props), "active");
    ss.log.onHit = null;
    expect(removal!.ok).toBe(false);
    expect(pinkCells(ss.sheet(SHEET))).toBeGreaterThan(0);
    const broken = ss.getSheets;
    ss.getSheets = () => {
      throw new Error("Service Spreadsheets timed out");
    };
    expect(() => runCheck(makeEnv(ss, props), "active")).toThrow("timed out");
    ss.getSheets = broken;
    expect(ss.locks.holder).toBeNull();
  });
});

describe("all or nothing", () => {
  test("the memory cannot be written (the spreadsheet's cell limit): nothing is coloured, one sentence says why", async () => {
    const ss = await userSpreadsheet();
    const props = new FakeProperties();
    const before = look(ss);
    ss.cellLimit = ss.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0) + 10;
    const view = runCheck(makeEnv(ss, props), "active");
    expect(view.ok).toBe(false);
    expect(view.message).toMatch(/^Non è stato possibile salvare la memoria dei colori originali \(.*limit of \d+ cells.*\), quindi nessuna cella è stata colorata\.$/);
    expect(view.counts!.warning).toBeGreaterThan(0); // the findings are still shown
    expect(look(ss)).toEqual(before);
  });

  test("the memory sheet locked by its owner against this user: a re-run changes nothing and says why", async () => {
    const ss = await userSpreadsheet();
    const props = new FakeProperties();
    runCheck(makeEnv(ss, props), "active");
    const sheet = ss.sheet(SHEET);
    sheet.values[6][3] = sheet.values[10][3]; // D7 fixed: the re-run would give it its colour back
    const before = look(ss);
    memorySheet(ss)!.protections.splice(0, 1, new FakeProtection(false));
    const view = runCheck(makeEnv(ss, props), "active");
    expect(view.ok).toBe(false);
    expect(view.message).toBe(
      "Non è stato possibile salvare la memoria dei colori originali (You are trying to edit a protected cell or object.), quindi nessuna cella è stata colorata.",
    );
    expect(look(ss)).toEqual(before);
  });

  test("a sheet protected by a collaborator while the marks are written: the memory still covers every mark", async () => {
    const ss = spreadsheetFromGrid(await exampleGrid(), "Europe/Rome");
    const before = look(ss);
    const props = new FakeProperties();
    const written = ss.sheets.filter((s) => s.label !== "Responsabili");
    const last = written[written.length - 1];
    ss.log.onHit = (name) => {
      // Once the memory is written, someone else protects the last sheet before it is coloured.
      if (name === "Range.setFormulas" && last.protections.length === 0) last.protections.push(new FakeProtection(false));
    };
    const view = runCheck(makeEnv(ss, props), "all");
    ss.log.onHit = null;
    expect(view.ok).toBe(false);
    expect(view.message).toMatch(/^Impossibile scrivere nel foglio ".+": You are trying to edit a protected cell or object\.$/);
    expect(ss.sheets.some((s) => pinkCells(s) > 0)).toBe(true);
    last.protections.length = 0;
    // A re-run over the doubled memory, then the removal: every cell exactly as before.
    expect(runCheck(makeEnv(ss, props), "all").ok).toBe(true);
    expect(removeAll(makeEnv(ss, props)).ok).toBe(true);
    expect(look(ss).map((s) => [s.backgrounds, s.notes])).toEqual(before.map((s) => [s.backgrounds, s.notes]));
  });

  test("Verifica tutti i fogli with 3 sheets x 2,501 flagged cells works and is fully removable", async () => {
    const grid = await exampleGrid();
    const source = grid.sheets.find((x) => x.name === SHEET)!;
    // Objective A's phase 1 ("in corso d'anno", flagged) repeated 2,501 times, weights split.
    const phase = source.values[6].map((v, c) => (c === 1 ? 1 / 2501 : v));
    const sheets = ["Uno", "Due", "Tre"].map((name) => ({
      name,
      values: [...source.values.slice(0, 6), ...Array.from({ length: 2501 }, () => [...phase]), ...source.values.slice(9, 14)],
      formats: [...source.formats!.slice(0, 6), ...Array.from({ length: 2501 }, () => [...source.formats![6]]), ...source.formats!.slice(9, 14)],
      merges: [],
    }));
    grid.sheets = [...sheets, grid.sheets.find((x) => x.name === "Responsabili")!];
    const findings = checkWorkbook(grid, { today: TODAY }).findings;
    const flagged = (name: string) => new Set(findings.filter((f) => f.sheet === name).map((f) => f.cell)).size;
    const ss = spreadsheetFromGrid(grid, "Europe/Rome");
    const before = look(ss);
    const props = new FakeProperties();
    const view = runCheck(makeEnv(ss, props), "all");
    expect(view.ok).toBe(true);
    let total = 0;
    for (const name of ["Uno", "Due", "Tre"]) {
      expect(flagged(name)).toBeGreaterThanOrEqual(2501);
      expect(pinkCells(ss.sheet(name))).toBe(flagged(name));
      total += flagged(name);
    }
    expect(props.data.size).toBe(0);
    const removed = removeAll(makeEnv(ss, props));
    expect(removed.message).toBe(`Evidenziazioni rimosse da ${total} celle.`);
    expect(look(ss).map((s) => [s.backgrounds, s.notes])).toEqual(before.map((s) => [s.backgrounds, s.notes]));
  });
});

describe("summary column (spec §3)", () => {
  async function summarySetup() {
    const ss = spreadsheetFromGrid(await exampleGrid(), "Europe/Rome");
    const sheet = ss.sheet("Polizia locale");
    ss.active = ss.sheets.indexOf(sheet);
    const { col, firstRow, lines } = checkWorkbook(await exampleGrid(), { today: TODAY, sheet: "Polizia locale" }).objectives[0].summary;
    expect(col).toBe(5);
    return { ss, sheet, firstRow, lines, props: new FakeProperties() };
  }

  test("a formula whose result is empty is the user's: the summary goes to the next free column", async () => {
    const { ss, sheet, firstRow, lines, props } = await summarySetup();
    sheet.formulas[firstRow + 1][5] = '=IF(E7="";"";"da verificare")';
    runCheck(makeEnv(ss, props), "active");
    expect(sheet.formulas[firstRow + 1][5]).toBe('=IF(E7="";"";"da verificare")');
    expect(sheet.values.slice(firstRow, firstRow + lines.length).every((row) => row[5] === "")).toBe(true);
    expect(String(sheet.values[firstRow][6])).toMatch(/^Sintesi monitoraggio al /);
  });

  test("a user's edit of our line is kept on a re-run; our other cells are replaced, not duplicated", async () => {
    const { ss, sheet, firstRow, lines, props } = await summarySetup();
    runCheck(makeEnv(ss, props), "active");
    const i = lines.findIndex((l, k) => k > 0 && l !== "");
    sheet.values[firstRow + i][5] = "Fase rinviata dalla Giunta";
    runCheck(makeEnv(ss, props), "active");
    expect(sheet.values[firstRow + i][5]).toBe("Fase rinviata dalla Giunta");
    const ourHeaders = sheet.values.flat().filter((v) => String(v).startsWith("Sintesi monitoraggio al"));
    expect(ourHeaders).toHaveLength(1);
  });

  test("rows without a line get nothing: the user's text there stays", async () => {
    const { ss, sheet, firstRow, lines, props } = await summarySetup();
    runCheck(makeEnv(ss, props), "active");
    const empty = lines.findIndex((l) => l === "");
    expect(empty).toBeGreaterThan(0);
    sheet.values[firstRow + empty][5] = "appunto";
    sheet.bgWrites.clear();
    runCheck(makeEnv(ss, props), "active");
    expect(sheet.values[firstRow + empty][5]).toBe("appunto");
    expect(String(sheet.values[firstRow][5])).toMatch(/^Sintesi monitoraggio al /);
  });

  test("never into a hidden column", async () => {
    const { ss, sheet, firstRow, props } = await summarySetup();
    sheet.hideColumns(6, 1); // F
    runCheck(makeEnv(ss, props), "active");
    expect(sheet.values.every((row) => row[5] === "")).toBe(true);
    expect(String(sheet.values[firstRow][6])).toMatch(/^Sintesi monitoraggio al /);
  });

  test("the summary cells follow a row insertion and are still ours on the next run", async () => {
    const { ss, sheet, firstRow, props } = await summarySetup();
    runCheck(makeEnv(ss, props), "active");
    sheet.insertRowsBefore(1, 2);
    runCheck(makeEnv(ss, props), "active");
    expect(String(sheet.values[firstRow + 2][5])).toMatch(/^Sintesi monitoraggio al /);
    expect(sheet.values.flat().filter((v) => String(v).startsWith("Sintesi monitoraggio al"))).toHaveLength(1);
  });
});

describe("highlights left by an earlier version (originals in the document properties)", () => {
  test("Rimuovi gives them back and deletes the old entries; a later check keeps its memory in the sheet", async () => {
    const ss = await userSpreadsheet();
    const twin = await userSpreadsheet();
    const sheet = ss.sheet(SHEET);
    const props = new FakeProperties();
    // What the earlier version wrote for D7 and D8: the cells, and [row, col, origBg, appliedBg, origNote, appliedNote].
    const ours = "Verifica PIAO:\n• Obiettivo A: la scadenza della fase 1 è un testo.";
    const records = [
      [6, 3, sheet.backgrounds[6][3], "#FFEB9C", "", ours],
      [7, 3, sheet.backgrounds[7][3], "#FFC7CE", sheet.notes[7][3], `${sheet.notes[7][3]}\n\n${ours}`],
    ] as const;
    for (const [row, col, , applied, , note] of records) {
      sheet.backgrounds[row][col] = applied.toLowerCase();
      sheet.notes[row][col] = note;
    }
    props.setProperties({ [`vpiao.hl.${sheet.sheetId}`]: "1", [`vpiao.hl.${sheet.sheetId}.0`]: JSON.stringify(records), "vpiao.settings": "{}" });
    const removed = removeAll(makeEnv(ss, props));
    expect(removed.message).toBe("Evidenziazioni rimosse da 2 celle.");
    expect(look(ss)).toEqual(look(twin));
    expect([...props.data.keys()]).toEqual(["vpiao.settings"]);
  });
});
