import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

// A syntactic model of one file's durable code. Without type information it recognises:
// - handlers: the function given to durableExecution / withDurableExecution, inline or by name;
//   their second parameter is a durable context;
// - child functions: the function given to ctx.runInChildContext and ctx.map, the branches of
//   ctx.parallel (functions or `{ func }` objects), the body of saga(ctx, name, body);
//   their first parameter is a child context (a saga's is its transaction);
// - step bodies: the function given to ctx.step, ctx.waitForCondition, ctx.waitForCallback,
//   a saga's tx.step and tx.addCompensation, and a saga step's `compensate` option.
// Code inside a helper function defined in durable code counts as the durable code around it.

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** What a function is to the durable runtime. */
export type Role =
  | { kind: "durable"; fn: FunctionNode; context: TSESTree.Parameter | undefined }
  | { kind: "saga"; fn: FunctionNode; transaction: TSESTree.Parameter | undefined }
  | { kind: "step"; fn: FunctionNode; operation: string };

const ENTRY_NAMES = new Set(["durableExecution", "withDurableExecution"]);
const STEP_LIKE = new Set(["step", "waitForCondition", "waitForCallback"]);
const CHILD_LIKE = new Set(["runInChildContext", "map"]);

/** Methods of a durable context that create an operation (or a combinator over them). */
export const DURABLE_METHODS = new Set([
  "step",
  "wait",
  "waitUntil",
  "runInChildContext",
  "createCallback",
  "waitForCallback",
  "waitForCondition",
  "invoke",
  "map",
  "parallel",
]);
export const COMBINATORS = new Set(["all", "allSettled", "any", "race"]);

/** A call on a durable context: `ctx.step(...)`, `ctx.promise.all(...)`, `tx.step(...)`. */
export interface DurableCall {
  call: TSESTree.CallExpression;
  /** Source text of the context expression (`ctx`, `tx.context`). */
  contextText: string;
  method: string;
  /** The function whose parameter the context is (the handler or child function that owns it). */
  owner: FunctionNode | undefined;
}

export function isFunction(node: TSESTree.Node | undefined | null): node is FunctionNode {
  return node?.type === "ArrowFunctionExpression" || node?.type === "FunctionExpression" || node?.type === "FunctionDeclaration";
}

function calleeName(callee: TSESTree.Node): string | undefined {
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") return callee.property.name;
  return undefined;
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  return !node.computed && node.property.type === "Identifier" ? node.property.name : undefined;
}

export class DurableModel {
  private readonly entries = new Set<TSESTree.Node>();
  private readonly roles = new Map<TSESTree.Node, Role | null>();

  constructor(private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {}

  /** Call for every CallExpression before asking about roles: it finds the handlers given by name. */
  noteCall(call: TSESTree.CallExpression): void {
    const name = calleeName(call.callee);
    if (name === undefined || !ENTRY_NAMES.has(name)) return;
    const handler = call.arguments[0];
    if (handler === undefined) return;
    if (isFunction(handler)) {
      this.entries.add(handler);
      return;
    }
    if (handler.type !== "Identifier") return;
    const variable = this.variableOf(handler);
    for (const def of variable?.defs ?? []) {
      if (def.node.type === "FunctionDeclaration") this.entries.add(def.node);
      if (def.node.type === "VariableDeclarator" && isFunction(def.node.init)) this.entries.add(def.node.init);
    }
  }

  /** The role of `fn`, or undefined for an ordinary function. */
  roleOf(fn: FunctionNode): Role | undefined {
    const cached = this.roles.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    this.roles.set(fn, null); // guards against cycles while computing
    const role = this.computeRole(fn);
    this.roles.set(fn, role ?? null);
    return role;
  }

  /** The nearest enclosing function with a role, walking out through helper functions. */
  enclosingRole(node: TSESTree.Node): Role | undefined {
    for (let current: TSESTree.Node | null | undefined = node.parent; current != null; current = current.parent) {
      if (isFunction(current)) {
        const role = this.roleOf(current);
        if (role !== undefined) return role;
      }
    }
    return undefined;
  }

  /** `call` as an operation on a durable context, if it is one. */
  durableCall(call: TSESTree.CallExpression): DurableCall | undefined {
    if (call.callee.type !== "MemberExpression") return undefined;
    const method = memberName(call.callee);
    if (method === undefined) return undefined;
    const target = call.callee.object;
    // ctx.promise.all(...)
    if (COMBINATORS.has(method) && target.type === "MemberExpression" && memberName(target) === "promise") {
      const owner = this.contextOwner(target.object);
      if (owner === undefined) return undefined;
      return { call, contextText: this.text(target.object), method: `promise.${method}`, owner: owner.fn };
    }
    if (!DURABLE_METHODS.has(method)) return undefined;
    const owner = this.contextOwner(target);
    if (owner !== undefined) return { call, contextText: this.text(target), method, owner: owner.fn };
    if (method === "step" && this.isTransaction(target)) return { call, contextText: this.text(target), method, owner: undefined };
    return undefined;
  }

  /** The handler or child function whose context `node` is, if it is one. */
  contextOwner(node: TSESTree.Node): { fn: FunctionNode } | undefined {
    if (node.type === "MemberExpression" && memberName(node) === "context" && node.object.type === "Identifier" && this.isTransaction(node.object)) {
      const role = this.parameterRole(node.object);
      return role !== undefined ? { fn: role.fn } : undefined;
    }
    if (node.type !== "Identifier") return undefined;
    const role = this.parameterRole(node);
    if (role?.kind === "durable" && role.context?.type === "Identifier" && role.context.name === node.name) return { fn: role.fn };
    return undefined;
  }

  /** True when `node` names a saga body's transaction parameter. */
  isTransaction(node: TSESTree.Node): boolean {
    if (node.type !== "Identifier") return false;
    const role = this.parameterRole(node);
    return role?.kind === "saga" && role.transaction?.type === "Identifier" && role.transaction.name === node.name;
  }

  variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    let scope: TSESLint.Scope.Scope | null = this.context.sourceCode.getScope(identifier);
    while (scope !== null) {
      const found = scope.set.get(identifier.name);
      if (found !== undefined) return found;
      scope = scope.upper;
    }
    return undefined;
  }

