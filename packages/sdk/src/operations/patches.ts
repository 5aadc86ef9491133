import { ConfigError, NonDeterministicExecutionError } from "../errors/index.js";
import type { InvocationServices } from "../replay/host.js";

/** The wire Id of a patch marker: derived from the patch id, not from a position. */
export type MarkerIdOf = (patchId: string) => string;

/**
 * Versioning markers for changing code under running executions.
 *
 * `patched(id)` is true when the execution took the new code path: its marker is in the log, or
 * the execution reaches this point for the first time (the marker is then written). It is false
 * when the execution already ran past this point before the patch existed (the context is
 * replaying). The answer is memoized per invocation.
 */
export class PatchMarkers {
  private readonly memo = new Map<string, boolean>();

  constructor(
    private readonly services: InvocationServices,
    private readonly markerIdOf: MarkerIdOf,
  ) {}

  patched(patchId: string, replaying: boolean): boolean {
    const id = this.requireId(patchId);
    const known = this.memo.get(id);
    if (known !== undefined) return known;
    const markerId = this.markerIdOf(id);
    let answer: boolean;
    if (this.services.log.has(markerId)) answer = true;
    else if (replaying) answer = false;
    else {
      this.services.post({ Id: markerId, Type: "STEP", SubType: "Patch", Name: id, Action: "SUCCEED" });
      answer = true;
    }
    this.memo.set(id, answer);
    return answer;
  }

  /**
   * Declares that every execution still running has passed patch `id`. A replaying execution
   * without the marker predates the patch: it cannot run the code that remains, so this is a
   * terminal `NonDeterministicExecutionError` naming the patch.
   */
  deprecate(patchId: string, replaying: boolean, position: string): void {
    const id = this.requireId(patchId);
    if (this.services.log.has(this.markerIdOf(id)) || !replaying) return;
    throw new NonDeterministicExecutionError({
      position,
      message:
        `Patch "${id}" was deprecated, but this execution started before the patch existed and replays the old code ` +
        `path at ${position}: keep context.patched("${id}") until such executions have finished`,
    });
  }

  private requireId(patchId: string): string {
    if (typeof patchId !== "string" || !/^[\x20-\x7E]{1,256}$/.test(patchId)) {
      throw new ConfigError("INVALID_NAME", `Invalid patch id ${JSON.stringify(patchId)}: patch ids are 1-256 printable ASCII characters`, "patchId");
    }
    return patchId;
  }
}
