import { createActorHarness } from "@durable-ts/actors/testing";
import { describe, expect, it } from "vitest";
import { leaderboard } from "./leaderboard.js";

describe("leaderboard actor", () => {
  it("keeps each player's best score and ranks them, with queued submissions from many instances", async () => {
    const h = createActorHarness({ actors: [leaderboard], instances: 3 });
    const scores = [
      ["ada", 30],
      ["bob", 50],
      ["ada", 70],
      ["cy", 50],
      ["bob", 10],
    ] as const;
    for (const [i, [player, score]] of scores.entries()) await h.client(leaderboard, i % 3).send("global", "submit", { player, score });
    await h.drain();
    const client = h.client(leaderboard);
    expect(await client.call("global", "top", 3)).toEqual([
      { player: "ada", score: 70 },
      { player: "bob", score: 50 },
      { player: "cy", score: 50 },
    ]);
    expect(await client.call("global", "rank", "cy")).toBe(3);
    expect(await client.call("global", "rank", "nobody")).toBeNull();
    // Only improvements commit: ada 30, bob 50, ada 70, cy 50.
    expect(await h.version(leaderboard, "global")).toBe(4);
  });

  it("answers a bad submission with the handler's typed error and commits nothing", async () => {
    const h = createActorHarness({ actors: [leaderboard] });
    await expect(h.client(leaderboard).call("global", "submit", { player: "", score: 1 })).rejects.toMatchObject({
      name: "InvalidScore",
      data: { received: { player: "", score: 1 } },
    });
    expect(await h.version(leaderboard, "global")).toBe(0);
  });
});
