// Checks an access token presented to Cognate's own endpoints (GetUser, ChangePassword, GlobalSignOut, …).
// In order, each failure a NotAuthorizedException with Cognito's text:
// - "Invalid Access Token": not a JWS; not RS256; `iss` is not one of this deployment's pools; no published
//   key of that pool has its kid; bad signature; token_use is not "access"; required claims missing.
// - "Access Token has expired": exp is not in the future.
// - UserNotFoundException "User does not exist.": the user is gone.
// - "Access Token has been revoked": the user's tokens were revoked (tokensRevokedAt: GlobalSignOut,
//   AdminUserGlobalSignOut) in a later second than its iat, or its family (origin_jti) is revoked
//   (RevokeToken, sign-outs) or gone. Whole seconds, because iat has no finer precision: a token issued in
//   the second of the revocation but before it is still caught by its revoked family.
// - "User is disabled.": the user is disabled.
// Scope checks (aws.cognito.signin.user.admin) are the caller's: it knows which scope the action needs.

import { NotAuthorizedException, UserNotFoundException } from "../../domain/errors.js";
import type { UserMfaState } from "../../domain/mfa/user-mfa.js";
import { userPoolIdFromIssuer } from "../../domain/tokens/issuer.js";
import {
  ACCESS_TOKEN_EXPIRED,
  ACCESS_TOKEN_REVOKED,
  INVALID_ACCESS_TOKEN,
  USER_DISABLED,
} from "../../domain/tokens/token-errors.js";
import type { User } from "../../domain/user/user.js";
import type { JwtVerifier, TokenSigner } from "../../ports/token-signer.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies } from "../dependencies.js";
import type { SigningKeys } from "./signing-keys.js";

export interface VerifyAccessTokenDependencies
  extends Pick<AppDependencies, "storage" | "clock" | "deployment"> {
  signingKeys: SigningKeys;
  tokenSigner: TokenSigner;
}

export interface VerifiedAccessToken {
  userPoolId: string;
  sub: string;
  username: string;
  clientId: string;
  scopes: string[];
  originJti: string;
  deviceKey: string | undefined;
  /** The user, as just read (callers need it anyway). */
  user: User;
  /** The user's MFA state, read with the user (GetUser reports it). */
  mfa: UserMfaState | undefined;
}

const invalid = () => new NotAuthorizedException(INVALID_ACCESS_TOKEN);

/** A token whose signature was checked, with the key that checked it. */
interface CheckedSignature {
  userPoolId: string;
  kid: string;
  verifier: JwtVerifier;
  claims: JsonObject;
}

// An RSA verification and two JSON parses are most of a GetUser's CPU, and apps send the same access
// token for an hour: a bounded map from the exact token text to its checked claims skips them. A hit
// still needs its key to be live (the pool's verifier for that kid is the same object, which a
// rotation or retirement replaces); expiry, revocation and the user are checked on every call.
const MAX_CHECKED_SIGNATURES = 4096;

export const verifyAccessToken = (deps: VerifyAccessTokenDependencies) => {
  const checked = new Map<string, CheckedSignature>();

  const checkSignature = async (token: string): Promise<CheckedSignature> => {
    const hit = checked.get(token);
    if (hit !== undefined) {
      if ((await deps.signingKeys.verifier(hit.userPoolId, hit.kid)) === hit.verifier) return hit;
      checked.delete(token);
    }
    const decoded = deps.tokenSigner.decodeUnverified(token);
    if (decoded?.alg !== "RS256" || decoded.kid === undefined) throw invalid();
    const issuer = decoded.claims.iss;
    const userPoolId =
      typeof issuer === "string" ? userPoolIdFromIssuer(deps.deployment.publicUrl, issuer) : undefined;
    if (userPoolId === undefined) throw invalid();
    const verifier = await deps.signingKeys.verifier(userPoolId, decoded.kid);
    const claims = verifier?.verify(token);
    if (!verifier || !claims) throw invalid();
    const entry = { userPoolId, kid: decoded.kid, verifier, claims };
    checked.set(token, entry);
    if (checked.size > MAX_CHECKED_SIGNATURES) checked.delete(checked.keys().next().value as string);
    return entry;
  };

  return async (token: string): Promise<VerifiedAccessToken> => {
    const { userPoolId, claims } = await checkSignature(token);

    const { sub, username, client_id: clientId, scope, origin_jti: originJti, exp, iat } = claims;
    if (
      claims.token_use !== "access" ||
      typeof sub !== "string" ||
      typeof username !== "string" ||
      typeof clientId !== "string" ||
      typeof scope !== "string" ||
      typeof originJti !== "string" ||
      typeof exp !== "number" ||
      typeof iat !== "number"
    ) {
      throw invalid();
    }
    const nowSeconds = deps.clock.now().getTime() / 1000;
    if (exp <= nowSeconds) throw new NotAuthorizedException(ACCESS_TOKEN_EXPIRED);

    const found = await deps.storage.users.findTokenHolder(userPoolId, sub, originJti);
    if (!found) throw new UserNotFoundException("User does not exist.");
    const { user, familyLive, mfa } = found;
    const revokedSecond = user.tokensRevokedAt && Math.floor(user.tokensRevokedAt.getTime() / 1000);
    if (revokedSecond !== null && revokedSecond > iat) throw new NotAuthorizedException(ACCESS_TOKEN_REVOKED);
    if (!familyLive) throw new NotAuthorizedException(ACCESS_TOKEN_REVOKED);
    if (!user.enabled) throw new NotAuthorizedException(USER_DISABLED);

    return {
      userPoolId,
      sub,
      username,
      clientId,
      scopes: scope === "" ? [] : scope.split(" "),
      originJti,
      deviceKey: typeof claims.device_key === "string" ? claims.device_key : undefined,
      user,
      mfa,
    };
  };
};
