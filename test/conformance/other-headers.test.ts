// Spec §1, "Other administrations' headers" (issue 13): the real corpus tables laid out with other
// administrations' header texts, a phase-number column and the user's own headers, checked exactly as
// Alessandria's; and nothing else turned into a table by the synonyms.
import { checkWorkbook, expectedHeaders, parseConfig, type CellValue, type CheckOptions, type Finding, type SheetGrid, type WorkbookGrid } from "../../src/core";
import { corpusResponsabili, dateCell, finale, HEADER_ROW, pct, toSheet, type Cell } from "../rules/helpers";
import { asNumber, relayout } from "./headers-fixtures";
import { eventi, fasi001, notifiche, regolamento, sistemaPerformance } from "../rules/tables";

const OPTIONS: CheckOptions = { today: "2022-12-31" };

const where = (list: Finding[]) => list.map((f) => `${f.rule}@${f.sheet}!${f.cell}`);

function expectSameCheck(actual: WorkbookGrid, expected: WorkbookGrid, options: CheckOptions = OPTIONS): void {
  const a = checkWorkbook(actual, options);
  const e = checkWorkbook(expected, options);
  expect(where(a.findings)).toEqual(where(e.findings));
  const summary = (r: typeof a) => r.objectives.map((o) => ({ phases: o.phases, total: o.incidenzaTotal, final: o.finalDeadline, progress: o.progress, statuses: o.phaseStatuses.map((s) => s.status) }));
  expect(summary(a)).toEqual(summary(e));
  expect(a.objectives.length).toBeGreaterThan(0);
}

// 000-obj-009, Obiettivo B (seed 000, L1411): fase 3's deadline 30/09/2021 comes before fase 2's (scadenza-order).
const PERFORMANCE = sistemaPerformance();

describe("header synonyms (spec §1 table)", () => {
  it.each(["Peso %", "Peso ponderale", "Pesatura", "PONDERAZIONE", "Peso\n(%)"])("weight column «%s»", (weight) => {
    expectSameCheck(relayout(PERFORMANCE, ["", "Descrizione", weight, "Codifica Responsabili coinvolti", "Scadenze previste"]), PERFORMANCE);
  });

  it.each(["Termine", "Termine previsto", "Data fine", "Data di fine", "Data conclusione", "Data di conclusione", "DATA  DI\nCONCLUSIONE"])("deadline column «%s»", (deadline) => {
    expectSameCheck(relayout(PERFORMANCE, ["", "Descrizione", "Incidenza %", "Codifica Responsabili coinvolti", deadline]), PERFORMANCE);
  });

  it.each(["Attività", "Attivita'", "Azioni", "Azione prevista"])("description column «%s»", (description) => {
    expectSameCheck(relayout(PERFORMANCE, ["", description, "Incidenza %", "Codifica Responsabili coinvolti", "Scadenze previste"]), PERFORMANCE);
  });

  it.each(["Responsabile", "Codice struttura responsabile", "Responsabili coinvolti"])("codes column «%s»", (codes) => {
    expectSameCheck(relayout(PERFORMANCE, ["", "Attività", "Peso %", codes, "Termine"]), PERFORMANCE);
  });

  it("reads a synonym only at the start of a word: «Ponderazione» is a weight, not an «azion…» description", () => {
    const found = checkWorkbook(relayout(PERFORMANCE, ["", "Descrizione", "Ponderazione", null, "Termine"]), OPTIONS);
    expect(found.objectives).toHaveLength(1);
    // With only "Ponderazione" there is no weight column that "…azione" would have to beat: the weights are read.
    expect(found.objectives[0].incidenzaTotal).toBe(100);
    const noWeight = checkWorkbook(relayout(PERFORMANCE, ["", "Descrizione", "Spesometro", null, "Termine"]), OPTIONS);
    expect(noWeight.findings.map((f) => f.rule)).toEqual(["table-not-found"]);
  });
});

