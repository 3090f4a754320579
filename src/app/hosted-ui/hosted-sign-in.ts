import { createHmac } from "node:crypto";
import type { User } from "../../domain/user/user.js";
import { passwordSignIn } from "../auth-flows/password-flows.js";
import { respondToChallenge, runAuthFlow } from "../auth-flows/run-auth-flow.js";
import type { AuthResponse, SignInDependencies, SignInOptions, SignInTarget } from "../auth-flows/sign-in.js";
import { hashRefreshToken } from "../tokens/opaque-tokens.js";
import { openClientSecret } from "../user-pools/client-secrets.js";

// The hosted UI signs people in with the same engine as InitiateAuth (USER_PASSWORD_AUTH semantics: lockout,
// status gate, challenges). The engine answers with API tokens; the hosted UI hands none of them out (the
// OAuth engine issues its own code or tokens), so their refresh-token family is revoked at once and only
// the user it names is kept.

/**
 * How the hosted UI drives the engine: the OAuth tokens it finally issues run PreTokenGeneration as
 * TokenGeneration_HostedAuth, so the engine's own (discarded) tokens skip the trigger; it runs once.
 */
export const HOSTED_SIGN_IN_OPTIONS: SignInOptions = Object.freeze({ preTokenGeneration: false });

/** Username and password on the sign-in page (USER_PASSWORD_AUTH semantics). */
export function hostedPasswordSignIn(
  deps: SignInDependencies,
  target: SignInTarget,
  username: string,
  password: string,
): Promise<AuthResponse> {
  return passwordSignIn(deps, target, { USERNAME: username, PASSWORD: password }, HOSTED_SIGN_IN_OPTIONS);
}

/**
 * Starts another AuthFlow (USER_AUTH for passwordless first factors). The hosted UI is Cognate itself
 * acting for the client, so no SECRET_HASH is asked of it.
 */
export function hostedStartAuth(
  deps: SignInDependencies,
  target: SignInTarget,
  authFlow: string,
  parameters: Record<string, string>,
): Promise<AuthResponse> {
  return runAuthFlow(deps, { ...target, hasSecret: false }, authFlow, parameters, HOSTED_SIGN_IN_OPTIONS);
}

/** Answers the engine's challenge (MFA codes, factor choice, passkeys …) as RespondToAuthChallenge. */
export function hostedRespondToChallenge(
  deps: SignInDependencies,
  target: SignInTarget,
  challengeName: string,
  session: string,
  responses: Record<string, string>,
): Promise<AuthResponse> {
  return respondToChallenge(
    deps,
    { ...target, hasSecret: false },
    challengeName,
    session,
    responses,
    HOSTED_SIGN_IN_OPTIONS,
  );
}

export type HostedSignIn =
  | { kind: "signed-in"; user: User; authTime: Date }
  | { kind: "challenge"; challengeName: string; session: string; parameters: Record<string, string> };

/** Turns the engine's answer into "signed in as" or "answer this challenge". */
export async function settleAuthResponse(
  deps: Pick<SignInDependencies, "storage" | "clock">,
  response: AuthResponse,
): Promise<HostedSignIn> {
  if ("ChallengeName" in response) {
    // USER_AUTH's SELECT_CHALLENGE names the choices beside the parameters (AvailableChallenges).
    const available = (response as { AvailableChallenges?: unknown }).AvailableChallenges;
    return {
      kind: "challenge",
      challengeName: response.ChallengeName,
      session: response.Session,
      parameters: Array.isArray(available)
        ? { ...response.ChallengeParameters, AVAILABLE_CHALLENGES: JSON.stringify(available) }
        : response.ChallengeParameters,
    };
  }
  const refreshToken = response.AuthenticationResult.RefreshToken;
  const found = refreshToken
    ? await deps.storage.refreshTokens.findRefreshToken(hashRefreshToken(refreshToken))
    : undefined;
  if (!found) throw new Error("hosted UI: the sign-in engine issued no refresh token to identify the user");
  const now = deps.clock.now();
  await deps.storage.refreshTokens.revokeFamily(found.family.familyId, now);
  const user = await deps.storage.users.findUserBySub(found.token.userPoolId, found.token.sub);
  if (!user) throw new Error("hosted UI: the signed-in user vanished");
  return { kind: "signed-in", user, authTime: found.token.authTime };
}

/**
 * The hosted UI acts for the app client, so for a client with a secret it computes SECRET_HASH itself
 * (with the newest secret) when it calls the public actions (SignUp, ConfirmSignUp, ForgotPassword, …).
 */
export async function secretHashFor(
  deps: Pick<SignInDependencies, "storage" | "secretBox">,
  target: Pick<SignInTarget, "client">,
  username: string,
): Promise<string | undefined> {
  const secrets = await deps.storage.userPoolClients.listClientSecrets(target.client.clientId);
  const newest = secrets.at(-1);
  if (!newest) return undefined;
  return createHmac("sha256", openClientSecret(deps.secretBox, newest))
    .update(username + target.client.clientId)
    .digest("base64");
}
