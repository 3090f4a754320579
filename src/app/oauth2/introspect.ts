import { oauthError } from "../../domain/oauth2/oauth-error.js";
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { hashRefreshToken, looksLikeRefreshToken } from "../tokens/opaque-tokens.js";
import { authenticateClient, type PresentedClient } from "./client-authentication.js";
import { looksLikeJwt, verifyOwnJwt } from "./jwt-inspection.js";
import type { OAuth2Dependencies } from "./oauth2-support.js";

// POST /oauth2/introspect (RFC 7662; Cognito has no such endpoint).
// - The caller authenticates as an app client of the pool (invalid_client, 401); token missing:
//   invalid_request. A client with a secret may introspect any token of the pool; a public client only
//   tokens issued to itself (a client id alone proves nothing, so it must not learn about others').
// - Access tokens (user or client_credentials): active while the signature (RS256 only), issuer and
//   expiry hold and nothing revoked them: the refresh-token family (origin_jti), a global sign-out after
//   iat, the user deleted or disabled, or (client_credentials) the client deleted.
// - Refresh tokens: active while unexpired, not rotated away, family not revoked, user still enabled.
// - Everything else, ID tokens included, and anything foreign or unknown: only {"active": false}.

const INACTIVE: JsonObject = { active: false };

function copy(claims: JsonObject, names: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const name of names) {
    const value: JsonValue | undefined = claims[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function createIntrospection(deps: OAuth2Dependencies) {
  const authenticate = authenticateClient(deps);

  async function accessToken(userPoolId: string, token: string, mayRead: (clientId: string) => boolean) {
    const verified = await verifyOwnJwt(deps, token, userPoolId);
    const claims = verified?.claims;
    if (claims?.token_use !== "access") return INACTIVE;
    const { exp, iat, sub, client_id: clientId } = claims;
    if (typeof exp !== "number" || typeof iat !== "number" || typeof sub !== "string") return INACTIVE;
    if (typeof clientId !== "string" || !mayRead(clientId)) return INACTIVE;
    if (exp <= deps.clock.now().getTime() / 1000) return INACTIVE;
    if (typeof claims.username === "string") {
      const user = await deps.storage.users.findUserBySub(userPoolId, sub);
      if (!user?.enabled) return INACTIVE;
      const revoked = user.tokensRevokedAt && Math.floor(user.tokensRevokedAt.getTime() / 1000);
      if (revoked !== null && revoked > iat) return INACTIVE;
      const family = claims.origin_jti;
      if (typeof family !== "string" || (await deps.storage.refreshTokens.isFamilyRevoked(family)))
        return INACTIVE;
    } else if (sub !== clientId || !(await deps.storage.userPoolClients.findClient(userPoolId, clientId))) {
      return INACTIVE;
    }
    return {
      active: true,
      token_type: "Bearer",
      ...copy(claims, [
        "scope",
        "client_id",
        "username",
        "sub",
        "iss",
        "exp",
        "iat",
        "jti",
        "auth_time",
        "token_use",
      ]),
      ...copy(claims, ["cognito:groups", "device_key", "origin_jti", "version"]),
    };
  }

  async function refreshToken(userPoolId: string, token: string, mayRead: (clientId: string) => boolean) {
    if (!looksLikeRefreshToken(token)) return INACTIVE;
    const found = await deps.storage.refreshTokens.findRefreshToken(hashRefreshToken(token));
    if (!found || found.token.userPoolId !== userPoolId || !mayRead(found.token.clientId)) return INACTIVE;
    const { token: stored, family } = found;
    const now = deps.clock.now();
    if (family.revokedAt !== null || stored.rotatedAt !== null || stored.expiresAt <= now) return INACTIVE;
    const user = await deps.storage.users.findUserBySub(userPoolId, stored.sub);
    if (!user?.enabled) return INACTIVE;
    if (user.tokensRevokedAt !== null && user.tokensRevokedAt >= stored.createdAt) return INACTIVE;
    return {
      active: true,
      token_type: "refresh_token",
      scope: stored.scopes.join(" "),
      client_id: stored.clientId,
      username: user.username,
      sub: stored.sub,
      exp: Math.floor(stored.expiresAt.getTime() / 1000),
      iat: Math.floor(stored.createdAt.getTime() / 1000),
      auth_time: Math.floor(stored.authTime.getTime() / 1000),
    };
  }

  return async (
    userPoolId: string,
    params: Readonly<Record<string, string>>,
    presented: PresentedClient,
  ): Promise<JsonObject> => {
    const { client, hasSecret } = await authenticate(userPoolId, presented);
    const token = params.token;
    if (!token) throw oauthError("invalid_request", "token is missing.");
    const mayRead = (clientId: string) => hasSecret || clientId === client.clientId;
    return looksLikeJwt(token)
      ? accessToken(userPoolId, token, mayRead)
      : refreshToken(userPoolId, token, mayRead);
  };
}
