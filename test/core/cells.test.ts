import { checkWorkbook, RULE_IDS, ruleTitle, type CellValue } from "../../src/core";
import { isDateFormat, readCodifica, readDeadline, readWeight } from "../../src/core/cells";
import { dayToIso } from "../../src/core/dates";
import { SheetView } from "../../src/core/grid";
import { serial, sheet } from "./helpers";

function view(value: string | number | null, format = "General"): SheetView {
  return new SheetView(sheet("S", [[value]], { "0,0": format }));
}

describe("Incidenza cells (spec §1)", () => {
  it.each([
    [0.25, "0%", { kind: "percent-number", value: 0.25 }],
    [25, "General", { kind: "plain-number", value: 25 }],
    ["25%", "General", { kind: "text-points", value: 25 }],
    ["25 %", "General", { kind: "text-points", value: 25 }],
    ["12,5%", "General", { kind: "text-points", value: 12.5 }],
    ["12.5%", "General", { kind: "text-points", value: 12.5 }],
    ["25", "@", { kind: "text-points", value: 25 }],
    [null, "General", { kind: "missing" }],
    ["   ", "General", { kind: "missing" }],
    ["venti", "General", { kind: "invalid", text: "venti" }],
    ["100%100%", "General", { kind: "invalid", text: "100%100%" }],
  ])("%p formatted %p reads as %p", (value, format, expected) => {
    expect(readWeight(view(value, format), 0, 0)).toEqual(expected);
  });
});

describe("Scadenze cells (spec §1)", () => {
  const iso = (value: string | number, format = "General") => {
    const d = readDeadline(view(value, format), 0, 0);
    return d.kind === "date" ? dayToIso(d.day) : d.kind;
  };
  it("reads date cells, bare serials and the spec's text formats", () => {
    expect(iso(serial("31/12/2022"), "dd/mm/yyyy")).toBe("2022-12-31");
    expect(iso(serial("30/06/2022"))).toBe("2022-06-30");
    expect(iso("28/02/2022")).toBe("2022-02-28");
    expect(iso("6/2/2024")).toBe("2024-02-06");
    expect(iso("28.02.2022")).toBe("2022-02-28");
    expect(iso("28-02-2022")).toBe("2022-02-28");
    expect(iso("2022-02-28")).toBe("2022-02-28");
  });
  it("text that starts with a date is that date, and 'conclusa' marks it completed (001-obj-004)", () => {
    expect(readDeadline(view("31/01/2024 ma già conclusa nel 2023"), 0, 0)).toEqual({ kind: "date", day: serial("31/01/2024") - 25569, concluded: true });
  });
  it("tells invalid dates, text deadlines and 'Conclusa' apart", () => {
    expect(iso("31/02/2022")).toBe("invalid");
    expect(iso("15/13/2022")).toBe("invalid");
    expect(iso("in corso d'anno")).toBe("text");
    expect(iso("entro 105 giorni dall'adozione della variante del 03/11/2021")).toBe("text");
    expect(iso("xxxxxx")).toBe("text");
    expect(iso("Conclusa")).toBe("concluded");
  });
  it("recognises date formats, not percentages or plain numbers", () => {
    expect(isDateFormat("dd/mm/yyyy")).toBe(true);
    expect(isDateFormat("[$-410]d mmmm yyyy")).toBe(true);
    expect(isDateFormat("m/d/yy")).toBe(true);
    expect(isDateFormat("0%")).toBe(false);
    expect(isDateFormat("General")).toBe(false);
    expect(isDateFormat('0.00" gg"')).toBe(false);
  });
});

describe("Codifica cells (spec §1)", () => {
  it("splits codes on the spec's separators and keeps external parties (000-obj-006, 000-obj-023)", () => {
    expect(readCodifica(view("AMAG AMBIENTE SPA / 2251"), 0, 0)).toEqual({ codes: ["2251"], external: ["AMAG AMBIENTE SPA"] });
    expect(readCodifica(view("ASM Costruire Insieme, 2247, 2250, 2252, 2254, 57098"), 0, 0)).toEqual({
      codes: ["2247", "2250", "2252", "2254", "57098"],
      external: ["ASM Costruire Insieme"],
    });
    expect(readCodifica(view("2470; 2250"), 0, 0)).toEqual({ codes: ["2470", "2250"], external: [] });
    expect(readCodifica(view("2269 - 2249 -\n- 2248"), 0, 0)).toEqual({ codes: ["2269", "2249", "2248"], external: [] });
    expect(readCodifica(view(57098), 0, 0)).toEqual({ codes: ["57098"], external: [] });
    expect(readCodifica(view(null), 0, 0)).toBeNull();
  });
});

describe("objective names", () => {
  it("takes the short name from titles in the seeds' forms, also in bold markup", () => {
    const block = (title: string) => ({
      name: "S",
      values: [
        [title],
        [null, "Descrizione", "Incidenza %", "Scadenze previste"],
        ["fase 1:", "Ultimazione del documento finale", "100%", "28/02/2022"],
        ["Scadenza finale per il raggiungimento dell'obiettivo:", null, null, "28/02/2022"],
      ],
    });
    const names = ["Obiettivo A: Progettazione", "**Obiettivo: C) Progetto PNRR**", "Obiettivo 1: Obiettivo 1:", "OBIETTIVO b - Educazione stradale"].map(
      (t) => checkWorkbook({ sheets: [block(t)] }).objectives[0].name,
    );
    expect(names).toEqual(["Obiettivo A", "Obiettivo C", "Obiettivo 1", "Obiettivo B"]);
  });
});

describe("rule catalogue", () => {
  it("gives every rule a short Italian and English description for settings screens", () => {
    for (const id of RULE_IDS) {
      expect(ruleTitle(id, "it")).not.toBe(id);
      expect(ruleTitle(id, "en")).not.toBe(id);
      expect(ruleTitle(id, "it")).not.toBe(ruleTitle(id, "en"));
    }
  });
});

describe("malformed grids from adapters", () => {
  it("reads sparse and ragged rows as empty cells instead of failing", () => {
    const values: CellValue[][] = [];
    values[2] = ["Obiettivo A: Progettazione"];
    values[3] = [null, "Descrizione", "Incidenza %", "Scadenze previste"];
    values[4] = ["fase 1:", "Ultimazione del documento finale", "100%", "28/02/2022"];
    const formats: string[][] = [];
    formats[4] = ["General"];
    const report = checkWorkbook({ sheets: [{ name: "S", values, formats }] });
    expect(report.objectives.map((o) => [o.name, o.headerCell, o.phases])).toEqual([["Obiettivo A", "B4", 1]]);
  });
});
