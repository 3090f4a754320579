import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Storage } from "../../src/ports/storage.js";
import { openPostgresStorage } from "../../src/storage/postgres/open-postgres-storage.js";
import { openSqliteStorage } from "../../src/storage/sqlite/open-sqlite-storage.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";

/** A storage adapter under contract test: open it (again, on the same data), and clean up. */
export interface Adapter {
  open(): Promise<Storage>;
  cleanup(): Promise<void>;
}

function sqliteFileAdapter(cacheReads = false): Adapter {
  const dir = mkdtempSync(join(tmpdir(), "cognate-contract-"));
  return {
    open: () => openSqliteStorage({ filename: join(dir, "cognate.db"), synchronous: "FULL", cacheReads }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresAdapter(readCacheTtlMs = 0): Adapter {
  let database: TestDatabase | undefined;
  return {
    async open() {
      database ??= await createTestDatabase();
      return openPostgresStorage({ connectionString: database.url, readCacheTtlMs });
    },
    cleanup: async () => database?.drop(),
  };
}

/** [name, factory] pairs for describe.each: SQLite always, PostgreSQL when reachable (or required). */
export async function contractAdapters(): Promise<Array<[string, () => Adapter]>> {
  const adapters: Array<[string, () => Adapter]> = [["sqlite", sqliteFileAdapter]];
  if ((await testBackends()).includes("postgres")) adapters.push(["postgres", postgresAdapter]);
  return adapters;
}

/** The same adapters with the read cache main.ts turns on (pools, clients, SQLite's signing keys). */
export async function cachedContractAdapters(): Promise<Array<[string, () => Adapter]>> {
  const adapters: Array<[string, () => Adapter]> = [
    ["sqlite with read cache", () => sqliteFileAdapter(true)],
  ];
  if ((await testBackends()).includes("postgres")) {
    adapters.push(["postgres with read cache", () => postgresAdapter(60_000)]);
  }
  return adapters;
}
