import { join } from "node:path";
import type { Storage } from "../ports/storage.js";
import { openPostgresStorage } from "./postgres/open-postgres-storage.js";
import { openSqliteStorage } from "./sqlite/open-sqlite-storage.js";

export interface OpenStorageOptions {
  /** postgres://… selects PostgreSQL; unset means SQLite in the data dir. */
  databaseUrl: string | undefined;
  dataDir: string;
  sqliteSynchronous: "FULL" | "NORMAL";
}

/** Opens the configured backend and brings its schema up to date. */
export function openStorage(options: OpenStorageOptions): Promise<Storage> {
  if (options.databaseUrl) return openPostgresStorage({ connectionString: options.databaseUrl });
  return openSqliteStorage({
    filename: join(options.dataDir, "cognate.db"),
    synchronous: options.sqliteSynchronous,
  });
}
