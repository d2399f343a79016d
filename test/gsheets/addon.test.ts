import { checkWorkbook, SEVERITY_FILL } from "../../src/core";
import type { WorkbookGrid } from "../../src/core";
import { removeAll, runCheck, saveSettings, selectCell } from "../../src/gsheets/addon";
import { readWorkbook } from "../../src/gsheets/read";
import { MEMORY_SHEET } from "../../src/core/memory";
import { FakeProperties, FakeProtection, FakeSpreadsheet, formatDate, isDateFormat, spreadsheetFromGrid } from "./fakes";
import { exampleGrid, exampleSpreadsheet, flatFindings, makeEnv, sortFindings, TODAY } from "./helpers";

/** The rows of the hidden memory sheet (none when it does not exist). */
const memoryRows = (ss: FakeSpreadsheet) => {
  const mem = ss.sheets.find((s) => s.label === MEMORY_SHEET);
  return mem ? mem.values.slice(1).filter((row) => row[0] !== "") : [];
};

describe("the example workbook through the Sheets adapter and through the CLI's reader", () => {
  test.each(["Europe/Rome", "America/Los_Angeles", "Pacific/Auckland", "UTC"])(
    "same findings (rule, severity, sheet, cell, message), spreadsheet in %s",
    async (timeZone) => {
      const cliGrid = await exampleGrid();
      const cli = checkWorkbook(cliGrid, { today: TODAY });
      const ss = spreadsheetFromGrid(await exampleGrid(), timeZone);
      const view = runCheck(makeEnv(ss), "all");
      expect(view.ok).toBe(true);
      expect(cli.findings.length).toBeGreaterThan(5);
      expect(flatFindings(view)).toEqual(sortFindings(cli.findings));
      expect(view.counts).toEqual(cli.counts);
      expect(view.referenceDate).toBe(cli.referenceDate);
      expect(view.objectives.map((o) => [o.sheet, o.name, o.progress])).toEqual(
        cli.objectives.map((o) => [o.sheet, o.name, o.progress]),
      );
    },
  );

  test("date cells arrive as JS Dates at midnight of the spreadsheet's zone and read back as the CLI's serials", async () => {
    const cliGrid = await exampleGrid();
    const ss = spreadsheetFromGrid(await exampleGrid(), "Europe/Rome");
    const dates: { sheet: number; r: number; c: number }[] = [];
    ss.sheets.forEach((s, i) => s.values.forEach((row, r) => row.forEach((v, c) => v instanceof Date && dates.push({ sheet: i, r, c }))));
    expect(dates.length).toBeGreaterThan(50);
    // Midnight in Rome is the previous day in UTC: a converter reading UTC fields would be off by one.
    const first = ss.sheets[dates[0].sheet].values[dates[0].r][dates[0].c] as Date;
    expect(first.getUTCHours()).toBeGreaterThanOrEqual(22);
    const read: WorkbookGrid = readWorkbook(ss, formatDate);
    for (const { sheet, r, c } of dates) {
      expect(read.sheets[sheet].values[r][c]).toBe(cliGrid.sheets[sheet].values[r][c]);
      expect(isDateFormat(read.sheets[sheet].formats?.[r]?.[c])).toBe(true);
    }
    expect(read.sheets.map((s) => s.merges)).toEqual(cliGrid.sheets.map((s) => s.merges));
  });

  test("checking the active sheet gives that sheet's findings, as the CLI with --sheet", async () => {
    const cli = checkWorkbook(await exampleGrid(), { today: TODAY, sheet: "Monitoraggio 2024" });
    const ss = await exampleSpreadsheet();
    ss.active = ss.sheets.findIndex((s) => s.label === "Monitoraggio 2024");
    const view = runCheck(makeEnv(ss), "active");
    expect(flatFindings(view)).toEqual(sortFindings(cli.findings));
    expect(view.objectives.every((o) => o.sheet === "Monitoraggio 2024")).toBe(true);
    expect(view.objectives.some((o) => o.hasMonitoring && o.progress !== null)).toBe(true);
    // Other sheets are not touched.
    expect(ss.sheet("Risorse finanziarie").backgrounds.flat().every((b) => b === "#ffffff")).toBe(true);
  });
});

