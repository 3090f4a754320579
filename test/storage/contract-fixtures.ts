import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { User } from "../../src/domain/user/user.js";
import type { Storage } from "../../src/ports/storage.js";
import type { Adapter } from "./adapters.js";

/** A CONFIRMED user without a password, created at `createdAt` (ms). */
export function contractUser(userPoolId: string, username: string, createdAt = 1_700_000_000_000): User {
  return {
    userPoolId,
    sub: randomUUID(),
    username,
    status: "CONFIRMED",
    enabled: true,
    attributes: {},
    password: null,
    passwordHistory: [],
    temporaryPasswordExpiresAt: null,
    tokensRevokedAt: null,
    createdAt: new Date(createdAt),
    lastModifiedAt: new Date(createdAt),
  };
}

export interface ContractSuite {
  /** The open storage (valid inside tests and later beforeAll hooks). */
  storage(): Storage;
  insertUser(user: User): Promise<User>;
}

/** Opens the adapter with one pool before the suite and closes it after. */
export function contractSuite(factory: () => Adapter, pool: { id: string; name: string }): ContractSuite {
  let adapter: Adapter | undefined;
  let storage: Storage | undefined;
  beforeAll(async () => {
    adapter = factory();
    storage = await adapter.open();
    const now = new Date();
    await storage.userPools.insertUserPool({
      id: pool.id,
      settings: { PoolName: pool.name },
      createdAt: now,
      lastModifiedAt: now,
    });
  });
  afterAll(async () => {
    await storage?.close();
    await adapter?.cleanup();
  });
  const open = (): Storage => {
    if (!storage) throw new Error("the contract storage is not open yet");
    return storage;
  };
  return {
    storage: open,
    insertUser: async (user) => {
      await open().users.insertUser({ user, usernameKey: user.username, aliases: [] });
      return user;
    },
  };
}
