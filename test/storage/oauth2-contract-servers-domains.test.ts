import { describe, expect, it } from "vitest";
import { DuplicateKeyError } from "../../src/ports/storage.js";
import { contractAdapters } from "./adapters.js";
import { domain, OTHER_POOL, POOL, server, T0, useOAuthStorage } from "./oauth2-contract-fixtures.js";

const adapters = await contractAdapters();

describe.each(adapters)("OAuth 2.0 storage on %s", (_name, factory) => {
  const ctx = useOAuthStorage(factory);

  describe("resource servers", () => {
    it("creates, reads, replaces and deletes a server; identifiers are unique per pool", async () => {
      const created = server("https://api.example.com");
      expect(await ctx.storage.resourceServers.insertResourceServer(created, 25)).toBe("created");
      expect(await ctx.storage.resourceServers.findResourceServer(POOL, created.identifier)).toEqual(created);
      await expect(ctx.storage.resourceServers.insertResourceServer(created, 25)).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      // The same identifier in another pool is another server.
      expect(
        await ctx.storage.resourceServers.insertResourceServer(server(created.identifier, OTHER_POOL), 25),
      ).toBe("created");
      const changed = {
        ...created,
        name: "renamed",
        scopes: [{ ScopeName: "admin", ScopeDescription: "Everything" }],
        lastModifiedAt: new Date(T0 + 1),
      };
      expect(await ctx.storage.resourceServers.saveResourceServer(changed)).toBe(true);
      expect(await ctx.storage.resourceServers.findResourceServer(POOL, created.identifier)).toEqual(changed);
      expect(await ctx.storage.resourceServers.saveResourceServer(server("nope"))).toBe(false);
      expect(await ctx.storage.resourceServers.deleteResourceServer(POOL, created.identifier)).toBe(true);
      expect(await ctx.storage.resourceServers.deleteResourceServer(POOL, created.identifier)).toBe(false);
      expect(await ctx.storage.resourceServers.findResourceServer(POOL, created.identifier)).toBeUndefined();
      expect(
        await ctx.storage.resourceServers.findResourceServer(OTHER_POOL, created.identifier),
      ).toBeDefined();
    });

    it("pages servers in identifier order", async () => {
      const pool = "us-east-1_OAuthCtr03";
      await ctx.storage.userPools.insertUserPool({
        id: pool,
        settings: { PoolName: pool },
        createdAt: new Date(T0),
        lastModifiedAt: new Date(T0),
      });
      for (const id of ["c", "a", "e", "b", "d"])
        await ctx.storage.resourceServers.insertResourceServer(server(id, pool), 25);
      const first = await ctx.storage.resourceServers.listResourceServers(pool, { limit: 2 });
      expect(first.items.map((item) => item.identifier)).toEqual(["a", "b"]);
      const second = await ctx.storage.resourceServers.listResourceServers(pool, {
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(second.items.map((item) => item.identifier)).toEqual(["c", "d"]);
      const third = await ctx.storage.resourceServers.listResourceServers(pool, {
        limit: 2,
        cursor: second.nextCursor,
      });
      expect(third.items.map((item) => item.identifier)).toEqual(["e"]);
      expect(third.nextCursor).toBeUndefined();
      await ctx.storage.userPools.deleteUserPool(pool);
      expect(await ctx.storage.resourceServers.findResourceServer(pool, "a")).toBeUndefined();
    });

    it("never lets concurrent creates exceed the per-pool limit", async () => {
      const pool = "us-east-1_OAuthCtr04";
      await ctx.storage.userPools.insertUserPool({
        id: pool,
        settings: { PoolName: pool },
        createdAt: new Date(T0),
        lastModifiedAt: new Date(T0),
      });
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          ctx.storage.resourceServers.insertResourceServer(server(`rs${index}`, pool), 5),
        ),
      );
      expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(5);
      expect((await ctx.storage.resourceServers.listResourceServers(pool, { limit: 50 })).items).toHaveLength(
        5,
      );
    });
  });

  describe("user pool domains", () => {
    it("keeps domains unique across pools and one of each kind per pool", async () => {
      const prefix = domain("my-app", "prefix");
      await ctx.storage.userPoolDomains.insertUserPoolDomain(prefix);
      expect(await ctx.storage.userPoolDomains.findUserPoolDomain("my-app")).toEqual(prefix);
      expect(await ctx.storage.userPoolDomains.findUserPoolDomainOfPool(POOL, "prefix")).toEqual(prefix);
      expect(await ctx.storage.userPoolDomains.findUserPoolDomainOfPool(POOL, "custom")).toBeUndefined();
      await expect(
        ctx.storage.userPoolDomains.insertUserPoolDomain(domain("my-app", "prefix", OTHER_POOL)),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(
        ctx.storage.userPoolDomains.insertUserPoolDomain(domain("second", "prefix")),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      const custom = domain("auth.example.com", "custom");
      await ctx.storage.userPoolDomains.insertUserPoolDomain(custom);
      expect(await ctx.storage.userPoolDomains.findUserPoolDomain("auth.example.com")).toEqual(custom);
      expect(await ctx.storage.userPoolDomains.findUserPoolDomain("unknown")).toBeUndefined();
    });

    it("lets exactly one of several pools claim a domain at once", async () => {
      const pools = ["us-east-1_OAuthCtr05", "us-east-1_OAuthCtr06", "us-east-1_OAuthCtr07"];
      for (const id of pools) {
        await ctx.storage.userPools.insertUserPool({
          id,
          settings: { PoolName: id },
          createdAt: new Date(T0),
          lastModifiedAt: new Date(T0),
        });
      }
      const outcomes = await Promise.allSettled(
        pools.map((pool) =>
          ctx.storage.userPoolDomains.insertUserPoolDomain(domain("contested", "prefix", pool)),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(DuplicateKeyError);
      }
    });

    it("updates and deletes a pool's own domain only, and drops domains with their pool", async () => {
      const custom = await ctx.storage.userPoolDomains.findUserPoolDomain("auth.example.com");
      if (!custom) throw new Error("expected the custom domain");
      const updated = {
        ...custom,
        managedLoginVersion: 2,
        customDomainConfig: { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/y" },
        lastModifiedAt: new Date(T0 + 5),
      };
      expect(await ctx.storage.userPoolDomains.saveUserPoolDomain(updated)).toBe(true);
      expect(await ctx.storage.userPoolDomains.findUserPoolDomain("auth.example.com")).toEqual(updated);
      expect(
        await ctx.storage.userPoolDomains.saveUserPoolDomain({ ...updated, userPoolId: OTHER_POOL }),
      ).toBe(false);
      expect(await ctx.storage.userPoolDomains.deleteUserPoolDomain(OTHER_POOL, "auth.example.com")).toBe(
        false,
      );
      expect(await ctx.storage.userPoolDomains.deleteUserPoolDomain(POOL, "auth.example.com")).toBe(true);
      expect(await ctx.storage.userPoolDomains.findUserPoolDomain("auth.example.com")).toBeUndefined();

      const pool = "us-east-1_OAuthCtr08";
      await ctx.storage.userPools.insertUserPool({
        id: pool,
        settings: { PoolName: pool },
        createdAt: new Date(T0),
        lastModifiedAt: new Date(T0),
      });
      await ctx.storage.userPoolDomains.insertUserPoolDomain(domain("short-lived", "prefix", pool));
      await ctx.storage.userPools.deleteUserPool(pool);
      expect(await ctx.storage.userPoolDomains.findUserPoolDomain("short-lived")).toBeUndefined();
    });
  });
});
