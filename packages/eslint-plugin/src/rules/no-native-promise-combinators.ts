import type { TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../create-rule.js";
import { COMBINATORS, DurableModel, type DurableCall } from "../durable-model.js";

export const noNativePromiseCombinators = createRule({
  name: "no-native-promise-combinators",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Disallow Promise.all/allSettled/any/race over durable promises: use the context's recorded combinators",
      recommended: true,
    },
    messages: {
      native:
        "Promise.{{combinator}}() over durable operations is not recorded: which input settled first can differ on replay. Use {{context}}.promise.{{combinator}}(), whose outcome is checkpointed.",
      useContext: "Use {{context}}.promise.{{combinator}}().",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const model = new DurableModel(context);
    const candidates: TSESTree.CallExpression[] = [];

    // A durable call in an element: the call itself, a variable holding one, or items.map(x => ctx.step(...)).
    const durableIn = (node: TSESTree.Node | null | undefined): DurableCall | undefined => {
      if (node === null || node === undefined) return undefined;
      if (node.type === "SpreadElement") return durableIn(node.argument);
      if (node.type === "AwaitExpression") return undefined;
      if (node.type === "CallExpression") {
        const direct = model.durableCall(node);
        if (direct !== undefined) return direct;
        const callee = node.callee;
        const mapper = node.arguments[0];
        if (
          callee.type === "MemberExpression" &&
          !callee.computed &&
          callee.property.type === "Identifier" &&
          callee.property.name === "map" &&
          mapper !== undefined &&
          (mapper.type === "ArrowFunctionExpression" || mapper.type === "FunctionExpression")
        ) {
          if (mapper.body.type !== "BlockStatement") return durableIn(mapper.body);
          for (const statement of mapper.body.body) if (statement.type === "ReturnStatement") return durableIn(statement.argument);
        }
        return undefined;
      }
      if (node.type === "ArrayExpression") {
        for (const element of node.elements) {
          const found = durableIn(element);
          if (found !== undefined) return found;
        }
        return undefined;
      }
      if (node.type === "Identifier") {
        const def = model.variableOf(node)?.defs[0];
        if (def?.node.type === "VariableDeclarator") return durableIn(def.node.init);
      }
      return undefined;
    };

    return {
      CallExpression(node) {
        model.noteCall(node);
        const callee = node.callee;
        if (
          callee.type === "MemberExpression" &&
          !callee.computed &&
          callee.object.type === "Identifier" &&
          callee.object.name === "Promise" &&
          callee.property.type === "Identifier" &&
          COMBINATORS.has(callee.property.name)
        ) {
          candidates.push(node);
        }
      },
      "Program:exit"() {
        for (const call of candidates) {
          const durable = durableIn(call.arguments[0]);
          if (durable === undefined) continue;
          const callee = call.callee as TSESTree.MemberExpression;
          const combinator = (callee.property as TSESTree.Identifier).name;
          // tx.step(...) has no combinators of its own: the saga's context does.
          const contextText = durable.owner === undefined ? `${durable.contextText}.context` : durable.contextText;
          context.report({
            node: call,
            messageId: "native",
            data: { combinator, context: contextText },
            suggest: [
              { messageId: "useContext", data: { combinator, context: contextText }, fix: (fixer) => fixer.replaceText(callee.object, `${contextText}.promise`) },
            ],
          });
        }
      },
    };
  },
});
