import {
  CompactSign,
  calculateJwkThumbprint,
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from "jose";
import type { TokenSigner, UnverifiedJwt } from "../../ports/token-signer.js";
import { isPlainObject, type JsonObject } from "../../shared/json.js";

const ALG = "RS256";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Cognito kids are standard base64 of 32 bytes ("…=" at the end); the JWK thumbprint gives that shape. */
const base64KidFromThumbprint = (thumbprint: string) =>
  Buffer.from(thumbprint, "base64url").toString("base64");

function parseObject(bytes: Uint8Array): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return isPlainObject(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** RS256 on jose (WebCrypto): RSA-2048 keys, compact JWS with Cognito's `{"kid","alg"}` header. */
export function createJoseTokenSigner(): TokenSigner {
  return {
    async generateKeyPair() {
      const { publicKey, privateKey } = await generateKeyPair(ALG, {
        modulusLength: 2048,
        extractable: true,
      });
      const publicJwk = await exportJWK(publicKey);
      if (publicJwk.n === undefined || publicJwk.e === undefined) throw new Error("RSA key without n/e");
      // The thumbprint is unique per key, so nodes racing to create a pool's first keys never clash.
      const kid = base64KidFromThumbprint(await calculateJwkThumbprint(publicJwk, "sha256"));
      const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG };
      return {
        kid,
        privateJwk: JSON.stringify(privateJwk),
        publicJwk: { alg: ALG, e: publicJwk.e, kid, kty: "RSA", n: publicJwk.n, use: "sig" },
      };
    },

    async importSigner(kid, privateJwk) {
      const key = await importJWK(JSON.parse(privateJwk) as JWK, ALG);
      return {
        kid,
        sign: (claims) =>
          new CompactSign(encoder.encode(JSON.stringify(claims)))
            .setProtectedHeader({ kid, alg: ALG })
            .sign(key),
      };
    },

    async importVerifier(publicJwk) {
      const key = await importJWK({ ...publicJwk }, ALG);
      return {
        kid: publicJwk.kid,
        async verify(token) {
          try {
            const { payload } = await compactVerify(token, key, { algorithms: [ALG] });
            return parseObject(payload);
          } catch {
            return undefined;
          }
        },
      };
    },

    decodeUnverified(token): UnverifiedJwt | undefined {
      try {
        const header = decodeProtectedHeader(token);
        if (token.split(".").length !== 3) return undefined;
        const claims = decodeJwt(token) as JsonObject;
        return {
          kid: typeof header.kid === "string" ? header.kid : undefined,
          alg: typeof header.alg === "string" ? header.alg : undefined,
          claims,
        };
      } catch {
        return undefined;
      }
    },
  };
}
