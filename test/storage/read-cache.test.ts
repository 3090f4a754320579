import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { UserPool } from "../../src/domain/user-pool/user-pool.js";
import type { Storage } from "../../src/ports/storage.js";
import { openPostgresStorage } from "../../src/storage/postgres/open-postgres-storage.js";
import { openSqliteStorage } from "../../src/storage/sqlite/open-sqlite-storage.js";
import { createTestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";

// What the read cache (storage/kysely/read-cache.ts) promises beyond the contract suites, which run every
// repository behaviour through it: writers it cannot see directly are noticed — at once on SQLite (another
// connection's commit, e.g. the CLI), within the TTL on PostgreSQL (another node).

const backends = await testBackends();
let sequence = 0;
const newPool = (): UserPool => {
  sequence++;
  return {
    id: `us-east-1_Cache${String(sequence).padStart(4, "0")}`,
    settings: { PoolName: `cache-${sequence}`, MfaConfiguration: "OFF" },
    createdAt: new Date(1_700_000_000_000),
    lastModifiedAt: new Date(1_700_000_000_000),
  };
};
const renamed = (pool: UserPool, name: string) => ({ ...pool.settings, PoolName: name });
const nameOf = async (storage: Storage, id: string) =>
  (await storage.userPools.findUserPool(id))?.settings.PoolName;

describe("read cache on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "cognate-read-cache-"));
  const filename = join(dir, "cognate.db");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sees its own writes, transactions included, and another connection's commits at once", async () => {
    const cached = await openSqliteStorage({ filename, synchronous: "FULL", cacheReads: true });
    const other = await openSqliteStorage({ filename, synchronous: "FULL" });
    try {
      const pool = newPool();
      await cached.userPools.insertUserPool(pool);
      expect(await nameOf(cached, pool.id)).toBe(pool.settings.PoolName);

      await cached.userPools.replaceUserPoolSettings(pool.id, renamed(pool, "own write"), new Date());
      expect(await nameOf(cached, pool.id)).toBe("own write");

      await cached.transaction(async (repositories) => {
        await repositories.userPools.replaceUserPoolSettings(
          pool.id,
          renamed(pool, "in a transaction"),
          new Date(),
        );
        expect(await nameOf(repositories as Storage, pool.id)).toBe("in a transaction");
      });
      expect(await nameOf(cached, pool.id)).toBe("in a transaction");

      await expect(
        cached.transaction(async (repositories) => {
          await repositories.userPools.replaceUserPoolSettings(
            pool.id,
            renamed(pool, "rolled back"),
            new Date(),
          );
          throw new Error("abort");
        }),
      ).rejects.toThrow("abort");
      expect(await nameOf(cached, pool.id)).toBe("in a transaction");

      await other.userPools.replaceUserPoolSettings(pool.id, renamed(pool, "another process"), new Date());
      expect(await nameOf(cached, pool.id)).toBe("another process");
      await other.userPools.deleteUserPool(pool.id);
      expect(await cached.userPools.findUserPool(pool.id)).toBeUndefined();
    } finally {
      await cached.close();
      await other.close();
    }
  });

  it("sees client secrets added here and removed by another connection at once", async () => {
    const cached = await openSqliteStorage({ filename, synchronous: "FULL", cacheReads: true });
    const other = await openSqliteStorage({ filename, synchronous: "FULL" });
    try {
      const pool = newPool();
      await cached.userPools.insertUserPool(pool);
      const clientId = `client${pool.id.slice(-4)}abcdefghijklmnop`;
      const secret = (secretId: string) => ({
        secretId,
        clientId,
        sealedValue: `sealed-${secretId}`,
        createdAt: new Date(1_700_000_000_000),
      });
      await cached.userPoolClients.insertClient(
        {
          clientId,
          userPoolId: pool.id,
          settings: { ClientName: "secrets" },
          createdAt: new Date(1_700_000_000_000),
          lastModifiedAt: new Date(1_700_000_000_000),
        },
        secret(`${clientId}--1`),
      );
      const ids = async () =>
        (await cached.userPoolClients.listClientSecrets(clientId)).map((item) => item.secretId);
      expect(await ids()).toEqual([`${clientId}--1`]);
      expect(await cached.userPoolClients.addClientSecret(secret(`${clientId}--2`), 2)).toBe("added");
      expect(await ids()).toEqual([`${clientId}--1`, `${clientId}--2`]);
      await other.userPoolClients.deleteClientSecret(clientId, `${clientId}--1`);
      expect(await ids()).toEqual([`${clientId}--2`]);
      expect((await cached.userPoolClients.findClient(pool.id, clientId))?.settings.ClientName).toBe(
        "secrets",
      );
      await other.userPoolClients.deleteClient(pool.id, clientId);
      expect(await cached.userPoolClients.findClient(pool.id, clientId)).toBeUndefined();
      expect(await ids()).toEqual([]);
    } finally {
      await cached.close();
      await other.close();
    }
  });

  it("sees resource servers changed here and by another connection at once", async () => {
    const cached = await openSqliteStorage({ filename, synchronous: "FULL", cacheReads: true });
    const other = await openSqliteStorage({ filename, synchronous: "FULL" });
    try {
      const pool = newPool();
      await cached.userPools.insertUserPool(pool);
      const server = {
        userPoolId: pool.id,
        identifier: "https://api.example.com",
        name: "api",
        scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
        createdAt: new Date(1_700_000_000_000),
        lastModifiedAt: new Date(1_700_000_000_000),
      };
      const scopesOf = async () =>
        (await cached.resourceServers.findResourceServer(pool.id, server.identifier))?.scopes.map(
          (scope) => scope.ScopeName,
        );
      expect(await scopesOf()).toBeUndefined();
      expect(await cached.resourceServers.insertResourceServer(server, 25)).toBe("created");
      expect(await scopesOf()).toEqual(["read"]);
      const write = { ScopeName: "write", ScopeDescription: "write" };
      expect(await cached.resourceServers.saveResourceServer({ ...server, scopes: [write] })).toBe(true);
      expect(await scopesOf()).toEqual(["write"]);
      await other.resourceServers.saveResourceServer({ ...server, scopes: [write, write] });
      expect(await scopesOf()).toEqual(["write", "write"]);
      await other.resourceServers.deleteResourceServer(pool.id, server.identifier);
      expect(await scopesOf()).toBeUndefined();
    } finally {
      await cached.close();
      await other.close();
    }
  });

  it("publishes signing keys another connection adds, and drops keys as they expire", async () => {
    const cached = await openSqliteStorage({ filename, synchronous: "FULL", cacheReads: true });
    const other = await openSqliteStorage({ filename, synchronous: "FULL" });
    try {
      const pool = newPool();
      await cached.userPools.insertUserPool(pool);
      const key = (kid: string, expiresAt: Date | null) => ({
        kid,
        userPoolId: pool.id,
        use: "access" as const,
        algorithm: "RS256" as const,
        privateKeySealed: "sealed",
        publicJwk: { kty: "RSA", n: "n", e: "AQAB" },
        createdAt: new Date(1_000),
        retiredAt: expiresAt,
        expiresAt,
      });
      const kids = async (at: number) =>
        (await cached.signingKeys.listSigningKeys(pool.id, new Date(at))).map((item) => item.kid);
      await cached.signingKeys.insertSigningKey(key(`${pool.id}-a`, new Date(5_000)));
      expect(await kids(2_000)).toEqual([`${pool.id}-a`]);
      await other.signingKeys.insertSigningKey(key(`${pool.id}-b`, null));
      expect((await kids(3_000)).sort()).toEqual([`${pool.id}-a`, `${pool.id}-b`]);
      expect(await kids(6_000)).toEqual([`${pool.id}-b`]);
      expect((await kids(4_000)).sort()).toEqual([`${pool.id}-a`, `${pool.id}-b`]); // a clock moved back
    } finally {
      await cached.close();
      await other.close();
    }
  });
});

describe.runIf(backends.includes("postgres"))("read cache on PostgreSQL", () => {
  it("sees its own writes at once and another node's within the TTL", async () => {
    const database = await createTestDatabase();
    const cached = await openPostgresStorage({ connectionString: database.url, readCacheTtlMs: 300 });
    const other = await openPostgresStorage({ connectionString: database.url });
    try {
      const pool = newPool();
      await cached.userPools.insertUserPool(pool);
      expect(await nameOf(cached, pool.id)).toBe(pool.settings.PoolName);
      await cached.userPools.replaceUserPoolSettings(pool.id, renamed(pool, "own write"), new Date());
      expect(await nameOf(cached, pool.id)).toBe("own write");

      await other.userPools.replaceUserPoolSettings(pool.id, renamed(pool, "another node"), new Date());
      const seenAt = Date.now();
      let name = await nameOf(cached, pool.id);
      while (name !== "another node" && Date.now() - seenAt < 2_000) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        name = await nameOf(cached, pool.id);
      }
      expect(name).toBe("another node");
      expect(Date.now() - seenAt).toBeLessThan(1_000);
    } finally {
      await cached.close();
      await other.close();
      await database.drop();
    }
  });
});
