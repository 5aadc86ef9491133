import fc from "fast-check";
import { SuperJSON } from "superjson";
import { inspect, isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "../../test/property-runs.js";
import { ClassRegistry, deserialize, serialize, SuperjsonFormatError, type SuperjsonResult } from "./index.js";

// The reference: superjson (a devDependency only) with the same class registered as ours.
class Point {
  constructor(
    public x = 0,
    public y = 0,
  ) {}
  norm(): number {
    return Math.abs(this.x) + Math.abs(this.y);
  }
}
const reference = new SuperJSON();
reference.registerClass(Point, "Point");
const classes = new ClassRegistry();
classes.register(Point, "Point");

/** Keys superjson treats specially (escaped paths, prototype keys, array-like) and ordinary ones. */
const edgeKey = fc.oneof(
  fc.constantFrom(
    "",
    "a",
    "a.b",
    "a\\b",
    "\\",
    ".",
    "a\\.b",
    "..",
    "0",
    "1",
    "10",
    "-1",
    "1.5",
    "$sj",
    "constructor",
    "prototype",
    "__proto__",
    "toString",
    "hasOwnProperty",
  ),
  fc.string({ maxLength: 6 }),
);
/** The keys superjson refuses in objects it walks; values holding them must fail on both sides. */
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
const safeKey = edgeKey.filter((k) => !FORBIDDEN.has(k));

const TYPED = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array] as const;

/** Values the format brings back as they were. */
const faithfulLeaf = fc.oneof(
  fc.constantFrom(undefined, null, true, false, NaN, Infinity, -Infinity, -0, 0),
  fc.string({ maxLength: 8 }),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.date({ noInvalidDate: true }),
  fc.tuple(fc.stringMatching(/^[a-z.*+?\\/[\]()]{0,6}$/), fc.subarray(["g", "i", "m", "s", "u", "y"])).map(([source, flags]) => {
    try {
      return new RegExp(source, flags.join(""));
    } catch {
      return new RegExp("x", flags.join(""));
    }
  }),
  fc.webUrl().map((u) => new URL(u)),
  fc.tuple(fc.constantFrom(...TYPED), fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 4 })).map(([Ctor, values]) => new Ctor(values)),
  fc.tuple(fc.integer(), fc.integer()).map(([x, y]) => new Point(x, y)),
);

/** Values superjson writes in some lossy way: Errors, invalid Dates, NaN in float arrays. */
const lossyLeaf = fc.oneof(
  fc
    .tuple(fc.constantFrom(Error, TypeError, RangeError), fc.string({ maxLength: 5 }), fc.option(fc.string({ maxLength: 3 })), fc.boolean())
    .map(([Ctor, message, code, withCause]) => {
      const error = withCause ? new Ctor(message, { cause: code ?? undefined }) : new Ctor(message);
      if (code !== null) Object.assign(error, { code });
      return error;
    }),
  fc.constant(new Date(Number.NaN)),
  fc.constant(new Float64Array([Number.NaN, -0])),
);

/**
 * Nested objects, arrays, Maps and Sets over `leaf`, keys from `key`. Set members and Map keys
 * that are not containers come from `member`. With `nullPrototype`, some objects have no
 * prototype (the format reads them back as ordinary objects).
 */
function tree(leaf: fc.Arbitrary<unknown>, member: fc.Arbitrary<unknown>, key: fc.Arbitrary<string>, nullPrototype: boolean): fc.Arbitrary<unknown> {
  const { node } = fc.letrec<{ node: unknown; container: unknown; member: unknown }>((tie) => ({
    node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("container")),
    member: fc.oneof({ depthSize: "small", withCrossShrink: true }, member, tie("container")),
    container: fc.oneof(
      { depthSize: "small" },
      fc.array(tie("node"), { maxLength: 4 }),
      fc
        .tuple(fc.array(fc.tuple(key, tie("node")), { maxLength: 4 }), nullPrototype ? fc.boolean() : fc.constant(false))
        .map(([entries, bare]) => (bare ? Object.assign(Object.create(null) as object, Object.fromEntries(entries)) : Object.fromEntries(entries))),
      fc.array(fc.tuple(tie("member"), tie("node")), { maxLength: 3 }).map((entries) => new Map(entries)),
      fc.array(tie("member"), { maxLength: 3 }).map((values) => new Set(values)),
    ),
  }));
  return node;
}

/**
 * `value` with some containers made to hold other containers of it. `"any"`: shared and circular
 * references anywhere. `"outside-sets"`: shared references among objects, arrays and Map values
 * only. superjson's reader (which ours follows step for step) does not restore every cycle, nor
 * sharing that involves Set members or Map keys: restoring one reorders the Set or Map, and a
 * later path by position then lands on another member. Round trips are checked without those;
 * reading them is checked against superjson.
 */
