/**
 * Reads a value written in superjson's format, as superjson 2's `deserialize` does: a copy of
 * `json`, then each value annotation (deepest first), then the referential equalities.
 */
import { ClassRegistry } from "./class-registry.js";
import { getDeep, setDeep } from "./deep-access.js";
import { parsePath } from "./paths.js";
import { untransform, type TypeAnnotation } from "./rules.js";
import type { AnnotationTree, AnnotationsByPath, ReferentialEqualities, SuperjsonResult } from "./types.js";

const NO_CLASSES = new ClassRegistry();

/**
 * A copy of the arrays and plain objects of `json` (what copy-anything does for superjson). Own
 * `__proto__` keys, which `JSON.parse` can create, are left out, so no annotation can reach a
 * prototype.
 */
function copy(json: unknown): unknown {
  if (typeof json !== "object" || json === null) return json;
  if (Array.isArray(json)) {
    const out: unknown[] = new Array(json.length);
    for (let i = 0; i < json.length; i++) if (i in json) out[i] = copy(json[i]);
    return out;
  }
  if (Object.getPrototypeOf(json) !== Object.prototype) return json;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) if (key !== "__proto__") out[key] = copy(value);
  return out;
}

type Visit = (type: TypeAnnotation, path: string[]) => void;

/** Calls `visit` for each annotated node, the nodes below a node before the node itself. */
function traverse(tree: AnnotationTree | AnnotationsByPath | undefined, visit: Visit, legacy: boolean, origin: string[]): void {
  if (!tree) return;
  if (!Array.isArray(tree)) {
    for (const [key, subtree] of Object.entries(tree)) traverse(subtree, visit, legacy, [...origin, ...parsePath(key, legacy)]);
    return;
  }
  const [type, children] = tree;
  if (children) for (const [key, child] of Object.entries(children)) traverse(child, visit, legacy, [...origin, ...parsePath(key, legacy)]);
  visit(type, origin);
}

function applyEqualities(plain: unknown, equalities: ReferentialEqualities, legacy: boolean): unknown {
  const applyGroup = (paths: string[], path: string): void => {
    const object = getDeep(plain, parsePath(path, legacy));
    for (const other of paths) plain = setDeep(plain, parsePath(other, legacy), () => object);
  };
  if (Array.isArray(equalities)) {
    const [rootPaths, others] = equalities;
    for (const path of rootPaths) plain = setDeep(plain, parsePath(path, legacy), () => plain);
    if (others) for (const [path, paths] of Object.entries(others)) applyGroup(paths, path);
  } else for (const [path, paths] of Object.entries(equalities)) applyGroup(paths, path);
  return plain;
}

/**
 * The value `serialize` (or superjson, any 1.x or 2.x version) wrote as `payload`. `json` is
 * copied, not changed.
 * @throws SuperjsonFormatError for an annotation it cannot read: a class not in `classes`, a
 *   symbol or custom transformer (this SDK registers none), an unknown typed array or kind, or a
 *   malformed path.
 */
export function deserialize(payload: SuperjsonResult, classes: ClassRegistry = NO_CLASSES): unknown {
  const { json, meta } = payload;
  let result = copy(json);
  // Before format version 1 a backslash in a path was not an escape.
  const legacy = (meta?.v ?? 0) < 1;
  if (meta?.values) {
    traverse(
      meta.values,
      (type, path) => {
        result = setDeep(result, path, (v) => untransform(v, type, classes));
      },
      legacy,
      [],
    );
  }
  if (meta?.referentialEqualities) result = applyEqualities(result, meta.referentialEqualities, legacy);
  return result;
}
