import { NotAuthorizedException } from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import { openChallengeSession, sealAuthSession, sessionExpiry } from "../auth-flows/auth-session.js";
import {
  type AuthResponse,
  issueSignInTokens,
  type SignInDependencies,
  type SignInOptions,
  type SignInTarget,
} from "../auth-flows/sign-in.js";
import { findUserByIdentifier } from "../users/user-directory.js";

// ConfirmSignUp's Session: the code the user just typed proved the email or phone, so Cognito lets the
// client sign in once with USER_AUTH and that Session instead of asking for another code. The Session is
// sealed (pool, client, user, expiry: the client's AuthSessionValidity) and used once (closeChallenge).
// Like the other passwordless first factors, it leads to tokens without a second factor.

const INVALID_SESSION = "Invalid session for the user.";

export function sealSignUpSession(
  deps: Pick<SignInDependencies, "secretBox" | "clock" | "random">,
  target: SignInTarget,
  user: User,
): string {
  return sealAuthSession(deps.secretBox, {
    poolId: target.pool.id,
    clientId: target.client.clientId,
    sub: user.sub,
    username: user.username,
    challenge: "SIGN_UP_CONFIRMED",
    expiresAt: sessionExpiry(target.client.settings, deps.clock.now()),
    userAuth: { signUpId: deps.random.uuid() },
  });
}

/** InitiateAuth / AdminInitiateAuth with USER_AUTH and the Session ConfirmSignUp returned. */
export async function signInAfterSignUp(
  deps: SignInDependencies,
  target: SignInTarget,
  parameters: Record<string, string>,
  session: string,
  options: SignInOptions,
): Promise<AuthResponse> {
  const state = openChallengeSession(deps, target, session, "SIGN_UP_CONFIRMED");
  const signUpId = state.userAuth?.signUpId;
  const typed = parameters.USERNAME;
  const user = state.sub ? await deps.storage.users.findUserBySub(target.pool.id, state.sub) : undefined;
  const named = typed ? await findUserByIdentifier(deps.storage.users, target.pool, typed) : undefined;
  if (!user || typeof signUpId !== "string" || named?.sub !== user.sub) {
    throw new NotAuthorizedException(INVALID_SESSION);
  }
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  if (user.status !== "CONFIRMED") throw new NotAuthorizedException(INVALID_SESSION);
  const first = await deps.storage.mfa.closeChallenge(signUpId, user.sub, new Date(state.expiresAt));
  if (!first) throw new NotAuthorizedException(INVALID_SESSION);
  const { session: _used, ...rest } = options;
  return issueSignInTokens(deps, target, user, rest);
}