describe("the phase-number column", () => {
  it.each(["N.", "N°", "n.", "Nr", "Num", "Fase"])("«%s» numbers the phases like «fase N» labels", (header) => {
    expectSameCheck(relayout(PERFORMANCE, [header, "Descrizione", "Peso %", "Responsabile", "Termine"], asNumber), PERFORMANCE);
  });

  it("reads numbers written as numbers, with a dot, or as text", () => {
    const labels = new Map<string, CellValue>([["fase 1:", 1], ["fase 2:", "2."], ["fase 3:", "3"], ["fase: 4", 4]]);
    expectSameCheck(relayout(PERFORMANCE, ["N.", "Attività", "Peso %", "Responsabile", "Termine"], (f) => labels.get(f) ?? f), PERFORMANCE);
  });

  it("names phases the way the table does: «attività 3» under Attività, «fase 3» under Fase, «azione 3» under Azioni", () => {
    const message = (header: string[]) => checkWorkbook(relayout(PERFORMANCE, header, asNumber), OPTIONS).findings.find((f) => f.rule === "scadenza-order")?.message;
    expect(message(["N.", "Attività", "Peso %", "Responsabile", "Termine"])).toBe(
      "Obiettivo B: la scadenza dell'attività 3 (30/09/2021) è precedente a quella dell'attività 2 (31/08/2022).",
    );
    expect(message(["Fase", "Attività", "Peso %", "Responsabile", "Termine"])).toBe(
      "Obiettivo B: la scadenza della fase 3 (30/09/2021) è precedente a quella della fase 2 (31/08/2022).",
    );
    expect(message(["N.", "Azioni", "Peso %", "Responsabile", "Termine"])).toBe(
      "Obiettivo B: la scadenza dell'azione 3 (30/09/2021) è precedente a quella dell'azione 2 (31/08/2022).",
    );
    expect(message(["N. attività", "Descrizione", "Peso %", "Responsabile", "Termine"])).toBe(
      "Obiettivo B: la scadenza dell'attività 3 (30/09/2021) è precedente a quella dell'attività 2 (31/08/2022).",
    );
    expect(message(["Fase n.", "Azioni", "Peso %", "Responsabile", "Termine"])).toContain("della fase 3");
    const en = checkWorkbook(relayout(PERFORMANCE, ["N.", "Attività", "Peso %", "Responsabile", "Termine"], asNumber), { ...OPTIONS, config: { lang: "en" } });
    expect(en.findings.find((f) => f.rule === "scadenza-order")?.message).toContain("the deadline of activity 3");
  });

  it.each([
    ["1 a)", ["1 a)", "1 b)", "1 c)", "2"]],
    ["1.1", ["1.1", "1.2", "1.3", "2"]],
    ["1a", ["1a", "1b", "1c", "2"]],
  ])("sub-phases %s share their number and the merged weight (000-obj-037)", (_, numbers) => {
    const labels = ["fase 1 a)", "fase 1 b)", "fase 1 c)", "fase 2"];
    const workbook = relayout(regolamento(), ["N.", "Attività", "Peso %", null, "Data fine"], (f) => numbers[labels.indexOf(f)]);
    expectSameCheck(workbook, regolamento());
    expect(checkWorkbook(workbook, OPTIONS).findings).toEqual([]);
  });

  it("reports numbering out of order in the table's own words", () => {
    const labels = new Map([["fase 1:", "1"], ["fase 2:", "3"], ["fase 3:", "4"], ["fase: 4", "5"]]);
    const found = checkWorkbook(relayout(PERFORMANCE, ["N.", "Attività", "Peso %", "Responsabile", "Termine"], (f) => labels.get(f) ?? f), OPTIONS).findings;
    const numbering = found.filter((f) => f.rule === "fase-numbering");
    expect(numbering).toHaveLength(1);
    expect(numbering[0]).toMatchObject({ cell: "A9", message: "Obiettivo B: numerazione delle attività non progressiva: trovata «attività 3», attesa «attività 2»." });
  });

  it("ends at the final deadline labelled «Termine finale»", () => {
    const workbook = relayout(eventi(), ["N.", "Attività", "Peso %", "Codice struttura", "Termine"], asNumber, "Termine finale");
    expectSameCheck(workbook, eventi());
    expect(checkWorkbook(workbook, OPTIONS).objectives[0].finalDeadline).toBe("2022-12-31");
  });

  it("reads a «Termine finale» row as the final deadline even when another cell of it names a weight", () => {
    const workbook = relayout(eventi(), ["N.", "Attività", "Peso %", "Codice struttura", "Termine"], asNumber, "Termine finale");
    const rows = workbook.sheets[0].values;
    rows[rows.length - 1][1] = "Peso complessivo delle fasi";
    expect(checkWorkbook(workbook, OPTIONS).objectives.map((o) => o.finalDeadline)).toEqual(["2022-12-31"]);
  });

  it("carries the monitoring as on Alessandria's (001-obj-002 at 30/09/2024)", () => {
    const header = ["Nr", "Azioni", "Peso ponderale", "Monitoraggio al 30/09/2024", "Data di conclusione", "Raggiungimento Obiettivo"];
    const options = { today: "2024-10-15" };
    expectSameCheck(relayout(notifiche(), header, asNumber, "Termine finale"), notifiche(), options);
    const open = relayout(notifiche({ fase4: ["in corso", null] }), header, asNumber, "Termine finale");
    const incoherent = checkWorkbook(open, options).findings.find((f) => f.rule === "obiettivo-raggiunto-incoherent");
    expect(incoherent?.message).toBe("Obiettivo B: l'obiettivo è indicato come RAGGIUNTO ma l'azione 4 non risulta completata.");
    const two = relayout(notifiche({ fase4: ["in corso", null] }), header, asNumber, "Termine finale");
    two.sheets[0].values[HEADER_ROW + 2].splice(3, 3, "in corso", dateCell("30/09/2024").value, null);
    const both = checkWorkbook(two, options).findings.find((f) => f.rule === "obiettivo-raggiunto-incoherent");
    expect(both?.message).toBe("Obiettivo B: l'obiettivo è indicato come RAGGIUNTO ma le azioni 3, 4 non risultano completate.");
    const en = checkWorkbook(two, { ...options, config: { lang: "en" } }).findings.find((f) => f.rule === "obiettivo-raggiunto-incoherent");
    expect(en?.message).toBe("Obiettivo B: the objective is marked achieved (RAGGIUNTO) but actions 3, 4 are not completed.");
  });
});

