import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  MAX_TOKEN_LIFETIME_MS,
  rotateSigningKeys,
  SIGNING_KEY_PURPOSE,
} from "../../src/app/tokens/signing-keys.js";
import type { Tokens } from "../../src/app/tokens/tokens.js";
import { claimsOf, headerOf, type TokenFixture, tokenFixture } from "./tokens-fixture.js";

const CONTEXT = { requestId: "cli", sourceIp: "127.0.0.1", signed: true };
const TTL_MS = 5_000;

describe("signing keys and the JWKS", () => {
  let f: TokenFixture;
  beforeEach(async () => {
    f = await tokenFixture({ cacheTtlMs: TTL_MS });
  });
  afterEach(async () => {
    await f.close();
  });

  const jwksUrl = (poolId = f.pool.id) => `${f.url}/${poolId}/.well-known/jwks.json`;
  const kidsOf = (jwks: { keys: Array<{ kid: string }> }) => jwks.keys.map((key) => key.kid).sort();
  const fetchJwks = async () => (await (await fetch(jwksUrl())).json()) as { keys: Array<{ kid: string }> };

  async function signIn(tokens: Tokens = f.tokens) {
    const client = await f.addClient();
    const user = await f.addUser();
    return tokens.issueTokens({
      user,
      pool: f.pool,
      client,
      groups: [],
      scopes: ["aws.cognito.signin.user.admin"],
      authTime: f.clock.now(),
      withRefreshToken: true,
    });
  }

  it("answers 404 JSON for an unknown pool and creates a pool's keys on its first JWKS request", async () => {
    const unknown = await fetch(jwksUrl("us-east-1_Nope12345"));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: "User pool us-east-1_Nope12345 does not exist." });
    expect(await f.storage.signingKeys.listSigningKeys(f.pool.id, f.clock.now())).toEqual([]);

    const first = await fetch(jwksUrl());
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const jwks = (await first.json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys).toHaveLength(2);
    const stored = await f.storage.signingKeys.listSigningKeys(f.pool.id, f.clock.now());
    expect(stored.map((key) => key.use).sort()).toEqual(["access", "id"]);
    expect(kidsOf(jwks)).toEqual(stored.map((key) => key.kid).sort());
    expect(kidsOf(await fetchJwks())).toEqual(kidsOf(jwks));
  });

  it("stores private keys sealed for the signing-key purpose only", async () => {
    await signIn();
    const [key] = await f.storage.signingKeys.listSigningKeys(f.pool.id, f.clock.now());
    expect(key?.privateKeySealed).not.toContain('"d"');
    const opened = JSON.parse(f.deps.secretBox.open(key?.privateKeySealed ?? "", SIGNING_KEY_PURPOSE));
    expect(opened).toMatchObject({ kty: "RSA", kid: key?.kid });
    expect(typeof opened.d).toBe("string");
    expect(() => f.deps.secretBox.open(key?.privateKeySealed ?? "", "client-secret")).toThrow();
  });

  it("creates one key per use when many first uses race on one node", async () => {
    await Promise.all([signIn(), signIn(), fetchJwks(), signIn(), fetchJwks()]);
    expect(await f.storage.signingKeys.listSigningKeys(f.pool.id, f.clock.now())).toHaveLength(2);
  });

  it("lets two nodes race to create keys: every token verifies and both settle on the newest keys", async () => {
    const other = f.anotherNode();
    const [a, b] = await Promise.all([signIn(f.tokens), signIn(other)]);
    const keySet = createRemoteJWKSet(new URL(jwksUrl()));
    for (const token of [a.AccessToken, a.IdToken, b.AccessToken, b.IdToken]) {
      await expect(jwtVerify(token, keySet)).resolves.toBeTruthy();
    }
    f.clock.advance(TTL_MS);
    const [c, d] = [await signIn(f.tokens), await signIn(other)];
    expect(headerOf(c.AccessToken).kid).toBe(headerOf(d.AccessToken).kid);
    expect(headerOf(c.IdToken).kid).toBe(headerOf(d.IdToken).kid);
  });

  it("rotates: new keys sign, old ones stay published until a day after retirement", async () => {
    const before = await signIn();
    const oldKids = [headerOf(before.IdToken).kid, headerOf(before.AccessToken).kid];
    const rotation = await f.tokens.rotateSigningKeys(f.pool.id);
    expect(rotation.retired.sort()).toEqual([...oldKids].sort());
    expect(rotation.created).toHaveLength(2);

    const after = await signIn();
    const newKids = [headerOf(after.IdToken).kid, headerOf(after.AccessToken).kid];
    expect(newKids.sort()).toEqual([...rotation.created].sort());
    expect(kidsOf(await fetchJwks())).toEqual([...oldKids, ...newKids].sort());
    const keySet = createRemoteJWKSet(new URL(jwksUrl()));
    await expect(jwtVerify(before.AccessToken, keySet)).resolves.toBeTruthy();
    await expect(jwtVerify(after.IdToken, keySet)).resolves.toBeTruthy();
    await expect(f.tokens.verifyAccessToken(before.AccessToken)).resolves.toMatchObject({
      originJti: claimsOf(before.AccessToken).origin_jti,
    });

    f.clock.advance(MAX_TOKEN_LIFETIME_MS);
    expect(kidsOf(await fetchJwks())).toEqual([...oldKids, ...newKids].sort());
    f.clock.advance(TTL_MS + 1);
    expect(kidsOf(await fetchJwks())).toEqual([...newKids].sort());
  });

  it("exports rotation as a use case for the CLI; other nodes follow within the TTL or on a new kid", async () => {
    const other = f.anotherNode();
    const third = f.anotherNode();
    const before = await signIn(other);
    await signIn(third);
    const oldKid = headerOf(before.AccessToken).kid;
    const rotation = await rotateSigningKeys(f.deps)(CONTEXT, { userPoolId: f.pool.id });
    expect(rotation.retired).toContain(oldKid);

    // Within the TTL a node keeps signing with its cached (now retired, still published) key.
    expect(headerOf((await signIn(other)).AccessToken).kid).toBe(oldKid);
    const fromThisNode = await signIn(f.tokens);
    expect(rotation.created).toContain(headerOf(fromThisNode.AccessToken).kid);
    // A kid it does not know makes a node re-read the pool's keys: it verifies, then signs with the new key.
    await expect(other.verifyAccessToken(fromThisNode.AccessToken)).resolves.toBeTruthy();
    expect(rotation.created).toContain(headerOf((await signIn(other)).AccessToken).kid);
    expect(headerOf((await signIn(third)).AccessToken).kid).toBe(oldKid);
    f.clock.advance(TTL_MS);
    expect(rotation.created).toContain(headerOf((await signIn(third)).AccessToken).kid);

    await expect(
      rotateSigningKeys(f.deps)(CONTEXT, { userPoolId: "us-east-1_Missing00" }),
    ).rejects.toMatchObject({
      code: "ResourceNotFoundException",
      message: "User pool us-east-1_Missing00 does not exist.",
    });
  });

  it("stops publishing keys of a deleted pool", async () => {
    await fetchJwks();
    await f.storage.userPools.deleteUserPool(f.pool.id);
    f.clock.advance(TTL_MS);
    expect((await fetch(jwksUrl())).status).toBe(404);
  });
});
