import { NotAuthorizedException } from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { userPoolNotFound } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import type { VerifiedAccessToken } from "../tokens/verify-access-token.js";

// Self-service actions (GetUser, UpdateUserAttributes, ChangePassword, …) are authorised by an access
// token alone. It must verify (signature, expiry, revocation, the user still enabled) and carry the
// aws.cognito.signin.user.admin scope, which API sign-ins grant and OAuth grants only on request.

export const SELF_SERVICE_SCOPE = "aws.cognito.signin.user.admin";

export interface SignedInUser {
  token: VerifiedAccessToken;
  user: User;
  pool: UserPool;
}

export async function requireSignedInUser(
  deps: Pick<AppDependencies, "tokens" | "storage">,
  accessToken: string,
): Promise<SignedInUser> {
  const token = await deps.tokens.verifyAccessToken(accessToken);
  if (!token.scopes.includes(SELF_SERVICE_SCOPE)) {
    throw new NotAuthorizedException("Access Token does not have required scopes");
  }
  const pool = await deps.storage.userPools.findUserPool(token.userPoolId);
  if (!pool) throw userPoolNotFound(token.userPoolId);
  return { token, user: token.user, pool };
}