  text(node: TSESTree.Node): string {
    return this.context.sourceCode.getText(node);
  }

  /** The role of the function that declares `identifier` as a parameter. */
  private parameterRole(identifier: TSESTree.Identifier): Role | undefined {
    const def = this.variableOf(identifier)?.defs[0];
    if (def === undefined || def.type !== "Parameter" || !isFunction(def.node as TSESTree.Node)) return undefined;
    return this.roleOf(def.node as FunctionNode);
  }

  private computeRole(fn: FunctionNode): Role | undefined {
    if (this.entries.has(fn)) return { kind: "durable", fn, context: fn.params[1] };
    const parent = fn.parent;
    if (parent === undefined) return undefined;
    if (parent.type === "CallExpression" && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      return this.roleAsArgument(fn, parent);
    }
    // ctx.parallel([fn, ...]) and ctx.parallel([{ name, func: fn }, ...])
    const list =
      parent.type === "ArrayExpression" ? parent : parent.type === "Property" && parent.parent.parent?.type === "ArrayExpression" ? parent.parent.parent : undefined;
    if (list !== undefined && (parent.type === "ArrayExpression" || (parent.type === "Property" && keyName(parent) === "func"))) {
      const call = list.parent;
      if (
        call?.type === "CallExpression" &&
        call.callee.type === "MemberExpression" &&
        memberName(call.callee) === "parallel" &&
        this.contextOwner(call.callee.object) !== undefined
      ) {
        return { kind: "durable", fn, context: fn.params[0] };
      }
    }
    // tx.step(name, fn, { compensate: (result) => ... })
    if (parent.type === "Property" && keyName(parent) === "compensate") {
      const call = parent.parent.parent;
      if (call?.type === "CallExpression" && call.callee.type === "MemberExpression" && memberName(call.callee) === "step" && this.isTransaction(call.callee.object)) {
        return { kind: "step", fn, operation: "compensation" };
      }
    }
    return undefined;
  }

  private roleAsArgument(fn: FunctionNode, call: TSESTree.CallExpression): Role | undefined {
    const name = calleeName(call.callee);
    if (name === "saga" && call.arguments[2] === fn) return { kind: "saga", fn, transaction: fn.params[0] };
    if (call.callee.type !== "MemberExpression" || name === undefined) return undefined;
    const target = call.callee.object;
    if (this.contextOwner(target) !== undefined) {
      if (CHILD_LIKE.has(name)) return { kind: "durable", fn, context: fn.params[0] };
      if (STEP_LIKE.has(name)) return { kind: "step", fn, operation: name };
      return undefined;
    }
    if ((name === "step" || name === "addCompensation") && this.isTransaction(target)) return { kind: "step", fn, operation: name };
    return undefined;
  }
}

function keyName(property: TSESTree.Property): string | undefined {
  if (property.key.type === "Identifier" && !property.computed) return property.key.name;
  if (property.key.type === "Literal" && typeof property.key.value === "string") return property.key.value;
  return undefined;
}

/**
 * The visitor of a rule that looks at every operation call on a durable context: it notes all
 * calls while walking the file and visits the durable ones at the end, when every handler of the
 * file (also those passed to `durableExecution` by name further down) is known.
 */
export function visitDurableCalls(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  visit: (durable: DurableCall, model: DurableModel) => void,
): TSESLint.RuleListener {
  const model = new DurableModel(context);
  const calls: TSESTree.CallExpression[] = [];
  return {
    CallExpression(node) {
      model.noteCall(node);
      calls.push(node);
    },
    "Program:exit"() {
      for (const call of calls) {
        const durable = model.durableCall(call);
        if (durable !== undefined) visit(durable, model);
      }
    },
  };
}
