// One check or Rimuovi at a time per document: this run's lease in the memory sheet (see memory-sheet.ts and
// mayProceed in core/memory.ts), one token and one cell for the whole run, released at its end.
import { Batcher, BYTES } from "./batch";
import { leaseCell, queueClaimLease, queueCreateMemory, queueReleaseLease, type LeaseClaim, type Memory } from "./memory-sheet";

const newToken = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** This run's lease: one token and one cell of the lease area for the whole run, however often it is claimed. */
export interface RunLease {
  token: string;
  cell: string;
  /** The last claim queued (answered by the next sync); null before the first and after the release. */
  claim: LeaseClaim | null;
}

const newLease = (): RunLease => ({ token: newToken(), cell: leaseCell(), claim: null });

/** Queues the claim in the current batch; after the sync, `granted` says whether this run may write. */
export function queueClaim(ctx: Excel.RequestContext, lease: RunLease): void {
  lease.claim = queueClaimLease(ctx, lease.token, Date.now(), lease.cell);
}

/** Claims the lease (creating the memory sheet first when there is none) in the batcher's current round trip. */
export async function claim(ctx: Excel.RequestContext, memory: Memory, batch: Batcher, lease: RunLease): Promise<void> {
  await batch.add(BYTES.rangeWrite * 4, () => {
    if (!memory.exists) queueCreateMemory(ctx);
    queueClaim(ctx, lease);
  });
}

export const granted = (lease: RunLease, generation: number) => lease.claim?.granted(generation) ?? false;

/** Queues the release in the batcher's round trip (the last of a write). */
export async function queueRelease(ctx: Excel.RequestContext, batch: Batcher, lease: RunLease): Promise<void> {
  const claimed = lease.claim;
  if (claimed) await batch.add(BYTES.rangeWrite, () => queueReleaseLease(ctx, claimed));
}

/** Releases the lease now, if this run holds one. */
async function release(ctx: Excel.RequestContext, lease: RunLease): Promise<void> {
  if (!lease.claim) return;
  queueReleaseLease(ctx, lease.claim);
  lease.claim = null;
  await ctx.sync().catch(() => undefined);
}

/** Runs `work` with this run's lease, released at the end whatever happened (a no-op when it was released or never claimed). */
export async function withLease<T>(ctx: Excel.RequestContext, work: (lease: RunLease) => Promise<T>): Promise<T> {
  const lease = newLease();
  try {
    return await work(lease);
  } finally {
    await release(ctx, lease);
  }
}
