import { createHmac } from "node:crypto";
import {
  CompactSign,
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  type JWK,
} from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createNodeTokenSigner } from "../../src/integrations/crypto/node-token-signer.js";
import type { GeneratedKeyPair, JwtSigner, JwtVerifier } from "../../src/ports/token-signer.js";

// The node:crypto signer against an independent implementation (jose): same token shape, same kid, and
// nothing but a genuine RS256 signature by the key passes.

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const claims = { sub: "s-1", token_use: "access", exp: 2_000_000_000, username: "ann", scope: "a b" };

describe("node:crypto RS256 token signer", () => {
  const tokenSigner = createNodeTokenSigner();
  let pair: GeneratedKeyPair;
  let signer: JwtSigner;
  let verifier: JwtVerifier;
  beforeAll(async () => {
    pair = await tokenSigner.generateKeyPair();
    signer = await tokenSigner.importSigner(pair.kid, pair.privateJwk);
    verifier = await tokenSigner.importVerifier(pair.publicJwk);
  });

  it("makes Cognito-shaped keys whose kid is the base64 SHA-256 JWK thumbprint", async () => {
    const thumbprint = await calculateJwkThumbprint(pair.publicJwk as JWK, "sha256");
    expect(pair.kid).toBe(Buffer.from(thumbprint, "base64url").toString("base64"));
    expect(pair.kid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Object.keys(pair.publicJwk)).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    expect(Buffer.from(pair.publicJwk.n, "base64url")).toHaveLength(256);
    const privateJwk = JSON.parse(pair.privateJwk) as Record<string, unknown>;
    expect(privateJwk).toMatchObject({ kid: pair.kid, alg: "RS256", kty: "RSA", n: pair.publicJwk.n });
    expect(typeof privateJwk.d).toBe("string");
  });

  it("signs compact JWS with header {kid, alg} that jose verifies, claims in their order", async () => {
    const token = signer.sign(claims);
    expect(Buffer.from(token.split(".")[0]!, "base64url").toString()).toBe(
      JSON.stringify({ kid: pair.kid, alg: "RS256" }),
    );
    expect(decodeProtectedHeader(token)).toEqual({ kid: pair.kid, alg: "RS256" });
    const { payload } = await compactVerify(token, await importJWK(pair.publicJwk, "RS256"), {
      algorithms: ["RS256"],
    });
    expect(Buffer.from(payload).toString()).toBe(JSON.stringify(claims));
    expect(verifier.verify(token)).toEqual(claims);
  });

  it("verifies tokens jose signed with the same key (keys stored before the switch keep working)", async () => {
    const privateKey = await importJWK(JSON.parse(pair.privateJwk) as JWK, "RS256");
    const token = await new CompactSign(Buffer.from(JSON.stringify(claims)))
      .setProtectedHeader({ kid: pair.kid, alg: "RS256" })
      .sign(privateKey);
    expect(verifier.verify(token)).toEqual(claims);
    const reimported = await tokenSigner.importSigner(pair.kid, pair.privateJwk);
    expect(verifier.verify(reimported.sign(claims))).toEqual(claims);
  });

  it("refuses alg=none, HS256 keyed with the public key, other keys, tampering and malformed text", async () => {
    const token = signer.sign(claims);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const other = await tokenSigner.generateKeyPair();
    const otherSigner = await tokenSigner.importSigner(pair.kid, other.privateJwk);
    const hs256Header = b64({ kid: pair.kid, alg: "HS256" });
    const hs256 = createHmac("sha256", JSON.stringify(pair.publicJwk))
      .update(`${hs256Header}.${payload}`)
      .digest("base64url");
    const elevated = b64({ ...claims, scope: "admin" });
    const rejected = [
      `${b64({ kid: pair.kid, alg: "none" })}.${payload}.`,
      `${b64({ kid: pair.kid, alg: "none" })}.${payload}.${signature}`,
      `${hs256Header}.${payload}.${hs256}`,
      `${b64({ kid: pair.kid, alg: "RS512" })}.${payload}.${signature}`,
      `${b64({ kid: pair.kid, alg: "RS256", crit: ["exp"], exp: 1 })}.${payload}.${signature}`,
      otherSigner.sign(claims),
      `${header}.${elevated}.${signature}`,
      `${header}.${payload}.${signature.slice(0, -2)}`,
      `${header}.${payload}.${signature.slice(0, 20)}*${signature.slice(20)}`,
      `${header}.${payload}`,
      `${token}.x`,
      `${header}.${payload}.`,
      "",
      "a.b.c",
    ];
    for (const candidate of rejected) expect(verifier.verify(candidate), candidate).toBeUndefined();
  });

  it("decodes without verifying: kid, alg and claims, or undefined for non-JWS text", () => {
    const token = signer.sign(claims);
    expect(tokenSigner.decodeUnverified(token)).toEqual({ kid: pair.kid, alg: "RS256", claims });
    for (const text of ["", "abc", "a.b.c", `${b64([1])}.${b64(claims)}.x`, `${b64({})}.${b64("s")}.x`]) {
      expect(tokenSigner.decodeUnverified(text), text).toBeUndefined();
    }
    expect(tokenSigner.decodeUnverified(`${b64({ alg: "none" })}.${b64(claims)}.`)).toEqual({
      kid: undefined,
      alg: "none",
      claims,
    });
  });
});
