// Runs ESLint's RuleTester (typescript-eslint's flavour) inside vitest.
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const ruleTester = new RuleTester();

/** Wraps a handler body in the usual imports and `durableExecution` call. */
export const handler = (body: string, params = "event, ctx") =>
  `import { durableExecution } from "@durable-ts/sdk";\nexport const handler = durableExecution(async (${params}) => {\n${body}\n});`;
