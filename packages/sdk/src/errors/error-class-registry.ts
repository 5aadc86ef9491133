import type { ErrorCode } from "./codes.js";

/**
 * A class of errors that the error codec can restore by name: any `Error`
 * subclass, abstract or not. Its constructor is never called on restore.
 */
export type ErrorClass = abstract new (...args: any[]) => Error;

// The SDK's own error classes, keyed by the name recorded as ErrorType.
// Each class file registers itself when it is evaluated; a registry (rather
// than the codec importing every class) keeps the module graph acyclic, so
// `DurableOperationError` can use the codec while its subclasses extend it.
const sdkClasses = new Map<string, ErrorClass>();

/**
 * Gives an SDK error class its `name` and (optionally) fixed `code` on the
 * prototype, and registers it for restoring by name.
 *
 * Keeping both on the prototype (not on each instance) means a recorded
 * error carries no extra data for them, and an instance restored with
 * `Object.create(prototype)` has them too. The name is passed as a literal so
 * minified class names cannot change what is written to the wire.
 *
 * @internal
 */
export function defineErrorClass(cls: ErrorClass, name: string, code?: ErrorCode): void {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
  if (code !== undefined) {
    Object.defineProperty(cls.prototype, "code", { value: code, writable: true, configurable: true });
  }
  sdkClasses.set(name, cls);
}

/** @internal The SDK error class recorded under `name`, if loaded. */
export function findSdkErrorClass(name: string): ErrorClass | undefined {
  return sdkClasses.get(name);
}
