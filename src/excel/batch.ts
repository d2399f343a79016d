// Splitting a host round trip so that no request or response passes Excel on the web's 5 MB
// (learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).

/**
 * Bytes one sync may carry each way (request, and response), estimated: a margin under 5 MB for what we do
 * not count. The two are separate limits: a round trip may send 4 MB of writes and bring 4 MB of reads.
 */
export const MAX_BYTES = 4_000_000;

/**
 * What office.js sends or receives, a little over what Microsoft's client (excel-web-16.00) was measured to
 * send within Excel.run: a Range proxy is its object path, an instantiate action and a _KeepReference call,
 * some 350 bytes; a worksheet found by name or a property path (format, fill) some 130-180; an action 100-200
 * besides its arguments.
 */
export const BYTES = {
  /** getRange + format + fill on a sheet's proxy and the fill's properties set (measured 730 for a colour, 940 for the four of 1.9). */
  fillWrite: 1000,
  /** The same path and a load of the colour (measured 720). */
  fillLoad: 800,
  /** The answer to one such load ({"color":"#FFFFFF"} and its envelope). */
  fillAnswer: 60,
  /** One cell of a getCellProperties answer ({"format":{"fill":{"color":…,"pattern":…,…}}}: measured 101 bytes in a band). */
  cellProperties: 110,
  /** What a getCellProperties answer adds for its call (one cell alone measured 129 bytes). */
  propertiesAnswer: 30,
  /** One cell of a values + number format answer: an estimate for text-heavy plans. */
  readCell: 60,
  /** One empty cell of a values + formulas answer (`"",""` and the row's share of brackets). */
  emptyCell: 8,
  /** What a cell's formula may add to its value in a values + formulas answer. */
  formula: 40,
  /** getRange on a sheet's proxy and a values or formulas write or a load, without the data (measured 470). */
  rangeWrite: 520,
  /** A copyFrom between ranges of two sheets' proxies (measured 850). */
  copy: 900,
  /** A band's range and a getCellProperties call on it (the sheet's proxy made once), without the answer (measured 540). */
  propertiesRead: 560,
  /** A note's path and a load of its content, on the sheet's note collection proxy (see notes.ts), and its answer (about 290). */
  noteRead: 320,
  /**
   * A note added, deleted or edited through the sheet's note collection proxy, without its text: an add was
   * measured at 180 bytes besides its text (258 with a 77-byte block) on Microsoft's client with the 1.18 notes
   * API added the way it adds the others (its build has none); an edit or a deletion adds a getItem path.
   */
  noteWrite: 240,
};

/** Cells of a values or formulas write beyond which office.js splits it into actions. */
const SPLIT_CELLS = 1500;

/**
 * A values or formulas write of `data`: its JSON, and past 1,500 cells office.js's own split of it into
 * actions of 1,500 cells, some 700 bytes each (a smaller write is one action, counted in rangeWrite).
 */
export function arrayWriteBytes(data: unknown[][]): number {
  const cells = data.reduce((n, row) => n + row.length, 0);
  return BYTES.rangeWrite + jsonBytes(data) + (cells > SPLIT_CELLS ? Math.ceil(cells / SPLIT_CELLS) * 700 : 0);
}

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
 * Worksheet proxies (`sheet`, `notes`) are made once a round trip: every call on a sheet then sends only its
 * own path, some 180 bytes less than a getItem of its own. They are not kept past a sync, where a failed one
 * would leave them invalid.
 */
export class Batcher {
  private ops: Op[] = [];
  private request = 0;
  private answer = 0;
  private proxies = new Map<string, Excel.Worksheet | Excel.NoteCollection>();
  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly max = MAX_BYTES,
  ) {}

  /** The worksheet of this name or id, one proxy a round trip. */
  sheet(nameOrId: string): Excel.Worksheet {
    const key = `sheet\u0000${nameOrId}`;
    if (!this.proxies.has(key)) this.proxies.set(key, this.ctx.workbook.worksheets.getItem(nameOrId));
    return this.proxies.get(key) as Excel.Worksheet;
  }

  /** The note collection of a worksheet (ExcelApi 1.18), one proxy a round trip. */
  notes(nameOrId: string): Excel.NoteCollection {
    const key = `notes\u0000${nameOrId}`;
    if (!this.proxies.has(key)) this.proxies.set(key, this.sheet(nameOrId).notes);
    return this.proxies.get(key) as Excel.NoteCollection;
  }

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
    this.proxies.clear();
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
