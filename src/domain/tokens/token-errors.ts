// Cognito's answers for tokens it will not honour (NotAuthorizedException unless noted). Apps string-match
// these, so they live in one place. "Refresh Token has been revoked" and "Access Token has expired" /
// "Access Token has been revoked" are seen in public SDK issue logs; the others follow the same wording.

import { NotAuthorizedException, RefreshTokenReuseException } from "../errors.js";

export const INVALID_ACCESS_TOKEN = "Invalid Access Token";
export const ACCESS_TOKEN_EXPIRED = "Access Token has expired";
export const ACCESS_TOKEN_REVOKED = "Access Token has been revoked";
export const INVALID_REFRESH_TOKEN = "Invalid Refresh Token";
export const REFRESH_TOKEN_EXPIRED = "Refresh Token has expired";
export const REFRESH_TOKEN_REVOKED = "Refresh Token has been revoked";
export const USER_DISABLED = "User is disabled.";
/** Unverified wording; GetTokensFromRefreshToken answers reuse with RefreshTokenReuseException. */
export const REFRESH_TOKEN_REUSED = "Refresh Token has been reused";

/** Why a refresh token was refused. */
export type RefreshFailureReason = "invalid" | "expired" | "revoked" | "user-disabled" | "reuse-detected";

const REFRESH_FAILURE_MESSAGES: Record<RefreshFailureReason, string> = {
  invalid: INVALID_REFRESH_TOKEN,
  expired: REFRESH_TOKEN_EXPIRED,
  revoked: REFRESH_TOKEN_REVOKED,
  "user-disabled": USER_DISABLED,
  "reuse-detected": REFRESH_TOKEN_REUSED,
};

export const refreshFailureMessage = (reason: RefreshFailureReason) => REFRESH_FAILURE_MESSAGES[reason];

/** The exception the JSON API answers with. */
export const refreshFailureError = (reason: RefreshFailureReason) =>
  reason === "reuse-detected"
    ? new RefreshTokenReuseException(REFRESH_TOKEN_REUSED)
    : new NotAuthorizedException(REFRESH_FAILURE_MESSAGES[reason]);
