/**
 * SQLite storage for the local server (`durable-ts serve --data <file>`), on `better-sqlite3`
 * 12.x, which is loaded only here and only when a data file is asked for (an optional peer
 * dependency: the SDK and the in-memory default never need it).
 *
 * One table per kind of record: executions (scalar state and service timers), operations,
 * history events, invocations and callbacks. Each applied change of the backend is one
 * transaction, written before the call that made it returns; in WAL mode a process killed
 * mid-write leaves the last committed state, never half a checkpoint. Rows are JSON (Dates
 * tagged), so the file can be read with the `sqlite3` shell.
 */
import type { Event, Operation } from "@aws-sdk/client-lambda";
import type { BackendPersistence, ExecutionChanges, ExecutionRecord, Invocation, SavedExecution, SavedExecutionState } from "../backend/index.js";
import { savedCallback, savedState } from "../backend/index.js";
import { decodeRow, encodeRow } from "./rows.js";
import { SCHEMA, SCHEMA_VERSION } from "./schema.js";

/** The part of better-sqlite3's API used here. */
interface Statement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): Record<string, unknown>[];
  get(...params: unknown[]): Record<string, unknown> | undefined;
}
interface Database {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  exec(source: string): void;
  prepare(source: string): Statement;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}
type DatabaseConstructor = new (file: string, options?: { timeout?: number }) => Database;

/** A data file that cannot be used: missing driver, another server holds it, a newer format. */
export class DataFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DataFileError";
  }
}

/** Loads better-sqlite3 (an optional peer dependency) on first use. */
async function loadDriver(): Promise<DatabaseConstructor> {
  try {
    const loaded = (await import("better-sqlite3")) as unknown as { default?: DatabaseConstructor };
    return loaded.default ?? (loaded as unknown as DatabaseConstructor);
  } catch (error) {
    throw new DataFileError("--data needs the better-sqlite3 package (12.x on Node 20): npm install --save-dev better-sqlite3@12", { cause: error });
  }
}

/** Opens (or creates) a data file for one server; loads better-sqlite3 on first use. */
export async function openSqlitePersistence(file: string): Promise<SqlitePersistence> {
  return new SqlitePersistence(file, await loadDriver());
}

/** Per execution: what the file already holds, so a save writes only what changed. */
interface Written {
  historyCount: number;
  /** Invocations saved as ended; the ones after it are written again (the last may still be open). */
  endedInvocations: number;
}

/** {@link BackendPersistence} on one SQLite file; {@link SqlitePersistence.close} releases it. */
export class SqlitePersistence implements BackendPersistence {
  readonly file: string;
  private readonly db: Database;
  private readonly written = new Map<string, Written>();
  private closed = false;
  private readonly statements: Record<"execution" | "operation" | "event" | "invocation" | "callback" | "clock", Statement>;
  private readonly saveTransaction: (changes: ReadonlyMap<string, ExecutionChanges>, read: (arn: string) => ExecutionRecord, clockMs: number) => void;

