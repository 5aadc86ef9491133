/**
 * `@durable-ts/eslint-plugin`: rules that keep durable handlers deterministic and replay-safe.
 * Works for handlers written with `@durable-ts/sdk` and `@aws/durable-execution-sdk-js`.
 * Rules and what each recognises: docs/eslint.md.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { literalOperationNames } from "./rules/literal-operation-names.js";
import { noFloatingDurablePromise } from "./rules/no-floating-durable-promise.js";
import { noNativePromiseCombinators } from "./rules/no-native-promise-combinators.js";
import { noNondeterminism } from "./rules/no-nondeterminism.js";
import { noOperationInStep } from "./rules/no-operation-in-step.js";
import { noOuterMutationInStep } from "./rules/no-outer-mutation-in-step.js";

const rules = {
  "no-nondeterminism": noNondeterminism,
  "no-operation-in-step": noOperationInStep,
  "no-floating-durable-promise": noFloatingDurablePromise,
  "no-native-promise-combinators": noNativePromiseCombinators,
  "no-outer-mutation-in-step": noOuterMutationInStep,
  "literal-operation-names": literalOperationNames,
};

/** The plugin object, for `plugins: { durable: plugin }` in a flat config. */
export interface DurablePlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: { recommended: TSESLint.FlatConfig.Config };
}

const plugin: DurablePlugin = {
  meta: { name: "@durable-ts/eslint-plugin", version: "0.1.0" },
  rules,
  configs: { recommended: {} },
};

/** Every rule as an error, and the name rule as a warning, under the plugin prefix `durable/`. */
plugin.configs.recommended = {
  name: "@durable-ts/recommended",
  plugins: { durable: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: {
    "durable/no-nondeterminism": "error",
    "durable/no-operation-in-step": "error",
    "durable/no-floating-durable-promise": "error",
    "durable/no-native-promise-combinators": "error",
    "durable/no-outer-mutation-in-step": "error",
    "durable/literal-operation-names": "warn",
  },
};

export default plugin;
export { rules };
