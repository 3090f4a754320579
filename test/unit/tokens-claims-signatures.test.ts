import { JwtVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ADMIN_SCOPE, useMintedTokens } from "./tokens-claims-setup.js";
import { headerOf } from "./tokens-fixture.js";

describe("minted tokens", () => {
  const { f, issuer, jwksUri, signIn } = useMintedTokens();

  it("signs ID and access tokens with different, Cognito-looking kids published in the JWKS", async () => {
    const { result } = await signIn();
    const idHeader = headerOf(result.IdToken);
    const accessHeader = headerOf(result.AccessToken);
    expect(Object.keys(idHeader)).toEqual(["kid", "alg"]);
    expect(idHeader.alg).toBe("RS256");
    expect(accessHeader.alg).toBe("RS256");
    expect(idHeader.kid).not.toBe(accessHeader.kid);
    for (const kid of [idHeader.kid, accessHeader.kid]) expect(kid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const jwks = (await (await fetch(jwksUri())).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys.map((key) => key.kid).sort()).toEqual([idHeader.kid, accessHeader.kid].sort());
    for (const key of jwks.keys) {
      expect(Object.keys(key)).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
      expect(key).toMatchObject({ alg: "RS256", e: "AQAB", kty: "RSA", use: "sig" });
    }
  });

  it("verifies with jose against the live JWKS route", async () => {
    const { client, result } = await signIn();
    const keySet = createRemoteJWKSet(new URL(jwksUri()));
    const access = await jwtVerify(result.AccessToken, keySet, { issuer: issuer(), algorithms: ["RS256"] });
    expect(access.payload.token_use).toBe("access");
    const id = await jwtVerify(result.IdToken, keySet, { issuer: issuer(), audience: client.clientId });
    expect(id.payload.token_use).toBe("id");
  });

  it("verifies with aws-jwt-verify (generic verifier, Cognito field checks, HTTP fetcher)", async () => {
    const { client, result } = await signIn();
    const fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
    const verifierFor = (tokenUse: "id" | "access", clientId: string) =>
      JwtVerifier.create(
        {
          issuer: issuer(),
          audience: null,
          jwksUri: jwksUri(),
          customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
        },
        { jwksCache: new SimpleJwksCache({ fetcher }) },
      );
    expect((await verifierFor("access", client.clientId).verify(result.AccessToken)).client_id).toBe(
      client.clientId,
    );
    expect((await verifierFor("id", client.clientId).verify(result.IdToken)).aud).toBe(client.clientId);
    await expect(
      verifierFor("access", "someotherclient00000000000").verify(result.AccessToken),
    ).rejects.toThrow();
    await expect(verifierFor("id", client.clientId).verify(result.AccessToken)).rejects.toThrow();
  });

  it("rejects a tampered token in jose, aws-jwt-verify and Cognate", async () => {
    const { client, result } = await signIn();
    const [header, payload, signature] = result.AccessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
    claims.scope = `${claims.scope} admin/everything`;
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
    await expect(jwtVerify(forged, createRemoteJWKSet(new URL(jwksUri())))).rejects.toThrow(/signature/);
    const verifier = JwtVerifier.create({
      issuer: issuer(),
      audience: null,
      jwksUri: jwksUri(),
      customJwtCheck: ({ payload: p }) =>
        validateCognitoJwtFields(p, { tokenUse: "access", clientId: client.clientId }),
    });
    verifier.cacheJwks((await (await fetch(jwksUri())).json()) as Parameters<typeof verifier.cacheJwks>[0]);
    await expect(verifier.verify(result.AccessToken)).resolves.toMatchObject({ scope: ADMIN_SCOPE });
    await expect(verifier.verify(forged)).rejects.toThrow(/signature/i);
    await expect(f.tokens.verifyAccessToken(forged)).rejects.toMatchObject({
      code: "NotAuthorizedException",
      message: "Invalid Access Token",
    });
  });
});
