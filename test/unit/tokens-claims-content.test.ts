import { createHash } from "node:crypto";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { hashRefreshToken } from "../../src/app/tokens/opaque-tokens.js";
import { ADMIN_SCOPE, UUID, useMintedTokens } from "./tokens-claims-setup.js";
import { claimsOf } from "./tokens-fixture.js";

describe("minted tokens", () => {
  const { f, issuer, jwksUri, signIn } = useMintedTokens();

  it("carries Cognito's access-token claims, in Cognito's order", async () => {
    const { client, user, authTime, result } = await signIn();
    const access = claimsOf(result.AccessToken);
    expect(Object.keys(access)).toEqual([
      "sub",
      "iss",
      "client_id",
      "origin_jti",
      "event_id",
      "token_use",
      "scope",
      "auth_time",
      "exp",
      "iat",
      "jti",
      "username",
    ]);
    expect(access).toMatchObject({
      sub: user.sub,
      iss: issuer(),
      client_id: client.clientId,
      token_use: "access",
      scope: ADMIN_SCOPE,
      auth_time: Math.floor(authTime.getTime() / 1000),
      iat: Math.floor(f.clock.now().getTime() / 1000),
      username: user.username,
    });
    expect(access.exp).toBe((access.iat as number) + 3600);
    for (const claim of ["origin_jti", "event_id", "jti"]) expect(access[claim]).toMatch(UUID);
    expect(result).toMatchObject({ ExpiresIn: 3600, TokenType: "Bearer" });
    expect(result.RefreshToken).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it("carries the ID-token claims; both tokens share origin_jti and event_id but not jti", async () => {
    const { client, user, result } = await signIn();
    const id = claimsOf(result.IdToken);
    const access = claimsOf(result.AccessToken);
    expect(Object.keys(id)).toEqual([
      "sub",
      "iss",
      "cognito:username",
      "origin_jti",
      "aud",
      "event_id",
      "token_use",
      "auth_time",
      "exp",
      "iat",
      "jti",
      "email",
      "email_verified",
    ]);
    expect(id).toMatchObject({
      sub: user.sub,
      aud: client.clientId,
      token_use: "id",
      "cognito:username": user.username,
      email: "jane@example.com",
      email_verified: true,
      origin_jti: access.origin_jti,
      event_id: access.event_id,
      auth_time: access.auth_time,
    });
    expect(id.jti).not.toBe(access.jti);
  });

  it("puts only readable attributes in the ID token, typed as Cognito types them", async () => {
    const attributes = {
      email: "a@example.com",
      email_verified: "false",
      phone_number: "+15555550100",
      phone_number_verified: "true",
      name: "Jane",
      updated_at: "1700000000",
      address: "1 Main St",
      "custom:tier": "42",
      "custom:secret": "hidden",
      "dev:custom:internal": "never",
    };
    const readAttributes = [
      "email",
      "email_verified",
      "phone_number",
      "phone_number_verified",
      "updated_at",
      "address",
      "custom:tier",
    ];
    const id = claimsOf((await signIn({ attributes, readAttributes })).result.IdToken);
    expect(id).toMatchObject({
      email: "a@example.com",
      email_verified: false,
      phone_number: "+15555550100",
      phone_number_verified: true,
      updated_at: 1700000000,
      address: { formatted: "1 Main St" },
      "custom:tier": "42",
    });
    for (const hidden of ["name", "custom:secret", "dev:custom:internal"])
      expect(id).not.toHaveProperty(hidden);
    expect(claimsOf((await signIn({ attributes, readAttributes })).result.AccessToken)).not.toHaveProperty(
      "email",
    );

    // No ReadAttributes: the standard attributes, never custom ones.
    const standard = claimsOf((await signIn({ attributes })).result.IdToken);
    expect(standard).toMatchObject({ name: "Jane", email: "a@example.com", phone_number_verified: true });
    expect(standard).not.toHaveProperty("custom:tier");
  });

  it("adds groups to both tokens and roles with the preferred role to the ID token", async () => {
    const client = await f.addClient();
    const user = await f.addUser();
    await f.addGroup(user, "readers", null, null);
    await f.addGroup(user, "users", 10, "arn:aws:iam::123456789012:role/users");
    await f.addGroup(user, "admins", 1, "arn:aws:iam::123456789012:role/admins");
    const groups = await f.storage.groups.groupsOfUser(f.pool.id, user.sub);
    const result = await f.tokens.issueTokens({
      user,
      pool: f.pool,
      client,
      groups,
      scopes: [ADMIN_SCOPE],
      authTime: f.clock.now(),
      withRefreshToken: false,
    });
    const id = claimsOf(result.IdToken);
    const access = claimsOf(result.AccessToken);
    expect(id["cognito:groups"]).toEqual(["admins", "users", "readers"]);
    expect(access["cognito:groups"]).toEqual(["admins", "users", "readers"]);
    expect(id["cognito:roles"]).toEqual([
      "arn:aws:iam::123456789012:role/admins",
      "arn:aws:iam::123456789012:role/users",
    ]);
    expect(id["cognito:preferred_role"]).toBe("arn:aws:iam::123456789012:role/admins");
    expect(access).not.toHaveProperty("cognito:roles");
    expect(access).not.toHaveProperty("cognito:preferred_role");
    expect(Object.keys(access).slice(0, 3)).toEqual(["sub", "cognito:groups", "iss"]);
    expect(result.RefreshToken).toBeUndefined();
  });

  it("has no preferred role when the best-ranked groups disagree, and no group claims without groups", async () => {
    const client = await f.addClient();
    const user = await f.addUser();
    await f.addGroup(user, "tie-a", 3, "arn:aws:iam::123456789012:role/a");
    await f.addGroup(user, "tie-b", 3, "arn:aws:iam::123456789012:role/b");
    const mint = async (who: typeof user) =>
      claimsOf(
        (
          await f.tokens.issueTokens({
            user: who,
            pool: f.pool,
            client,
            groups: await f.storage.groups.groupsOfUser(f.pool.id, who.sub),
            scopes: [ADMIN_SCOPE],
            authTime: f.clock.now(),
            withRefreshToken: false,
          })
        ).IdToken,
      );
    const tied = await mint(user);
    expect(tied["cognito:roles"]).toHaveLength(2);
    expect(tied).not.toHaveProperty("cognito:preferred_role");
    const loner = await mint(await f.addUser());
    for (const claim of ["cognito:groups", "cognito:roles", "cognito:preferred_role"]) {
      expect(loner).not.toHaveProperty(claim);
    }
  });

  it("takes lifetimes from the client's validity settings and units", async () => {
    const client = await f.addClient({
      AccessTokenValidity: 30,
      IdTokenValidity: 2,
      RefreshTokenValidity: 90,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "hours", RefreshToken: "minutes" },
    });
    const user = await f.addUser();
    const result = await f.tokens.issueTokens({
      user,
      pool: f.pool,
      client,
      groups: [],
      scopes: [ADMIN_SCOPE],
      authTime: f.clock.now(),
      withRefreshToken: true,
    });
    const access = claimsOf(result.AccessToken);
    const id = claimsOf(result.IdToken);
    expect((access.exp as number) - (access.iat as number)).toBe(1800);
    expect((id.exp as number) - (id.iat as number)).toBe(7200);
    expect(result.ExpiresIn).toBe(1800);
    const stored = await f.storage.refreshTokens.findRefreshToken(
      hashRefreshToken(result.RefreshToken ?? ""),
    );
    expect(stored?.token.expiresAt.getTime()).toBe(f.clock.now().getTime() + 90 * 60_000);
    expect(stored?.token.authTime.getTime()).toBe(f.clock.now().getTime());
    expect(stored?.family.familyId).toBe(access.origin_jti);

    const defaults = await signIn();
    const stored30 = await f.storage.refreshTokens.findRefreshToken(
      hashRefreshToken(defaults.result.RefreshToken ?? ""),
    );
    expect(stored30?.token.expiresAt.getTime()).toBe(f.clock.now().getTime() + 30 * 86_400_000);
    const defaultId = claimsOf(defaults.result.IdToken);
    expect((defaultId.exp as number) - (defaultId.iat as number)).toBe(3600);
  });

  it("adds nonce, at_hash, device_key and OAuth's version 2 when asked", async () => {
    const client = await f.addClient();
    const user = await f.addUser();
    const result = await f.tokens.issueTokens({
      user,
      pool: f.pool,
      client,
      groups: [],
      scopes: ["openid", "email"],
      authTime: f.clock.now(),
      withRefreshToken: true,
      nonce: "n-0S6_WzA2Mj",
      includeAtHash: true,
      oauth: true,
      deviceKey: "us-east-1_0c1d2e3f-aaaa-bbbb-cccc-000000000000",
    });
    const id = claimsOf(result.IdToken);
    const access = claimsOf(result.AccessToken);
    const digest = createHash("sha256").update(result.AccessToken).digest();
    expect(id.at_hash).toBe(digest.subarray(0, 16).toString("base64url"));
    expect(Object.keys(id)[0]).toBe("at_hash");
    expect(id.nonce).toBe("n-0S6_WzA2Mj");
    expect(access).toMatchObject({
      version: 2,
      scope: "openid email",
      device_key: expect.stringMatching(/^us-east-1_/),
    });
    expect(id).not.toHaveProperty("device_key");
  });

  it("runs the claims seam (pre-token generation) before signing", async () => {
    const client = await f.addClient();
    const user = await f.addUser();
    const result = await f.tokens.issueTokens({
      user,
      pool: f.pool,
      client,
      groups: [],
      scopes: [ADMIN_SCOPE],
      authTime: f.clock.now(),
      withRefreshToken: false,
      customizeClaims: async ({ idToken, accessToken }) => ({
        idToken: { ...idToken, tenant: "acme" },
        accessToken: { ...accessToken, scope: `${accessToken.scope} orders/read` },
      }),
    });
    expect(claimsOf(result.IdToken).tenant).toBe("acme");
    const verified = await jwtVerify(result.AccessToken, createRemoteJWKSet(new URL(jwksUri())));
    expect(verified.payload.scope).toBe(`${ADMIN_SCOPE} orders/read`);
  });
});
