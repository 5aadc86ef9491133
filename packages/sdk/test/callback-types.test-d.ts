// Callback results are typed as what they are at run time (checked by `vitest --typecheck` and `tsc`).
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expectTypeOf, it } from "vitest";
import type { DurableContext, Deserializer } from "@durable-ts/sdk";

declare const ctx: DurableContext;
declare const approvalSchema: StandardSchemaV1<unknown, { approved: boolean }>;
const approvalSerdes: Deserializer<{ approved: boolean }> = { deserialize: async (data) => (data === undefined ? undefined : JSON.parse(data)) };
const submit = async (_callbackId: string) => {};

describe("callback result types", () => {
  it("without serdes or schema the result is the raw string", async () => {
    const [result] = await ctx.createCallback("approval");
    expectTypeOf(result).resolves.toEqualTypeOf<string>();
    expectTypeOf(ctx.waitForCallback("approval", submit, { timeout: { hours: 1 } })).resolves.toEqualTypeOf<string>();
    const [explicit] = await ctx.createCallback<string>("approval");
    expectTypeOf(explicit).resolves.toEqualTypeOf<string>();
  });

  it("a type argument other than string needs a serdes or a schema that produces it", () => {
    // @ts-expect-error the raw string is not { approved: boolean }
    void ctx.createCallback<{ approved: boolean }>("approval");
    // @ts-expect-error the raw string is not { approved: boolean }
    void ctx.waitForCallback<{ approved: boolean }>("approval", submit);
    // @ts-expect-error a config without a reader cannot change the type either
    void ctx.createCallback<{ approved: boolean }>("approval", { timeout: { hours: 1 } });
  });

  it("with a schema or a serdes the result is their output type", async () => {
    const [bySchema] = await ctx.createCallback("approval", { schema: approvalSchema });
    expectTypeOf(bySchema).resolves.toEqualTypeOf<{ approved: boolean }>();
    const [bySerdes] = await ctx.createCallback({ serdes: approvalSerdes, timeout: { days: 1 } });
    expectTypeOf(bySerdes).resolves.toEqualTypeOf<{ approved: boolean }>();
    expectTypeOf(ctx.waitForCallback("approval", submit, { schema: approvalSchema })).resolves.toEqualTypeOf<{ approved: boolean }>();
    expectTypeOf(ctx.waitForCallback(submit, { serdes: approvalSerdes })).resolves.toEqualTypeOf<{ approved: boolean }>();
  });
});
