import { cells, dateCell, finale, findings, pct, scheda, totale } from "./helpers";
import { parcoVeicolare } from "./tables";

const RULE = "codifica-duplicate";

// 000-obj-011 (seed 000, L1533), Obiettivo A. Fase 2's code list wraps over two lines (L1547-1549):
// "2269 - 2247 - 2330 - 2249 - 57098" / "- 2252 - 2470 - 2254 - 2255".
const WRAPPED = "2269 - 2247 - 2330 - 2249 - 57098\n- 2252 - 2470 - 2254 - 2255";
// The same cell with 57098 typed again at the start of the second line.
const REPEATED = "2269 - 2247 - 2330 - 2249 - 57098\n- 57098 - 2252 - 2470 - 2254 - 2255";

describe("codifica-duplicate", () => {
  it("fires on a code written twice in one cell (000-obj-011 fase 2, 57098 repeated at the wrap)", () => {
    const found = findings(parcoVeicolare(REPEATED), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", sheet: "Obiettivi", cell: "D9", objective: "Obiettivo A" });
    expect(found[0].message).toContain("Obiettivo A");
    expect(found[0].message).toContain("fase 2");
    expect(found[0].message).toContain("57098");
    expect(found[0].message).toMatch(/ripetuto/);
    const [en] = findings(parcoVeicolare(REPEATED), RULE, { config: { lang: "en" } });
    expect(en.message).toMatch(/in phase 2 code 57098 is repeated/);
  });

  it("does not fire on the real wrapped list", () => {
    expect(findings(parcoVeicolare(WRAPPED), RULE)).toEqual([]);
  });

  it("does not fire on the same codes in different cells (000-obj-025 fasi 2 and 4: «2247, 29419, 2252»)", () => {
    const wb = scheda({
      title: "Obiettivo B: Ulteriore implementazione qualitativa del programma di attività culturali 2022",
      rows: [
        ["fase 1:", "Presentazione alla Giunta com.le della programmazione degli eventi culturali primavera/estate 2022", pct(20), null, dateCell("30/06/2022")],
        ["fase 2:", "Svolgimento attività afferenti agli eventi culturali per la primavera/estate e conseguente presentazione alla Giunta comunale della relazione inerente alle loro risultanze", pct(30), "2247, 29419, 2252", dateCell("30/09/2022")],
        ["fase 3:", "Presentazione alla Giunta com.le della programmazione degli eventi culturali autunno/inverno 2022", pct(20), null, dateCell("31/10/2022")],
        ["fase 4:", "Svolgimento attività afferenti agli eventi culturali per l'autunno/inverno e conseguente presentazione alla Giunta comunale della relazione inerente alle loro risultanze", pct(30), "2247, 29419, 2252", dateCell("31/12/2022")],
        totale(pct(100)),
        finale(dateCell("31/12/2022")),
      ],
    });
    expect(findings(wb, RULE)).toEqual([]);
  });

  it("is independent of the Responsabili table", () => {
    const wb = parcoVeicolare(REPEATED);
    expect(cells(findings({ sheets: wb.sheets.slice(0, 1) }, RULE))).toEqual(["D9"]);
  });

  it("takes its severity from the configuration, or is turned off", () => {
    const wb = parcoVeicolare(REPEATED);
    expect(findings(wb, RULE, { config: { rules: { [RULE]: "error" } } }).map((f) => f.severity)).toEqual(["error"]);
    expect(findings(wb, RULE, { config: { rules: { [RULE]: "off" } } })).toEqual([]);
  });
});