describe("batch calls", () => {
  /** The "Polizia locale" sheet of the example with `rows` rows of notes below its table. */
  async function sheetWithRows(rows: number): Promise<FakeSpreadsheet> {
    const grid = await exampleGrid();
    const sheet = grid.sheets.find((s) => s.name === "Polizia locale")!;
    for (let r = sheet.values.length; r < rows; r++) sheet.values.push(["", `Nota di monitoraggio n. ${r}`]);
    grid.sheets = [sheet, grid.sheets.find((s) => s.name === "Responsabili")!];
    const ss = spreadsheetFromGrid(grid, "Europe/Rome");
    return ss;
  }

  test("the number of Spreadsheet calls of a check does not grow with the number of rows (15 vs 5,000)", async () => {
    const small = await sheetWithRows(15);
    const big = await sheetWithRows(5000);
    expect(small.sheets[0].getDataRange().rows).toBeLessThan(20);
    expect(big.sheets[0].getDataRange().rows).toBe(5000);
    small.log.reset();
    big.log.reset();
    const a = runCheck(makeEnv(small), "active");
    const b = runCheck(makeEnv(big), "active");
    expect(flatFindings(b)).toEqual(flatFindings(a));
    expect(a.counts!.error + a.counts!.warning + a.counts!.info).toBeGreaterThan(0);
    expect(big.log.snapshot()).toEqual(small.log.snapshot());
    // One read of each kind per sheet; per highlighted sheet one notes write and one background
    // write per colour used (here one: the sheet's only finding, D7, is an info).
    expect(big.log.counts.get("Range.getValues")).toBe(2);
    expect(big.log.counts.get("Range.getNumberFormats")).toBe(2);
    expect(flatFindings(b).map((f) => [f.cell, f.severity])).toEqual([["D7", "info"]]);
    expect(big.log.counts.get("RangeList.setBackground")).toBe(1);
    expect(big.log.counts.get("Range.setNotes")).toBe(1);
    // The memory sheet's header and rows, and one summary column block.
    expect(big.log.counts.get("Range.setValues")).toBe(3);
    // The first check also creates the hidden memory sheet and writes its rows (a dozen calls).
    expect(big.log.total()).toBeLessThan(55);
  });

  test("a re-run and a removal also stay constant in calls", async () => {
    const small = await sheetWithRows(15);
    const big = await sheetWithRows(5000);
    for (const ss of [small, big]) {
      runCheck(makeEnv(ss), "active");
      ss.log.reset();
    }
    const propsSmall = new FakeProperties();
    const propsBig = new FakeProperties();
    runCheck(makeEnv(small, propsSmall), "active");
    runCheck(makeEnv(big, propsBig), "active");
    small.log.reset();
    big.log.reset();
    runCheck(makeEnv(small, propsSmall), "active");
    runCheck(makeEnv(big, propsBig), "active");
    removeAll(makeEnv(small, propsSmall));
    removeAll(makeEnv(big, propsBig));
    expect(big.log.snapshot()).toEqual(small.log.snapshot());
  });
});

