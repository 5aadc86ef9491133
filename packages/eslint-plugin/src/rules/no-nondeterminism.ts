import type { TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../create-rule.js";
import { DurableModel, type Role } from "../durable-model.js";

type Kind = "Date.now()" | "new Date()" | "Math.random()" | "crypto.randomUUID()" | "performance.now()" | "fetch()" | "process.hrtime()";

// What replaces each call in durable code; `ctx` is the context in scope.
const REPLACEMENTS: Partial<Record<Kind, (ctx: string) => string>> = {
  "Date.now()": (ctx) => `${ctx}.now().getTime()`,
  "new Date()": (ctx) => `${ctx}.now()`,
  "Math.random()": (ctx) => `${ctx}.random()`,
  "crypto.randomUUID()": (ctx) => `${ctx}.uuid()`,
};

function member(node: TSESTree.Node, object: string, property: string): boolean {
  return (
    node.type === "MemberExpression" &&
    !node.computed &&
    node.property.type === "Identifier" &&
    node.property.name === property &&
    ((node.object.type === "Identifier" && node.object.name === object) ||
      // globalThis.crypto.randomUUID(), window.performance.now()
      (node.object.type === "MemberExpression" && !node.object.computed && node.object.property.type === "Identifier" && node.object.property.name === object))
  );
}

function classify(node: TSESTree.CallExpression | TSESTree.NewExpression, randomUUIDNames: ReadonlySet<string>): Kind | undefined {
  const callee = node.callee;
  if (node.type === "NewExpression") {
    return callee.type === "Identifier" && callee.name === "Date" && node.arguments.length === 0 ? "new Date()" : undefined;
  }
  if (member(callee, "Date", "now")) return "Date.now()";
  if (member(callee, "Math", "random")) return "Math.random()";
  if (member(callee, "crypto", "randomUUID")) return "crypto.randomUUID()";
  if (callee.type === "Identifier" && randomUUIDNames.has(callee.name)) return "crypto.randomUUID()";
  if (member(callee, "performance", "now")) return "performance.now()";
  if (callee.type === "Identifier" && callee.name === "fetch") return "fetch()";
  if (member(callee, "process", "hrtime")) return "process.hrtime()";
  if (callee.type === "MemberExpression" && member(callee.object, "process", "hrtime")) return "process.hrtime()"; // process.hrtime.bigint()
  return undefined;
}

function contextName(role: Role): string | undefined {
  if (role.kind !== "durable") return undefined;
  return role.context?.type === "Identifier" ? role.context.name : undefined;
}

export const noNondeterminism = createRule({
  name: "no-nondeterminism",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Disallow clocks, randomness and I/O in durable code outside a step: a replay would see other values",
      recommended: true,
    },
    messages: {
      nondeterministic: "{{call}} in durable code outside a step gives another value when the invocation is replayed. Use {{instead}}, or move it into a step.",
      replace: "Replace with {{replacement}} (a replay-safe value recorded by the execution).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const model = new DurableModel(context);
    const found: Array<{ node: TSESTree.CallExpression | TSESTree.NewExpression; kind: Kind }> = [];
    // import { randomUUID } from "node:crypto"
    const randomUUIDNames = new Set<string>();
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const kind = classify(node, randomUUIDNames);
      if (kind !== undefined) found.push({ node, kind });
    };
    return {
      ImportDeclaration(node) {
        if (node.source.value !== "crypto" && node.source.value !== "node:crypto") return;
        for (const spec of node.specifiers) {
          if (spec.type === "ImportSpecifier" && spec.imported.type === "Identifier" && spec.imported.name === "randomUUID") randomUUIDNames.add(spec.local.name);
        }
      },
      CallExpression(node) {
        model.noteCall(node);
        check(node);
      },
      NewExpression: check,
      "Program:exit"() {
        for (const { node, kind } of found) {
          const role = model.enclosingRole(node);
          if (role === undefined || role.kind === "step") continue;
          const ctx = contextName(role);
          const replace = ctx !== undefined ? REPLACEMENTS[kind]?.(ctx) : undefined;
          context.report({
            node,
            messageId: "nondeterministic",
            data: { call: kind, instead: replace ?? (kind === "fetch()" ? "a step" : "a value computed in a step") },
            suggest: replace !== undefined ? [{ messageId: "replace", data: { replacement: replace }, fix: (fixer) => fixer.replaceText(node, replace) }] : [],
          });
        }
      },
    };
  },
});
