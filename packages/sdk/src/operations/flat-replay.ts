import type { Operation } from "@aws-sdk/client-lambda";
import type { ReplayTracker } from "../replay/host.js";

/**
 * The settlement order of a FLAT batch's items that started in earlier invocations, when the batch
 * runs again (docs/operations/map.md, FLAT nesting).
 *
 * A FLAT item leaves no record of its own, so whether it finished earlier is learnt by replaying
 * it: it did when it completes without a claim the history leaves open. Those items settle first,
 * in the order they first finished (the latest end time among their operations, then index), as
 * NESTED settles first the items whose CONTEXT is recorded finished; items that reached live work
 * settle after them, as they complete. Until every started item has done one or the other, no
 * settlement reaches the batch: a live item that completes meanwhile waits. The items keep running.
 */
export class FlatReplay {
  private unknown: number;
  private readonly live = new Set<number>();
  private readonly finished: { index: number; endMs: number; settle: () => void }[] = [];
  private readonly endMs = new Map<number, number>();
  private opened = false;
  private release: () => void = () => undefined;
  private readonly whenOpen = new Promise<void>((resolve) => (this.release = resolve));

  /**
   * `count`: items 0…count-1 started in earlier invocations. `onOpen` runs once the order is
   * settled, with the number of items that reached live work (each still holds its slot).
   */
  constructor(
    count: number,
    private readonly onOpen: (liveItems: number) => void,
  ) {
    this.unknown = count;
  }

  /** Follows item `index`'s claims: its end time while the history completes them, or that it went live. */
  tracker(index: number): ReplayTracker {
    return {
      claimed: (stored, replayed) => {
        if (this.opened || this.live.has(index)) return;
        if (!replayed) return this.wentLive(index);
        const end = endMs(stored);
        if (end > (this.endMs.get(index) ?? Number.NEGATIVE_INFINITY)) this.endMs.set(index, end);
      },
    };
  }

  /** True when item `index` reached live work (it then took a slot, as a new item does). */
  isLive(index: number): boolean {
    return this.live.has(index);
  }

  /**
   * Item `index` completed: `settle` reports it to the batch now or in its turn (undefined: it ended
   * without a settlement, e.g. a terminal error). Resolves once it was reported.
   */
  async deliver(index: number, settle: (() => void) | undefined): Promise<void> {
    if (this.opened) return settle?.();
    if (this.live.has(index)) {
      await this.whenOpen;
      return settle?.();
    }
    if (settle) this.finished.push({ index, endMs: this.endMs.get(index) ?? Number.NEGATIVE_INFINITY, settle });
    this.unknown -= 1;
    this.openIfKnown();
  }

  private wentLive(index: number): void {
    this.live.add(index);
    this.unknown -= 1;
    this.openIfKnown();
  }

  private openIfKnown(): void {
    if (this.unknown > 0 || this.opened) return;
    this.opened = true;
    this.finished.sort((a, b) => a.endMs - b.endMs || a.index - b.index);
    for (const item of this.finished) item.settle();
    // Live items that completed meanwhile settle next, in the order they completed.
    this.release();
    this.onOpen(this.live.size);
  }
}

/** When the history says an operation ended (its start while it has no end), epoch ms. */
function endMs(stored: Operation | undefined): number {
  const at = stored?.EndTimestamp ?? stored?.StartTimestamp;
  if (at === undefined || at === null) return Number.NEGATIVE_INFINITY;
  const ms = at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(String(at));
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}
