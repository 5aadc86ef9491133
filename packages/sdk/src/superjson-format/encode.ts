/**
 * Writes a value in superjson's format: the same `json` and `meta`, key for key and in the same
 * order, as superjson 2's `serialize` on an instance with the same registered classes.
 *
 * Like superjson, a value no rule covers (a function, a symbol, an unregistered class instance,
 * an invalid Date, a DataView) is put into `json` as itself, for `JSON.stringify` to drop or
 * flatten; callers that must not lose anything refuse such values first (see the default serdes).
 */
import { ClassRegistry } from "./class-registry.js";
import { SuperjsonFormatError } from "./format-error.js";
import { escapeKey, stringifyPath } from "./paths.js";
import { isPlainObject } from "./deep-access.js";
import { registeredClassOf, transform } from "./rules.js";
import type { AnnotationTree, AnnotationsByPath, ReferentialEqualities, SuperjsonMeta, SuperjsonResult } from "./types.js";

interface Walked {
  json: unknown;
  annotations?: AnnotationTree | AnnotationsByPath;
}

const NO_CLASSES = new ClassRegistry();
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

// superjson's "primitive" excludes NaN and bigint: those are tracked as if they were objects, so
// two equal bigints (or two NaNs) in one value are recorded as the same reference.
const isPrimitive = (v: unknown): boolean =>
  v === null ||
  v === undefined ||
  typeof v === "boolean" ||
  typeof v === "string" ||
  (typeof v === "number" && !Number.isNaN(v)) ||
  Object.prototype.toString.call(v) === "[object Symbol]";

/** Values whose parts are walked: plain objects, arrays, Maps, Sets, Errors and registered class instances. */
const isDeep = (v: unknown, classes: ClassRegistry): boolean =>
  isPlainObject(v) || Array.isArray(v) || v instanceof Map || v instanceof Set || v instanceof Error || registeredClassOf(v, classes) !== undefined;

/**
 * `{ json, meta? }` for `value`, exactly as superjson's `serialize` writes it.
 * @throws SuperjsonFormatError when an object walked (plain, array, Map, Set, Error or registered
 *   class) has an own key named `__proto__`, `constructor` or `prototype`, as superjson does.
 */
export function serialize(value: unknown, classes: ClassRegistry = NO_CLASSES): SuperjsonResult {
  const identities = new Map<unknown, string[][]>();
  const seen = new Map<unknown, Walked>();
  const ancestors: unknown[] = [];

  const walk = (node: unknown, path: string[]): Walked => {
    const primitive = isPrimitive(node);
    if (!primitive) {
      const paths = identities.get(node);
      if (paths) paths.push(path);
      else identities.set(node, [path]);
      const earlier = seen.get(node);
      // The same walked result again: superjson writes a shared object in full at each place.
      if (earlier) return earlier;
    }
    if (!isDeep(node, classes)) {
      const transformed = transform(node, classes);
      const result: Walked = transformed ? { json: transformed.value, annotations: [transformed.type] } : { json: node };
      if (!primitive) seen.set(node, result);
      return result;
    }
    // A cycle: null here, restored from the referential equalities.
    if (ancestors.includes(node)) return { json: null };
    const transformed = transform(node, classes);
    const source = (transformed?.value ?? node) as Record<string, unknown>;
    const json: Record<string, unknown> | unknown[] = Array.isArray(source) ? [] : {};
    const inner: AnnotationsByPath = {};
    ancestors.push(node);
    for (const [key, child] of Object.entries(source)) {
      if (FORBIDDEN_KEYS.has(key)) throw new SuperjsonFormatError("key", `Key ${key} is refused in a value that needs type metadata`);
      const walked = walk(child, [...path, key]);
      (json as Record<string, unknown>)[key] = walked.json;
      const below = walked.annotations;
      if (Array.isArray(below)) inner[escapeKey(key)] = below;
      else if (below) for (const [subPath, tree] of Object.entries(below)) inner[`${escapeKey(key)}.${subPath}`] = tree;
    }
    ancestors.pop();
    const hasInner = Object.keys(inner).length > 0;
    const result: Walked = { json, annotations: transformed ? (hasInner ? [transformed.type, inner] : [transformed.type]) : hasInner ? inner : undefined };
    seen.set(node, result);
    return result;
  };

  const walked = walk(value, []);
  const out: SuperjsonResult = { json: walked.json };
  let meta: SuperjsonMeta | undefined;
  if (walked.annotations) meta = { values: walked.annotations };
  const equalities = referentialEqualities(identities);
  if (equalities) meta = { ...meta, referentialEqualities: equalities };
  if (meta) {
    meta.v = 1;
    out.meta = meta;
  }
  return out;
}

/** Every object met at more than one path: the shortest path first, the others after it. */
function referentialEqualities(identities: Map<unknown, string[][]>): ReferentialEqualities | undefined {
  const byPath: Record<string, string[]> = {};
  let rootPaths: string[] | undefined;
  for (const paths of identities.values()) {
    if (paths.length <= 1) continue;
    // A stable sort by depth, as superjson's.
    const [first, ...others] = [...paths].sort((a, b) => a.length - b.length);
    if (first!.length === 0) rootPaths = others.map(stringifyPath);
    else byPath[stringifyPath(first!)] = others.map(stringifyPath);
  }
  const none = Object.keys(byPath).length === 0;
  if (rootPaths) return none ? [rootPaths] : [rootPaths, byPath];
  return none ? undefined : byPath;
}
