import { SerdesError } from "../errors/index.js";
import { isReadableTypedArray, isTypedArray, type ClassRegistry } from "../superjson-format/index.js";

/**
 * Finds the first part of `value` the default serdes cannot bring back as it was: a function or a
 * symbol anywhere, an instance of a class that is not registered (it would come back as a plain
 * object without its methods while its type still says it is the class), an invalid Date (the
 * format writes null), a DataView, a typed array the format cannot read back (a Buffer, a
 * BigInt64Array), or a float array holding NaN, Infinity or -0 (its items travel as JSON numbers). Values the format restores (Date, Map, Set, RegExp, URL, BigInt, Error, the nine
 * number typed arrays) and registered classes pass.
 * @throws SerdesError (not retryable) naming the path, e.g. `$.order.notify`.
 */
export function assertCheckpointable(value: unknown, classes: ClassRegistry): void {
  const seen = new Set<object>();
  const visit = (node: unknown, path: string): void => {
    if (typeof node === "function") throw unsupported(path, `a function${node.name ? ` (${node.name})` : ""}`);
    if (typeof node === "symbol") throw unsupported(path, `a symbol (${node.toString()})`);
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (node instanceof Date) {
      if (Number.isNaN(node.getTime())) throw unsupported(path, "an invalid Date");
      return;
    }
    if (ArrayBuffer.isView(node)) {
      if (!isTypedArray(node) || !isReadableTypedArray(node)) {
        throw unsupported(path, `a ${node.constructor.name}, which the format cannot read back (copy it into a Uint8Array or a number array)`);
      }
      // The items travel as JSON numbers, which have no NaN, Infinity or -0.
      const items = [...(node as Iterable<number>)];
      const index = items.findIndex((n) => !Number.isFinite(n) || Object.is(n, -0));
      if (index >= 0)
        throw unsupported(`${path}[${index}]`, `${Object.is(items[index], -0) ? "-0" : String(items[index])} in a ${node.constructor.name}, which JSON cannot carry`);
      return;
    }
    if (node instanceof RegExp || node instanceof Error || node instanceof URL) return;
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
      const registered = typeof ctor === "function" && classes.identifierOf(ctor) !== undefined;
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
