import { test } from "vitest";
import { StepError, errorToErrorObject, errorFromErrorObject, DurableOperationError, ConfigError } from "./index.js";
test("scratch", () => {
  const e = new StepError("boom", new TypeError("x"));
  console.log(e.name, e.code, e.errorType, Object.keys(e), e.stack?.split("\n")[0]);
  const o = errorToErrorObject(e);
  console.log(JSON.stringify(o).slice(0, 500));
  const r = errorFromErrorObject(o);
  console.log(r instanceof StepError, r.name, (r as any).code, (r.cause as any)?.constructor?.name);
  console.log(JSON.stringify(errorToErrorObject(new ConfigError("INVALID_NAME", "bad", "name"), {stackTraces:false})));
  console.log(DurableOperationError.fromErrorObject({ErrorType: "Foo", ErrorMessage: "m"}));
  console.log(JSON.stringify(errorToErrorObject("str")), JSON.stringify(errorToErrorObject({a: 1n})), JSON.stringify(errorToErrorObject(undefined)));
  const t = errorFromErrorObject(errorToErrorObject({a: 1n}));
  console.log(t, JSON.stringify(errorToErrorObject(t)));
});
