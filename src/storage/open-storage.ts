import { join } from "node:path";
import type { Storage } from "../ports/storage.js";

export interface OpenStorageOptions {
  /** postgres://… selects PostgreSQL; unset means SQLite in the data dir. */
  databaseUrl: string | undefined;
  dataDir: string;
  sqliteSynchronous: "FULL" | "NORMAL";
  /** PostgreSQL: named prepared statements (postgres/named-statements.ts); on unless false. */
  postgresPreparedStatements?: boolean;
  /** Serve pool, client (and on SQLite signing-key) reads from memory; see storage/kysely/read-cache.ts. */
  cacheReads?: boolean;
}

/** PostgreSQL: how late a node may see another node's change to a pool or an app client. */
export const POSTGRES_READ_CACHE_TTL_MS = 2_000;

/**
 * Opens the configured backend and brings its schema up to date. Only the chosen engine's driver is loaded
 * (pg alone is about 13 MB resident, which a SQLite server never needs).
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  if (options.databaseUrl) {
    const { openPostgresStorage } = await import("./postgres/open-postgres-storage.js");
    return openPostgresStorage({
      connectionString: options.databaseUrl,
      preparedStatements: options.postgresPreparedStatements !== false,
      ...(options.cacheReads ? { readCacheTtlMs: POSTGRES_READ_CACHE_TTL_MS } : {}),
    });
  }
  const { openSqliteStorage } = await import("./sqlite/open-sqlite-storage.js");
  return openSqliteStorage({
    filename: join(options.dataDir, "cognate.db"),
    synchronous: options.sqliteSynchronous,
    ...(options.cacheReads ? { cacheReads: true } : {}),
  });
}
