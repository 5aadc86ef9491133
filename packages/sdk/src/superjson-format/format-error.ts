/**
 * A value or payload the superjson format cannot carry: a key superjson refuses when writing
 * (`__proto__`, `constructor`, `prototype` in a value that needs metadata), or, when reading, an
 * annotation this codec does not know (an unregistered class, a symbol, a custom transformer, an
 * unknown typed array) or a malformed path. `kind` names what it met.
 */
export class SuperjsonFormatError extends Error {
  /** What was met: `"key"`, `"class"`, `"symbol"`, `"custom"`, `"typed-array"`, `"annotation"` or `"path"`. */
  readonly kind: string;

  constructor(kind: string, message: string) {
    super(message);
    this.name = "SuperjsonFormatError";
    this.kind = kind;
  }
}
