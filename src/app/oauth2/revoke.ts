import { oauthError } from "../../domain/oauth2/oauth-error.js";
import { hashRefreshToken, looksLikeRefreshToken } from "../tokens/opaque-tokens.js";
import { authenticateClient, type PresentedClient } from "./client-authentication.js";
import { looksLikeJwt } from "./jwt-inspection.js";
import type { OAuth2Dependencies } from "./oauth2-support.js";

// POST /oauth2/revoke (RFC 7009 with Cognito's rules, as RevokeToken in the JSON API).
// - The client authenticates (invalid_client, 401); token missing: invalid_request.
// - EnableTokenRevocation false: invalid_request (Cognito: "the feature is disabled for the app client").
// - Only refresh tokens are revocable; an ID or access token (a JWT): unsupported_token_type.
// - Unknown, malformed or already revoked tokens: success, as RFC 7009 §2.2 asks.
// - A refresh token issued to another client: invalid_grant (RFC 6749 §5.2 "issued to another client").
// - Revoking ends the whole family: every refresh token of the sign-in and, at Cognate's endpoints, every
//   access token minted from it.

export function createRevocation(deps: Pick<OAuth2Dependencies, "storage" | "secretBox" | "clock">) {
  const authenticate = authenticateClient(deps);
  return async (userPoolId: string, params: Readonly<Record<string, string>>, presented: PresentedClient) => {
    const { client } = await authenticate(userPoolId, presented);
    const token = params.token;
    if (!token) throw oauthError("invalid_request", "token is missing.");
    if (client.settings.EnableTokenRevocation === false) {
      throw oauthError("invalid_request", "Token revocation is not enabled for this app client.");
    }
    if (looksLikeJwt(token))
      throw oauthError("unsupported_token_type", "Only refresh tokens can be revoked.");
    if (!looksLikeRefreshToken(token)) return;
    const found = await deps.storage.refreshTokens.findRefreshToken(hashRefreshToken(token));
    if (!found) return;
    if (found.token.clientId !== client.clientId) {
      throw oauthError("invalid_grant", "The token was not issued to this client.");
    }
    await deps.storage.refreshTokens.revokeFamily(found.token.familyId, deps.clock.now());
  };
}
