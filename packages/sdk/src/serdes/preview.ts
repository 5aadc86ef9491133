/** Field selection for previews stored beside file pointers ({@link createFileSystemSerdes}). */

/** How a {@link PreviewField} matches. */
export enum FieldMatchMode {
  /** The field name at any depth (default). */
  ANYWHERE = "ANYWHERE",
  /** The exact dot path from the root (`"user.email"`); a single segment matches only at the root. */
  PATH = "PATH",
}

/** Which fields a preview shows before `include`/`exclude`/`mask` apply. */
export enum PreviewMode {
  INCLUDE_ALL = "INCLUDE_ALL",
  EXCLUDE_ALL = "EXCLUDE_ALL",
}

/** A field selector: a name or dot path. */
export interface PreviewField {
  name: string;
  match?: FieldMatchMode;
}

/** Options of {@link buildPreview}. */
export interface PreviewConfig {
  mode: PreviewMode;
  include?: PreviewField[];
  exclude?: PreviewField[];
  /** Shown with `maskString` instead of their value (masking implies visibility; `exclude` still wins). */
  mask?: PreviewField[];
  /** Default `"***"`. */
  maskString?: string;
  /** Cap on the preview's JSON size; fields are added in order until it is reached. Default 4096. */
  maxPreviewBytes?: number;
}

const matches = (fields: PreviewField[] | undefined, key: string, path: string): boolean =>
  (fields ?? []).some((f) => ((f.match ?? FieldMatchMode.ANYWHERE) === FieldMatchMode.PATH ? f.name === path : f.name === key));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/**
 * A preview of `value`: a nested object with the visible fields, masked ones replaced by
 * `maskString`, at most `maxPreviewBytes` of JSON. `exclude` always wins; `mask` implies visibility.
 * Arrays are not kept as arrays: the fields of their elements merge at the array's path. Field
 * names containing dots cannot be told from paths. Undefined when nothing is visible or `value`
 * is not an object.
 * @example
 * buildPreview(order, { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "id" }], mask: [{ name: "email" }] });
 * // { id: "order-123", user: { email: "***" } }
 */
export function buildPreview(value: unknown, config: PreviewConfig): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  const maskString = config.maskString ?? "***";
  const maxBytes = config.maxPreviewBytes ?? 4096;
  const out: Record<string, unknown> = {};
  let full = false;

  const place = (path: string[], leaf: unknown): void => {
    if (full) return;
    let node = out;
    for (const segment of path.slice(0, -1)) {
      if (!isObject(node[segment])) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
    // `visit` places only non-empty paths (the root is never a leaf).
    const key = path[path.length - 1]!;
    const before = node[key];
    node[key] = leaf;
    if (Buffer.byteLength(JSON.stringify(out), "utf8") > maxBytes) {
      if (before === undefined) delete node[key];
      else node[key] = before;
      full = true;
    }
  };

  const visit = (node: unknown, path: string[], visible: boolean): void => {
    if (full) return;
    if (Array.isArray(node)) {
      for (const element of node) visit(element, path, visible);
      return;
    }
    if (!isObject(node)) {
      if (visible && path.length > 0) place(path, node);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      const childPath = [...path, key];
      const dotted = childPath.join(".");
      if (matches(config.exclude, key, dotted)) continue;
      if (matches(config.mask, key, dotted)) {
        place(childPath, maskString);
        continue;
      }
      const childVisible = config.mode === PreviewMode.INCLUDE_ALL || visible || matches(config.include, key, dotted);
      visit(child, childPath, childVisible);
    }
  };

  visit(value, [], false);
  return Object.keys(out).length > 0 ? out : undefined;
}
