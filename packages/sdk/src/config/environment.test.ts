import { describe, expect, it } from "vitest";
import { metricsSwitch } from "./environment.js";

describe("metricsSwitch (DURABLE_TS_METRICS)", () => {
  it("turns metrics on for 1 and true, off for 0 and false, in any letter case", () => {
    for (const on of ["1", "true", "TRUE", "True"]) expect(metricsSwitch({ DURABLE_TS_METRICS: on })).toBe(true);
    for (const off of ["0", "false", "FALSE", "False"]) expect(metricsSwitch({ DURABLE_TS_METRICS: off })).toBe(false);
  });

  it("leaves the entry's default (undefined) when unset, empty or anything else", () => {
    expect(metricsSwitch({})).toBeUndefined();
    for (const other of ["", "yes", "2", " 1"]) expect(metricsSwitch({ DURABLE_TS_METRICS: other })).toBeUndefined();
  });
});