describe("background writes", () => {
  /**
   * The Avvocatura's objective A (sheet "Alessandria 2022") with its three phases repeated `k`
   * times (weights divided by k): every phase deadline is flagged, phases 1-2 "in corso d'anno"
   * (warning), phase 3 moved after the final deadline (error). The flagged cells carry a user's
   * colour by phase: green, blue, none.
   */
  async function repeatedPhases(k: number) {
    const grid = await exampleGrid();
    const s = grid.sheets.find((x) => x.name === "Alessandria 2022")!;
    const phases = s.values.slice(6, 9).map((row) => row.map((v, c) => (c === 1 && typeof v === "number" ? v / k : v)));
    phases[2][3] = 45000; // 15/03/2023, after the final deadline 31/12/2022
    const formats = s.formats!.slice(6, 9).map((row, i) => (i === 2 ? [...row.slice(0, 3), "dd/mm/yyyy"] : row));
    const repeat = <T>(rows: T[][]) => Array.from({ length: k }, () => rows.map((r) => [...r])).flat();
    s.values = [...s.values.slice(0, 6), ...repeat(phases), ...s.values.slice(9, 14)];
    s.formats = [...s.formats!.slice(0, 6), ...repeat(formats), ...s.formats!.slice(9, 14)];
    s.merges = [];
    grid.sheets = [s, grid.sheets.find((x) => x.name === "Responsabili")!];
    const ss = spreadsheetFromGrid(grid, "Europe/Rome");
    const sheet = ss.sheets[0];
    for (let i = 0; i < 3 * k; i++) sheet.backgrounds[6 + i][3] = ["#00ff00", "#cfe2f3", "#ffffff"][i % 3];
    return { ss, sheet };
  }

  test("one call per colour: 3 or 300 flagged cells, the same calls for a check, a re-run and a removal", async () => {
    const small = await repeatedPhases(1);
    const big = await repeatedPhases(100);
    const propsSmall = new FakeProperties();
    const propsBig = new FakeProperties();
    const before = big.ss.state();
    const logs: Record<string, number>[][] = [[], []];
    for (const step of [
      (ss: FakeSpreadsheet, props: FakeProperties) => runCheck(makeEnv(ss, props), "all"),
      (ss: FakeSpreadsheet, props: FakeProperties) => runCheck(makeEnv(ss, props), "all"),
      (ss: FakeSpreadsheet, props: FakeProperties) => removeAll(makeEnv(ss, props)),
    ]) {
      for (const [i, { ss }, props] of [[0, small, propsSmall], [1, big, propsBig]] as const) {
        ss.log.reset();
        expect(step(ss, props).ok).toBe(true);
        logs[i].push(ss.log.snapshot());
      }
    }
    // The memory sheet grows by one insertRowsAfter when the big sheet's rows pass its 1,000 rows.
    const withoutGrowth = (l: Record<string, number>) => Object.fromEntries(Object.entries(l).filter(([k]) => k !== "Sheet.insertRowsAfter"));
    expect(logs[1].map(withoutGrowth)).toEqual(logs[0].map(withoutGrowth));
    const flagged = [...big.sheet.bgWrites.keys()].filter((a) => a.startsWith("D"));
    expect(flagged.length).toBe(300);
    // Check and re-run: the warning and the error colour. Removal: green, blue and a reset (null).
    expect(logs[1].map((l) => l["RangeList.setBackground"])).toEqual([2, 2, 3]);
    // The summary column stays (content, not a highlight); colours and notes are as before.
    expect(big.ss.state().map((x) => [x.backgrounds, x.notes])).toEqual(before.map((x) => [x.backgrounds, x.notes]));
  });

  test("only the flagged cells are written; an original white is put back as no fill", async () => {
    const ss = await exampleSpreadsheet();
    const props = new FakeProperties();
    const sheet = ss.sheet("Alessandria 2022");
    sheet.backgrounds[6][3] = "#00ff00"; // D7, flagged
    sheet.backgrounds[20][2] = "#cfe2f3"; // C21, inside the flagged cells' box, not flagged
    const flagged = checkWorkbook(await exampleGrid(), { today: TODAY })
      .findings.filter((f) => f.sheet === "Alessandria 2022")
      .map((f) => f.cell);
    expect(flagged).toEqual(["D7", "D8", "D9", "C24", "D44", "D61"]);
    runCheck(makeEnv(ss, props), "all");
    expect([...sheet.bgWrites.keys()].sort()).toEqual([...flagged].sort());
    sheet.bgWrites.clear();
    removeAll(makeEnv(ss, props));
    expect(Object.fromEntries(sheet.bgWrites)).toEqual({ D7: "#00ff00", D8: null, D9: null, C24: null, D44: null, D61: null });
    expect(sheet.backgrounds[20][2]).toBe("#cfe2f3");
  });
});

