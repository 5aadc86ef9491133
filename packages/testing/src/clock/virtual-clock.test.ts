import { describe, expect, it } from "vitest";
import { VirtualClock, clockAdvanceToMs } from "./virtual-clock.js";

const T0 = Date.UTC(2026, 0, 1);

describe("VirtualClock (time skipping)", () => {
  it("stands still until advanced", async () => {
    const clock = new VirtualClock(T0);
    expect(clock.skipping).toBe(true);
    expect(clock.nowMs()).toBe(T0);
    expect(clock.now()).toEqual(new Date(T0));
    await clock.advance({ seconds: 5 });
    expect(clock.nowMs()).toBe(T0 + 5000);
    await clock.advance({ milliseconds: 7 });
    expect(clock.nowMs()).toBe(T0 + 5007);
    await clock.advance({ days: 1, hours: 1, minutes: 1 });
    expect(clock.nowMs()).toBe(T0 + 5007 + 86_400_000 + 3_600_000 + 60_000);
  });

  it("fires timers in timestamp order, each seeing its own instant", async () => {
    const clock = new VirtualClock(T0);
    const seen: [string, number][] = [];
    clock.schedule(T0 + 300, () => seen.push(["c", clock.nowMs()]));
    clock.schedule(T0 + 100, () => seen.push(["a", clock.nowMs()]));
    clock.schedule(T0 + 200, () => seen.push(["b", clock.nowMs()]));
    expect(clock.nextDueMs()).toBe(T0 + 100);
    await clock.advanceTo(T0 + 250);
    expect(seen).toEqual([
      ["a", T0 + 100],
      ["b", T0 + 200],
    ]);
    expect(clock.nowMs()).toBe(T0 + 250);
    expect(clock.nextDueMs()).toBe(T0 + 300);
  });

  it("fires ties in scheduling order", async () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    for (const name of ["first", "second", "third"]) clock.schedule(T0 + 10, () => seen.push(name));
    await clock.advance({ milliseconds: 10 });
    expect(seen).toEqual(["first", "second", "third"]);
  });

  it("fires timers scheduled by a fire within the same advance", async () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    clock.schedule(T0 + 10, () => {
      seen.push("outer");
      clock.schedule(clock.nowMs() + 5, () => seen.push("nested"));
      clock.schedule(clock.nowMs(), () => seen.push("same-instant"));
      clock.schedule(clock.nowMs() + 1000, () => seen.push("later"));
    });
    await clock.advanceTo(T0 + 20);
    expect(seen).toEqual(["outer", "same-instant", "nested"]);
    expect(clock.nextDueMs()).toBe(T0 + 1010);
  });

  it("does not fire cancelled timers", async () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    const handle = clock.schedule(T0 + 10, () => seen.push("cancelled"), "x");
    clock.schedule(T0 + 20, () => seen.push("kept"));
    expect(handle.atMs).toBe(T0 + 10);
    handle.cancel();
    handle.cancel();
    await clock.advance({ seconds: 1 });
    expect(seen).toEqual(["kept"]);
    expect(clock.nextDueMs()).toBeUndefined();
  });

  it("lets a firing timer cancel a later one", async () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    // The first timer fires during advance(), after `later` is initialised.
    clock.schedule(T0 + 1, () => later.cancel());
    const later = clock.schedule(T0 + 2, () => seen.push("later"));
    await clock.advance({ seconds: 1 });
    expect(seen).toEqual([]);
  });

  it("advanceToNext jumps to the next timer and fires all timers due at that instant", async () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    clock.schedule(T0 + 500, () => {
      seen.push("a");
      clock.schedule(T0 + 500, () => seen.push("a2"));
    });
    clock.schedule(T0 + 500, () => seen.push("b"));
    clock.schedule(T0 + 900, () => seen.push("c"));
    expect(await clock.advanceToNext()).toBe(true);
    expect(seen).toEqual(["a", "b", "a2"]);
    expect(clock.nowMs()).toBe(T0 + 500);
    expect(await clock.advanceToNext()).toBe(true);
    expect(seen).toEqual(["a", "b", "a2", "c"]);
    expect(await clock.advanceToNext()).toBe(false);
    expect(clock.nowMs()).toBe(T0 + 900);
  });

  it("never moves backwards, but fires past-due timers", async () => {
    const clock = new VirtualClock(T0);
    await clock.advance({ seconds: 10 });
    let fired = false;
    clock.schedule(T0, () => (fired = true));
    await clock.advanceTo(T0);
    expect(fired).toBe(true);
    expect(clock.nowMs()).toBe(T0 + 10_000);
  });

  it("fires the remaining timers when one throws, then rethrows", async () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    clock.schedule(T0 + 1, () => {
      throw new Error("boom");
    });
    clock.schedule(T0 + 2, () => seen.push("after"));
    await expect(clock.advance({ seconds: 1 })).rejects.toThrow("boom");
    expect(seen).toEqual(["after"]);
  });

  it("rejects negative durations", () => {
    expect(() => clockAdvanceToMs({ seconds: -1 })).toThrow(RangeError);
    expect(clockAdvanceToMs({ minutes: 2 })).toBe(120_000);
  });
});

describe("VirtualClock (real time)", () => {
  it("follows the wall clock from its start instant and fires on real timers", async () => {
    const clock = new VirtualClock(T0, { skipping: false });
    expect(clock.skipping).toBe(false);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(T0);
    expect(clock.nowMs()).toBeLessThan(T0 + 1000);
    const firedAt = await new Promise<number>((resolve) => clock.schedule(clock.nowMs() + 20, () => resolve(clock.nowMs())));
    expect(firedAt).toBeGreaterThanOrEqual(T0 + 20);
  });

  it("can still be advanced ahead of real time", async () => {
    const clock = new VirtualClock(T0, { skipping: false });
    const seen: string[] = [];
    clock.schedule(T0 + 60_000, () => seen.push("minute"));
    await clock.advance({ minutes: 1 });
    expect(seen).toEqual(["minute"]);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(T0 + 60_000);
  });

  it("does not fire a timer more than 24.8 days away early", async () => {
    const clock = new VirtualClock(T0, { skipping: false });
    let fired = false;
    const handle = clock.schedule(clock.nowMs() + 30 * 86_400_000, () => (fired = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toBe(false);
    handle.cancel();
  });
});
