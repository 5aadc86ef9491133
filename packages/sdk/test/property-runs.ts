/**
 * How big the tests are. `TEST_SIZE=full` (set in .ci/run) runs every fast-check property at full
 * size and adds the integration files (`*.integration.test.ts`: child processes, servers, browsers,
 * DynamoDB, CDK synth; see vitest.config.ts). The everyday `npm test` (`TEST_SIZE` unset or `quick`)
 * runs a tenth of each property (at least 10 cases). `PROPERTY_RUNS=<n>` sets the base size of the
 * sized properties for a longer soak.
 */
export function testSize(): "full" | "quick" {
  const size = process.env.TEST_SIZE;
  if (size === "full") return "full";
  if (size === undefined || size === "" || size === "quick") return "quick";
  throw new TypeError(`TEST_SIZE must be "full" or "quick", received ${JSON.stringify(size)}`);
}

/** `full` at TEST_SIZE=full, else a tenth of it (at least 10). */
export function propertyRuns(full: number): number {
  return testSize() === "full" ? full : Math.max(10, Math.round(full / 10));
}

/** Base size of a property that `PROPERTY_RUNS` can override (then used as given, at any TEST_SIZE). */
export function soakRuns(full: number): number {
  const runs = process.env.PROPERTY_RUNS;
  if (runs !== undefined && runs !== "") {
    const n = Number(runs);
    if (!Number.isInteger(n) || n < 1) throw new TypeError(`PROPERTY_RUNS must be a positive integer, received ${JSON.stringify(runs)}`);
    return n;
  }
  return propertyRuns(full);
}

/**
 * `{ seed }` from `PROPERTY_SEED` (to replay a failure fast-check reported), else `{}`. Spread into
 * `fc.assert`'s parameters.
 */
export function propertySeed(): { seed?: number } {
  const seed = process.env.PROPERTY_SEED;
  if (seed === undefined || seed === "") return {};
  const n = Number(seed);
  if (!Number.isInteger(n)) throw new TypeError(`PROPERTY_SEED must be an integer, received ${JSON.stringify(seed)}`);
  return { seed: n };
}
