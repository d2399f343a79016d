// The round-trip budget (Batcher) and the fill helpers, against small hosts modelled on Excel's rules.
import { NO_FILL } from "../../src/core/memory";
import { Batcher } from "../../src/excel/batch";
import { fillRuns, toFill } from "../../src/excel/fills";

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
