import { isWellFormedCodeVerifier } from "../../domain/oauth2/authorization-request.js";
import { oauthError } from "../../domain/oauth2/oauth-error.js";
import { attributesForScopes, OPENID } from "../../domain/oauth2/scopes.js";
import { readableAttributesOf } from "../../domain/tokens/attribute-claims.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import { preTokenGenerationCustomizer } from "../triggers/pre-token-generation.js";
import { hashAuthorizationCode, type OAuth2Dependencies, pkceMatches } from "./oauth2-support.js";
import type { TokenResponse } from "./token-endpoint.js";

// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6, RFC 9700 §2.1.1 and §4.5). Every refusal
// is invalid_grant except missing parameters (invalid_request).
// - The code must exist in this pool, be unconsumed and unexpired (5 minutes), and belong to the
//   authenticated client; redirect_uri must repeat the authorization request's exactly.
// - PKCE: a code issued with a challenge needs a verifier whose S256 matches; a verifier for a code issued
//   without one is a downgrade and is refused too.
// - The user must still exist, be enabled, and not have had every session revoked since signing in.
// - Consumption is one conditional write: of concurrent redemptions exactly one proceeds.
// - Presenting a consumed code (a replay, or losing that race) revokes the refresh-token family the
//   code's redemption created, so the first redemption's tokens stop working. The winner checks for a
//   replay again after minting, which closes the window between its consumption and its tokens' storage.

export function exchangeAuthorizationCode(deps: OAuth2Dependencies) {
  const replayed = async (codeHash: string) => {
    const now = deps.clock.now();
    const familyId = await deps.storage.authorizationCodes.recordAuthorizationCodeReplay(codeHash, now);
    if (familyId !== undefined) await deps.storage.refreshTokens.revokeFamily(familyId, now);
    return oauthError("invalid_grant", "Authorization code has been consumed already.");
  };

  return async (
    userPoolId: string,
    client: UserPoolClient,
    params: Readonly<Record<string, string>>,
  ): Promise<TokenResponse> => {
    const { code, redirect_uri: redirectUri, code_verifier: verifier } = params;
    if (!code) throw oauthError("invalid_request", "code is missing.");
    if (!redirectUri) throw oauthError("invalid_request", "redirect_uri is missing.");
    const codeHash = hashAuthorizationCode(code);
    const stored = await deps.storage.authorizationCodes.findAuthorizationCode(codeHash);
    const now = deps.clock.now();
    if (!stored || stored.userPoolId !== userPoolId)
      throw oauthError("invalid_grant", "Authorization code does not exist.");
    if (stored.consumedAt !== null) throw await replayed(codeHash);
    if (stored.clientId !== client.clientId) {
      throw oauthError("invalid_grant", "Authorization code was issued to another client.");
    }
    if (stored.expiresAt <= now) throw oauthError("invalid_grant", "Authorization code has expired.");
    if (stored.redirectUri !== redirectUri) throw oauthError("invalid_grant", "redirect_uri does not match.");
    if (stored.codeChallenge !== null) {
      if (verifier === undefined) throw oauthError("invalid_grant", "code_verifier is missing.");
      if (!isWellFormedCodeVerifier(verifier) || !pkceMatches(verifier, stored.codeChallenge)) {
        throw oauthError("invalid_grant", "code_verifier does not match the code_challenge.");
      }
    } else if (verifier !== undefined) {
      throw oauthError("invalid_grant", "The authorization request had no code_challenge.");
    }
    const user = await deps.storage.users.findUserBySub(userPoolId, stored.sub);
    if (!user?.enabled || (user.tokensRevokedAt !== null && user.tokensRevokedAt > stored.authTime)) {
      throw oauthError("invalid_grant", "The user can no longer sign in.");
    }
    if (!(await deps.storage.authorizationCodes.consumeAuthorizationCode(codeHash, now))) {
      throw await replayed(codeHash);
    }

    const [pool, groups] = await Promise.all([
      deps.storage.userPools.findUserPool(userPoolId),
      deps.storage.groups.groupsOfUser(userPoolId, user.sub),
    ]);
    if (!pool) throw oauthError("invalid_grant", "Authorization code does not exist.");
    const result = await deps.tokens.issueTokens({
      user,
      pool: { id: userPoolId },
      client,
      groups,
      scopes: stored.scopes,
      authTime: stored.authTime,
      withRefreshToken: true,
      newFamilyId: stored.familyId,
      nonce: stored.nonce ?? undefined,
      oauth: true,
      includeAtHash: true,
      readableAttributes: attributesForScopes(stored.scopes, readableAttributesOf(client.settings)),
      customizeClaims: preTokenGenerationCustomizer(deps, {
        pool,
        client,
        source: "TokenGeneration_HostedAuth",
        user,
        groups,
      }),
    });
    if (await deps.storage.authorizationCodes.wasAuthorizationCodeReplayed(codeHash)) {
      await deps.storage.refreshTokens.revokeFamily(stored.familyId, deps.clock.now());
    }
    const response: TokenResponse = {
      access_token: result.AccessToken,
      token_type: "Bearer",
      expires_in: result.ExpiresIn,
    };
    if (stored.scopes.includes(OPENID)) response.id_token = result.IdToken;
    if (result.RefreshToken !== undefined) response.refresh_token = result.RefreshToken;
    return response;
  };
}
