/** What one run of the suite measures: the full run (`npm run bench`) or the CI smoke (`--quick`). */
export interface Plan {
  quick: boolean;
  /** Timed repetitions per measure (the figure is their median). */
  runs: number;
  /** Untimed repetitions before timing, in processes that time several runs. */
  warmups: number;
  /** Fresh processes per SDK for the cold-start figure. */
  coldStartRuns: number;
  /** Figure 1: sizes of the sequential-step runs (1 = the one-step run). */
  runnerSteps: number[];
  /** Figures 2 and 3: steps per run on our backend. */
  backendSteps: number;
  /**
   * Figures 2–4: untimed runs before timing. More than `warmups`: figure 2 is a per-step cost at
   * steady state, and our SDK's runs settle only after ~7,000 steps (the optimizing compiler).
   */
  backendWarmups: number;
  /** Figure 4: simulated checkpoint round trip and steps per run. */
  latencyMs: number;
  latencySteps: number;
  /** Figure 5: history lengths replayed (the last one carries the < 100 ms target at 10,000). */
  replaySizes: number[];
  /** Figure 6. */
  mapItems: number;
  maxConcurrency: number;
  /** Figure 8: sizes of the large maps (our SDK only, one run each). */
  bigMapItems: number[];
}

export const FULL_PLAN: Plan = {
  quick: false,
  runs: 5,
  warmups: 3,
  coldStartRuns: 7,
  runnerSteps: [1, 100, 1000],
  backendSteps: 1000,
  backendWarmups: 10,
  latencyMs: 20,
  latencySteps: 200,
  replaySizes: [1000, 10_000],
  mapItems: 1000,
  maxConcurrency: 50,
  bigMapItems: [10_000, 100_000],
};

export const QUICK_PLAN: Plan = {
  quick: true,
  runs: 1,
  warmups: 1,
  coldStartRuns: 1,
  runnerSteps: [1, 10, 50],
  backendSteps: 50,
  backendWarmups: 1,
  latencyMs: 20,
  latencySteps: 10,
  replaySizes: [100, 1000],
  mapItems: 50,
  maxConcurrency: 50,
  bigMapItems: [2_000],
};
