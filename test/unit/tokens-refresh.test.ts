import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RefreshTokensInput } from "../../src/app/tokens/refresh-tokens.js";
import { createTokens, type Tokens } from "../../src/app/tokens/tokens.js";
import { refreshFailureError } from "../../src/domain/tokens/token-errors.js";
import type { User } from "../../src/domain/user/user.js";
import type { UserPoolClient } from "../../src/domain/user-pool-client/user-pool-client.js";
import type { Storage } from "../../src/ports/storage.js";
import { claimsOf, type TokenFixture, tokenFixture } from "./tokens-fixture.js";

const NO_ROTATION = { enabled: false, graceSeconds: 0 };
const WRITES =
  /^(transaction|.*\.(insert|save|rotate|revoke|retire|delete|add|remove|record|clear|replace).*)$/;

/** The same storage, recording every repository call as "repository.method". */
function recordingStorage(storage: Storage, calls: string[]): Storage {
  const wrap = (name: string, repository: object) =>
    new Proxy(repository, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(property)}`);
          return value.apply(target, args);
        };
      },
    });
  return new Proxy(storage, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property === "transaction") {
        return (work: Parameters<Storage["transaction"]>[0]) => {
          calls.push("transaction");
          return target.transaction(work);
        };
      }
      if (typeof value === "object" && value !== null) return wrap(String(property), value);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("refreshing tokens", () => {
  let f: TokenFixture;
  let client: UserPoolClient;
  let user: User;
  beforeEach(async () => {
    f = await tokenFixture();
    client = await f.addClient();
    user = await f.addUser({ email: "r@example.com", email_verified: "true" });
  });
  afterEach(async () => {
    await f.close();
  });

  async function signIn(tokens: Tokens = f.tokens) {
    const result = await tokens.issueTokens({
      user,
      pool: f.pool,
      client,
      groups: [],
      scopes: ["aws.cognito.signin.user.admin"],
      authTime: new Date(f.clock.now().getTime() - 60_000),
      withRefreshToken: true,
    });
    return { ...result, RefreshToken: result.RefreshToken ?? "" };
  }
  const refresh = (refreshToken: string, extra: Partial<RefreshTokensInput> = {}) =>
    f.tokens.refreshTokens({ refreshToken, client, rotate: NO_ROTATION, ...extra });

  it("mints new tokens of the same family without writing anything", async () => {
    const first = await signIn();
    const calls: string[] = [];
    const spied = createTokens({ ...f.deps, storage: recordingStorage(f.storage, calls) });
    await spied.jwks(f.pool.id); // load the keys, so only the refresh path is recorded
    calls.length = 0;
    f.clock.advance(2_000); // within the key cache TTL: signing needs no read
    await f.addGroup(user, "late", 1, null);

    const outcome = await spied.refreshTokens({
      refreshToken: first.RefreshToken,
      client,
      rotate: NO_ROTATION,
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(calls.filter((call) => WRITES.test(call))).toEqual([]);
    // One read: the token with its family, its user and the user's groups (the late group included).
    expect(calls).toEqual(["refreshTokens.findRefreshTokenWithHolder"]);
    expect(outcome.result.RefreshToken).toBeUndefined();
    expect(outcome.result).toMatchObject({ ExpiresIn: 3600, TokenType: "Bearer" });

    const before = claimsOf(first.AccessToken);
    const access = claimsOf(outcome.result.AccessToken);
    const id = claimsOf(outcome.result.IdToken);
    expect(access.origin_jti).toBe(before.origin_jti);
    expect(id.origin_jti).toBe(before.origin_jti);
    expect(access.auth_time).toBe(before.auth_time);
    expect(id.auth_time).toBe(before.auth_time);
    expect(access.jti).not.toBe(before.jti);
    expect(access.iat).toBe((before.iat as number) + 2);
    expect(access["cognito:groups"]).toEqual(["late"]);
    expect(id.email).toBe("r@example.com");
    await expect(spied.verifyAccessToken(outcome.result.AccessToken)).resolves.toMatchObject({
      sub: user.sub,
    });
  });

  it("rotates when the client asks: a new refresh token, the old one good only within the grace period", async () => {
    const first = await signIn();
    const rotate = { enabled: true, graceSeconds: 10 };
    const second = await refresh(first.RefreshToken, { rotate });
    if (!second.ok) throw new Error(second.reason);
    const secondToken = second.result.RefreshToken ?? "";
    expect(secondToken).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(secondToken).not.toBe(first.RefreshToken);
    expect(claimsOf(second.result.AccessToken).origin_jti).toBe(claimsOf(first.AccessToken).origin_jti);

    f.clock.advance(5_000);
    const retry = await refresh(first.RefreshToken, { rotate });
    expect(retry.ok).toBe(true);

    f.clock.advance(6_000);
    expect(await refresh(first.RefreshToken, { rotate })).toEqual({ ok: false, reason: "reuse-detected" });
    // Reuse revokes the whole family: the newest refresh token and the access tokens die with it.
    expect(await refresh(secondToken, { rotate })).toEqual({ ok: false, reason: "revoked" });
    await expect(f.tokens.verifyAccessToken(second.result.AccessToken)).rejects.toMatchObject({
      code: "NotAuthorizedException",
      message: "Access Token has been revoked",
    });
    expect(refreshFailureError("reuse-detected").code).toBe("RefreshTokenReuseException");
  });

  it("keeps the original expiry across rotations, and refuses an expired token", async () => {
    const first = await signIn();
    const rotated = await refresh(first.RefreshToken, { rotate: { enabled: true, graceSeconds: 0 } });
    if (!rotated.ok) throw new Error(rotated.reason);
    f.clock.advance(30 * 86_400_000);
    expect(await refresh(rotated.result.RefreshToken ?? "")).toEqual({ ok: false, reason: "expired" });
    expect(refreshFailureError("expired").message).toBe("Refresh Token has expired");
  });

  it("treats reuse with no grace period as reuse at once", async () => {
    const first = await signIn();
    const rotate = { enabled: true, graceSeconds: 0 };
    expect((await refresh(first.RefreshToken, { rotate })).ok).toBe(true);
    expect(await refresh(first.RefreshToken, { rotate })).toEqual({ ok: false, reason: "reuse-detected" });
  });

  it("refuses unknown, foreign and other clients' refresh tokens as invalid", async () => {
    const first = await signIn();
    const otherClient = await f.addClient();
    expect(await refresh("not-a-token")).toEqual({ ok: false, reason: "invalid" });
    expect(await refresh("A".repeat(64))).toEqual({ ok: false, reason: "invalid" });
    expect(await refresh(first.RefreshToken, { client: otherClient })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const error = refreshFailureError("invalid");
    expect([error.code, error.message]).toEqual(["NotAuthorizedException", "Invalid Refresh Token"]);
  });

  it("refuses a revoked family, revoked user tokens and a disabled user", async () => {
    const first = await signIn();
    await f.storage.refreshTokens.revokeFamily(String(claimsOf(first.AccessToken).origin_jti), f.clock.now());
    expect(await refresh(first.RefreshToken)).toEqual({ ok: false, reason: "revoked" });
    expect(refreshFailureError("revoked").message).toBe("Refresh Token has been revoked");

    const second = await signIn();
    f.clock.advance(1_000);
    const signedOut = { ...user, tokensRevokedAt: f.clock.now() };
    await f.storage.users.saveUser(signedOut, []);
    expect(await refresh(second.RefreshToken)).toEqual({ ok: false, reason: "revoked" });

    f.clock.advance(1_000);
    const third = await signIn();
    expect((await refresh(third.RefreshToken)).ok).toBe(true);
    await f.storage.users.saveUser({ ...signedOut, enabled: false }, []);
    expect(await refresh(third.RefreshToken)).toEqual({ ok: false, reason: "user-disabled" });
    expect(refreshFailureError("user-disabled").message).toBe("User is disabled.");
  });
});
