// The round-trip budget (Batcher) and the fill helpers, against small hosts modelled on Excel's rules.
import { NO_FILL } from "../../src/core/memory";
import { Batcher } from "../../src/excel/batch";
import { fillRuns, toFill } from "../../src/excel/fills";
import { summaryBlocks, summaryGrowth } from "../../src/excel/marks";

/** A host that refuses a request carrying more than `limit` queued actions, running nothing of it. */
function host(limit: number) {
  let queued: string[] = [];
  const ran: string[][] = [];
  const ctx = {
    sync: async () => {
      const batch = queued;
      queued = [];
      if (batch.length > limit) throw new Error("RichApi.Error: The request payload size has exceeded the limit");
      ran.push(batch);
    },
  } as unknown as Excel.RequestContext;
  return { ctx, ran, queue: (name: string) => queued.push(name) };
}

describe("Batcher", () => {
  it("makes a worksheet proxy once a round trip, and a new one after each sync (a failed sync may leave the old one invalid)", async () => {
    const made: string[] = [];
    const ctx = {
      workbook: { worksheets: { getItem: (name: string) => (made.push(name), { name, notes: { of: name } }) } },
      sync: async () => undefined,
    } as unknown as Excel.RequestContext;
    const batch = new Batcher(ctx, 100);
    const first = batch.sheet("Obiettivi");
    expect(batch.sheet("Obiettivi")).toBe(first);
    expect(batch.notes("Obiettivi")).toBe(batch.notes("Obiettivi"));
    batch.sheet("Responsabili");
    expect(made).toEqual(["Obiettivi", "Responsabili"]);
    await batch.add(60, () => undefined);
    await batch.add(60, () => undefined); // passes the budget: the first is synced
    expect(batch.sheet("Obiettivi")).not.toBe(first);
    expect(made).toEqual(["Obiettivi", "Responsabili", "Obiettivi"]);
  });

  it("syncs before an action that would pass the budget", async () => {
    const h = host(10);
    const batch = new Batcher(h.ctx, 100);
    for (const name of ["a", "b", "c"]) await batch.add(40, () => h.queue(name));
    await batch.flush();
    expect(h.ran).toEqual([["a", "b"], ["c"]]);
  });

  it("counts requests and answers apart: writes and reads of a budget each share one round trip", async () => {
    const h = host(10);
    const batch = new Batcher(h.ctx, 100);
    await batch.add(90, () => h.queue("write"));
    await batch.add(5, () => h.queue("read"), 90);
    await batch.add(5, () => h.queue("read again"), 20);
    await batch.add(20, () => h.queue("write again"));
    await batch.flush();
    expect(h.ran).toEqual([["write", "read"], ["read again", "write again"]]);
  });

  it("splits a round trip the host refuses for its size and queues its actions again", async () => {
    const h = host(2);
    const batch = new Batcher(h.ctx, 1000);
    for (const name of ["a", "b", "c", "d", "e"]) await batch.add(10, () => h.queue(name));
    await batch.flush();
    expect(h.ran.flat()).toEqual(["a", "b", "c", "d", "e"]);
    expect(h.ran.every((r) => r.length <= 2)).toBe(true);
  });

  it("lets any other error through", async () => {
    const ctx = { sync: async () => Promise.reject(new Error("AccessDenied")) } as unknown as Excel.RequestContext;
    const batch = new Batcher(ctx, 1000);
    await batch.add(10, () => undefined);
    await batch.add(10, () => undefined);
    await expect(batch.flush()).rejects.toThrow("AccessDenied");
  });
});

describe("fills", () => {
  it("tells no fill from explicit white from ExcelApi 1.9 (pattern), not before", () => {
    expect(toFill("#FFFFFF", "None", "#000000", 0)).toEqual(NO_FILL);
    expect(toFill("#ffffff", "Solid", "#000000", 0)).toEqual({ color: "#FFFFFF", pattern: "Solid", patternColor: null, tint: null });
    expect(toFill("#4472C4", "Solid", null, 0.6)).toMatchObject({ color: "#4472C4", tint: 0.6 });
    expect(toFill("#FFFFFF")).toEqual(NO_FILL);
    expect(toFill("#FFFF00")).toEqual({ ...NO_FILL, color: "#FFFF00" });
  });

  it("groups vertically adjacent cells of one fill into one range", () => {
    const pink = { ...NO_FILL, color: "#FFC7CE" };
    const runs = fillRuns([
      { sheet: "S", row: 7, col: 3, fill: pink },
      { sheet: "S", row: 6, col: 3, fill: pink },
      { sheet: "S", row: 8, col: 3, fill: { ...NO_FILL, color: "#FFEB9C" } },
      { sheet: "S", row: 9, col: 3, fill: pink },
      { sheet: "T", row: 10, col: 3, fill: pink },
    ]);
    expect(runs.map((r) => `${r.sheet}!${r.address}`)).toEqual(["S!D7:D8", "S!D9", "S!D10", "T!D11"]);
  });
});

describe("summary blocks", () => {
  const run = (row: number, n: number, col = 6) => ({ sheet: "S", row, col, texts: Array.from({ length: n }, (_, i) => `riga ${row + i}`) });
  const schede = Array.from({ length: 60 }, (_, k) => run(4 + 10 * k, 6)); // 60 schede, four rows between them

  it("a few runs are written as they are", () => {
    expect(summaryBlocks(schede.slice(0, 3), new Map())).toEqual(schede.slice(0, 3));
  });

  it("many runs of one column join into blocks whose rows without a line are null (left unchanged by Excel)", () => {
    const blocks = summaryBlocks(schede, new Map());
    expect(blocks).toHaveLength(1);
    expect(blocks[0].row).toBe(4);
    expect(blocks[0].texts.slice(0, 12)).toEqual([...schede[0].texts, null, null, null, null, ...schede[1].texts.slice(0, 2)]);
    expect(blocks[0].texts.filter((t) => t !== null)).toHaveLength(360);
  });

  it("never across a merged cell over the column, nor a long gap, nor another column; and not when merges were not read", () => {
    const merged = new Map([["S", [{ top: 12, left: 0, bottom: 12, right: 8 }]]]); // a title row merged over A:I
    const far = [...schede, run(2000, 3), run(2010, 2, 7)];
    const blocks = summaryBlocks(far, merged);
    expect(blocks.map((b) => [b.row, b.col])).toEqual([[4, 6], [14, 6], [2000, 6], [2010, 7]]);
    expect(summaryBlocks(schede, null)).toEqual(schede);
  });
});

describe("summaryGrowth", () => {
  it("counts what the summary lines add to the next read: each line as value and formula, in place of what the cell held", () => {
    const line = "Sintesi monitoraggio al 15/10/2024";
    const held = new Map([["S,4,6", line], ["S,9,6", "Scade il 31/12/2025"]]);
    const valueAt = (p: { sheet: string; row: number; col: number }) => held.get(`${p.sheet},${p.row},${p.col}`) ?? "";
    const plan = {
      writes: [
        { sheet: "S", row: 3, col: 6, text: line }, // into an empty cell
        { sheet: "S", row: 4, col: 6, text: line }, // the same line again
      ],
      clears: [{ sheet: "S", row: 9, col: 6 }],
      remember: [],
      conflict: null,
    };
    const bytes = (x: string) => JSON.stringify(x).length;
    expect(summaryGrowth(plan, valueAt)).toBe(2 * (bytes(line) - bytes("")) - 2 * (bytes("Scade il 31/12/2025") - bytes("")));
  });
});

