import { userPoolIdFromIssuer } from "../../domain/tokens/issuer.js";
import { isPlainObject, type JsonObject } from "../../shared/json.js";
import type { OAuth2Dependencies } from "./oauth2-support.js";

// Checks a JWT that claims to be one of this deployment's tokens, for the endpoints that accept ID tokens
// (logout's id_token_hint) or any kind of access token (introspection, including client_credentials tokens
// that name no user). Nothing but RS256 with a kid is looked at: alg=none, HS256 (the RSA key misused as an
// HMAC secret) and every other algorithm are refused before any key is touched, and the signature check
// itself is pinned to RS256. The issuer must be a pool of this deployment, and the expected one when given.
// Expiry and revocation are the caller's: a logout hint may be expired, an introspected token may not.

export interface VerifiedJwt {
  userPoolId: string;
  claims: JsonObject;
}

function decodeSegment(segment: string | undefined): JsonObject | undefined {
  if (segment === undefined || !/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return isPlainObject(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

export async function verifyOwnJwt(
  deps: Pick<OAuth2Dependencies, "tokens" | "deployment">,
  token: string,
  expectedUserPoolId?: string,
): Promise<VerifiedJwt | undefined> {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const header = decodeSegment(parts[0]);
  const payload = decodeSegment(parts[1]);
  if (!header || !payload || header.alg !== "RS256" || typeof header.kid !== "string") return undefined;
  if (typeof payload.iss !== "string") return undefined;
  const userPoolId = userPoolIdFromIssuer(deps.deployment.publicUrl, payload.iss);
  if (userPoolId === undefined || (expectedUserPoolId !== undefined && userPoolId !== expectedUserPoolId)) {
    return undefined;
  }
  const verifier = await deps.tokens.signingKeys.verifier(userPoolId, header.kid);
  const claims = verifier && (await verifier.verify(token));
  return claims ? { userPoolId, claims } : undefined;
}

export const looksLikeJwt = (value: string) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);
