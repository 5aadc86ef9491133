import type { TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../create-rule.js";
import { isFunction, visitDurableCalls } from "../durable-model.js";

// Where the function argument sits when a name is given: step(name, fn), map(name, items, fn)…
const FUNCTION_INDEX_WHEN_NAMED: Record<string, number> = {
  step: 1,
  runInChildContext: 1,
  waitForCondition: 1,
  waitForCallback: 1,
  map: 2,
};

function nameArgument(method: string, args: readonly TSESTree.CallExpressionArgument[]): TSESTree.Node | undefined {
  const fnIndex = FUNCTION_INDEX_WHEN_NAMED[method];
  if (fnIndex !== undefined) return isFunction(args[fnIndex] as TSESTree.Node) || args[fnIndex]?.type === "Identifier" ? args[0] : undefined;
  if (method === "wait") return args.length >= 2 ? args[0] : undefined;
  if (method === "parallel") return args[0] !== undefined && args[0].type !== "ArrayExpression" && args.length >= 2 ? args[0] : undefined;
  return undefined;
}

export const literalOperationNames = createRule({
  name: "literal-operation-names",
  meta: {
    type: "suggestion",
    docs: {
      description: "Prefer string literals (or templates) as operation names, so a name cannot change between replays",
      recommended: true,
    },
    messages: {
      notLiteral:
        "The name of {{context}}.{{method}}() is computed. A replay checks each operation's name: keep it a literal (or a template over values fixed for the execution).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return visitDurableCalls(context, (durable) => {
      const name = nameArgument(durable.method, durable.call.arguments);
      if (name === undefined || name.type === "TemplateLiteral" || (name.type === "Literal" && typeof name.value === "string")) return;
      if (name.type === "Identifier" && name.name === "undefined") return;
      context.report({ node: name, messageId: "notLiteral", data: { context: durable.contextText, method: durable.method } });
    });
  },
});
