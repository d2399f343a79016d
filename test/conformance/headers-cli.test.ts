// Issue 13 end to end: `piao-check --config` with a `headers` setting reads a table that only the
// user's own header texts make recognisable (written to a real .xlsx and read back as the CLI does).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/main";
import { SheetBuilder, addResponsabili, corpus, toFile } from "./build";

async function piaoCheck(argv: string[]) {
  let out = "";
  let err = "";
  const status = await run(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), today: "2022-12-31" });
  return { status, out, err };
}

/** 000-obj-009 (Obiettivo B, seed 000 L1411) under the user's own headers, its phases numbered 1-4 in a "#" column. */
async function theirWorkbook(): Promise<string> {
  const sheet = new SheetBuilder("Piano");
  sheet.block(corpus("000-obj-009"), { headers: { label: "#", desc: "Intervento", inc: "Quota %", cod: "Referente", scad: "Entro il" } });
  for (const row of sheet.rows) if (typeof row[0] === "string" && /^fase/i.test(row[0])) row[0] = Number(/\d+/.exec(row[0])?.[0]);
  const codes = new SheetBuilder("Elenco Responsabili");
  addResponsabili(codes);
  return toFile([sheet, codes]);
}

function configFile(content: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "piao-headers-")), "config.json");
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describe("piao-check --config with the headers setting", () => {
  it("finds no table without it, and checks the table with it as Alessandria's", async () => {
    const file = await theirWorkbook();
    const without = await piaoCheck([file, "--format", "json"]);
    expect(without.status).toBe(1);
    expect(JSON.parse(without.out).findings.map((f: { rule: string }) => f.rule)).toEqual(["table-not-found"]);

    const headers = { fase: ["#"], descrizione: ["Intervento"], incidenza: ["Quota %"], codifica: ["Referente"], scadenze: ["Entro il"] };
    const withIt = await piaoCheck([file, "--format", "json", "--config", configFile({ headers })]);
    expect(withIt.err).toBe("");
    const json = JSON.parse(withIt.out);
    expect(json.objectives).toEqual([expect.objectContaining({ sheet: "Piano", phases: 4, incidenzaTotal: 100, finalDeadline: "2022-11-30" })]);
    const order = json.findings.filter((f: { rule: string }) => f.rule === "scadenza-order");
    expect(order).toEqual([expect.objectContaining({ cell: "E9", message: "Obiettivo B: la scadenza della fase 3 (30/09/2021) è precedente a quella della fase 2 (31/08/2022)." })]);
  });

  it("refuses an unknown role in one line naming the setting", async () => {
    const { status, err } = await piaoCheck([await theirWorkbook(), "--config", configFile({ headers: { quota: ["Quota %"] } })]);
    expect(status).toBe(2);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toContain("headers");
    expect(err).toContain("quota");
  });
});
