import { createHash } from "node:crypto";

/**
 * Deterministic pseudo-random values for one context: each value is derived from the execution
 * ARN, the context's position, how many operations the context has started and how many values
 * were drawn since, so a replay draws exactly the same sequence without checkpointing anything.
 * Not for secrets: anyone who knows the ARN can compute the values.
 */
export class DeterministicSource {
  private lastCounter = -1;
  private drawsSinceOperation = 0;
  private readonly seed: string;

  constructor(executionArn: string, contextPath: string) {
    this.seed = `${executionArn}\n${contextPath}`;
  }

  /** 32 pseudo-random bytes for the next draw at operation counter `counter`. */
  next(counter: number): Buffer {
    if (counter !== this.lastCounter) {
      this.lastCounter = counter;
      this.drawsSinceOperation = 0;
    }
    const draw = this.drawsSinceOperation++;
    return createHash("sha256").update(`${this.seed}\n${counter}\n${draw}`).digest();
  }

  /** A number in [0, 1) with 52 random bits, like `Math.random()`. */
  random(counter: number): number {
    const bytes = this.next(counter);
    const high = bytes.readUInt32BE(0) >>> 12; // 20 bits
    const low = bytes.readUInt32BE(4); // 32 bits
    return (high * 2 ** 32 + low) / 2 ** 52;
  }

  /** A UUID with the version-4 layout (version and variant bits set). */
  uuid(counter: number): string {
    const bytes = this.next(counter).subarray(0, 16);
    bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x40, 6);
    bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
