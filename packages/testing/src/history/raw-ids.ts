/**
 * Recovers the raw positional ids ("2-1-3") of wire Ids. The wire Id is md5(raw id) cut to 16 hex
 * (protocol §5), so it cannot be decoded; but the raw id of a child of a context with raw id `P` is
 * `P-n` for a small n, so trying n = 1, 2, … under the known parent finds it.
 */
import type { Operation } from "@aws-sdk/client-lambda";
import { hashOperationId } from "@durable-ts/sdk";

/** How far past a context's known children the search goes (positions without an operation, e.g. a failed claim). */
const SLACK = 256;

/** Raw ids of a history's operations (and of operations the code added), found lazily and cached. */
export class RawIds {
  private readonly known = new Map<string, string>();
  private readonly parents = new Map<string, string | undefined>();
  private readonly childCount = new Map<string, number>();

  constructor(operations: readonly Pick<Operation, "Id" | "ParentId" | "Type">[]) {
    this.learn(operations);
  }

  /** Records where operations sit (their ParentId), e.g. those of a checkpoint the code sent. */
  learn(operations: readonly Pick<Operation, "Id" | "ParentId" | "Type">[]): void {
    for (const op of operations) {
      if (op.Type === "EXECUTION" || op.Id === undefined || this.parents.has(op.Id)) continue;
      this.parents.set(op.Id, op.ParentId ?? undefined);
      const parent = op.ParentId ?? "";
      this.childCount.set(parent, (this.childCount.get(parent) ?? 0) + 1);
    }
  }

  /** The wire Id of the context enclosing `id`, if known. */
  parentOf(id: string): string | undefined {
    return this.parents.get(id);
  }

  /** The raw id of operation `id`, or undefined when it (or an enclosing context) is not known. */
  resolve(id: string, depth = 0): string | undefined {
    const cached = this.known.get(id);
    if (cached !== undefined) return cached;
    if (depth > 64 || !this.parents.has(id)) return undefined;
    const parentId = this.parents.get(id);
    let prefix = "";
    if (parentId !== undefined) {
      const parentRaw = this.resolve(parentId, depth + 1);
      if (parentRaw === undefined) return undefined;
      prefix = `${parentRaw}-`;
    }
    const limit = (this.childCount.get(parentId ?? "") ?? 0) + SLACK;
    for (let n = 1; n <= limit; n++) {
      const raw = `${prefix}${n}`;
      if (hashOperationId(raw) === id) {
        this.known.set(id, raw);
        return raw;
      }
    }
    return undefined;
  }
}
