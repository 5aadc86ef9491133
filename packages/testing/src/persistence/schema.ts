/** The tables of a data file. Version 1; a reader refuses newer versions and upgrades older ones here. */
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS executions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  arn TEXT NOT NULL UNIQUE,
  function_name TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS operations (
  arn TEXT NOT NULL,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (arn, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS operations_by_position ON operations (arn, position);
CREATE TABLE IF NOT EXISTS history (
  arn TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (arn, event_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS invocations (
  arn TEXT NOT NULL,
  position INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (arn, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS callbacks (
  callback_id TEXT PRIMARY KEY,
  arn TEXT NOT NULL,
  operation_id TEXT NOT NULL,
  timeout_seconds INTEGER NOT NULL,
  heartbeat_timeout_seconds INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS callbacks_by_execution ON callbacks (arn);
`;
