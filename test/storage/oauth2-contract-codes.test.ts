import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contractAdapters } from "./adapters.js";
import { code, newUser, POOL, T0, useOAuthStorage } from "./oauth2-contract-fixtures.js";

const adapters = await contractAdapters();

describe.each(adapters)("OAuth 2.0 storage on %s", (_name, factory) => {
  const ctx = useOAuthStorage(factory);

  describe("authorization codes", () => {
    it("stores every binding and reads it back by hash", async () => {
      const stored = code(ctx.user);
      await ctx.storage.authorizationCodes.insertAuthorizationCode(stored);
      expect(await ctx.storage.authorizationCodes.findAuthorizationCode(stored.codeHash)).toEqual(stored);
      expect(await ctx.storage.authorizationCodes.findAuthorizationCode(randomUUID())).toBeUndefined();
      const bare = code(ctx.user, { codeChallenge: null, nonce: null, scopes: [] });
      await ctx.storage.authorizationCodes.insertAuthorizationCode(bare);
      expect(await ctx.storage.authorizationCodes.findAuthorizationCode(bare.codeHash)).toEqual(bare);
    });

    it("consumes a code once, and never after it expired", async () => {
      const stored = code(ctx.user);
      await ctx.storage.authorizationCodes.insertAuthorizationCode(stored);
      const at = new Date(T0 + 1000);
      expect(await ctx.storage.authorizationCodes.consumeAuthorizationCode(stored.codeHash, at)).toBe(true);
      expect(await ctx.storage.authorizationCodes.consumeAuthorizationCode(stored.codeHash, at)).toBe(false);
      expect(
        (await ctx.storage.authorizationCodes.findAuthorizationCode(stored.codeHash))?.consumedAt,
      ).toEqual(at);

      const late = code(ctx.user);
      await ctx.storage.authorizationCodes.insertAuthorizationCode(late);
      expect(
        await ctx.storage.authorizationCodes.consumeAuthorizationCode(late.codeHash, late.expiresAt),
      ).toBe(false);
      expect(await ctx.storage.authorizationCodes.consumeAuthorizationCode(randomUUID(), at)).toBe(false);
    });

    it("lets exactly one of 100 concurrent redemptions consume a code", async () => {
      const stored = code(ctx.user);
      await ctx.storage.authorizationCodes.insertAuthorizationCode(stored);
      const outcomes = await Promise.all(
        Array.from({ length: 100 }, () =>
          ctx.storage.authorizationCodes.consumeAuthorizationCode(stored.codeHash, new Date(T0 + 10)),
        ),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });

    it("records replays of consumed codes only, and reports the family to revoke", async () => {
      const stored = code(ctx.user);
      await ctx.storage.authorizationCodes.insertAuthorizationCode(stored);
      const at = new Date(T0 + 5);
      expect(
        await ctx.storage.authorizationCodes.recordAuthorizationCodeReplay(stored.codeHash, at),
      ).toBeUndefined();
      expect(await ctx.storage.authorizationCodes.wasAuthorizationCodeReplayed(stored.codeHash)).toBe(false);
      await ctx.storage.authorizationCodes.consumeAuthorizationCode(stored.codeHash, at);
      expect(await ctx.storage.authorizationCodes.wasAuthorizationCodeReplayed(stored.codeHash)).toBe(false);
      const first = new Date(T0 + 7);
      expect(await ctx.storage.authorizationCodes.recordAuthorizationCodeReplay(stored.codeHash, first)).toBe(
        stored.familyId,
      );
      expect(
        await ctx.storage.authorizationCodes.recordAuthorizationCodeReplay(stored.codeHash, new Date(T0 + 9)),
      ).toBe(stored.familyId);
      expect(await ctx.storage.authorizationCodes.wasAuthorizationCodeReplayed(stored.codeHash)).toBe(true);
      // The first replay's time is kept.
      expect(
        (await ctx.storage.authorizationCodes.findAuthorizationCode(stored.codeHash))?.replayedAt,
      ).toEqual(first);
      expect(
        await ctx.storage.authorizationCodes.recordAuthorizationCodeReplay(randomUUID(), at),
      ).toBeUndefined();
    });

    it("deletes expired codes, and a user's codes with the user", async () => {
      const old = code(ctx.user, { expiresAt: new Date(T0 - 1) });
      const fresh = code(ctx.user, { expiresAt: new Date(T0 + 3_600_000) });
      await ctx.storage.authorizationCodes.insertAuthorizationCode(old);
      await ctx.storage.authorizationCodes.insertAuthorizationCode(fresh);
      expect(
        await ctx.storage.authorizationCodes.deleteExpiredAuthorizationCodes(new Date(T0)),
      ).toBeGreaterThanOrEqual(1);
      expect(await ctx.storage.authorizationCodes.findAuthorizationCode(old.codeHash)).toBeUndefined();
      expect(await ctx.storage.authorizationCodes.findAuthorizationCode(fresh.codeHash)).toBeDefined();

      const bob = newUser("bob");
      await ctx.storage.users.insertUser({ user: bob, usernameKey: "bob", aliases: [] });
      const bobs = code(bob);
      await ctx.storage.authorizationCodes.insertAuthorizationCode(bobs);
      await ctx.storage.users.deleteUser(POOL, bob.sub);
      expect(await ctx.storage.authorizationCodes.findAuthorizationCode(bobs.codeHash)).toBeUndefined();
    });
  });
});
