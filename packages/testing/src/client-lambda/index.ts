/**
 * `@aws-sdk/client-lambda`, loaded on first use. The package speaks its shapes everywhere (as
 * types, which cost nothing at run time), but its classes are needed only when something goes
 * wrong (the service's exceptions) or when a real client is involved (the local server, the cloud
 * runner, fetching a history). Loading it takes ~15 MB and a few hundred milliseconds, which a
 * test that only runs `LocalDurableTestRunner` to success never pays.
 *
 * Nothing else in the package imports its values: the lint rule on `@aws-sdk/client-lambda`
 * (eslint.config.mjs) points here.
 */
import { createRequire } from "node:module";

/** The whole client-lambda module. */
export type ClientLambda = typeof import("@aws-sdk/client-lambda");

let loaded: ClientLambda | undefined;

/**
 * The module, loaded synchronously the first time: the backend throws the client's exception
 * classes from synchronous code. client-lambda publishes no `exports` map, so `import` and
 * `require` both load its CommonJS build: the classes here are the ones a test imports (its
 * `instanceof` checks hold), unless a bundler inlines client-lambda's ES build into the test.
 */
export function clientLambda(): ClientLambda {
  if (loaded === undefined) {
    // The ESM bundle and the sources have import.meta.url; in the CJS bundle import.meta is empty
    // and the module's own `require` is in scope.
    const url = (import.meta as { url?: string }).url;
    const load = typeof url === "string" && url.startsWith("file:") ? createRequire(url) : require;
    loaded = load("@aws-sdk/client-lambda") as ClientLambda;
  }
  return loaded;
}
