import { describe, expect, it } from "vitest";
import { createClassSerdes, createClassSerdesWithDates, jsonSerdes, passThroughSerdes } from "./json-serdes.js";
import type { SerdesContext } from "./serdes.js";

const ctx: SerdesContext = { entityId: "e", durableExecutionArn: "arn:x", operationId: "op" };

class Order {
  id = "";
  placedAt = new Date(0);
  meta: { shippedAt?: Date } = {};
  total(): string {
    return `order ${this.id}`;
  }
}

describe("jsonSerdes", () => {
  it("writes JSON and maps undefined to no payload both ways", async () => {
    expect(await jsonSerdes.serialize({ a: [1] }, ctx)).toBe('{"a":[1]}');
    expect(await jsonSerdes.serialize(undefined, ctx)).toBeUndefined();
    expect(await jsonSerdes.deserialize('{"a":[1]}', ctx)).toEqual({ a: [1] });
    expect(await jsonSerdes.deserialize(undefined, ctx)).toBeUndefined();
    expect(await jsonSerdes.deserialize("", ctx)).toBeUndefined();
  });

  it("rejects data that is not JSON", async () => {
    await expect(jsonSerdes.deserialize("{nope", ctx)).rejects.toThrow(SyntaxError);
  });
});

describe("passThroughSerdes", () => {
  it("keeps strings as they are, empty and absent ones included", async () => {
    expect(await passThroughSerdes.serialize('raw "text"', ctx)).toBe('raw "text"');
    expect(await passThroughSerdes.deserialize("", ctx)).toBe("");
    expect(await passThroughSerdes.deserialize(undefined, ctx)).toBeUndefined();
  });
});

describe("createClassSerdes", () => {
  it("restores an instance of the class so its methods work", async () => {
    const serdes = createClassSerdes(Order);
    const order = Object.assign(new Order(), { id: "o-1" });
    const back = await serdes.deserialize(await serdes.serialize(order, ctx), ctx);
    expect(back).toBeInstanceOf(Order);
    expect(back?.total()).toBe("order o-1");
    expect(back?.placedAt).toBe("1970-01-01T00:00:00.000Z");
  });

  it("turns the named properties, dotted paths included, back into Dates", async () => {
    const serdes = createClassSerdesWithDates(Order, ["placedAt", "meta.shippedAt", "meta.missing.deep"]);
    const order = Object.assign(new Order(), { id: "o-2", placedAt: new Date(1000), meta: { shippedAt: new Date(2000) } });
    const back = await serdes.deserialize(await serdes.serialize(order, ctx), ctx);
    expect(back).toBeInstanceOf(Order);
    expect(back?.placedAt).toEqual(new Date(1000));
    expect(back?.meta.shippedAt).toEqual(new Date(2000));
    expect(await serdes.deserialize(undefined, ctx)).toBeUndefined();
  });
});