describe("highlights", () => {
  async function prepared() {
    const ss = await exampleSpreadsheet();
    const props = new FakeProperties();
    const sheet = ss.sheet("Alessandria 2022");
    // A user's own colours and notes, some on cells the check will flag.
    const cli = checkWorkbook(await exampleGrid(), { today: TODAY });
    const flagged = cli.findings.filter((f) => f.sheet === "Alessandria 2022");
    expect(flagged.length).toBeGreaterThanOrEqual(2);
    sheet.backgrounds[flagged[0].row][flagged[0].col] = "#00ff00";
    sheet.notes[flagged[1].row][flagged[1].col] = "Nota dell'ufficio: verificare con il dirigente";
    sheet.backgrounds[0][1] = "#cfe2f3";
    return { ss, props, sheet, flagged, cli };
  }

  test("highlight then remove restores backgrounds and notes exactly", async () => {
    const { ss, props, sheet, flagged } = await prepared();
    const before = ss.state();
    const view = runCheck(makeEnv(ss, props), "all");
    expect(view.ok).toBe(true);
    const f0 = flagged[0];
    expect(sheet.backgrounds[f0.row][f0.col]).toBe(SEVERITY_FILL[f0.severity].toLowerCase());
    const note1 = sheet.notes[flagged[1].row][flagged[1].col];
    expect(note1.startsWith("Nota dell'ufficio: verificare con il dirigente\n\nVerifica PIAO:")).toBe(true);
    expect(note1).toContain(flagged[1].message);
    expect(memoryRows(ss).filter((row) => row[0] === "F" && row[2] === String(sheet.sheetId)).length).toBe(new Set(flagged.map((f) => f.cell)).size);
    expect(props.data.size).toBe(0);

    const removed = removeAll(makeEnv(ss, props));
    expect(removed.ok).toBe(true);
    const after = ss.state();
    expect(after.map((s) => s.backgrounds)).toEqual(before.map((s) => s.backgrounds));
    expect(after.map((s) => s.notes)).toEqual(before.map((s) => s.notes));
    expect(memoryRows(ss).filter((row) => row[0] === "F")).toEqual([]);
    expect(removeAll(makeEnv(ss, props)).message).toBe("Non ci sono evidenziazioni da rimuovere.");
  });

  test("a re-run leaves one set of highlights, notes and summary columns", async () => {
    const { ss, props } = await prepared();
    const before = ss.state();
    runCheck(makeEnv(ss, props), "all");
    const once = ss.state();
    const stored = new Map(props.data);
    runCheck(makeEnv(ss, props), "all");
    expect(ss.state()).toEqual(once);
    expect(props.data).toEqual(stored);
    expect(once.flatMap((s) => s.notes.flat()).every((n) => n.split("Verifica PIAO:").length <= 2)).toBe(true);
    removeAll(makeEnv(ss, props));
    expect(ss.state().map((s) => [s.backgrounds, s.notes])).toEqual(before.map((s) => [s.backgrounds, s.notes]));
  });

  test("a fixed cell gets its own colour back on the next run", async () => {
    const { ss, props, sheet } = await prepared();
    const before = ss.state().find((s) => s.name === "Alessandria 2022")!;
    runCheck(makeEnv(ss, props), "all");
    // "in corso d'anno" (a text deadline, scadenza-text) replaced by a date.
    const r = sheet.values.findIndex((row) => row[3] === "in corso d'anno");
    expect(r).toBe(6); // D7, fase 1 of the Avvocatura's objective A
    expect(sheet.backgrounds[r][3]).toBe(SEVERITY_FILL.warning.toLowerCase());
    expect(sheet.notes[r][3]).toContain("in corso d'anno");
    sheet.values[r][3] = sheet.values[r + 4][3]; // the block's final deadline, 31/12/2022
    sheet.formats[r][3] = "dd/MM/yyyy";
    runCheck(makeEnv(ss, props), "all");
    expect(sheet.backgrounds[r][3]).toBe(before.backgrounds[r][3]);
    expect(before.backgrounds[r][3]).toBe("#00ff00"); // the user's colour, set in prepared()
    expect(sheet.notes[r][3]).toBe("");
  });

  test("a colour the user changes after the check is kept by the removal", async () => {
    const { ss, props, sheet, flagged } = await prepared();
    runCheck(makeEnv(ss, props), "all");
    const f = flagged[2] ?? flagged[1];
    sheet.backgrounds[f.row][f.col] = "#ff9900";
    removeAll(makeEnv(ss, props));
    expect(sheet.backgrounds[f.row][f.col]).toBe("#ff9900");
  });

  test("a protected sheet: a clear message naming it, nothing changed", async () => {
    const { ss, props, sheet } = await prepared();
    sheet.protections.push(new FakeProtection(false));
    const before = ss.state();
    const view = runCheck(makeEnv(ss, props), "all");
    expect(view.ok).toBe(false);
    expect(view.message).toBe(
      'Il foglio "Alessandria 2022" è protetto e non puoi modificarlo: nessuna modifica è stata fatta. Chiedi a chi l\'ha protetto di concederti l\'accesso o di rimuovere la protezione.',
    );
    expect(view.counts!.error).toBeGreaterThan(0); // the findings are still shown in the sidebar
    expect(ss.state()).toEqual(before);
    expect(props.data.size).toBe(0);
    expect(ss.log.counts.get("RangeList.setBackground") ?? 0).toBe(0);
  });

  test("a protected range over a cell to highlight: a message naming sheet and range, nothing changed", async () => {
    const { ss, props, sheet } = await prepared();
    sheet.rangeProtections.push(new FakeProtection(false, sheet.getRange("D7:D9")));
    const before = ss.state();
    const view = runCheck(makeEnv(ss, props), "all");
    expect(view.ok).toBe(false);
    expect(view.message).toBe(
      'Nel foglio "Alessandria 2022" l\'intervallo D7:D9 è protetto e non puoi modificarlo: nessuna modifica è stata fatta.',
    );
    expect(ss.state()).toEqual(before);
    expect(props.data.size).toBe(0);
  });

  test("a protected range away from the written cells does not block", async () => {
    const { ss, props, sheet } = await prepared();
    sheet.rangeProtections.push(new FakeProtection(false, sheet.getRange("A1:B2")));
    expect(runCheck(makeEnv(ss, props), "all").ok).toBe(true);
    expect(sheet.backgrounds[6][3]).toBe(SEVERITY_FILL.warning.toLowerCase());
  });

  test("a protection the user can edit (owner) does not block", async () => {
    const { ss, props, sheet } = await prepared();
    sheet.protections.push(new FakeProtection(true));
    expect(runCheck(makeEnv(ss, props), "all").ok).toBe(true);
  });

  test("removing on a sheet protected since the check changes nothing", async () => {
    const { ss, props, sheet } = await prepared();
    runCheck(makeEnv(ss, props), "all");
    sheet.protections.push(new FakeProtection(false));
    const before = ss.state();
    const stored = new Map(props.data);
    const view = removeAll(makeEnv(ss, props, "en"));
    expect(view.ok).toBe(false);
    expect(view.message).toContain('The sheet "Alessandria 2022" is protected');
    expect(ss.state()).toEqual(before);
    expect(props.data).toEqual(stored);
  });

  test("a sheet without a phase table: a message, nothing changed", async () => {
    const ss = await exampleSpreadsheet();
    const notes = ss.addSheet("Note");
    notes.values[0][0] = "Appunti per la riunione del 12/03/2024";
    ss.active = ss.sheets.length - 1;
    const props = new FakeProperties();
    const before = ss.state();
    const view = runCheck(makeEnv(ss, props), "active");
    expect(view.ok).toBe(false);
    expect(view.message).toBe(
      'Nessuna tabella di fasi (intestazione con "Incidenza" e "Scadenze") trovata nel foglio "Note": nessuna modifica è stata fatta.',
    );
    expect(view.general.map((f) => [f.rule, f.sheet, f.cell])).toEqual([["table-not-found", "Note", "A1"]]);
    expect(ss.state()).toEqual(before);
    expect(props.data.size).toBe(0);
  });
});

