// New tokens from a refresh token (REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken, grant_type=refresh_token).
// - The token is looked up by its SHA-256; unknown, malformed, or issued to another client: "invalid".
// - Its family revoked (RevokeToken, GlobalSignOut, reuse), or the user's tokens revoked since it was
//   issued: "revoked". Past its expiry: "expired". User disabled: "user-disabled".
// - The new tokens keep the family (origin_jti), auth_time, scopes and device key of the sign-in, and the
//   ID token is narrowed by those scopes exactly as the first one was (email/phone without profile).
// - Without rotation nothing is written: the hot path is reads only (token, user, groups) plus signing.
// - With rotation the token is replaced atomically (storage decides: rotated / within the grace period /
//   reuse, which revokes the family) and the new refresh token keeps the original expiry: rotation does
//   not extend a session (Cognito documents the lifetime as counted from the sign-in).
// - A token already rotated away while rotation is now off is "invalid" (it was superseded).

import { attributesForScopes } from "../../domain/oauth2/scopes.js";
import { readableAttributesOf } from "../../domain/tokens/attribute-claims.js";
import type { RefreshFailureReason } from "../../domain/tokens/token-errors.js";
import type { User } from "../../domain/user/user.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import {
  type AuthenticationResult,
  type ClaimsCustomizer,
  type MintDependencies,
  mintTokens,
  newRefreshToken,
} from "./mint-tokens.js";
import { hashRefreshToken, looksLikeRefreshToken } from "./opaque-tokens.js";

export interface RefreshTokensInput {
  refreshToken: string;
  /** The client the caller authenticated (ClientId, and its secret when it has one). */
  client: UserPoolClient;
  /** From the client's RefreshTokenRotation: Feature ENABLED, RetryGracePeriodSeconds. */
  rotate: { enabled: boolean; graceSeconds: number };
  /** Tokens for the OAuth token endpoint (access token carries `version: 2`). */
  oauth?: boolean;
  customizeClaims?: ClaimsCustomizer;
  /**
   * The device key the caller presented (REFRESH_TOKEN_AUTH's DEVICE_KEY, GetTokensFromRefreshToken's
   * DeviceKey). When given, a token issued to a device works only with that device's key (as Cognito).
   */
  device?: { key: string | undefined };
}

export type RefreshTokensResult =
  | { ok: true; result: AuthenticationResult; user: User }
  | { ok: false; reason: RefreshFailureReason };

const failure = (reason: RefreshFailureReason): RefreshTokensResult => ({ ok: false, reason });

export const refreshTokens = (deps: MintDependencies) => {
  const mint = mintTokens(deps);
  return async (input: RefreshTokensInput): Promise<RefreshTokensResult> => {
    if (!looksLikeRefreshToken(input.refreshToken)) return failure("invalid");
    const found = await deps.storage.refreshTokens.findRefreshTokenWithHolder(
      hashRefreshToken(input.refreshToken),
    );
    if (!found || found.token.clientId !== input.client.clientId) return failure("invalid");
    const { token, family, user, groups } = found;
    const now = deps.clock.now();
    if (family.revokedAt !== null) return failure("revoked");
    if (token.expiresAt <= now) return failure("expired");
    if (token.rotatedAt !== null && !input.rotate.enabled) return failure("invalid");
    if (!user) return failure("invalid");
    if (user.tokensRevokedAt !== null && user.tokensRevokedAt >= token.createdAt) return failure("revoked");
    if (!user.enabled) return failure("user-disabled");
    if (input.device && token.deviceKey !== null && token.deviceKey !== input.device.key)
      return failure("invalid");

    const minted = await mint(
      {
        user,
        pool: { id: token.userPoolId },
        client: input.client,
        groups,
        scopes: token.scopes,
        readableAttributes: attributesForScopes(token.scopes, readableAttributesOf(input.client.settings)),
        authTime: token.authTime,
        deviceKey: token.deviceKey ?? undefined,
        oauth: input.oauth,
        customizeClaims: input.customizeClaims,
      },
      token.familyId,
    );
    if (!input.rotate.enabled) return { ok: true, result: minted.result, user };

    const { value, stored } = newRefreshToken(deps, {
      familyId: token.familyId,
      userPoolId: token.userPoolId,
      clientId: token.clientId,
      sub: token.sub,
      scopes: token.scopes,
      deviceKey: token.deviceKey,
      authTime: token.authTime,
      createdAt: minted.issuedAt,
      expiresAt: token.expiresAt,
    });
    const rotation = await deps.storage.refreshTokens.rotateRefreshToken(
      token.tokenHash,
      stored,
      now,
      Math.max(0, input.rotate.graceSeconds) * 1000,
    );
    if (rotation.outcome === "reuse-detected") return failure("reuse-detected");
    return { ok: true, result: { ...minted.result, RefreshToken: value }, user };
  };
};
