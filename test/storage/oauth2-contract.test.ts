import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredAuthorizationCode } from "../../src/domain/oauth2/authorization-code.js";
import type { ResourceServer } from "../../src/domain/oauth2/resource-server.js";
import type { UserPoolDomain } from "../../src/domain/oauth2/user-pool-domain.js";
import type { User } from "../../src/domain/user/user.js";
import { DuplicateKeyError, type Storage } from "../../src/ports/storage.js";
import { type Adapter, contractAdapters } from "./adapters.js";

const adapters = await contractAdapters();
const POOL = "us-east-1_OAuthCtr01";
const OTHER_POOL = "us-east-1_OAuthCtr02";
const T0 = 1_700_000_000_000;

function newUser(username: string): User {
  return {
    userPoolId: POOL,
    sub: randomUUID(),
    username,
    status: "CONFIRMED",
    enabled: true,
    attributes: {},
    password: null,
    passwordHistory: [],
    temporaryPasswordExpiresAt: null,
    tokensRevokedAt: null,
    createdAt: new Date(T0),
    lastModifiedAt: new Date(T0),
  };
}

function code(user: User, overrides: Partial<StoredAuthorizationCode> = {}): StoredAuthorizationCode {
  return {
    codeHash: randomUUID(),
    userPoolId: POOL,
    clientId: "client0000000000000000000a",
    sub: user.sub,
    redirectUri: "https://app.example.com/callback?x=1",
    scopes: ["email", "openid", "rs/read"],
    codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    nonce: "n-0S6_WzA2Mj",
    authTime: new Date(T0),
    familyId: randomUUID(),
    createdAt: new Date(T0),
    expiresAt: new Date(T0 + 300_000),
    consumedAt: null,
    replayedAt: null,
    ...overrides,
  };
}

function server(identifier: string, pool = POOL): ResourceServer {
  return {
    userPoolId: pool,
    identifier,
    name: `server ${identifier}`,
    scopes: [
      { ScopeName: "read", ScopeDescription: "Read things" },
      { ScopeName: "write", ScopeDescription: "Write things" },
    ],
    createdAt: new Date(T0),
    lastModifiedAt: new Date(T0),
  };
}

