// The house rules a reviewer should not have to repeat: the one-way layers of CONTRIBUTING.md as
// import restrictions, no `any` outside tests, and the recommended rules that catch real bugs.
// Determinism rules for durable handlers live in @durable-ts/eslint-plugin (`npm run lint:examples`).
import js from "@eslint/js";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

// Every workspace package. A relative path into one of them from outside is always wrong: packages
// meet at their entry points (`@durable-ts/sdk`), so a refactor inside one cannot break another.
const PACKAGES = ["sdk", "testing", "actors", "cdk", "otel", "powertools", "s3-payloads", "eslint-plugin", "create-durable-ts"];

/** Matches a relative specifier that climbs out of the current package into `packages/<name>/`. */
const INTO_ANOTHER_PACKAGE = {
  regex: `^(\\.\\./)+(packages/)?(${PACKAGES.join("|")})/(src|test|dist|bin)(/|$)`,
  message: "Import another workspace package by its name (@durable-ts/...), never by a relative path into it.",
};

/**
 * The layers inside a package, lowest first: each folder lists the folders of its package it may
 * import, and any other folder of the package is off limits to it. Files at the package root
 * (index.ts, the Lambda entry) sit above every folder. Tests are exempt: they exercise a layer
 * with whatever they need. CONTRIBUTING.md shows the same table.
 */
const SDK_LAYERS = {
  // superjson's JSON + meta format (our own codec): a leaf, below the error codec and the serdes.
  "superjson-format": [],
  errors: ["superjson-format"],
  time: ["errors"],
  serdes: ["errors", "time", "superjson-format"],
  retry: ["errors", "time"],
  logging: [],
  config: [],
  observability: ["logging"],
  checkpoint: ["errors", "time"],
  // The operation engine: it decides replay or run and checkpoints, so it sees what an operation needs.
  replay: ["checkpoint", "errors", "serdes", "config", "logging", "observability", "time"],
  concurrency: ["errors", "time"],
  operations: ["replay", "checkpoint", "serdes", "retry", "time", "concurrency", "errors", "config", "logging", "observability"],
  context: ["operations", "replay", "checkpoint", "serdes", "retry", "time", "concurrency", "errors", "config", "logging", "observability"],
  lifecycle: ["context", "errors", "logging"],
  invocation: ["context", "operations", "replay", "checkpoint", "serdes", "retry", "time", "concurrency", "errors", "config", "logging", "observability", "lifecycle"],
  runtime: ["context", "errors", "logging", "config"],
  lambda: ["context", "errors", "logging", "lifecycle", "runtime", "time", "config"],
  // The official SDK's names for our types: a map of the public surface, so it may see all of it.
  compat: ["context", "operations", "concurrency", "retry", "serdes", "logging", "errors", "time", "replay", "checkpoint", "observability"],
  // A subpath entry: it reaches the SDK through its package name, like a user would.
  saga: [],
};

const TESTING_LAYERS = {
  clock: [],
  // @aws-sdk/client-lambda's classes, loaded on first use.
  "client-lambda": [],
  backend: ["clock", "client-lambda"],
  // Runs the functions against the emulator in backend/.
  invoker: ["backend", "clock"],
  // What the SDK's side of the wire looks like to a test: decoding, the event transport.
  "sdk-io": [],
  persistence: ["backend", "clock"],
  format: [],
  history: ["backend", "clock", "format", "invoker", "sdk-io", "client-lambda"],
  server: ["backend", "invoker", "clock", "format", "history", "persistence", "console", "sdk-io", "client-lambda"],
  console: [],
  runners: ["backend", "invoker", "clock", "format", "history", "sdk-io"],
  exploration: ["runners", "format", "history", "sdk-io", "clock"],
  cloud: ["runners", "format", "history", "clock", "sdk-io", "client-lambda"],
  matchers: ["runners", "format", "history", "sdk-io"],
  compat: ["runners", "clock", "format", "history", "sdk-io"],
  cli: [
    "client-lambda",
    "backend",
    "invoker",
    "clock",
    "format",
    "history",
    "persistence",
    "server",
    "runners",
    "cloud",
    "console",
    "matchers",
    "compat",
    "exploration",
    "sdk-io",
  ],
};

