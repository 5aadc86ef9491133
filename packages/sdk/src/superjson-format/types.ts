import type { TypeAnnotation } from "./rules.js";

/** Annotations of one node: its own type, with the annotations below it by relative path. */
export type AnnotationTree = [TypeAnnotation] | [TypeAnnotation, AnnotationsByPath];
/** Annotations by escaped path (`"a.b"`, `"list.0"`). */
export interface AnnotationsByPath {
  [path: string]: AnnotationTree;
}

/** Paths holding the same object: by the path of the first, or `[root's]` / `[root's, others]`. */
export type ReferentialEqualities = Record<string, string[]> | [string[]] | [string[], Record<string, string[]>];

/** superjson's `meta`: `v` is 1 from superjson 1.x on; a missing `v` reads paths the old way. */
export interface SuperjsonMeta {
  values?: AnnotationTree | AnnotationsByPath;
  referentialEqualities?: ReferentialEqualities;
  v?: number;
}

/** What superjson's `serialize` returns: a JSON value and, when needed, how to read it back. */
export interface SuperjsonResult {
  json: unknown;
  meta?: SuperjsonMeta;
}
