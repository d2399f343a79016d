import { cardMessage, headings, layout, sortFindings, subtitle, type Placed } from "../../src/ui/present";

const f = (severity: Placed["severity"], sheet: string, cell: string) => ({ severity, sheet, cell });

test("findings: severity first, then sheet in workbook order, then row and column (AA10 after B10, D9 before D10)", () => {
  const sorted = sortFindings([f("info", "S1", "A1"), f("warning", "S2", "A1"), f("error", "S2", "D10"), f("error", "S2", "D9"), f("error", "S1", "AA10"), f("error", "S1", "B10")], ["S1", "S2"]);
  expect(sorted.map((x) => `${x.severity} ${x.sheet}!${x.cell}`)).toEqual([
    "error S1!B10",
    "error S1!AA10",
    "error S2!D9",
    "error S2!D10",
    "warning S2!A1",
    "info S1!A1",
  ]);
});

test("headings tell apart objectives that share a name: by sheet, else by header cell", () => {
  const o = (name: string, sheet: string, headerCell: string) => ({ name, sheet, headerCell, title: null });
  expect(headings([o("Obiettivo A", "S1", "A6"), o("Obiettivo A", "S1", "A23"), o("Obiettivo B", "S1", "A40")])).toEqual(["Obiettivo A · A6", "Obiettivo A · A23", "Obiettivo B"]);
  expect(headings([o("Obiettivo A", "S1", "A6"), o("Obiettivo A", "S2", "A6"), o("Obiettivo A", "S2", "A30")])).toEqual([
    "Obiettivo A · S1",
    "Obiettivo A · S2!A6",
    "Obiettivo A · S2!A30",
  ]);
});

test("subtitles and card messages do not repeat the objective's name", () => {
  expect(subtitle("Obiettivo A: Digitalizzazione dei servizi", "Obiettivo A")).toBe("Digitalizzazione dei servizi");
  expect(subtitle("Obiettivo: B) Progetto PNRR", "Obiettivo B")).toBe("Progetto PNRR");
  expect(subtitle("Obiettivo A", "Obiettivo A")).toBeNull();
  expect(subtitle("Riduzione dei tempi", "Tabella in A5")).toBe("Riduzione dei tempi");
  expect(cardMessage("Obiettivo A: la fase 1 non ha una scadenza.", "Obiettivo A")).toBe("La fase 1 non ha una scadenza.");
  expect(cardMessage("Tabella dei Responsabili: il codice 12 compare più volte.", null)).toBe("Tabella dei Responsabili: il codice 12 compare più volte.");
});

test("layout: the card with the most severe finding first, workbook findings in their own card, clean objectives folded", () => {
  const objectives = ["A", "B", "C"].map((x, i) => ({ name: `Obiettivo ${x}`, title: null, sheet: "S1", headerCell: `A${i * 10 + 1}` }));
  const findings = [[f("warning", "S1", "D3")], [], [f("info", "S1", "D23"), f("error", "S1", "D25")]];
  const { cards, clean } = layout(objectives, (i) => findings[i], [f("warning", "Responsabili", "A3")], "Cartella di lavoro");
  expect(cards.map((c) => [c.heading, c.findings.map((x) => x.cell)])).toEqual([
    ["Obiettivo C", ["D25", "D23"]],
    ["Obiettivo A", ["D3"]],
    ["Cartella di lavoro", ["A3"]],
  ]);
  expect(clean).toEqual([1]);
});