function domain(name: string, kind: UserPoolDomain["kind"], pool = POOL): UserPoolDomain {
  return {
    domain: name,
    userPoolId: pool,
    kind,
    managedLoginVersion: 1,
    customDomainConfig:
      kind === "custom" ? { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" } : null,
    createdAt: new Date(T0),
    lastModifiedAt: new Date(T0),
  };
}

describe.each(adapters)("OAuth 2.0 storage on %s", (_name, factory) => {
  let adapter: Adapter;
  let storage: Storage;
  let user: User;

  beforeAll(async () => {
    adapter = factory();
    storage = await adapter.open();
    for (const id of [POOL, OTHER_POOL]) {
      await storage.userPools.insertUserPool({
        id,
        settings: { PoolName: id },
        createdAt: new Date(T0),
        lastModifiedAt: new Date(T0),
      });
    }
    user = newUser("alice");
    await storage.users.insertUser({ user, usernameKey: "alice", aliases: [] });
  });
  afterAll(async () => {
    await storage.close();
    await adapter.cleanup();
  });

  describe("authorization codes", () => {
    it("stores every binding and reads it back by hash", async () => {
      const stored = code(user);
      await storage.authorizationCodes.insertAuthorizationCode(stored);
      expect(await storage.authorizationCodes.findAuthorizationCode(stored.codeHash)).toEqual(stored);
      expect(await storage.authorizationCodes.findAuthorizationCode(randomUUID())).toBeUndefined();
      const bare = code(user, { codeChallenge: null, nonce: null, scopes: [] });
      await storage.authorizationCodes.insertAuthorizationCode(bare);
      expect(await storage.authorizationCodes.findAuthorizationCode(bare.codeHash)).toEqual(bare);
    });

    it("consumes a code once, and never after it expired", async () => {
      const stored = code(user);
      await storage.authorizationCodes.insertAuthorizationCode(stored);
      const at = new Date(T0 + 1000);
      expect(await storage.authorizationCodes.consumeAuthorizationCode(stored.codeHash, at)).toBe(true);
      expect(await storage.authorizationCodes.consumeAuthorizationCode(stored.codeHash, at)).toBe(false);
      expect((await storage.authorizationCodes.findAuthorizationCode(stored.codeHash))?.consumedAt).toEqual(
        at,
      );

      const late = code(user);
      await storage.authorizationCodes.insertAuthorizationCode(late);
      expect(await storage.authorizationCodes.consumeAuthorizationCode(late.codeHash, late.expiresAt)).toBe(
        false,
      );
      expect(await storage.authorizationCodes.consumeAuthorizationCode(randomUUID(), at)).toBe(false);
    });

    it("lets exactly one of 100 concurrent redemptions consume a code", async () => {
      const stored = code(user);
      await storage.authorizationCodes.insertAuthorizationCode(stored);
      const outcomes = await Promise.all(
        Array.from({ length: 100 }, () =>
          storage.authorizationCodes.consumeAuthorizationCode(stored.codeHash, new Date(T0 + 10)),
        ),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });

    it("records replays of consumed codes only, and reports the family to revoke", async () => {
      const stored = code(user);
      await storage.authorizationCodes.insertAuthorizationCode(stored);
      const at = new Date(T0 + 5);
      expect(
        await storage.authorizationCodes.recordAuthorizationCodeReplay(stored.codeHash, at),
      ).toBeUndefined();
      expect(await storage.authorizationCodes.wasAuthorizationCodeReplayed(stored.codeHash)).toBe(false);
      await storage.authorizationCodes.consumeAuthorizationCode(stored.codeHash, at);
      expect(await storage.authorizationCodes.wasAuthorizationCodeReplayed(stored.codeHash)).toBe(false);
      const first = new Date(T0 + 7);
      expect(await storage.authorizationCodes.recordAuthorizationCodeReplay(stored.codeHash, first)).toBe(
        stored.familyId,
      );
      expect(
        await storage.authorizationCodes.recordAuthorizationCodeReplay(stored.codeHash, new Date(T0 + 9)),
      ).toBe(stored.familyId);
      expect(await storage.authorizationCodes.wasAuthorizationCodeReplayed(stored.codeHash)).toBe(true);
      // The first replay's time is kept.
      expect((await storage.authorizationCodes.findAuthorizationCode(stored.codeHash))?.replayedAt).toEqual(
        first,
      );
      expect(
        await storage.authorizationCodes.recordAuthorizationCodeReplay(randomUUID(), at),
      ).toBeUndefined();
    });

    it("deletes expired codes, and a user's codes with the user", async () => {
      const old = code(user, { expiresAt: new Date(T0 - 1) });
      const fresh = code(user, { expiresAt: new Date(T0 + 3_600_000) });
      await storage.authorizationCodes.insertAuthorizationCode(old);
      await storage.authorizationCodes.insertAuthorizationCode(fresh);
      expect(
        await storage.authorizationCodes.deleteExpiredAuthorizationCodes(new Date(T0)),
      ).toBeGreaterThanOrEqual(1);
      expect(await storage.authorizationCodes.findAuthorizationCode(old.codeHash)).toBeUndefined();
      expect(await storage.authorizationCodes.findAuthorizationCode(fresh.codeHash)).toBeDefined();

      const bob = newUser("bob");
      await storage.users.insertUser({ user: bob, usernameKey: "bob", aliases: [] });
      const bobs = code(bob);
      await storage.authorizationCodes.insertAuthorizationCode(bobs);
      await storage.users.deleteUser(POOL, bob.sub);
      expect(await storage.authorizationCodes.findAuthorizationCode(bobs.codeHash)).toBeUndefined();
    });
  });

  describe("resource servers", () => {
    it("creates, reads, replaces and deletes a server; identifiers are unique per pool", async () => {
      const created = server("https://api.example.com");
      expect(await storage.resourceServers.insertResourceServer(created, 25)).toBe("created");
      expect(await storage.resourceServers.findResourceServer(POOL, created.identifier)).toEqual(created);
      await expect(storage.resourceServers.insertResourceServer(created, 25)).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      // The same identifier in another pool is another server.
      expect(
        await storage.resourceServers.insertResourceServer(server(created.identifier, OTHER_POOL), 25),
      ).toBe("created");
      const changed = {
        ...created,
        name: "renamed",
        scopes: [{ ScopeName: "admin", ScopeDescription: "Everything" }],
        lastModifiedAt: new Date(T0 + 1),
      };
      expect(await storage.resourceServers.saveResourceServer(changed)).toBe(true);
      expect(await storage.resourceServers.findResourceServer(POOL, created.identifier)).toEqual(changed);
      expect(await storage.resourceServers.saveResourceServer(server("nope"))).toBe(false);
      expect(await storage.resourceServers.deleteResourceServer(POOL, created.identifier)).toBe(true);
      expect(await storage.resourceServers.deleteResourceServer(POOL, created.identifier)).toBe(false);
      expect(await storage.resourceServers.findResourceServer(POOL, created.identifier)).toBeUndefined();
      expect(await storage.resourceServers.findResourceServer(OTHER_POOL, created.identifier)).toBeDefined();
    });

    it("pages servers in identifier order", async () => {
      const pool = "us-east-1_OAuthCtr03";
      await storage.userPools.insertUserPool({
        id: pool,
        settings: { PoolName: pool },
        createdAt: new Date(T0),
        lastModifiedAt: new Date(T0),
      });
      for (const id of ["c", "a", "e", "b", "d"])
        await storage.resourceServers.insertResourceServer(server(id, pool), 25);
      const first = await storage.resourceServers.listResourceServers(pool, { limit: 2 });
      expect(first.items.map((item) => item.identifier)).toEqual(["a", "b"]);
      const second = await storage.resourceServers.listResourceServers(pool, {
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(second.items.map((item) => item.identifier)).toEqual(["c", "d"]);
      const third = await storage.resourceServers.listResourceServers(pool, {
        limit: 2,
        cursor: second.nextCursor,
      });
      expect(third.items.map((item) => item.identifier)).toEqual(["e"]);
      expect(third.nextCursor).toBeUndefined();
      await storage.userPools.deleteUserPool(pool);
      expect(await storage.resourceServers.findResourceServer(pool, "a")).toBeUndefined();
    });

    it("never lets concurrent creates exceed the per-pool limit", async () => {
      const pool = "us-east-1_OAuthCtr04";
      await storage.userPools.insertUserPool({
        id: pool,
        settings: { PoolName: pool },
        createdAt: new Date(T0),
        lastModifiedAt: new Date(T0),
      });
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          storage.resourceServers.insertResourceServer(server(`rs${index}`, pool), 5),
        ),
      );
      expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(5);
      expect((await storage.resourceServers.listResourceServers(pool, { limit: 50 })).items).toHaveLength(5);
    });
  });

  describe("user pool domains", () => {
    it("keeps domains unique across pools and one of each kind per pool", async () => {
      const prefix = domain("my-app", "prefix");
      await storage.userPoolDomains.insertUserPoolDomain(prefix);
      expect(await storage.userPoolDomains.findUserPoolDomain("my-app")).toEqual(prefix);
      expect(await storage.userPoolDomains.findUserPoolDomainOfPool(POOL, "prefix")).toEqual(prefix);
      expect(await storage.userPoolDomains.findUserPoolDomainOfPool(POOL, "custom")).toBeUndefined();
      await expect(
        storage.userPoolDomains.insertUserPoolDomain(domain("my-app", "prefix", OTHER_POOL)),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(
        storage.userPoolDomains.insertUserPoolDomain(domain("second", "prefix")),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      const custom = domain("auth.example.com", "custom");
      await storage.userPoolDomains.insertUserPoolDomain(custom);
      expect(await storage.userPoolDomains.findUserPoolDomain("auth.example.com")).toEqual(custom);
      expect(await storage.userPoolDomains.findUserPoolDomain("unknown")).toBeUndefined();
    });

    it("lets exactly one of several pools claim a domain at once", async () => {
      const pools = ["us-east-1_OAuthCtr05", "us-east-1_OAuthCtr06", "us-east-1_OAuthCtr07"];
      for (const id of pools) {
        await storage.userPools.insertUserPool({
          id,
          settings: { PoolName: id },
          createdAt: new Date(T0),
          lastModifiedAt: new Date(T0),
        });
      }
      const outcomes = await Promise.allSettled(
        pools.map((pool) =>
          storage.userPoolDomains.insertUserPoolDomain(domain("contested", "prefix", pool)),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(DuplicateKeyError);
      }
    });

    it("updates and deletes a pool's own domain only, and drops domains with their pool", async () => {
      const custom = await storage.userPoolDomains.findUserPoolDomain("auth.example.com");
      if (!custom) throw new Error("expected the custom domain");
      const updated = {
        ...custom,
        managedLoginVersion: 2,
        customDomainConfig: { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/y" },
        lastModifiedAt: new Date(T0 + 5),
      };
      expect(await storage.userPoolDomains.saveUserPoolDomain(updated)).toBe(true);
      expect(await storage.userPoolDomains.findUserPoolDomain("auth.example.com")).toEqual(updated);
      expect(await storage.userPoolDomains.saveUserPoolDomain({ ...updated, userPoolId: OTHER_POOL })).toBe(
        false,
      );
      expect(await storage.userPoolDomains.deleteUserPoolDomain(OTHER_POOL, "auth.example.com")).toBe(false);
      expect(await storage.userPoolDomains.deleteUserPoolDomain(POOL, "auth.example.com")).toBe(true);
      expect(await storage.userPoolDomains.findUserPoolDomain("auth.example.com")).toBeUndefined();

      const pool = "us-east-1_OAuthCtr08";
      await storage.userPools.insertUserPool({
        id: pool,
        settings: { PoolName: pool },
        createdAt: new Date(T0),
        lastModifiedAt: new Date(T0),
      });
      await storage.userPoolDomains.insertUserPoolDomain(domain("short-lived", "prefix", pool));
      await storage.userPools.deleteUserPool(pool);
      expect(await storage.userPoolDomains.findUserPoolDomain("short-lived")).toBeUndefined();
    });
  });
});
