import { ESLintUtils } from "@typescript-eslint/utils";

/** Rule metadata every rule of this plugin carries. */
export interface DurableRuleDocs {
  description: string;
  recommended: boolean;
}

export const createRule = ESLintUtils.RuleCreator<DurableRuleDocs>((name) => `https://github.com/durable-ts/durable-ts/blob/main/docs/eslint.md#${name}`);
