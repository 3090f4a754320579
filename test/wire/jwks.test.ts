import { CreateUserPoolCommand, DeleteUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { importJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

interface Jwks {
  keys: Array<Record<string, string>>;
}

describe.each(backends)("GET /{userPoolId}/.well-known/jwks.json on %s", (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server.stop();
  });

  const jwksOf = (userPoolId: string) => fetch(`${server.url}/${userPoolId}/.well-known/jwks.json`);
  const createPool = async (name: string) => {
    const out = await server.adminClient().send(new CreateUserPoolCommand({ PoolName: name }));
    const id = out.UserPool?.Id;
    if (!id) throw new Error("CreateUserPool returned no id");
    return id;
  };

  it("publishes two RS256 keys for a new pool, with Cognito's members and a cache header", async () => {
    const poolId = await createPool("jwks-new");
    const response = await jwksOf(poolId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const jwks = (await response.json()) as Jwks;
    expect(Object.keys(jwks)).toEqual(["keys"]);
    expect(jwks.keys).toHaveLength(2);
    for (const key of jwks.keys) {
      expect(Object.keys(key)).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
      expect(key).toMatchObject({ alg: "RS256", e: "AQAB", kty: "RSA", use: "sig" });
      expect(key.kid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(key.n ?? "", "base64url")).toHaveLength(256);
      await expect(importJWK(key, "RS256")).resolves.toBeTruthy();
    }
    expect(new Set(jwks.keys.map((key) => key.kid)).size).toBe(2);
  });

  it("keeps a pool's keys across requests and restarts, and gives each pool its own", async () => {
    const first = await createPool("jwks-stable");
    const second = await createPool("jwks-other");
    const kids = async (poolId: string) =>
      ((await (await jwksOf(poolId)).json()) as Jwks).keys.map((key) => key.kid).sort();
    const before = await kids(first);
    expect(await kids(first)).toEqual(before);
    const others = await kids(second);
    expect(others.filter((kid) => before.includes(kid))).toEqual([]);
    await server.restart();
    expect(await kids(first)).toEqual(before);
    expect(await kids(second)).toEqual(others);
  });

  it("answers 404 JSON for an unknown or deleted pool", async () => {
    for (const poolId of ["us-east-1_Unknown99", "not-a-pool", "x".repeat(60)]) {
      const response = await jwksOf(poolId);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ message: `User pool ${poolId} does not exist.` });
    }
    const poolId = await createPool("jwks-deleted");
    expect((await jwksOf(poolId)).status).toBe(200);
    await server.adminClient().send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    expect((await jwksOf(poolId)).status).toBe(404);
  });
});