// Only the service emulator's side of the testing package is SDK-free: it speaks client-lambda
// shapes, so a bug in the SDK cannot hide behind a matching bug in the backend.
const SDK_FREE_TESTING = new Set(["clock", "backend", "persistence", "server"]);
const SDK_NAMES = ["@durable-ts/sdk", "@durable-ts/sdk/*"];

const escape = (s) => s.replace(/[/\\^$*+?.()|[\]{}]/g, "\\$&"); // not "-": the u flag refuses "\\-"

/** One config block per layer folder: no-restricted-imports options do not merge across blocks. */
function layerBlocks(pkgDir, layers, extra) {
  const folders = Object.keys(layers);
  return folders.map((folder) => {
    const allowed = new Set([folder, ...layers[folder]]);
    const banned = folders.filter((f) => !allowed.has(f));
    const patterns = [INTO_ANOTHER_PACKAGE];
    if (banned.length > 0) {
      patterns.push({
        // `../x/…` from src/<folder>/, `../../x/…` from a subfolder; the root files are `../index.js`.
        regex: `^(\\.\\./)+(${banned.map(escape).join("|")})(/|$)`,
        message: `${pkgDir}/src/${folder}/ may import only ${layers[folder].join(", ") || "no other folder of its package"} (CONTRIBUTING.md, "Layers").`,
      });
    }
    patterns.push({
      regex: `^(\\.\\./)+(index|durable-execution)\\.js$`,
      message: "A layer folder never imports the package entry: the entry imports the layers.",
    });
    const rules = extra(folder, patterns);
    return {
      files: [`${pkgDir}/src/${folder}/**/*.ts`],
      ignores: ["**/*.test.ts", "**/*.test-d.ts"],
      rules: { "@typescript-eslint/no-restricted-imports": ["error", rules] },
    };
  });
}

export default defineConfig(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "**/coverage/**", "bench/.out/**", "test-artifacts/**", ".scratch/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Unused names are bugs or leftovers; a leading underscore marks one kept on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // Rest parameters typed any[] are the only way to say "any function" or to mirror console's
      // signature; everywhere else `any` switches the checker off and needs a disable comment saying why.
      "@typescript-eslint/no-explicit-any": ["error", { ignoreRestArgs: true }],
      // Declaration merging on interfaces is how module augmentation (matchers) works.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [INTO_ANOTHER_PACKAGE] }],
    },
  },
  {
    // CommonJS files (bins, consumer fixtures) and plain scripts.
    files: ["**/*.cjs", "**/*.cts"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The SDK's entry files: above every layer, still never importing the testing kit.
    files: ["packages/sdk/src/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [INTO_ANOTHER_PACKAGE], paths: [{ name: "@durable-ts/testing", message: "The SDK never imports its testing kit." }] },
      ],
    },
  },
  ...layerBlocks("packages/sdk", SDK_LAYERS, (folder, patterns) => ({
    patterns,
    paths: [
      // The SDK reaches the service only through checkpoint/; elsewhere its shapes are types only.
      ...(folder === "checkpoint"
        ? []
        : [
            {
              name: "@aws-sdk/client-lambda",
              allowTypeImports: true,
              message: "Only packages/sdk/src/checkpoint calls the Lambda client; import its types with `import type`.",
            },
          ]),
      // The SDK never depends on its testing kit.
      { name: "@durable-ts/testing", message: "The SDK never imports its testing kit." },
    ],
  })),
  ...layerBlocks("packages/testing", TESTING_LAYERS, (folder, patterns) => ({
    patterns: SDK_FREE_TESTING.has(folder)
      ? [...patterns, { group: SDK_NAMES, message: `packages/testing/src/${folder} emulates the service and never imports the SDK.` }]
      : patterns,
    // Importing the testing kit must not load client-lambda (~15 MB): its values come through
    // client-lambda/ on first use. The CLI is a program of its own and may load it at start.
    paths:
      folder === "client-lambda" || folder === "cli"
        ? []
        : [
            {
              name: "@aws-sdk/client-lambda",
              allowTypeImports: true,
              message: "Import client-lambda's types with `import type`; its classes come from client-lambda/ (clientLambda()), loaded on first use.",
            },
          ],
  })),
  {
    // Tests may use `any` to feed deliberately malformed input.
    files: ["**/*.test.ts", "**/*.test-d.ts", "**/test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
