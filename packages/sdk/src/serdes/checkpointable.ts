import type { SuperJSON } from "superjson";
import { SerdesError } from "../errors/index.js";

/**
 * Finds the first part of `value` the default serdes cannot bring back as it was: a function or a
 * symbol anywhere, or an instance of a class that is not registered (it would come back as a
 * plain object without its methods while its type still says it is the class). Values superjson
 * restores (Date, Map, Set, RegExp, URL, BigInt, Error, typed arrays) and registered classes pass.
 * @throws SerdesError (not retryable) naming the path, e.g. `$.order.notify`.
 */
export function assertCheckpointable(value: unknown, instance: SuperJSON): void {
  const seen = new Set<object>();
  const visit = (node: unknown, path: string): void => {
    if (typeof node === "function") throw unsupported(path, `a function${node.name ? ` (${node.name})` : ""}`);
    if (typeof node === "symbol") throw unsupported(path, `a symbol (${node.toString()})`);
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (node instanceof Date || node instanceof RegExp || node instanceof Error || node instanceof URL || ArrayBuffer.isView(node)) return;
    if (node instanceof Map) {
      let i = 0;
      for (const [key, entry] of node) {
        visit(key, `${path}.<key ${i}>`);
        visit(entry, `${path}.get(${describeKey(key, i)})`);
        i += 1;
      }
      return;
    }
    if (node instanceof Set) {
      let i = 0;
      for (const entry of node) visit(entry, `${path}.<entry ${i++}>`);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((entry, i) => visit(entry, `${path}[${i}]`));
      return;
    }
    const proto: unknown = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== null) {
      const ctor = (node as { constructor?: unknown }).constructor;
      const registered = typeof ctor === "function" && instance.classRegistry.getIdentifier(ctor as never) !== undefined;
      if (!registered) {
        const name = typeof ctor === "function" && ctor.name ? ctor.name : "class";
        throw unsupported(path, `an instance of ${name}, which is not registered (registerSerdesClass(${name}) keeps its class; or return a plain object)`);
      }
    }
    for (const key of Object.keys(node))
      visit((node as Record<string, unknown>)[key], `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`);
  };
  visit(value, "$");
}

function describeKey(key: unknown, index: number): string {
  return typeof key === "string" || typeof key === "number" ? JSON.stringify(key) : `<key ${index}>`;
}

function unsupported(path: string, what: string): SerdesError {
  return new SerdesError({ direction: "serialize", retryable: false, path, message: `${path} is ${what}: it cannot survive a checkpoint` });
}
