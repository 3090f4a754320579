import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserPool } from "../../src/domain/user-pool/user-pool.js";
import type {
  StoredClientSecret,
  UserPoolClient,
} from "../../src/domain/user-pool-client/user-pool-client.js";
import { DuplicateKeyError, InvalidCursorError, type Storage } from "../../src/ports/storage.js";
import { openPostgresStorage } from "../../src/storage/postgres/open-postgres-storage.js";
import { openSqliteStorage } from "../../src/storage/sqlite/open-sqlite-storage.js";
import { createTestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";
import { type Adapter, cachedContractAdapters, contractAdapters } from "./adapters.js";

const backends = await testBackends();
const adapterFactories = [...(await contractAdapters()), ...(await cachedContractAdapters())];

let sequence = 0;
function pool(createdAt = 1_700_000_000_000): UserPool {
  sequence++;
  return {
    id: `us-east-1_Contract${String(sequence).padStart(3, "0")}`,
    settings: {
      PoolName: `pool-${sequence}`,
      MfaConfiguration: "OFF",
      Policies: { PasswordPolicy: { MinimumLength: 8 } },
    },
    createdAt: new Date(createdAt),
    lastModifiedAt: new Date(createdAt),
  };
}

function client(userPoolId: string, name: string, createdAt = 1_700_000_000_000): UserPoolClient {
  sequence++;
  return {
    clientId: `client${String(sequence).padStart(20, "0")}`,
    userPoolId,
    settings: { ClientName: name, ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] },
    createdAt: new Date(createdAt),
    lastModifiedAt: new Date(createdAt),
  };
}

function secret(clientId: string, createdAt = Date.now()): StoredClientSecret {
  sequence++;
  return {
    secretId: `${clientId}--${sequence}`,
    clientId,
    sealedValue: `sealed-${sequence}`,
    createdAt: new Date(createdAt),
  };
}