  /** Opens (or creates) the file and takes it for this process alone (see {@link openSqlitePersistence}). */
  constructor(file: string, Driver: DatabaseConstructor) {
    this.file = file;
    try {
      this.db = new Driver(file, { timeout: 0 });
    } catch (error) {
      throw new DataFileError(`--data ${file}: cannot open the file: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    try {
      this.db.pragma("journal_mode = WAL");
      // WAL with NORMAL survives a killed process; only a power cut may lose the last commits.
      this.db.pragma("synchronous = NORMAL");
      // One server per file: a second one fails here instead of interleaving writes.
      this.db.pragma("locking_mode = EXCLUSIVE");
      this.db.exec("BEGIN IMMEDIATE; COMMIT;");
      this.migrate();
    } catch (error) {
      this.db.close();
      if (error instanceof DataFileError) throw error;
      const busy = (error as { code?: string }).code === "SQLITE_BUSY";
      throw new DataFileError(
        busy
          ? `--data ${file}: the file is in use by another durable-ts server`
          : `--data ${file}: not a usable data file: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    this.statements = {
      execution: this.db.prepare(
        "INSERT INTO executions (arn, function_name, name, status, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT(arn) DO UPDATE SET status = excluded.status, state = excluded.state",
      ),
      operation: this.db.prepare("INSERT INTO operations (arn, id, position, body) VALUES (?, ?, ?, ?) ON CONFLICT(arn, id) DO UPDATE SET body = excluded.body"),
      event: this.db.prepare("INSERT OR REPLACE INTO history (arn, event_id, body) VALUES (?, ?, ?)"),
      invocation: this.db.prepare("INSERT OR REPLACE INTO invocations (arn, position, body) VALUES (?, ?, ?)"),
      callback: this.db.prepare("INSERT OR REPLACE INTO callbacks (callback_id, arn, operation_id, timeout_seconds, heartbeat_timeout_seconds) VALUES (?, ?, ?, ?, ?)"),
      clock: this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_ms', ?)"),
    };
    this.saveTransaction = this.db.transaction((changes, read, clockMs) => {
      for (const [arn, change] of changes) this.saveExecution(read(arn), change);
      this.statements.clock.run(String(clockMs));
    });
  }

  load(): { executions: SavedExecution[]; clockMs?: number } {
    const rows = (sql: string, arn: string) => this.db.prepare(sql).all(arn);
    const executions: SavedExecution[] = [];
    for (const row of this.db.prepare("SELECT arn, state FROM executions ORDER BY seq").all()) {
      const arn = row.arn as string;
      const operations = rows("SELECT body FROM operations WHERE arn = ? ORDER BY position", arn).map((r) => decodeRow<Operation>(r.body));
      const history = rows("SELECT body FROM history WHERE arn = ? ORDER BY event_id", arn).map((r) => decodeRow<Event>(r.body));
      const invocations = rows("SELECT body FROM invocations WHERE arn = ? ORDER BY position", arn).map((r) => decodeRow<Invocation>(r.body));
      const callbacks = rows("SELECT callback_id, operation_id, timeout_seconds, heartbeat_timeout_seconds FROM callbacks WHERE arn = ?", arn).map((r) => ({
        callbackId: r.callback_id as string,
        operationId: r.operation_id as string,
        timeoutSeconds: r.timeout_seconds as number,
        heartbeatTimeoutSeconds: r.heartbeat_timeout_seconds as number,
      }));
      executions.push({ state: decodeRow<SavedExecutionState>(row.state), operations, history, invocations, callbacks });
      const lastOpen = invocations.at(-1)?.endTimestamp === undefined && invocations.length > 0;
      this.written.set(arn, { historyCount: history.length, endedInvocations: invocations.length - (lastOpen ? 1 : 0) });
    }
    const clock = this.db.prepare("SELECT value FROM meta WHERE key = 'clock_ms'").get();
    return { executions, clockMs: clock === undefined ? undefined : Number(clock.value) };
  }

  save(changes: ReadonlyMap<string, ExecutionChanges>, read: (arn: string) => ExecutionRecord, clockMs: number): void {
    // Once closed (the server stopped), late changes, e.g. of a handler still running in-process, stay in memory.
    if (this.closed) return;
    this.saveTransaction(changes, read, clockMs);
  }

  /** Executions in the file by status (for `serve` to report what it restored). */
  countByStatus(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const row of this.db.prepare("SELECT status, COUNT(*) AS n FROM executions GROUP BY status").all()) out[row.status as string] = row.n as number;
    return out;
  }

  /** Checkpoints the WAL into the main file and releases it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private saveExecution(exec: ExecutionRecord, change: ExecutionChanges): void {
    const s = this.statements;
    const state = savedState(exec);
    s.execution.run(exec.arn, exec.functionName, exec.name, exec.status, encodeRow(state));
    let written = this.written.get(exec.arn);
    if (!written) {
      written = { historyCount: 0, endedInvocations: 0 };
      this.written.set(exec.arn, written);
    }
    if (change.operationIds.size > 0) {
      let position = 0;
      // Positions keep the start order; ops are never removed, so an op's position never moves.
      for (const [id, op] of exec.ops) {
        if (change.operationIds.has(id)) {
          s.operation.run(exec.arn, id, position, encodeRow(op));
          const callback = savedCallback(exec, op);
          if (callback) s.callback.run(callback.callbackId, exec.arn, callback.operationId, callback.timeoutSeconds, callback.heartbeatTimeoutSeconds);
        }
        position += 1;
      }
    }
    for (const event of exec.history.slice(written.historyCount)) s.event.run(exec.arn, event.EventId, encodeRow(event));
    for (const eventId of change.rewrittenEventIds) {
      const event = exec.history[eventId - 1];
      if (event) s.event.run(exec.arn, eventId, encodeRow(event));
    }
    written.historyCount = exec.history.length;
    exec.invocations
      .slice(written.endedInvocations)
      .forEach((invocation, offset) => s.invocation.run(exec.arn, written.endedInvocations + offset, encodeRow(invocation)));
    while (written.endedInvocations < exec.invocations.length && exec.invocations[written.endedInvocations]?.endTimestamp !== undefined) written.endedInvocations += 1;
  }

  private migrate(): void {
    this.db.exec(SCHEMA);
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get();
    if (row === undefined) {
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
      return;
    }
    const version = Number(row.value);
    if (version > SCHEMA_VERSION) {
      throw new DataFileError(`--data ${this.file}: written by a newer durable-ts (data format ${version}; this one reads up to ${SCHEMA_VERSION})`);
    }
  }
}
