import fc from "fast-check";
import { dayToDisplay, dayToIso, isoToDay } from "../../src/core/dates";
import { remembered } from "../../src/core/memo";
import { normalize, oneSpaced, shorten } from "../../src/core/text";

describe("oneSpaced", () => {
  it.each([
    // Header cells of the seeds as a spreadsheet keeps them: line breaks, double spaces, a tab, a non-breaking space.
    ["Codifica\nResponsabili coinvolti", "Codifica Responsabili coinvolti"],
    ["Scadenze  previste", "Scadenze previste"],
    ["Incidenza\t%", "Incidenza %"],
    ["Monitoraggio al\u00a030/09/2024", "Monitoraggio al 30/09/2024"],
    ["fase 1: \r\n Analisi del contesto", "fase 1: Analisi del contesto"],
  ])("turns %j into one-spaced text", (raw, expected) => {
    expect(oneSpaced(raw)).toBe(expected);
  });

  it("leaves a text with lone spaces as it is", () => {
    const description = "Confronto con la software house per la predisposizione del piano dei conti";
    expect(oneSpaced(description)).toBe(description);
  });

  it("gives the same text as replacing every run of white space with one space", () => {
    const text = fc.stringMatching(/^[a-zà \t\n\r\u00a0\u2028:%]*$/);
    fc.assert(fc.property(text, (t) => oneSpaced(t) === t.replace(/\s+/g, " ")));
  });
});

describe("normalize", () => {
  it("lower-cases, drops accents and evens out white space, the same way on every call", () => {
    for (let i = 0; i < 3; i++) {
      expect(normalize(" Incidenza\n%  ")).toBe("incidenza %");
      expect(normalize("CODIFICA RESPONSABILI\nCOINVOLTI")).toBe("codifica responsabili coinvolti");
      expect(normalize("Attività di più uffici")).toBe("attivita di piu uffici");
    }
  });

  it("normalises long texts (not remembered) like short ones", () => {
    // 001-obj-014, Raggiungimento of fase 1, with the line break of a wrapped cell.
    const long = "Fase completata in quanto sono già stati avviati 2 progetti:\n1. ANCI Giovani e Impresa";
    expect(long.length).toBeGreaterThan(80);
    expect(normalize(long)).toBe("fase completata in quanto sono gia stati avviati 2 progetti: 1. anci giovani e impresa");
  });
});

describe("shorten", () => {
  it("quotes a cell on one line, cut at 60 characters", () => {
    expect(shorten("in corso\nd'anno ")).toBe("in corso d'anno");
    const cut = shorten("entro 105 giorni dall'adozione del provvedimento di approvazione del 03/11/2021");
    expect(cut).toHaveLength(58);
    expect(cut.endsWith("…")).toBe(true);
  });
});

describe("remembered", () => {
  it("computes each key once, and starts afresh when full", () => {
    const computed: number[] = [];
    const square = remembered((n: number) => {
      computed.push(n);
      return n * n;
    }, 2);
    expect([square(3), square(3), square(4)]).toEqual([9, 9, 16]);
    expect(computed).toEqual([3, 4]);
    expect(square(5)).toBe(25); // full: forgets 3 and 4
    expect(square(3)).toBe(9);
    expect(computed).toEqual([3, 4, 5, 3]);
  });
});

describe("day texts", () => {
  it.each([
    ["2022-12-31", "31/12/2022"],
    ["2024-02-29", "29/02/2024"],
    ["2021-09-30", "30/09/2021"],
  ])("%s reads %s, again and again", (iso, display) => {
    const day = isoToDay(iso) as number;
    for (let i = 0; i < 2; i++) {
      expect(dayToIso(day)).toBe(iso);
      expect(dayToDisplay(day)).toBe(display);
    }
  });
});
