import { Kysely, Migrator, PostgresDialect } from "kysely";
import pg from "pg";
import type { Storage } from "../../ports/storage.js";
import { createKyselyStorage } from "../kysely/kysely-storage.js";
import type { Database } from "../kysely/schema.js";
import { migrationProvider } from "../migrations/index.js";
import { withNamedStatements } from "./named-statements.js";

/** Arbitrary constant shared by every Cognate node: the session advisory lock that serialises migrations. */
const MIGRATION_LOCK_KEY = 0x636f676e; // "cogn"
const INT8_OID = 20;

export interface PostgresStorageOptions {
  connectionString: string;
  maxConnections?: number;
  /**
   * Serve pool and client reads from memory for this long (storage/kysely/read-cache.ts): the bound on how
   * late this node sees another node's change to them. Off (0) by default.
   */
  readCacheTtlMs?: number;
  /** Send repeated query texts as named prepared statements (named-statements.ts). On by default. */
  preparedStatements?: boolean;
}

/** Per-pool type parsing (never pg's global registry): int8 timestamps come back as numbers. */
const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

async function migrateUnderLock(pool: pg.Pool, db: Kysely<Database>): Promise<void> {
  // A session-level advisory lock held on a dedicated connection, so nodes starting together migrate one
  // at a time, including Kysely's own bookkeeping tables.
  const lockClient = await pool.connect();
  try {
    await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (error) throw error;
  } finally {
    await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    lockClient.release();
  }
}

export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types: typeParsers,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: options.preparedStatements === false ? pool : withNamedStatements(pool),
    }),
  });
  try {
    await migrateUnderLock(pool, db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const ttlMs = options.readCacheTtlMs ?? 0;
  const readCache = ttlMs > 0 ? { ttlMs, cacheSigningKeys: false } : undefined;
  return createKyselyStorage(db, "postgres", async () => {}, readCache);
}
