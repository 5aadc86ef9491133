/**
 * `returns` and `catches`: how a route turns its handler's result or typed error into the answer.
 * The precedence rules live here and only here (table-tested in shaping.test.ts):
 * - returns: the first entry whose explicit `when` holds wins; without such a match, the first
 *   entry without `when` (a fallback); without either, the result as it is.
 * - catches: only errors with a string `code`; the first entry, in order, whose `code` matches and
 *   whose `when` holds (an entry without `when` holds) wins; no match: the error propagates.
 */
import type { LambdaContext } from "../types.js";
import { errorCodeOf } from "../handler-error.js";

/** What a `returns` entry sees. */
export interface ReturnScope<E, R> {
  event: E;
  context: LambdaContext;
  result: R;
}

/** What a `catches` entry sees: the error that carried a matching `code`. */
export interface CatchScope<E> {
  event: E;
  context: LambdaContext;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- `catches` bodies read fields of data directly (error.data.id), as with HandlerError
  error: Error & { code: string; data?: any };
}

/** HTTP details of a shaped answer; only `httpApi` routes use them. */
export interface HttpShape {
  /** Status code of the answer (httpApi only). Default 200 for returns, 500 for catches. */
  statusCode?: number;
  /** Extra response headers (httpApi only). */
  headers?: Record<string, string>;
}

/** One `returns` entry. */
export interface ReturnRule<E, R> extends HttpShape {
  /** When it applies; an entry without `when` is a fallback, used only when no explicit `when` holds. */
  when?: (scope: ReturnScope<E, R>) => boolean;
  /** The answer (for httpApi: the response body). */
  body: (scope: ReturnScope<E, R>) => unknown;
}

/** One `catches` entry. */
export interface CatchRule<E> extends HttpShape {
  /** The error code(s) it handles. */
  code: string | readonly string[];
  /** Extra condition; an entry without `when` holds for every error of its code. */
  when?: (scope: CatchScope<E>) => boolean;
  /** The answer (for httpApi: the response body). */
  body: (scope: CatchScope<E>) => unknown;
}

/** The winning entry and the value its `body` computed. */
export interface Shaped {
  value: unknown;
  rule: HttpShape;
}

/** Checks a `returns`/`catches` list once, at start-up; throws a TypeError naming the entry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- checks the shape of rules of every event and result type (the types are contravariant in ReturnRule/CatchRule)
export function checkRules(where: string, returns: readonly ReturnRule<any, any>[] | undefined, catches: readonly CatchRule<any>[] | undefined): void {
  returns?.forEach((rule, i) => {
    if (typeof rule?.body !== "function") throw new TypeError(`${where}.returns[${i}].body: expected a function ({ event, context, result }) => value`);
    if (rule.when !== undefined && typeof rule.when !== "function") throw new TypeError(`${where}.returns[${i}].when: expected a function or nothing`);
  });
  catches?.forEach((rule, i) => {
    const codes = typeof rule?.code === "string" ? [rule.code] : rule?.code;
    if (!Array.isArray(codes) || codes.length === 0 || codes.some((code) => typeof code !== "string" || code === "")) {
      throw new TypeError(`${where}.catches[${i}].code: expected a non-empty string or array of strings, received ${JSON.stringify(rule?.code)}`);
    }
    if (typeof rule.body !== "function") throw new TypeError(`${where}.catches[${i}].body: expected a function ({ event, context, error }) => value`);
    if (rule.when !== undefined && typeof rule.when !== "function") throw new TypeError(`${where}.catches[${i}].when: expected a function or nothing`);
  });
}

/** Applies `returns` to a result; undefined when no entry applies (the result goes out as it is). */
export function shapeResult<E, R>(returns: readonly ReturnRule<E, R>[] | undefined, scope: ReturnScope<E, R>): Shaped | undefined {
  if (!returns || returns.length === 0) return undefined;
  let fallback: ReturnRule<E, R> | undefined;
  for (const rule of returns) {
    if (rule.when === undefined) {
      fallback ??= rule;
      continue;
    }
    if (rule.when(scope)) return { value: rule.body(scope), rule };
  }
  return fallback ? { value: fallback.body(scope), rule: fallback } : undefined;
}

/** Applies `catches` to a thrown value; undefined when nothing catches it (it must propagate). */
export function shapeError<E>(catches: readonly CatchRule<E>[] | undefined, error: unknown, event: E, context: LambdaContext): Shaped | undefined {
  if (!catches || catches.length === 0) return undefined;
  const code = errorCodeOf(error);
  if (code === undefined) return undefined;
  const scope: CatchScope<E> = { event, context, error: error as CatchScope<E>["error"] };
  for (const rule of catches) {
    const matches = typeof rule.code === "string" ? rule.code === code : rule.code.includes(code);
    if (matches && (rule.when === undefined || rule.when(scope))) return { value: rule.body(scope), rule };
  }
  return undefined;
}
