import type { TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../create-rule.js";
import { DurableModel } from "../durable-model.js";

export const noFloatingDurablePromise = createRule({
  name: "no-floating-durable-promise",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Require every durable operation's promise to be awaited, returned, stored and used, or passed on",
      recommended: true,
    },
    messages: {
      floating:
        "The promise of {{context}}.{{method}}() is neither awaited, returned nor passed on: when it fails nobody sees the error, and the handler may return before it is done. Await it (or mark an intended fire-and-forget with `void`).",
      unused: "`{{name}}` holds the promise of {{context}}.{{method}}() but is never used: await it, return it or pass it to a combinator.",
      addAwait: "Await it.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const model = new DurableModel(context);
    const statements: TSESTree.ExpressionStatement[] = [];
    const declarators: TSESTree.VariableDeclarator[] = [];
    return {
      CallExpression: (node) => model.noteCall(node),
      ExpressionStatement(node) {
        if (node.expression.type === "CallExpression") statements.push(node);
      },
      VariableDeclarator(node) {
        if (node.init?.type === "CallExpression" && node.id.type === "Identifier") declarators.push(node);
      },
      "Program:exit"() {
        for (const statement of statements) {
          const durable = model.durableCall(statement.expression as TSESTree.CallExpression);
          if (durable === undefined) continue;
          context.report({
            node: statement,
            messageId: "floating",
            data: { context: durable.contextText, method: durable.method },
            suggest: [{ messageId: "addAwait", fix: (fixer) => fixer.insertTextBefore(statement.expression, "await ") }],
          });
        }
        for (const declarator of declarators) {
          const durable = model.durableCall(declarator.init as TSESTree.CallExpression);
          if (durable === undefined) continue;
          const id = declarator.id as TSESTree.Identifier;
          const variable = model.variableOf(id);
          const reads = variable?.references.filter((ref) => ref.isRead()) ?? [];
          if (variable !== undefined && reads.length === 0) {
            context.report({ node: declarator, messageId: "unused", data: { name: id.name, context: durable.contextText, method: durable.method } });
          }
        }
      },
    };
  },
});