describe("summary column", () => {
  test("never overwrites a user's cell; a re-run replaces its own column", async () => {
    const ss = await exampleSpreadsheet();
    const sheet = ss.sheet("Polizia locale");
    const cli = checkWorkbook(await exampleGrid(), { today: TODAY, sheet: "Polizia locale" });
    const { col, firstRow, lines } = cli.objectives[0].summary;
    expect(col).toBe(5); // F: right of the block's last column (E)
    sheet.values[firstRow + 2][5] = "appunto dell'ufficio";
    ss.active = ss.sheets.indexOf(sheet);
    const props = new FakeProperties();
    runCheck(makeEnv(ss, props), "active");
    expect(sheet.values[firstRow + 2][5]).toBe("appunto dell'ufficio");
    const written = sheet.values.slice(firstRow, firstRow + lines.length).map((row) => row[6]);
    expect(String(written[0])).toMatch(/^Sintesi monitoraggio al \d\d\/\d\d\/\d{4}$/);
    expect(written.filter((v) => v !== "").length).toBeGreaterThan(2);
    const afterFirst = ss.state();
    runCheck(makeEnv(ss, props), "active");
    expect(ss.state()).toEqual(afterFirst);
    expect(sheet.values.some((row) => row[7] !== "")).toBe(false); // no third column
  });

  test("a summary beyond the sheet's last column adds the columns it needs", async () => {
    const grid = await exampleGrid();
    const ss = spreadsheetFromGrid(grid, "Europe/Rome");
    const sheet = ss.sheet("Polizia locale");
    // A sheet cut right after the table, as Sheets allows.
    for (const g of [sheet.values, sheet.formats, sheet.backgrounds, sheet.notes] as unknown[][][]) for (const row of g) row.length = 5;
    sheet.maxCols = 5;
    ss.active = ss.sheets.indexOf(sheet);
    const view = runCheck(makeEnv(ss), "active");
    expect(view.ok).toBe(true);
    expect(sheet.maxCols).toBe(6);
    expect(String(sheet.values[5][5])).toContain("Sintesi monitoraggio al");
  });
});

