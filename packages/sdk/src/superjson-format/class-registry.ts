/**
 * Classes whose instances the format writes as `["class", identifier]` and reads back with their
 * prototype. A class keeps the identifier it was first registered under; an identifier registered
 * again names the class registered last (as in superjson).
 */
export type RegisteredClass = abstract new (...args: any[]) => unknown;

export class ClassRegistry {
  private readonly byClass = new Map<unknown, string>();
  private readonly byIdentifier = new Map<string, RegisteredClass>();

  register(cls: RegisteredClass, identifier: string): void {
    if (this.identifierOf(cls) !== undefined) return;
    this.byClass.set(cls, identifier);
    this.byIdentifier.set(identifier, cls);
  }

  /** The identifier of `cls` (any value: a lookup by identity), or undefined when not registered. */
  identifierOf(cls: unknown): string | undefined {
    // An empty identifier counts as none, as in superjson.
    return this.byClass.get(cls) || undefined;
  }

  classOf(identifier: string): RegisteredClass | undefined {
    return this.byIdentifier.get(identifier);
  }
}
