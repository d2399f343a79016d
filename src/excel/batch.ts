// Splitting a host round trip so that no request or response passes Excel on the web's 5 MB
// (learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).

/**
 * Bytes one sync may carry each way (request, and response), estimated: a margin under 5 MB for what we do
 * not count. The two are separate limits: a round trip may send 4 MB of writes and bring 4 MB of reads.
 */
export const MAX_BYTES = 4_000_000;

/** Rough sizes of what office.js sends or receives, from its JSON: a range proxy with a property set or a load. */
export const BYTES = {
  /** getItem + getRange + format + fill + one property set: four object paths and their actions. */
  fillWrite: 1000,
  /** The same path and a load of the colour, plus its answer. */
  fillLoad: 900,
  /** The answer to one such load ({"color":"#FFFFFF"} and its envelope). */
  fillAnswer: 60,
  /** One cell of a getCellProperties answer ({"format":{"fill":{"color":…,"pattern":…,…}}}, about 100 bytes). */
  cellProperties: 110,
  /** One cell of a values + number format answer: an estimate for text-heavy plans. */
  readCell: 60,
  /** One empty cell of a values + formulas answer (`"",""` and the row's share of brackets). */
  emptyCell: 8,
  /** What a cell's formula may add to its value in a values + formulas answer. */
  formula: 40,
  /** A range proxy with a values or formulas write, without the data. */
  rangeWrite: 900,
  /** A band's range and a getCellProperties call on it (the sheet's proxy made once), without the answer. */
  propertiesRead: 500,
  /** A note's path and a load of its content, on the sheet's note collection proxy (see notes.ts), and its answer. */
  noteRead: 500,
  /** A note added, deleted or edited through the sheet's note collection proxy, without its text. */
  noteWrite: 400,
};

const REQUEST_REFUSED = /request payload size has exceeded the limit/i;

interface Op {
  request: number;
  answer: number;
  queue: () => void;
}

/**
 * Queues actions with their estimated size and syncs whenever the next one would pass the budget, so a
 * big job becomes as few round trips as the budget allows (one for a usual sheet). When the host still
 * refuses a request for its size (the estimate was short), nothing of it ran: its actions are queued
 * again in two halves. `queue` functions must therefore be safe to call again (assign their proxies, do
 * not append them), and everything of a round trip must go through add().
 */
export class Batcher {
  private ops: Op[] = [];
  private request = 0;
  private answer = 0;
  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly max = MAX_BYTES,
  ) {}

  /** Queues an action sending about `request` bytes and bringing back about `answer` bytes. */
  async add(request: number, queue: () => void, answer = 0): Promise<void> {
    if (this.ops.length > 0 && (this.request + request > this.max || this.answer + answer > this.max)) await this.flush();
    queue();
    this.ops.push({ request, answer, queue });
    this.request += request;
    this.answer += answer;
  }

  async flush(): Promise<void> {
    if (this.ops.length === 0) return;
    const ops = this.ops;
    this.ops = [];
    this.request = 0;
    this.answer = 0;
    await this.syncSplitting(ops);
  }

  private async syncSplitting(ops: Op[]): Promise<void> {
    try {
      await this.ctx.sync();
    } catch (e) {
      if (ops.length < 2 || !REQUEST_REFUSED.test(e instanceof Error ? e.message : String(e))) throw e;
      const half = Math.ceil(ops.length / 2);
      for (const part of [ops.slice(0, half), ops.slice(half)]) {
        for (const op of part) op.queue();
        await this.syncSplitting(part);
      }
    }
  }
}

/** Size of a 2D array of cell data as JSON. */
export const jsonBytes = (data: unknown) => JSON.stringify(data).length;