describe("mixed layouts", () => {
  it("reads a «fase N» block and a numbered block with other headers on the same sheet", () => {
    const alessandria = sistemaPerformance().sheets[0];
    const numbered = relayout(eventi(), ["N.", "Attività", "Pesatura", "Responsabile", "Data fine"], asNumber, "Termine finale").sheets[0];
    const below = numbered.values.slice(HEADER_ROW - 1);
    const sheet: SheetGrid = {
      ...alessandria,
      values: [...alessandria.values, [], [], ...below],
      formats: [...(alessandria.formats ?? []), [], [], ...(numbered.formats ?? []).slice(HEADER_ROW - 1)],
    };
    const report = checkWorkbook({ sheets: [sheet, ...sistemaPerformance().sheets.slice(1)] }, OPTIONS);
    expect(report.objectives.map((o) => o.phases)).toEqual([4, 5]);
    expect(report.objectives[1].finalDeadline).toBe("2022-12-31");
    expect(report.findings.filter((f) => f.rule === "scadenza-order").map((f) => f.cell)).toEqual(["E10"]);
    expect(report.findings.filter((f) => f.rule === "fase-numbering")).toEqual([]);
  });

  it("takes «fase N» labels in a phase-number column too", () => {
    expectSameCheck(relayout(PERFORMANCE, ["Fase", "Attività", "Peso %", "Responsabile", "Termine"]), PERFORMANCE);
  });
});

describe("the Responsabili table headed «Codice | Responsabile»", () => {
  const withTable = (workbook: WorkbookGrid): WorkbookGrid => {
    const table = toSheet("Strutture", [["Codice", "Responsabile"], ...corpusResponsabili().map((r): Cell[] => (r === null ? [null, null] : [r[0], r[1]]))]);
    return { sheets: [workbook.sheets[0], table] };
  };

  it("is the code table of the objectives (000-obj-009 codes 2245, 2577 are known, 9999 is not)", () => {
    expectSameCheck(withTable(PERFORMANCE), PERFORMANCE);
    const unknown = relayout(PERFORMANCE, ["N.", "Attività", "Peso %", "Responsabile", "Termine"], asNumber);
    unknown.sheets[0].values[HEADER_ROW + 1][3] = "2245, 9999";
    const found = checkWorkbook(withTable(unknown), OPTIONS).findings;
    expect(found.filter((f) => f.rule === "codifica-unknown").map((f) => [f.cell, f.message])).toEqual([
      ["D9", "Obiettivo B: il codice 9999 dell'attività 2 non è nella tabella dei Responsabili."],
    ]);
    expect(found.filter((f) => f.rule === "responsabili-not-found")).toEqual([]);
  });
});

