import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import type { Storage } from "../../ports/storage.js";
import { createKyselyStorage } from "../kysely/kysely-storage.js";
import type { Database } from "../kysely/schema.js";
import { migrationProvider } from "../migrations/index.js";
import { withStatementCache } from "./statement-cache.js";

export interface SqliteStorageOptions {
  /** A file path, or ":memory:" for throwaway storage in unit tests. */
  filename: string;
  /** FULL (default) makes every commit durable across power loss; NORMAL trades that for speed. */
  synchronous: "FULL" | "NORMAL";
  /** Serve pool, client and signing-key reads from memory (storage/kysely/read-cache.ts); off by default. */
  cacheReads?: boolean;
}

export async function openSqliteStorage(options: SqliteStorageOptions): Promise<Storage> {
  if (options.filename !== ":memory:") mkdirSync(dirname(options.filename), { recursive: true });
  const database = new BetterSqlite3(options.filename);
  database.pragma("journal_mode = WAL");
  database.pragma(`synchronous = ${options.synchronous}`);
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  // data_version changes when another connection (the CLI, another process) commits to the file.
  const dataVersion = options.cacheReads ? database.prepare("PRAGMA data_version").pluck() : undefined;
  const readCache = dataVersion
    ? {
        ttlMs: Number.POSITIVE_INFINITY,
        externalVersion: () => dataVersion.get() as number,
        cacheSigningKeys: true,
      }
    : undefined;
  return createKyselyStorage(db, "sqlite", async () => {}, readCache);
}
