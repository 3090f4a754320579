import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../src/domain/user/user.js";
import { DuplicateKeyError, type Storage } from "../../src/ports/storage.js";
import { type Adapter, contractAdapters } from "./adapters.js";

const adapters = await contractAdapters();

function user(userPoolId: string, username: string, overrides: Partial<User> = {}): User {
  const at = new Date(1_700_000_000_000);
  return {
    userPoolId,
    sub: randomUUID(),
    username,
    status: "CONFIRMED",
    enabled: true,
    attributes: { email: `${username.toLowerCase()}@example.com`, email_verified: "true" },
    password: {
      hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
      srpSaltHex: "ab12",
      srpVerifierSealed: "v1.sealed",
      changedAt: at,
    },
    passwordHistory: [],
    temporaryPasswordExpiresAt: null,
    tokensRevokedAt: null,
    createdAt: at,
    lastModifiedAt: at,
    ...overrides,
  };
}

describe.each(adapters)("user storage contract on %s", (_name, factory) => {
  let adapter: Adapter;
  let storage: Storage;
  const poolId = "us-east-1_UserTests1";
  const otherPoolId = "us-east-1_UserTests2";

  beforeAll(async () => {
    adapter = factory();
    storage = await adapter.open();
    for (const id of [poolId, otherPoolId]) {
      const now = new Date();
      await storage.userPools.insertUserPool({
        id,
        settings: { PoolName: id },
        createdAt: now,
        lastModifiedAt: now,
      });
    }
  });
  afterAll(async () => {
    await storage.close();
    await adapter.cleanup();
  });

  it("stores a user and finds it by username key, sub and alias", async () => {
    const alice = user(poolId, "Alice");
    await storage.users.insertUser({
      user: alice,
      usernameKey: "alice",
      aliases: [{ kind: "email", value: "alice@example.com" }],
    });
    expect(await storage.users.findUserByUsername(poolId, "alice")).toEqual(alice);
    expect(await storage.users.findUserBySub(poolId, alice.sub)).toEqual(alice);
    expect(
      await storage.users.findUserByAlias(poolId, { kind: "email", value: "alice@example.com" }),
    ).toEqual(alice);
    expect(await storage.users.findUserByUsername(otherPoolId, "alice")).toBeUndefined();
    expect(await storage.users.findUserBySub(otherPoolId, alice.sub)).toBeUndefined();
  });

  it("lets exactly one of 50 concurrent inserts of one username win", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        storage.users.insertUser({ user: user(poolId, "Racer"), usernameKey: "racer", aliases: [] }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") {
        expect(outcome.reason).toBeInstanceOf(DuplicateKeyError);
        expect((outcome.reason as DuplicateKeyError).constraint).toBe("users_username_uq");
      }
    }
  });

  it("rejects a taken alias and writes nothing of the user", async () => {
    const first = user(poolId, "Owner");
    await storage.users.insertUser({
      user: first,
      usernameKey: "owner",
      aliases: [{ kind: "email", value: "shared@example.com" }],
    });
    const second = user(poolId, "Taker");
    await expect(
      storage.users.insertUser({
        user: second,
        usernameKey: "taker",
        aliases: [{ kind: "email", value: "shared@example.com" }],
      }),
    ).rejects.toMatchObject({ constraint: "user_aliases_uq" });
    expect(await storage.users.findUserBySub(poolId, second.sub)).toBeUndefined();
  });

  it("saves every mutable field and swaps aliases atomically", async () => {
    const bob = user(poolId, "bob");
    await storage.users.insertUser({
      user: bob,
      usernameKey: "bob",
      aliases: [{ kind: "email", value: "bob@example.com" }],
    });
    const changed: User = {
      ...bob,
      status: "RESET_REQUIRED",
      enabled: false,
      attributes: { email: "robert@example.com", email_verified: "false", "custom:tier": "gold" },
      password: null,
      passwordHistory: ["$argon2id$old"],
      temporaryPasswordExpiresAt: new Date(1_800_000_000_000),
      tokensRevokedAt: new Date(1_750_000_000_000),
      lastModifiedAt: new Date(1_760_000_000_000),
    };
    expect(await storage.users.saveUser(changed, [{ kind: "email", value: "robert@example.com" }])).toBe(
      true,
    );
    expect(await storage.users.findUserBySub(poolId, bob.sub)).toEqual(changed);
    expect(
      await storage.users.findUserByAlias(poolId, { kind: "email", value: "bob@example.com" }),
    ).toBeUndefined();
    expect(
      (await storage.users.findUserByAlias(poolId, { kind: "email", value: "robert@example.com" }))?.sub,
    ).toBe(bob.sub);
  });

  it("keeps attribute values pending verification apart, and clears them", async () => {
    const pat = user(poolId, "pat");
    await storage.users.insertUser({ user: pat, usernameKey: "pat", aliases: [] });
    const pending = { ...pat, pendingAttributes: { email: "new.pat@example.com" } };
    await storage.users.saveUser(pending, []);
    const found = await storage.users.findUserBySub(poolId, pat.sub);
    expect(found?.pendingAttributes).toEqual({ email: "new.pat@example.com" });
    expect(found?.attributes.email).toBe("pat@example.com");
    await storage.users.saveUser({ ...pending, pendingAttributes: {} }, []);
    expect((await storage.users.findUserBySub(poolId, pat.sub))?.pendingAttributes).toBeUndefined();
  });

  it("keeps the old aliases when the new ones collide", async () => {
    const carol = user(poolId, "carol");
    const dave = user(poolId, "dave");
    await storage.users.insertUser({
      user: carol,
      usernameKey: "carol",
      aliases: [{ kind: "email", value: "carol@example.com" }],
    });
    await storage.users.insertUser({
      user: dave,
      usernameKey: "dave",
      aliases: [{ kind: "email", value: "dave@example.com" }],
    });
    await expect(
      storage.users.saveUser({ ...dave, attributes: { email: "carol@example.com" } }, [
        { kind: "email", value: "carol@example.com" },
      ]),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(
      (await storage.users.findUserByAlias(poolId, { kind: "email", value: "dave@example.com" }))?.sub,
    ).toBe(dave.sub);
    expect((await storage.users.findUserBySub(poolId, dave.sub))?.attributes.email).toBe("dave@example.com");
  });

  it("filters with = and ^= and pages in creation order", async () => {
    const listPool = "us-east-1_ListTests1";
    const now = new Date();
    await storage.userPools.insertUserPool({
      id: listPool,
      settings: { PoolName: "list" },
      createdAt: now,
      lastModifiedAt: now,
    });
    const names = ["ann", "anna", "annabel", "bert", "Anne"];
    const created = names.map((name, index) =>
      user(listPool, name, {
        createdAt: new Date(1_700_000_000_000 + index),
        attributes: { email: `${name}@example.com`, given_name: name },
      }),
    );
    for (const item of created)
      await storage.users.insertUser({ user: item, usernameKey: item.username.toLowerCase(), aliases: [] });
    await storage.users.saveUser({ ...created[3]!, enabled: false, status: "UNCONFIRMED" }, []);

    const list = async (filter?: Parameters<Storage["users"]["listUsers"]>[1]["filter"]) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await storage.users.listUsers(listPool, { filter, page: { limit: 2, cursor } });
        seen.push(...page.items.map((item) => item.username));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await list()).toEqual(names);
    expect(await list({ attribute: "given_name", operator: "^=", value: "ann" })).toEqual([
      "ann",
      "anna",
      "annabel",
    ]);
    expect(await list({ attribute: "email", operator: "=", value: "anna@example.com" })).toEqual(["anna"]);
    expect(await list({ attribute: "username", operator: "^=", value: "ann" })).toEqual([
      "ann",
      "anna",
      "annabel",
      "Anne",
    ]);
    expect(await list({ attribute: "status", operator: "=", value: "Disabled" })).toEqual(["bert"]);
    expect(await list({ attribute: "cognito:user_status", operator: "=", value: "UNCONFIRMED" })).toEqual([
      "bert",
    ]);
    expect(await list({ attribute: "sub", operator: "=", value: created[1]!.sub })).toEqual(["anna"]);
    expect(await storage.users.countUsers(listPool)).toBe(5);
  });

  it("counts concurrent failed sign-ins without losing any, and restarts the streak after a quiet period", async () => {
    const eve = user(poolId, "eve");
    await storage.users.insertUser({ user: eve, usernameKey: "eve", aliases: [] });
    const at = new Date(1_700_000_000_000);
    const fifteenMinutes = 15 * 60 * 1000;
    const counts = await Promise.all(
      Array.from({ length: 50 }, () => storage.users.recordFailedSignIn(poolId, eve.sub, at, fifteenMinutes)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(await storage.users.readFailedSignIns(poolId, eve.sub, at, fifteenMinutes)).toEqual({
      failures: 50,
      lastFailureAt: at,
    });
    const later = new Date(at.getTime() + fifteenMinutes + 1);
    expect((await storage.users.readFailedSignIns(poolId, eve.sub, later, fifteenMinutes)).failures).toBe(0);
    expect(await storage.users.recordFailedSignIn(poolId, eve.sub, later, fifteenMinutes)).toBe(1);
    await storage.users.clearFailedSignIns(poolId, eve.sub);
    expect((await storage.users.readFailedSignIns(poolId, eve.sub, later, fifteenMinutes)).failures).toBe(0);
  });

  it("deletes a user with its aliases, and deleting the pool deletes its users", async () => {
    const frank = user(otherPoolId, "frank");
    await storage.users.insertUser({
      user: frank,
      usernameKey: "frank",
      aliases: [{ kind: "email", value: "frank@example.com" }],
    });
    expect(await storage.users.deleteUser(otherPoolId, frank.sub)).toBe(true);
    expect(await storage.users.deleteUser(otherPoolId, frank.sub)).toBe(false);
    expect(
      await storage.users.findUserByAlias(otherPoolId, { kind: "email", value: "frank@example.com" }),
    ).toBeUndefined();
    const gina = user(otherPoolId, "gina");
    await storage.users.insertUser({
      user: gina,
      usernameKey: "gina",
      aliases: [{ kind: "email", value: "gina@example.com" }],
    });
    await storage.userPools.deleteUserPool(otherPoolId);
    expect(await storage.users.findUserBySub(otherPoolId, gina.sub)).toBeUndefined();
  });
});