describe("the user's own headers (the `headers` setting)", () => {
  const THEIRS = ["#", "Intervento", "Quota %", "Referente", "Entro il"];
  const headers = { fase: ["#"], descrizione: ["Intervento"], incidenza: ["Quota %"], codifica: ["Referente"], scadenze: ["Entro il"] };

  it("makes a table recognisable that no built-in text names", () => {
    const theirs = relayout(PERFORMANCE, THEIRS, asNumber);
    expect(checkWorkbook(theirs, OPTIONS).findings.map((f) => f.rule)).toEqual(["table-not-found"]);
    expectSameCheck(theirs, PERFORMANCE, { ...OPTIONS, config: { headers } });
  });

  it("is matched like the built-in texts: case, accents, spaces and line breaks do not count", () => {
    const theirs = relayout(PERFORMANCE, ["", "INTERVENTO", "quota\n%", null, "Entro  il (gg/mm/aaaa)"]);
    expectSameCheck(theirs, PERFORMANCE, { ...OPTIONS, config: { headers: { incidenza: ["Quota %"], scadenze: ["Entro il"], descrizione: ["Intervènto"] } } });
  });

  it("wins over a built-in word in the same cell", () => {
    // "Termine" would make this a deadline column; the user says it is the description.
    const theirs = relayout(PERFORMANCE, ["", "Termine attività", "Peso %", null, "Scadenze previste"]);
    const report = checkWorkbook(theirs, { ...OPTIONS, config: { headers: { descrizione: ["Termine attività"] } } });
    expect(report.findings.filter((f) => f.rule === "fase-description-missing")).toEqual([]);
    expect(report.objectives[0].phases).toBe(4);
  });

  it("is validated: an unknown role or an empty text is named in the message", () => {
    expect(parseConfig({ headers: { incidenza: ["Quota %"], scadenze: ["Entro il"] } }).ok).toBe(true);
    expect(parseConfig({ headers: { peso: ["Quota"] } })).toEqual({
      ok: false,
      errors: ["headers: colonna sconosciuta: peso; ammesse: incidenza, scadenze, descrizione, codifica, fase, monitoraggio, raggiungimento"],
    });
    expect(parseConfig({ headers: { scadenze: ["Entro il", "  "] } }, "en")).toEqual({ ok: false, errors: ["headers.scadenze.1: empty header text"] });
    expect(parseConfig({ headers: { scadenze: "Entro il" } }).ok).toBe(false);
  });

  it("is listed with the built-in texts for a user whose table was not found", () => {
    const list = expectedHeaders(headers, "it");
    expect(list.map((e) => e.role)).toEqual(["incidenza", "scadenze", "descrizione", "codifica", "fase", "monitoraggio", "raggiungimento"]);
    expect(list.find((e) => e.role === "incidenza")).toMatchObject({ required: true, texts: ["Incidenza %", "Peso %", "Peso ponderale", "Pesatura", "Ponderazione", "Quota %"] });
    expect(list.find((e) => e.role === "scadenze")?.texts).toContain("Data di conclusione");
    expect(list.find((e) => e.role === "fase")?.texts).toEqual(["N.", "N°", "Nr", "Num", "Fase", "#"]);
    expect(expectedHeaders(undefined, "en")[0].name).toBe("Weight (Incidenza)");
    const config = { lang: "it" as const, headers };
    expect(expectedHeaders(config, "it")).toEqual(list);
  });
});

describe("nothing else looks like a table", () => {
  // Seed 004 (Casale Monferrato) L51, L104, L131 and seed 000 L825: prose naming a "termine"; seed 004 L320 a "ponderazione".
  const prose = toSheet("Premessa", [
    ["Contenuti, struttura e termine ultimo di approvazione del PIAO 2022-2024", "Peso % dei singoli obiettivi"],
    ["1", "In sede di prima applicazione del PIAO, l'art. 8 D.M. del 24 giugno 2022 stabilisce il termine ultimo", "analisi e ponderazione", "Termine"],
    ["2", "valutazione del rischio per ciascun processo, attraverso la sua identificazione, analisi e ponderazione", "10%", "31/12/2022"],
    ["Peso della fase sul totale", "entro il termine previsto"],
  ]);

  it("prose rows that mention «peso», «ponderazione» or «termine» are no table", () => {
    expect(checkWorkbook({ sheets: [prose] }, OPTIONS).findings.map((f) => f.rule)).toEqual(["table-not-found"]);
  });

  it("a phase whose description says «peso» and whose deadline says «termine» stays a phase of its block", () => {
    const rows = fasi001();
    rows[1] = ["fase 2:", "Riduzione del peso degli adempimenti", pct(20), null, "Termine di legge"];
    const workbook = relayout(
      { sheets: [toSheet("Obiettivi", [[], [], [], ["Obiettivo A: Semplificazione"], [], [], [], ...rows, [null, null, pct(100)], finale(dateCell("31/05/2022"))]), PERFORMANCE.sheets[1]] },
      ["", "Descrizione", "Incidenza %", "Codifica Responsabili coinvolti", "Scadenze previste"],
    );
    const report = checkWorkbook(workbook, OPTIONS);
    expect(report.objectives.map((o) => o.phases)).toEqual([3]);
    expect(report.findings.map((f) => `${f.rule}@${f.cell}`)).toEqual(["scadenza-text@E9"]);
  });

  it("the Responsabili table and the seed's own sheets add no block to a workbook", () => {
    const report = checkWorkbook({ sheets: [...PERFORMANCE.sheets, prose] }, OPTIONS);
    expect(report.objectives).toHaveLength(1);
    expect(where(report.findings)).toEqual(where(checkWorkbook(PERFORMANCE, OPTIONS).findings));
  });

  it("a Responsabili table with weight-like words is still not a phase table", () => {
    const table = toSheet("Responsabili", [["Codice", "Responsabile", "Peso", "Termine incarico"], [2245, "Direttore Generale", null, null]]);
    expect(checkWorkbook({ sheets: [table] }, OPTIONS).findings.map((f) => f.rule)).toEqual(["table-not-found"]);
  });
});