describe("settings, language, selection", () => {
  test("settings are validated by the core's schema and used by the next check", async () => {
    const ss = await exampleSpreadsheet();
    const props = new FakeProperties();
    const bad = saveSettings(makeEnv(ss, props), { period: "2024-2022" });
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual(["period: il primo anno deve precedere il secondo"]);
    expect(props.data.size).toBe(0);
    expect(saveSettings(makeEnv(ss, props), { referenceDate: "2022-06-30", period: "2022-2024" }).ok).toBe(true);
    const view = runCheck(makeEnv(ss, props), "all");
    expect(view.referenceDate).toBe("2022-06-30");
    const cli = checkWorkbook(await exampleGrid(), { today: TODAY, config: { referenceDate: "2022-06-30", period: "2022-2024" } });
    expect(flatFindings(view)).toEqual(sortFindings(cli.findings));
  });

  test("unreadable saved settings count as none: the check still runs with the defaults", async () => {
    const ss = await exampleSpreadsheet();
    const props = new FakeProperties();
    props.data.set("vpiao.settings", "{not json");
    const view = runCheck(makeEnv(ss, props), "all");
    expect(view.ok).toBe(true);
    expect(flatFindings(view)).toEqual(sortFindings(checkWorkbook(await exampleGrid(), { today: TODAY }).findings));
  });

  test("English users get English messages", async () => {
    const ss = await exampleSpreadsheet();
    const view = runCheck(makeEnv(ss, new FakeProperties(), "en"), "all");
    const cli = checkWorkbook(await exampleGrid(), { today: TODAY, config: { lang: "en" } });
    expect(view.message).toMatch(/^Check complete: \d+ errors/);
    expect(flatFindings(view)).toEqual(sortFindings(cli.findings));
  });

  test("selectCell activates the sheet and the cell", async () => {
    const ss = await exampleSpreadsheet();
    expect(selectCell(makeEnv(ss), "Trasparenza", "D11").ok).toBe(true);
    expect(ss.sheet("Trasparenza").activations).toBe(1);
    expect(ss.sheet("Trasparenza").activeCell).toBe("D11");
    expect(selectCell(makeEnv(ss), "Cancellato", "A1").message).toBe('Il foglio "Cancellato" non esiste più.');
  });
});
