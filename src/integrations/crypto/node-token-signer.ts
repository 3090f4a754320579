import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair as generateRsaKeyPair,
  type JsonWebKey,
  type KeyObject,
  sign as signWithKey,
  verify as verifyWithKey,
} from "node:crypto";
import { promisify } from "node:util";
import type { TokenSigner, UnverifiedJwt } from "../../ports/token-signer.js";
import { isPlainObject, type JsonObject } from "../../shared/json.js";

// RS256 on node:crypto's one-shot, synchronous sign/verify with KeyObjects parsed once per key. WebCrypto
// (jose) runs each RSA operation as a job on the libuv pool and resolves it on a later tick: on one core
// that hop cost as much as the RSA verification itself, and a third more than the signature.

const ALG = "RS256";
const generateKeyPairAsync = promisify(generateRsaKeyPair);
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/** A base64url segment decoded strictly (Buffer alone skips characters outside the alphabet). */
function decodeSegment(segment: string): Buffer | undefined {
  return BASE64URL.test(segment) ? Buffer.from(segment, "base64url") : undefined;
}

function parseObject(segment: string): JsonObject | undefined {
  const bytes = decodeSegment(segment);
  if (bytes === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return isPlainObject(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Cognito kids are standard base64 of 32 bytes ("…=" at the end): the RFC 7638 SHA-256 thumbprint. */
function thumbprintKid(jwk: { e: string; n: string }): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: "RSA", n: jwk.n });
  return createHash("sha256").update(canonical).digest("base64");
}

/** The claims of a compact RS256 JWS whose signature `key` verifies; undefined for anything else. */
function verifyCompact(token: string, key: KeyObject): JsonObject | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [headerSegment, payloadSegment, signatureSegment] = parts as [string, string, string];
  const header = parseObject(headerSegment);
  // Only RS256; a header naming critical extensions is refused, as no extension is understood here.
  if (header?.alg !== ALG || header.crit !== undefined) return undefined;
  const signature = decodeSegment(signatureSegment);
  if (signature === undefined || signature.length === 0) return undefined;
  const signingInput = Buffer.from(`${headerSegment}.${payloadSegment}`, "ascii");
  if (!verifyWithKey("sha256", signingInput, key, signature)) return undefined;
  return parseObject(payloadSegment);
}

/** RS256 with RSA-2048 keys, compact JWS with Cognito's `{"kid","alg"}` header. */
export function createNodeTokenSigner(): TokenSigner {
  return {
    async generateKeyPair() {
      const { privateKey } = await generateKeyPairAsync("rsa", { modulusLength: 2048 });
      const privateJwk = privateKey.export({ format: "jwk" });
      if (privateJwk.n === undefined || privateJwk.e === undefined) throw new Error("RSA key without n/e");
      // The thumbprint is unique per key, so nodes racing to create a pool's first keys never clash.
      const kid = thumbprintKid({ e: privateJwk.e, n: privateJwk.n });
      return {
        kid,
        privateJwk: JSON.stringify({ ...privateJwk, kid, alg: ALG }),
        publicJwk: { alg: ALG, e: privateJwk.e, kid, kty: "RSA", n: privateJwk.n, use: "sig" },
      };
    },

    async importSigner(kid, privateJwk) {
      const key = createPrivateKey({ key: JSON.parse(privateJwk) as JsonWebKey, format: "jwk" });
      const header = base64url(JSON.stringify({ kid, alg: ALG }));
      return {
        kid,
        sign(claims) {
          const signingInput = `${header}.${base64url(JSON.stringify(claims))}`;
          const signature = signWithKey("sha256", Buffer.from(signingInput, "ascii"), key);
          return `${signingInput}.${signature.toString("base64url")}`;
        },
      };
    },

    async importVerifier(publicJwk) {
      const key = createPublicKey({ key: { kty: "RSA", n: publicJwk.n, e: publicJwk.e }, format: "jwk" });
      return {
        kid: publicJwk.kid,
        verify: (token) => verifyCompact(token, key),
      };
    },

    decodeUnverified(token): UnverifiedJwt | undefined {
      const parts = token.split(".");
      if (parts.length !== 3) return undefined;
      const header = parseObject(parts[0] as string);
      const claims = parseObject(parts[1] as string);
      if (!header || !claims) return undefined;
      return {
        kid: typeof header.kid === "string" ? header.kid : undefined,
        alg: typeof header.alg === "string" ? header.alg : undefined,
        claims,
      };
    },
  };
}
