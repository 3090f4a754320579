import { oauthError } from "../../domain/oauth2/oauth-error.js";
import { attributesForScopes, OPENID } from "../../domain/oauth2/scopes.js";
import { userInfoClaims } from "../../domain/oauth2/user-info.js";
import { readableAttributesOf } from "../../domain/tokens/attribute-claims.js";
import type { JsonObject } from "../../shared/json.js";
import type { OAuth2Dependencies } from "./oauth2-support.js";

// GET/POST /oauth2/userInfo (OIDC Core §5.3, Cognito's user attributes endpoint).
// - The access token must verify as one of Cognate's user access tokens (signature pinned to RS256, expiry,
//   revocation, user still there and enabled; client_credentials tokens name no user and are refused),
//   and belong to the pool the request reached: otherwise invalid_token, worded as Cognito words it.
// - It must carry the openid scope (tokens from InitiateAuth do not): insufficient_scope.
// - The answer: sub, the attributes the scopes and the token's app client allow, username.

export const INVALID_TOKEN_DESCRIPTION =
  "Access token is expired, disabled, or deleted, or the user has globally signed out.";

export function createUserInfo(deps: Pick<OAuth2Dependencies, "tokens" | "storage">) {
  return async (userPoolId: string, accessToken: string): Promise<JsonObject> => {
    const invalid = () => oauthError("invalid_token", INVALID_TOKEN_DESCRIPTION);
    let verified: Awaited<ReturnType<typeof deps.tokens.verifyAccessToken>>;
    try {
      verified = await deps.tokens.verifyAccessToken(accessToken);
    } catch {
      throw invalid();
    }
    if (verified.userPoolId !== userPoolId) throw invalid();
    if (!verified.scopes.includes(OPENID)) {
      throw oauthError("insufficient_scope", "The access token does not carry the openid scope.");
    }
    const client = await deps.storage.userPoolClients.findClient(userPoolId, verified.clientId);
    if (!client) throw invalid();
    const allowed = attributesForScopes(verified.scopes, readableAttributesOf(client.settings));
    return userInfoClaims(verified.user, allowed);
  };
}
