/**
 * Reading and replacing the value at a path, as superjson's reader does. A path walks arrays and
 * plain objects by key, a Set by position and a Map by row, then 0 for the key or 1 for the value.
 * Kept step for step with superjson (including where it leaves a value alone, such as inside a
 * class instance), so a payload reads back here exactly as superjson reads it.
 */
import { SuperjsonFormatError } from "./format-error.js";

type Container = Record<string, unknown> | unknown[] | Set<unknown> | Map<unknown, unknown>;

export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null || value === Object.prototype) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
};

function checkPath(path: readonly string[]): void {
  for (const key of ["__proto__", "prototype", "constructor"]) {
    if (path.includes(key)) throw new SuperjsonFormatError("path", `Payload path through ${key}`);
  }
}

function nthKey(collection: Set<unknown> | Map<unknown, unknown>, n: number): unknown {
  if (n > collection.size) throw new SuperjsonFormatError("path", `Payload path index ${n} out of bounds`);
  const keys = collection.keys();
  for (; n > 0; n--) keys.next();
  return keys.next().value;
}

export function getDeep(object: unknown, path: readonly string[]): unknown {
  checkPath(path);
  let node = object;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (node instanceof Set) node = nthKey(node, +key);
    else if (node instanceof Map) {
      const rowKey = nthKey(node, +key);
      node = +path[++i]! === 0 ? rowKey : node.get(rowKey);
    } else node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function setDeep(object: unknown, path: readonly string[], mapper: (value: unknown) => unknown): unknown {
  checkPath(path);
  if (path.length === 0) return mapper(object);
  let parent = object as Container;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (Array.isArray(parent)) parent = parent[+key] as Container;
    else if (isPlainObject(parent)) parent = parent[key] as Container;
    else if (parent instanceof Set) parent = nthKey(parent, +key) as Container;
    else if (parent instanceof Map) {
      // The row and its 0/1 are the last two keys: the replacement happens below.
      if (i === path.length - 2) break;
      const rowKey = nthKey(parent, +key);
      parent = (+path[++i]! === 0 ? rowKey : parent.get(rowKey)) as Container;
    }
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) parent[+last] = mapper(parent[+last]);
  else if (isPlainObject(parent)) parent[last] = mapper(parent[last]);
  if (parent instanceof Set) {
    const old = nthKey(parent, +last);
    const replacement = mapper(old);
    if (old !== replacement) {
      parent.delete(old);
      parent.add(replacement);
    }
  }
  if (parent instanceof Map) {
    const rowKey = nthKey(parent, +path[path.length - 2]!);
    if (+last === 0) {
      const newKey = mapper(rowKey);
      parent.set(newKey, parent.get(rowKey));
      if (newKey !== rowKey) parent.delete(rowKey);
    } else parent.set(rowKey, mapper(parent.get(rowKey)));
  }
  return object;
}
