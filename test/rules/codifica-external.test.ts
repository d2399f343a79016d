import { cells, dateCell, finale, findings, pct, scheda, totale, type Cell } from "./helpers";
import { eventi as eventiTable, fontane as fontaneTable } from "./tables";

const RULE = "codifica-external";

// 000-obj-006 (seed 000, L1190), Obiettivo A (fase 1 description cut): fase 1 "AMAG AMBIENTE SPA / 2251", fase 3 "2254".
const ispettori = (cod1: Cell) =>
  scheda({
    title: "Obiettivo A: Disciplina organizzativa dell'attività degli Ispettori Ambientali",
    rows: [
      ["fase 1:", "Esperire incontri con AMAG AMBIENTE e con il Settore dell’Ente Referente per le Risorse Umane al fine di definire l’organico necessario", pct(20), cod1, dateCell("30/06/2022")],
      ["fase 2:", "Predisposizione bozza di disciplina organizzativa dell’attività degli Ispettori Ambientali", pct(60), null, dateCell("31/08/2022")],
      ["fase 3:", "collaborazione con Servizio Ambiente per revisione della bozza di disciplina predisposta", pct(10), "2254", dateCell("30/09/2022")],
      ["fase 4:", "Predisposizione proposta di deliberazione alla Giunta comunale per approvazione disciplina organizzativa, previo assenso dell'Assessore competente", pct(10), null, dateCell("31/12/2022")],
      totale(pct(100)),
      finale(dateCell("31/12/2022")),
    ],
  });
const real = ispettori("AMAG AMBIENTE SPA / 2251");

describe("codifica-external", () => {
  it("fires, as info, on a party named in the Codifica cell (000-obj-006 «AMAG AMBIENTE SPA / 2251»)", () => {
    const found = findings(real, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "info", sheet: "Obiettivi", cell: "D8", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 1");
    expect(found[0].message).toContain("AMAG AMBIENTE SPA");
    expect(found[0].message).not.toContain("2251");
    const [en] = findings(real, RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/phase 1 involves a party without a code \(«AMAG AMBIENTE SPA»\)/);
  });

  it("does not take the party for an unknown code", () => {
    expect(findings(real, "codifica-unknown")).toEqual([]);
  });

  it("fires on a cell holding only a party (000-obj-040 «AMAG RETI IDRICHE») and on 000-obj-023's «ASM Costruire Insieme, 2247, …»", () => {
    const fontane = fontaneTable();
    const [f] = findings(fontane, RULE);
    expect(f.cell).toBe("D8");
    expect(f.message).toContain("AMAG RETI IDRICHE");
    const eventi = eventiTable();
    const found = findings(eventi, RULE);
    expect(cells(found)).toEqual(["D8", "D9"]);
    expect(found[0].message).toContain("ASM Costruire Insieme");
    expect(found[0].objective).toBe("Obiettivo 1");
  });

  it("does not fire on code lists with any separator (000-obj-006's «2251», «2269 - 2247 - 57098», «2470; 2250», «2247, 29419, 2252»)", () => {
    for (const cod of ["2251", 2251, "2269 - 2247 - 57098", "2470; 2250", "2247, 29419, 2252", "2269 - 2247 - 2330 - 2249 - 57098\n- 2252 - 2470 - 2254 - 2255"]) {
      expect(findings(ispettori(cod), RULE)).toEqual([]);
    }
  });

  it("takes its severity from the configuration, or is turned off", () => {
    expect(findings(real, RULE, { config: { rules: { [RULE]: "warning" } } }).map((f) => f.severity)).toEqual(["warning"]);
    expect(findings(real, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
