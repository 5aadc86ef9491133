/**
 * Paths in superjson's meta: the keys from the root joined by ".", with "\" and "." in a key
 * escaped by a backslash. Format version 0 (no `v` in meta) did not escape backslashes.
 */
import { SuperjsonFormatError } from "./format-error.js";

export const escapeKey = (key: string): string => key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");

export const stringifyPath = (path: readonly string[]): string => path.map(escapeKey).join(".");

/** Splits a path into its keys; `legacy` reads version-0 paths, where only "\." is an escape. */
export function parsePath(text: string, legacy: boolean): string[] {
  const keys: string[] = [];
  let key = "";
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === "\\") {
      const next = text.charAt(i + 1);
      if (!legacy && next === "\\") {
        key += "\\";
        i++;
        continue;
      }
      if (next === ".") {
        key += ".";
        i++;
        continue;
      }
      if (!legacy) throw new SuperjsonFormatError("path", `Invalid payload path ${text}`);
    }
    if (char === ".") {
      keys.push(key);
      key = "";
      continue;
    }
    key += char;
  }
  keys.push(key);
  return keys;
}
