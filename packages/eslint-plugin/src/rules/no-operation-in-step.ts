import { createRule } from "../create-rule.js";
import { visitDurableCalls } from "../durable-model.js";

export const noOperationInStep = createRule({
  name: "no-operation-in-step",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow durable operations inside a step body, a wait-for-condition check or a callback submitter, and operations on a parent context inside a child",
      recommended: true,
    },
    messages: {
      inStep:
        "{{context}}.{{method}}() inside a {{operation}} body: a step runs once and records one value, so an operation in it is not checkpointed or replayed. Move it out of the {{operation}}.",
      parentContext:
        "{{context}}.{{method}}() uses a parent context inside a child function: use the child's own context{{child}}, whose operations nest under the child.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return visitDurableCalls(context, (durable, model) => {
      const call = durable.call;
      const role = model.enclosingRole(call);
      if (role === undefined) return;
      const data = { context: durable.contextText, method: durable.method };
      if (role.kind === "step") {
        context.report({ node: call, messageId: "inStep", data: { ...data, operation: role.operation } });
      } else if (durable.owner !== undefined && role.fn !== durable.owner) {
        const own = role.kind === "durable" ? role.context : role.transaction;
        const child = own?.type === "Identifier" ? ` (\`${own.name}${role.kind === "saga" ? ".context" : ""}\`)` : "";
        context.report({ node: call, messageId: "parentContext", data: { ...data, child } });
      }
    });
  },
});
