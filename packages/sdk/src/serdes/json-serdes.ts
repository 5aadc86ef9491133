import type { Serdes } from "./serdes.js";

/**
 * Plain JSON: `JSON.stringify` / `JSON.parse`. `undefined` is written as no
 * payload, and no payload (or `""`) reads as `undefined`. Dates come back as
 * strings, Maps as `{}`: use {@link defaultSerdes} to keep them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Serdes<T> is invariant: a serdes for every value type
export const jsonSerdes: Serdes<any> = {
  async serialize(value: unknown): Promise<string | undefined> {
    return value === undefined ? undefined : JSON.stringify(value);
  },
  async deserialize(data: string | undefined): Promise<unknown> {
    return data === undefined || data === "" ? undefined : JSON.parse(data);
  },
};

/** Strings as they are: the payload is the value. The default for callback results. */
export const passThroughSerdes: Serdes<string> = {
  async serialize(value: string | undefined): Promise<string | undefined> {
    return value;
  },
  async deserialize(data: string | undefined): Promise<string | undefined> {
    return data;
  },
};

/**
 * JSON into instances of `cls`: the parsed object's fields are assigned onto
 * `new cls()`, so methods work after a replay. Nested objects stay plain.
 */
export function createClassSerdes<T extends object>(cls: new () => T): Serdes<T> {
  return {
    async serialize(value: T | undefined): Promise<string | undefined> {
      return value === undefined ? undefined : JSON.stringify(value);
    },
    async deserialize(data: string | undefined): Promise<T | undefined> {
      if (data === undefined || data === "") return undefined;
      return Object.assign(new cls(), JSON.parse(data) as Partial<T>);
    },
  };
}

/**
 * Like {@link createClassSerdes}, and the properties named in `dateProps`
 * (dotted paths such as `"order.placedAt"` reach nested objects) are turned
 * back into `Date`s.
 */
export function createClassSerdesWithDates<T extends object>(cls: new () => T, dateProps: string[]): Serdes<T> {
  const base = createClassSerdes(cls);
  return {
    serialize: base.serialize,
    async deserialize(data: string | undefined, context): Promise<T | undefined> {
      const value = await base.deserialize(data, context);
      if (value !== undefined) for (const path of dateProps) reviveDate(value, path.split("."));
      return value;
    },
  };
}

function reviveDate(target: object, path: string[]): void {
  let holder: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (typeof holder !== "object" || holder === null) return;
    holder = (holder as Record<string, unknown>)[key];
  }
  const last = path[path.length - 1];
  if (typeof holder !== "object" || holder === null || last === undefined) return;
  const record = holder as Record<string, unknown>;
  const raw = record[last];
  if (typeof raw === "string" || typeof raw === "number") record[last] = new Date(raw);
}
