import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Serdes, SerdesContext } from "./serdes.js";

export { buildPreview, FieldMatchMode, PreviewMode, type PreviewConfig, type PreviewField } from "./preview.js";

/** When values go to files. */
export enum FileSystemSerdesMode {
  /** Every value goes to a file; the checkpoint holds the pointer. */
  ALWAYS = "ALWAYS",
  /** Inline JSON unless it would exceed {@link OVERFLOW_INLINE_BYTES}; then a file. */
  OVERFLOW = "OVERFLOW",
}

/** How the execution ARN (directory) and entity id (file name) become path segments. */
export enum FileSystemPathEncoding {
  /** `<function>/<execution name>/<execution id>/<encodeURIComponent(entityId)>.json`: readable. */
  URI = "URI",
  /** SHA-256 hex of the ARN and of the entity id: fixed length, always safe. */
  HASH = "HASH",
}

/** Options of {@link createFileSystemSerdes}. */
export interface FileSystemSerdesConfig {
  /** Default `ALWAYS`. */
  storageMode?: FileSystemSerdesMode;
  /** Default `URI`. */
  pathEncoding?: FileSystemPathEncoding;
  /** A small object stored inline next to the file pointer (e.g. from `buildPreview`), visible in the history. */
  generatePreview?: (value: unknown) => Record<string, unknown> | undefined;
}

/** The largest inline envelope in OVERFLOW mode: the service's per-operation payload limit. */
export const OVERFLOW_INLINE_BYTES = 262_144;

type Envelope = { data: string } | { file: string; preview?: Record<string, unknown> };

const ARN_SHAPE = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:/]+)(?::[^/]*)?\/durable-execution\/([^/]+)\/([^/]+)$/;

function executionDir(arn: string, encoding: FileSystemPathEncoding): string {
  if (encoding === FileSystemPathEncoding.HASH) return createHash("sha256").update(arn).digest("hex");
  const parts = ARN_SHAPE.exec(arn);
  return parts ? join(...parts.slice(1, 4).map(encodeURIComponent)) : encodeURIComponent(arn);
}

function fileName(entityId: string, encoding: FileSystemPathEncoding): string {
  return encoding === FileSystemPathEncoding.HASH ? createHash("sha256").update(entityId).digest("hex") : `${encodeURIComponent(entityId)}.json`;
}

/**
 * A serdes that keeps values as JSON files under `basePath` and checkpoints a small envelope:
 * `{"data":"<json>"}` inline, `{"file":"<path>"}` or `{"file":"<path>","preview":{…}}`. The path is
 * stored relative to `basePath` (an absolute one, as another SDK may write, is read as is).
 *
 * Use a shared, durable file system (Amazon EFS, S3 Files), never Lambda's `/tmp`: a replay may run
 * in another environment. Files are written to a temporary name and renamed, so a reader never
 * sees half a file; a re-run of the same operation overwrites its file.
 * @example
 * context.configureSerdes({ defaultSerdes: createFileSystemSerdes("/mnt/efs", { storageMode: FileSystemSerdesMode.OVERFLOW }) });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Serdes<T> is invariant: a serdes for every value type
export function createFileSystemSerdes(basePath: string, config: FileSystemSerdesConfig = {}): Serdes<any> {
  const mode = config.storageMode ?? FileSystemSerdesMode.ALWAYS;
  const encoding = config.pathEncoding ?? FileSystemPathEncoding.URI;
  return {
    async serialize(value: unknown, context: SerdesContext): Promise<string | undefined> {
      if (value === undefined) return undefined;
      const json = JSON.stringify(value);
      if (mode === FileSystemSerdesMode.OVERFLOW) {
        const inline = JSON.stringify({ data: json } satisfies Envelope);
        if (Buffer.byteLength(inline, "utf8") <= OVERFLOW_INLINE_BYTES) return inline;
      }
      const relative = join(executionDir(context.durableExecutionArn, encoding), fileName(context.entityId, encoding));
      const target = resolve(basePath, relative);
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.tmp`;
      await writeFile(temporary, json, "utf8");
      await rename(temporary, target);
      const preview = config.generatePreview?.(value);
      return JSON.stringify((preview === undefined ? { file: relative } : { file: relative, preview }) satisfies Envelope);
    },
    async deserialize(data: string | undefined): Promise<unknown> {
      if (data === undefined) return undefined;
      const envelope = JSON.parse(data) as Partial<{ data: string; file: string }>;
      if (typeof envelope.data === "string") return JSON.parse(envelope.data);
      if (typeof envelope.file === "string") return JSON.parse(await readFile(resolve(basePath, envelope.file), "utf8"));
      throw new TypeError(`Not a file-system serdes envelope: expected {"data"} or {"file"}, received ${data.slice(0, 200)}`);
    },
  };
}
