/** Why an invocation stops before (or instead of) its handler settling. */
export type EarlyStop = { kind: "suspend"; cause: "idle" | "token-missing" } | { kind: "fail"; error: Error } | { kind: "throw"; error: Error };

/**
 * The one place an invocation's early end is decided: the first `stop` wins, later ones are ignored.
 * The entry races `promise` against the handler.
 */
export class StopSignal {
  readonly promise: Promise<EarlyStop>;
  private resolveStop!: (stop: EarlyStop) => void;
  private decided: EarlyStop | undefined;

  constructor() {
    this.promise = new Promise((resolve) => {
      this.resolveStop = resolve;
    });
  }

  get stopped(): EarlyStop | undefined {
    return this.decided;
  }

  stop(stop: EarlyStop): void {
    if (this.decided) return;
    this.decided = stop;
    this.resolveStop(stop);
  }
}