function withReferences(value: fc.Arbitrary<unknown>, key: fc.Arbitrary<string>, links: "any" | "outside-sets"): fc.Arbitrary<unknown> {
  const anywhere = links === "any";
  return fc.tuple(value, fc.array(fc.tuple(fc.nat(), fc.nat(), key), { maxLength: 4 })).map(([generated, pairs]) => {
    // A copy: fast-check keeps generated values to shrink them, so they must not be changed.
    const root = copyContainers(generated);
    const containers = collectContainers(root, anywhere);
    if (containers.length === 0) return root;
    for (const [from, to, k] of pairs) {
      const target = containers[from % containers.length]!;
      const shared = containers[to % containers.length]!;
      if (!anywhere && (target instanceof Set || collectContainers(shared, true).includes(target))) continue;
      if (target instanceof Map) target.set(k, shared);
      else if (target instanceof Set) target.add(shared);
      else if (Array.isArray(target)) target.push(shared);
      else Object.defineProperty(target, k, { value: shared, enumerable: true, writable: true, configurable: true });
    }
    return root;
  });
}

function copyContainers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyContainers);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [copyContainers(k), copyContainers(v)]));
  if (value instanceof Set) return new Set([...value].map(copyContainers));
  if (typeof value !== "object" || value === null) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out = Object.create(proto) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: copyContainers(v), enumerable: true, writable: true, configurable: true });
  return out;
}

/** The arrays, plain objects, Maps and Sets in `root`; without `inSets`, none inside a Set member or Map key. */
function collectContainers(root: unknown, inSets: boolean, out: object[] = []): object[] {
  if (typeof root !== "object" || root === null || out.includes(root)) return out;
  const proto: unknown = Object.getPrototypeOf(root);
  const container = Array.isArray(root) || root instanceof Map || root instanceof Set || proto === Object.prototype || proto === null;
  if (!container) return out;
  out.push(root);
  const children = root instanceof Map ? [...(inSets ? root.keys() : []), ...root.values()] : root instanceof Set ? (inSets ? [...root] : []) : Object.values(root);
  for (const child of children) collectContainers(child, inSets, out);
  return out;
}

/**
 * Everything about a value, in order: own properties (hidden ones too), classes, Set and Map order,
 * which places share an object, Invalid Dates (which deep equality calls unequal to themselves).
 */
const portrait = (value: unknown): string => inspect(value, { depth: null, showHidden: true });

/** Runs `f`, giving its result or the error it threw. */
function attempt<T>(f: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

const anyLeaf = fc.oneof(faithfulLeaf, lossyLeaf);
const anyValue = withReferences(tree(anyLeaf, anyLeaf, edgeKey, true), edgeKey, "any");
// superjson tracks NaN and bigints as references too (two equal ones count as one shared value),
// so as Set members or Map keys they meet the reader's reordering described above.
const plainMember = faithfulLeaf.filter((v) => typeof v !== "bigint" && !Number.isNaN(v));
const faithfulValue = withReferences(tree(faithfulLeaf, plainMember, safeKey, false), safeKey, "outside-sets");
const runs = { numRuns: propertyRuns(1000) };

describe("superjson format: our codec against superjson 2", () => {
  it("law: serialize writes what superjson writes, to the byte, and refuses what superjson refuses", () => {
    fc.assert(
      fc.property(anyValue, (v) => {
        const theirs = attempt(() => reference.serialize(v as never));
        const ours = attempt(() => serialize(v, classes));
        if (!theirs.ok) {
          expect(ours.ok).toBe(false);
          if (!ours.ok) expect(ours.error).toBeInstanceOf(SuperjsonFormatError);
          return;
        }
        expect(ours.ok).toBe(true);
        if (!ours.ok) return;
        expect(JSON.stringify(ours.value)).toBe(JSON.stringify(theirs.value));
        expect(isDeepStrictEqual(ours.value, theirs.value)).toBe(true);
      }),
      runs,
    );
  });

  it("law: deserialize reads what superjson wrote exactly as superjson reads it, with and without a format version", () => {
    fc.assert(
      fc.property(anyValue, fc.boolean(), (v, dropVersion) => {
        const written = attempt(() => JSON.stringify(reference.serialize(v as never)));
        fc.pre(written.ok);
        if (!written.ok) return;
        const payload = JSON.parse(written.value) as SuperjsonResult;
        if (dropVersion && payload.meta !== undefined) delete payload.meta.v;
        const theirs = attempt(() => reference.deserialize(structuredClone(payload) as never));
        const ours = attempt(() => deserialize(payload, classes));
        expect(ours.ok).toBe(theirs.ok);
        if (ours.ok && theirs.ok) expect(portrait(ours.value)).toBe(portrait(theirs.value));
      }),
      runs,
    );
  });

  it("law: deserialize(JSON of serialize(v)) deep-equals v for the kinds the format keeps, shared references included", () => {
    fc.assert(
      fc.property(faithfulValue, (v) => {
        const text = JSON.stringify(serialize(v, classes));
        const back = deserialize(JSON.parse(text) as SuperjsonResult, classes);
        expect(isDeepStrictEqual(back, v)).toBe(true);
      }),
      runs,
    );
  });

  it("law: superjson reads what serialize wrote as the value written", () => {
    fc.assert(
      fc.property(faithfulValue, (v) => {
        const text = JSON.stringify(serialize(v, classes));
        expect(isDeepStrictEqual(reference.deserialize(JSON.parse(text) as never), v)).toBe(true);
      }),
      runs,
    );
  });
});
