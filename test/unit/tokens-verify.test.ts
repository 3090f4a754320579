import { CompactSign, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../src/domain/user/user.js";
import type { UserPoolClient } from "../../src/domain/user-pool-client/user-pool-client.js";
import { claimsOf, headerOf, type TokenFixture, tokenFixture } from "./tokens-fixture.js";

const ADMIN_SCOPE = "aws.cognito.signin.user.admin";
/** SigningKeys' default: how long a node serves a pool's key list before reading it again. */
const KEY_CACHE_TTL_MS = 5_000;

describe("verifying access tokens", () => {
  let f: TokenFixture;
  let client: UserPoolClient;
  beforeAll(async () => {
    f = await tokenFixture();
    client = await f.addClient();
  });
  afterAll(async () => {
    await f.close();
  });

  async function signIn(user?: User, deviceKey?: string) {
    const who = user ?? (await f.addUser());
    const result = await f.tokens.issueTokens({
      user: who,
      pool: f.pool,
      client,
      groups: [],
      scopes: [ADMIN_SCOPE, "openid"],
      authTime: f.clock.now(),
      withRefreshToken: true,
      deviceKey,
    });
    return { user: who, ...result };
  }
  const rejection = (message: string, code = "NotAuthorizedException") => ({ code, message });

  it("returns who the token is for", async () => {
    const { user, AccessToken } = await signIn(undefined, "us-east-1_device-1");
    const verified = await f.tokens.verifyAccessToken(AccessToken);
    expect(verified).toMatchObject({
      userPoolId: f.pool.id,
      sub: user.sub,
      username: user.username,
      clientId: client.clientId,
      scopes: [ADMIN_SCOPE, "openid"],
      originJti: claimsOf(AccessToken).origin_jti,
      deviceKey: "us-east-1_device-1",
    });
    expect(verified.user.sub).toBe(user.sub);
  });

  it("answers Invalid Access Token for garbage, ID tokens, foreign issuers and foreign keys", async () => {
    const { IdToken, AccessToken } = await signIn();
    for (const token of ["", "abc", "a.b.c", IdToken, `${AccessToken}x`]) {
      await expect(f.tokens.verifyAccessToken(token)).rejects.toMatchObject(
        rejection("Invalid Access Token"),
      );
    }
    // Signed by a key Cognate never published, under a published kid and our issuer.
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new CompactSign(Buffer.from(JSON.stringify(claimsOf(AccessToken))))
      .setProtectedHeader({ kid: String(headerOf(AccessToken).kid), alg: "RS256" })
      .sign(privateKey);
    await expect(f.tokens.verifyAccessToken(forged)).rejects.toMatchObject(rejection("Invalid Access Token"));
    // A genuine token of this pool, read by a deployment with another public URL.
    f.deployment.publicUrl = "https://elsewhere.example.com";
    try {
      await expect(f.tokens.verifyAccessToken(AccessToken)).rejects.toMatchObject(
        rejection("Invalid Access Token"),
      );
    } finally {
      f.deployment.publicUrl = f.url;
    }
  });

  it("answers Access Token has expired after exp", async () => {
    const { AccessToken } = await signIn();
    f.clock.advance(3600 * 1000);
    try {
      await expect(f.tokens.verifyAccessToken(AccessToken)).rejects.toMatchObject(
        rejection("Access Token has expired"),
      );
    } finally {
      f.clock.advance(-3600 * 1000);
    }
    f.clock.advance(3599 * 1000);
    try {
      await expect(f.tokens.verifyAccessToken(AccessToken)).resolves.toBeTruthy();
    } finally {
      f.clock.advance(-3599 * 1000);
    }
  });

  it("answers Access Token has been revoked when its family is revoked", async () => {
    const { AccessToken } = await signIn();
    const other = await signIn();
    await f.storage.refreshTokens.revokeFamily(String(claimsOf(AccessToken).origin_jti), f.clock.now());
    await expect(f.tokens.verifyAccessToken(AccessToken)).rejects.toMatchObject(
      rejection("Access Token has been revoked"),
    );
    await expect(f.tokens.verifyAccessToken(other.AccessToken)).resolves.toBeTruthy();
  });

  it("answers Access Token has been revoked for tokens issued before the user's tokens were revoked", async () => {
    const { user, AccessToken } = await signIn();
    f.clock.advance(1_000);
    const revoked = { ...user, tokensRevokedAt: f.clock.now() };
    await f.storage.users.saveUser(revoked, []);
    await expect(f.tokens.verifyAccessToken(AccessToken)).rejects.toMatchObject(
      rejection("Access Token has been revoked"),
    );
    f.clock.advance(1_000);
    const fresh = await signIn(revoked);
    await expect(f.tokens.verifyAccessToken(fresh.AccessToken)).resolves.toMatchObject({ sub: user.sub });
  });

  it("answers for deleted and disabled users", async () => {
    const { user, AccessToken } = await signIn();
    await f.storage.users.saveUser({ ...user, enabled: false }, []);
    await expect(f.tokens.verifyAccessToken(AccessToken)).rejects.toMatchObject(
      rejection("User is disabled."),
    );
    const gone = await signIn();
    await f.storage.users.deleteUser(f.pool.id, gone.user.sub);
    await expect(f.tokens.verifyAccessToken(gone.AccessToken)).rejects.toMatchObject(
      rejection("User does not exist.", "UserNotFoundException"),
    );
  });

  it("refuses a token it checked before once that token's key is no longer published", async () => {
    const { AccessToken } = await signIn();
    // A node of its own: other tests moved the fake clock back and forth under this one's key cache.
    const node = f.anotherNode();
    await expect(node.verifyAccessToken(AccessToken)).resolves.toBeTruthy();
    // Checked once (and remembered): now the key stops being published, and the key cache expires.
    const kid = String(headerOf(AccessToken).kid);
    const now = f.clock.now();
    await f.storage.signingKeys.retireSigningKey(kid, now, new Date(now.getTime() - 1));
    f.clock.advance(KEY_CACHE_TTL_MS + 1);
    try {
      await expect(node.verifyAccessToken(AccessToken)).rejects.toMatchObject(
        rejection("Invalid Access Token"),
      );
    } finally {
      f.clock.advance(-(KEY_CACHE_TTL_MS + 1));
    }
  });
});
