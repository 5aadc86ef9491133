/** Turns whatever a handler threw into the Runtime API's error document. */
import type { RuntimeErrorPayload } from "./runtime-api-error.js";

/** `{errorType, errorMessage, stackTrace}` of a thrown value; `errorType` overrides the error's name. */
export function toRuntimeError(thrown: unknown, errorType?: string): RuntimeErrorPayload {
  if (thrown instanceof Error) {
    const stack =
      thrown.stack
        ?.split("\n")
        .slice(1)
        .map((line) => line.trim()) ?? [];
    return { errorType: errorType ?? thrown.name, errorMessage: thrown.message, stackTrace: stack };
  }
  let message: string;
  try {
    message = typeof thrown === "string" ? thrown : (JSON.stringify(thrown) ?? String(thrown));
  } catch {
    message = String(thrown);
  }
  return { errorType: errorType ?? (typeof thrown === "object" && thrown !== null ? "Object" : typeof thrown), errorMessage: message, stackTrace: [] };
}
