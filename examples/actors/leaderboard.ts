/**
 * A leaderboard: players submit scores; the board keeps each player's best and the top N.
 * `submit` is exclusive; `top` and `rank` are shared reads.
 */
import { actor, handlersFor } from "@durable-ts/actors";

export interface Board {
  best: Record<string, number>;
}
const { exclusive, shared } = handlersFor<Board>();

function ranking(board: Board): { player: string; score: number }[] {
  return Object.entries(board.best)
    .map(([player, score]) => ({ player, score }))
    .sort((a, b) => b.score - a.score || a.player.localeCompare(b.player));
}

export const leaderboard = actor({
  name: "leaderboard",
  initialState: (): Board => ({ best: {} }),
  handlers: {
    submit: exclusive(async (ctx, s: { player: string; score: number }) => {
      if (typeof s?.player !== "string" || s.player === "" || !Number.isFinite(s.score)) {
        throw Object.assign(new Error(`submit expects { player: non-empty string, score: finite number }, received ${JSON.stringify(s)}`), {
          name: "InvalidScore",
          data: { received: s },
        });
      }
      const previous = ctx.state.best[s.player];
      if (previous !== undefined && previous >= s.score) return { improved: false, best: previous };
      ctx.state.best[s.player] = s.score;
      await ctx.save();
      return { improved: true, best: s.score };
    }),
    top: shared(async (ctx, n: number) => ranking(ctx.state).slice(0, n)),
    rank: shared(async (ctx, player: string) => {
      const index = ranking(ctx.state).findIndex((e) => e.player === player);
      return index === -1 ? null : index + 1;
    }),
  },
});

export const handler = leaderboard.lambdaHandler();
