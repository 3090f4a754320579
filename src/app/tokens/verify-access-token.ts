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
import { userPoolIdFromIssuer } from "../../domain/tokens/issuer.js";
import {
  ACCESS_TOKEN_EXPIRED,
  ACCESS_TOKEN_REVOKED,
  INVALID_ACCESS_TOKEN,
  USER_DISABLED,
} from "../../domain/tokens/token-errors.js";
import type { User } from "../../domain/user/user.js";
import type { TokenSigner } from "../../ports/token-signer.js";
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
}

const invalid = () => new NotAuthorizedException(INVALID_ACCESS_TOKEN);

export const verifyAccessToken =
  (deps: VerifyAccessTokenDependencies) =>
  async (token: string): Promise<VerifiedAccessToken> => {
    const decoded = deps.tokenSigner.decodeUnverified(token);
    if (decoded?.alg !== "RS256" || decoded.kid === undefined) throw invalid();
    const issuer = decoded.claims.iss;
    const userPoolId =
      typeof issuer === "string" ? userPoolIdFromIssuer(deps.deployment.publicUrl, issuer) : undefined;
    if (userPoolId === undefined) throw invalid();
    const verifier = await deps.signingKeys.verifier(userPoolId, decoded.kid);
    const claims = verifier?.verify(token);
    if (!claims) throw invalid();

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

    const user = await deps.storage.users.findUserBySub(userPoolId, sub);
    if (!user) throw new UserNotFoundException("User does not exist.");
    const revokedSecond = user.tokensRevokedAt && Math.floor(user.tokensRevokedAt.getTime() / 1000);
    if (revokedSecond !== null && revokedSecond > iat) throw new NotAuthorizedException(ACCESS_TOKEN_REVOKED);
    if (await deps.storage.refreshTokens.isFamilyRevoked(originJti)) {
      throw new NotAuthorizedException(ACCESS_TOKEN_REVOKED);
    }
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
    };
  };
