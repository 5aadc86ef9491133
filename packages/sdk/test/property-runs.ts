/**
 * How many cases each fast-check property generates. CI runs every property at full size
 * (`PROPERTY_SIZE=full`, set in .ci/run); the everyday `npm test` runs a tenth (at least 10) so it
 * stays quick. `PROPERTY_RUNS=<n>` sets the base size of the sized properties for a longer soak.
 */
export function propertyRuns(full: number): number {
  const size = process.env.PROPERTY_SIZE;
  if (size === "full") return full;
  if (size !== undefined && size !== "" && size !== "quick") throw new TypeError(`PROPERTY_SIZE must be "full" or "quick", received ${JSON.stringify(size)}`);
  return Math.max(10, Math.round(full / 10));
}

/** Base size of a property that `PROPERTY_RUNS` can override (then used as given, at any PROPERTY_SIZE). */
export function soakRuns(full: number): number {
  const runs = process.env.PROPERTY_RUNS;
  if (runs !== undefined && runs !== "") {
    const n = Number(runs);
    if (!Number.isInteger(n) || n < 1) throw new TypeError(`PROPERTY_RUNS must be a positive integer, received ${JSON.stringify(runs)}`);
    return n;
  }
  return propertyRuns(full);
}
