// Spec §1 "The tables": one real objective table laid out in the ways a comune types it.
// Each clean table must give no finding and the same structure whatever the layout.
import { SheetBuilder, addResponsabili, check, corpus, found, want } from "./build";

function responsabiliSheet(name = "Responsabili"): SheetBuilder {
  const s = new SheetBuilder(name);
  addResponsabili(s);
  return s;
}

const TITLE_001 = "Obiettivo A: Progettazione e approvazione documento programmatico amministrativo di fine mandato";

describe("layouts of a clean table (000-obj-001)", () => {
  it("label column, Descrizione, Incidenza %, Codifica, Scadenze from column A", async () => {
    const s = new SheetBuilder("Obiettivo A");
    s.block(corpus("000-obj-001"));
    const rep = await check([s, responsabiliSheet()]);
    expect(found(rep)).toEqual([]);
    expect(rep.objectives).toHaveLength(1);
    expect(rep.objectives[0]).toMatchObject({
      sheet: "Obiettivo A",
      title: TITLE_001,
      headerCell: "B6", // A6 is the label column's empty header
      phases: 3,
      incidenzaTotal: 100,
      finalDeadline: "2022-05-31",
    });
  });

  it("table from column D, labels inside Descrizione, Codifica after Scadenze, upper-case headers with line breaks", async () => {
    const s = new SheetBuilder("Obiettivo A");
    s.block(corpus("000-obj-001"), {
      col0: 3,
      columns: ["desc", "inc", "scad", "cod"],
      headers: {
        desc: "DESCRIZIONE",
        inc: "INCIDENZA  %",
        scad: "Scadenze\nprevist e",
        cod: "CODIFICA\nRESPONSABILI   COINVOLTI",
      },
    });
    const rep = await check([s, responsabiliSheet()]);
    expect(found(rep)).toEqual([]);
    expect(rep.objectives[0]).toMatchObject({ headerCell: "D6", phases: 3, incidenzaTotal: 100, finalDeadline: "2022-05-31" });
  });

  it("an unknown code is reported in the Codifica column wherever it sits (column D layout)", async () => {
    const o = corpus("000-obj-001");
    o.phases[2].codifica_raw = "57908"; // transposed digits of 57098
    const s = new SheetBuilder("Obiettivo A");
    const p = s.block(o, { col0: 3, columns: ["desc", "inc", "scad", "cod"] });
    const rep = await check([s, responsabiliSheet()]);
    expect(p.ph("cod", 2)).toBe("G9");
    expect(found(rep)).toEqual(want("Obiettivo A", [["codifica-unknown", "G9", "error"]]));
  });
});

describe("other header texts and extra columns", () => {
  it("table from column C with Note and Indicatore between Incidenza and Scadenze, 'Responsabile' header last (000-obj-002)", async () => {
    const o = corpus("000-obj-002");
    const s = new SheetBuilder("Obiettivo B");
    const p = s.block(o, {
      col0: 2,
      columns: ["label", "desc", "inc", "note", "ind", "scad", "cod"],
      headers: { cod: "Responsabile" },
      extra: {
        // Dates and percentages in other columns are not deadlines or weights.
        note: ["vedi D.G.C. n. 45 del 10/03/2022", null, "firma prevista 15/06/2022"],
        ind: ["n. avvisi pubblicati", "100% delle candidature esaminate", null],
      },
    });
    const rep = await check([s, responsabiliSheet()]);
    expect(found(rep)).toEqual([]);
    expect(p.header).toBe(6);
    expect(rep.objectives[0]).toMatchObject({ headerCell: "D6", phases: 3, incidenzaTotal: 100, finalDeadline: "2022-05-31" });
  });

  it("headers with accents and extra words: 'Attività - Descrizione', 'Responsabilità coinvolte' (000-obj-012)", async () => {
    const s = new SheetBuilder("Obiettivo B");
    s.block(corpus("000-obj-012"), {
      columns: ["label", "desc", "inc", "cod", "scad"],
      headers: { desc: "Attività - Descrizione", cod: "Responsabilità coinvolte", scad: " Scadenze  previste " },
    });
    const rep = await check([s, responsabiliSheet()]);
    expect(found(rep)).toEqual([]);
    expect(rep.objectives[0]).toMatchObject({ phases: 3, incidenzaTotal: 100, finalDeadline: "2022-12-31" });
  });

  it("an unknown code under the 'Responsabilità coinvolte' header proves that column is the Codifica", async () => {
    const o = corpus("000-obj-012");
    o.phases[1].codifica_raw = "2294"; // 2249 mistyped
    const s = new SheetBuilder("Obiettivo B");
    const p = s.block(o, { headers: { cod: "Responsabilità coinvolte" } });
    const rep = await check([s, responsabiliSheet()]);
    expect(found(rep)).toEqual(want("Obiettivo B", [["codifica-unknown", p.ph("cod", 1), "error"]]));
  });

  it("labels inside Descrizione in every spelling: 'fase 1:', 'Fase 2', 'fase3:', 'fase: 4', 'fase 5 :' (000-obj-014)", async () => {
    const o = corpus("000-obj-014");
    ["fase 1:", "Fase 2", "fase3:", "fase: 4", "fase 5 :"].forEach((l, i) => (o.phases[i].label_raw = l));
    const s = new SheetBuilder("Obiettivo A");
    s.block(o, { columns: ["desc", "inc", "cod", "scad"], total: "Totale" });
    const rep = await check([s, responsabiliSheet()]);
    expect(found(rep)).toEqual([]);
    expect(rep.objectives[0]).toMatchObject({ headerCell: "A6", phases: 5, incidenzaTotal: 100, finalDeadline: "2022-12-31" });
  });

  it("no Codifica column at all, no title row (000-obj-043)", async () => {
    const s = new SheetBuilder("Foglio1");
    s.block(corpus("000-obj-043"), { columns: ["label", "desc", "inc", "scad"], preamble: [["CITTA' DI ALESSANDRIA"]] });
    const rep = await check([s]);
    expect(found(rep)).toEqual([]);
    expect(rep.objectives[0]).toMatchObject({ title: null, headerCell: "B2", phases: 2, incidenzaTotal: 100, finalDeadline: "2022-12-31" });
  });
});

describe("monitoring layout of seed 001 (Monitoraggio al 30/09/2024, Raggiungimento Obiettivo)", () => {
  it("reads the reference date from the header and flags the late phase that precedes fase 1 (001-obj-011)", async () => {
    const o = corpus("001-obj-011");
    const s = new SheetBuilder("Obiettivo M");
    const p = s.block(o, {
      columns: ["label", "desc", "inc", "mon", "scad", "ragg"],
      extra: {
        mon: ["OK", null, null],
        ragg: [
          "al 30/09/2024 gli affidamenti a CSI Piemonte nell'anno 2024 risultano pari ad € 66,057,95 ampiamente sotto la soglia di allarme",
          "Fase in ritardo in quanto sono subentrati problemi nell'approvvigionamento degli smatphone.",
          null,
        ],
      },
    });
    const rep = await check([s]);
    // fase 2 (31/07/2024) is earlier than fase 1 (31/12/2024) and not completed at 30/09/2024.
    expect(found(rep)).toEqual(
      want("Obiettivo M", [
        ["scadenza-order", p.ph("scad", 1), "error"],
        ["fase-overdue", p.ph("scad", 1), "warning"],
      ]),
    );
    expect(rep.objectives[0]).toMatchObject({ phases: 3, incidenzaTotal: 100, finalDeadline: "2024-12-31", referenceDate: "2024-09-30" });
  });
});
