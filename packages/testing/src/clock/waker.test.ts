import { describe, expect, it } from "vitest";
import { realNow } from "./real-time.js";
import { Waker } from "./waker.js";

describe("Waker", () => {
  it("one wake ends every pending sleep, with or without a time limit", async () => {
    const waker = new Waker();
    const ended: string[] = [];
    const sleeps = [waker.sleep().then(() => ended.push("untimed")), waker.sleep(60_000).then(() => ended.push("timed"))];
    await Promise.resolve();
    expect(ended).toEqual([]);
    waker.wake();
    await Promise.all(sleeps);
    expect(ended.sort()).toEqual(["timed", "untimed"]);
  });

  it("a sleep with a time limit ends by itself after that much real time", async () => {
    const started = realNow();
    await new Waker({ keepAlive: false }).sleep(20);
    expect(realNow() - started).toBeGreaterThanOrEqual(15);
  });

  it("a wake with nobody asleep is not kept for the next sleep", async () => {
    const waker = new Waker();
    waker.wake();
    let ended = false;
    const sleep = waker.sleep().then(() => (ended = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    waker.wake();
    await sleep;
    expect(ended).toBe(true);
  });
});
