/** Storage that outlives the process for the local server (`durable-ts serve --data`). See docs/local-server.md. */
export { openSqlitePersistence } from "./sqlite-persistence.js";
