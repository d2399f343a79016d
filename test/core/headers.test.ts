// Spec §1, "Other administrations' headers": which role a header cell takes.
import { HeaderMatcher, startsWord } from "../../src/core/headers";
import { normalize } from "../../src/core/text";
import { nonLinearReasons } from "./regex-analysis";

const roleOf = (matcher: HeaderMatcher, cell: string) => matcher.roleOf(normalize(cell));

describe("header roles", () => {
  const builtIn = new HeaderMatcher();

  it.each([
    ["Incidenza %", "incidenza"],
    ["PESO %", "incidenza"],
    ["Peso ponderale", "incidenza"],
    ["Pesatura", "incidenza"],
    ["Ponderazione", "incidenza"],
    ["Scadenze previste", "scadenze"],
    ["Termine previsto", "scadenze"],
    ["Data\nfine", "scadenze"],
    ["Data di conclusione", "scadenze"],
    ["Attività", "descrizione"],
    ["AZIONI", "descrizione"],
    ["Descrizione", "descrizione"],
    ["Codice struttura", "codifica"],
    ["Responsabile", "codifica"],
    ["Codifica Responsabili coinvolti", "codifica"],
    ["N°", "fase"],
    ["Nr.", "fase"],
    ["Fase", "fase"],
    ["N. attività", "fase"],
    ["Fase n°", "fase"],
    ["Monitoraggio al 30/09/2024", "monitoraggio"],
    ["Raggiungimento Obiettivo", "raggiungimento"],
  ])("«%s» is %s", (cell, role) => {
    expect(roleOf(builtIn, cell)).toBe(role);
  });

  it("takes the first role of the spec's table: a weight before a deadline, a description before a code", () => {
    expect(roleOf(builtIn, "Peso della fase sulla scadenza")).toBe("incidenza");
    expect(roleOf(builtIn, "Termine dell'attività")).toBe("scadenze");
    expect(roleOf(builtIn, "Responsabile dell'attività")).toBe("descrizione");
  });

  it("matches words only at their start, and the phase-number headers only as the whole cell", () => {
    expect(roleOf(builtIn, "Spesometro")).toBeNull();
    expect(roleOf(builtIn, "Sterminator")).toBeNull();
    expect(roleOf(builtIn, "Data inizio")).toBeNull();
    expect(roleOf(builtIn, "Fasi progettuali")).toBeNull();
    expect(roleOf(builtIn, "N. protocollo")).toBeNull();
    expect(startsWord("quota-peso", "peso")).toBe(true);
    expect(startsWord("contrappeso", "peso")).toBe(false);
  });

  it("gives the user's texts precedence, matched the same way", () => {
    const theirs = new HeaderMatcher({ descrizione: ["Termine attività"], incidenza: ["Quota %"], fase: ["#"] });
    expect(roleOf(theirs, "TERMINE  ATTIVITA'")).toBe("descrizione");
    expect(roleOf(theirs, "Quota\n% sul totale")).toBe("incidenza");
    expect(roleOf(theirs, "#")).toBe("fase");
    expect(roleOf(theirs, "Termine")).toBe("scadenze");
  });

  it("builds its row hint from the user's texts as plain, linear text", () => {
    const hostile = new HeaderMatcher({ incidenza: ["(a+)+$ quota", "[peso]*"] });
    expect(nonLinearReasons(hostile.rowHint.source, hostile.rowHint.flags)).toEqual([]);
    expect(hostile.rowHint.test("(A+)+$ QUOTA")).toBe(true);
    expect(hostile.rowHint.test("aaaa")).toBe(false);
    expect(hostile.weightHint.test("[peso]*")).toBe(true);
  });
});
