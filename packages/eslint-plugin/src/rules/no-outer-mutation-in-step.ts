import type { TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../create-rule.js";
import { DurableModel } from "../durable-model.js";

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = node;
  while (current.type === "MemberExpression") current = current.object;
  return current.type === "Identifier" ? current : undefined;
}

function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

export const noOuterMutationInStep = createRule({
  name: "no-outer-mutation-in-step",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow assigning, inside a step body, to a variable declared outside it: the assignment is not replayed",
      recommended: true,
    },
    messages: {
      mutation:
        "`{{name}}` is declared outside this {{operation}} body and changed inside it. On replay the step does not run, so `{{name}}` keeps its old value. Return the value from the step and assign the step's result instead.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const model = new DurableModel(context);
    const writes: Array<{ node: TSESTree.Node; target: TSESTree.Node }> = [];
    return {
      CallExpression: (node) => model.noteCall(node),
      AssignmentExpression(node) {
        writes.push({ node, target: node.left });
      },
      UpdateExpression(node) {
        writes.push({ node, target: node.argument });
      },
      "Program:exit"() {
        for (const { node, target } of writes) {
          const role = model.enclosingRole(node);
          if (role?.kind !== "step") continue;
          const id = rootIdentifier(target);
          if (id === undefined) continue;
          const variable = model.variableOf(id);
          const declared = variable?.defs[0]?.name;
          // An undeclared global is left to other rules; a variable declared in the step is fine.
          if (declared === undefined || within(declared, role.fn)) continue;
          context.report({ node, messageId: "mutation", data: { name: id.name, operation: role.operation } });
        }
      },
    };
  },
});