describe.each(adapterFactories)("storage contract on %s", (_name, factory) => {
  let adapter: Adapter;
  let storage: Storage;

  beforeAll(async () => {
    adapter = factory();
    storage = await adapter.open();
  });
  afterAll(async () => {
    await storage.close();
    await adapter.cleanup();
  });

  it("stores a pool and returns it field for field", async () => {
    const stored = pool();
    await storage.userPools.insertUserPool(stored);
    expect(await storage.userPools.findUserPool(stored.id)).toEqual(stored);
    expect(await storage.userPools.findUserPool("us-east-1_Missing")).toBeUndefined();
  });

  it("rejects a second pool with the same id as DuplicateKeyError", async () => {
    const stored = pool();
    await storage.userPools.insertUserPool(stored);
    await expect(storage.userPools.insertUserPool(stored)).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it("pages through pools in creation order, each exactly once, even with equal timestamps", async () => {
    const before = await storage.userPools.countUserPools();
    const created = [
      pool(1_800_000_000_000),
      pool(1_800_000_000_000),
      pool(1_800_000_000_001),
      pool(1_800_000_000_002),
    ];
    for (const item of created) await storage.userPools.insertUserPool(item);
    expect(await storage.userPools.countUserPools()).toBe(before + 4);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.userPools.listUserPools({ limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(before + 4);
    expect(new Set(seen).size).toBe(seen.length);
    // Equal timestamps fall back to id order; these ids were issued in creation order.
    expect(seen.slice(-4)).toEqual(created.map((item) => item.id));
  });

  it("rejects a forged cursor with InvalidCursorError", async () => {
    await expect(
      storage.userPools.listUserPools({ limit: 2, cursor: "not-a-cursor" }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it("replaces settings and bumps the modification date", async () => {
    const stored = pool();
    await storage.userPools.insertUserPool(stored);
    const changed = { ...stored.settings, PoolName: "renamed", MfaConfiguration: "OPTIONAL" };
    expect(
      await storage.userPools.replaceUserPoolSettings(stored.id, changed, new Date(1_900_000_000_000)),
    ).toBe(true);
    const found = await storage.userPools.findUserPool(stored.id);
    expect(found?.settings).toEqual(changed);
    expect(found?.lastModifiedAt.getTime()).toBe(1_900_000_000_000);
    expect(found?.createdAt).toEqual(stored.createdAt);
    expect(await storage.userPools.replaceUserPoolSettings("us-east-1_Missing", changed, new Date())).toBe(
      false,
    );
  });

  it("deleting a pool removes its clients and their secrets", async () => {
    const stored = pool();
    await storage.userPools.insertUserPool(stored);
    const app = client(stored.id, "app");
    await storage.userPoolClients.insertClient(app, secret(app.clientId));
    expect(await storage.userPoolClients.listClientSecrets(app.clientId)).toHaveLength(1);
    expect(await storage.userPools.deleteUserPool(stored.id)).toBe(true);
    expect(await storage.userPools.deleteUserPool(stored.id)).toBe(false);
    expect(await storage.userPoolClients.findClientById(app.clientId)).toBeUndefined();
    expect(await storage.userPoolClients.listClientSecrets(app.clientId)).toEqual([]);
  });

  it("keeps clients scoped to their pool and pages them", async () => {
    const first = pool();
    const second = pool();
    await storage.userPools.insertUserPool(first);
    await storage.userPools.insertUserPool(second);
    const apps = [0, 1, 2, 3, 4].map((index) => client(first.id, `app-${index}`, 1_700_000_000_000 + index));
    for (const app of apps) await storage.userPoolClients.insertClient(app);
    const other = client(second.id, "other");
    await storage.userPoolClients.insertClient(other);
    expect(await storage.userPoolClients.findClient(second.id, apps[0]!.clientId)).toBeUndefined();
    expect(await storage.userPoolClients.findClient(first.id, apps[0]!.clientId)).toEqual(apps[0]);
    const page1 = await storage.userPoolClients.listClients(first.id, { limit: 2 });
    const page2 = await storage.userPoolClients.listClients(first.id, { limit: 2, cursor: page1.nextCursor });
    const page3 = await storage.userPoolClients.listClients(first.id, { limit: 2, cursor: page2.nextCursor });
    expect([...page1.items, ...page2.items, ...page3.items].map((item) => item.clientId)).toEqual(
      apps.map((app) => app.clientId),
    );
    expect(page3.nextCursor).toBeUndefined();
    expect(await storage.userPoolClients.deleteClient(second.id, apps[0]!.clientId)).toBe(false);
    expect(await storage.userPoolClients.deleteClient(first.id, apps[0]!.clientId)).toBe(true);
  });

  it("a client whose pool does not exist is refused and leaves nothing behind", async () => {
    const orphan = client("us-east-1_NoSuchPool", "orphan");
    await expect(storage.userPoolClients.insertClient(orphan, secret(orphan.clientId))).rejects.toThrow();
    expect(await storage.userPoolClients.findClientById(orphan.clientId)).toBeUndefined();
    expect(await storage.userPoolClients.listClientSecrets(orphan.clientId)).toEqual([]);
  });

  it("never lets concurrent secret additions exceed the limit", async () => {
    const stored = pool();
    await storage.userPools.insertUserPool(stored);
    const app = client(stored.id, "rotating");
    await storage.userPoolClients.insertClient(app, secret(app.clientId, 1));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        storage.userPoolClients.addClientSecret(secret(app.clientId, 2 + index), 2),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "added")).toHaveLength(1);
    const secrets = await storage.userPoolClients.listClientSecrets(app.clientId);
    expect(secrets).toHaveLength(2);
    expect(secrets[0]?.createdAt.getTime()).toBe(1);
    expect(await storage.userPoolClients.deleteClientSecret(app.clientId, secrets[1]!.secretId)).toBe(true);
    expect(await storage.userPoolClients.deleteClientSecret(app.clientId, secrets[1]!.secretId)).toBe(false);
  });

  it("rolls a failed transaction back completely", async () => {
    const stored = pool();
    await expect(
      storage.transaction(async (repositories) => {
        await repositories.userPools.insertUserPool(stored);
        await repositories.userPoolClients.insertClient(client(stored.id, "inside"));
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await storage.userPools.findUserPool(stored.id)).toBeUndefined();
  });

  it("commits a transaction's writes together, and nested repository writes join it", async () => {
    const stored = pool();
    const app = client(stored.id, "together");
    await storage.transaction(async (repositories) => {
      await repositories.userPools.insertUserPool(stored);
      await repositories.userPoolClients.insertClient(app, secret(app.clientId));
      expect(await repositories.userPoolClients.addClientSecret(secret(app.clientId), 2)).toBe("added");
    });
    expect(await storage.userPoolClients.listClientSecrets(app.clientId)).toHaveLength(2);
  });

  it("keeps its data across close and reopen", async () => {
    const stored = pool();
    await storage.userPools.insertUserPool(stored);
    await storage.close();
    storage = await adapter.open();
    expect(await storage.userPools.findUserPool(stored.id)).toEqual(stored);
    await storage.ping();
  });
});

describe("SQLite settings", () => {
  it("uses WAL and enforces foreign keys", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-sqlite-"));
    const storage = await openSqliteStorage({ filename: join(dir, "cognate.db"), synchronous: "FULL" });
    await storage.close();
    const raw = new BetterSqlite3(join(dir, "cognate.db"));
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.runIf(backends.includes("postgres"))("PostgreSQL migrations", () => {
  it("lets several nodes migrate the same empty database at once", async () => {
    const database = await createTestDatabase();
    try {
      const nodes = await Promise.all(
        [1, 2, 3, 4].map(() => openPostgresStorage({ connectionString: database.url, maxConnections: 2 })),
      );
      for (const node of nodes) await node.ping();
      await nodes[0]!.userPools.insertUserPool(pool());
      expect(await nodes[3]!.userPools.countUserPools()).toBe(1);
      await Promise.all(nodes.map((node) => node.close()));
    } finally {
      await database.drop();
    }
  });
});
