import { InvalidParameterException } from "../../domain/errors.js";
import { refreshFailureError } from "../../domain/tokens/token-errors.js";
import type { User } from "../../domain/user/user.js";
import { respondToDevicePasswordVerifier, respondToDeviceSrpAuth } from "../devices/device-challenges.js";
import { respondToMfaSetup, respondToSelectMfaType, respondToSoftwareTokenMfa } from "../mfa/mfa-step.js";
import { respondToCodeChallenge } from "../mfa/otp-challenge.js";
import { signInAfterSignUp } from "../passwordless/sign-up-session.js";
import {
  respondToSelectChallenge,
  respondToWebAuthn,
  startUserAuth,
} from "../passwordless/user-auth-flow.js";
import { preTokenGenerationCustomizer } from "../triggers/pre-token-generation.js";
import { checkSecretHash, type PublicClient } from "../users/public-client.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import { respondToCustomChallenge, startCustomAuth } from "./custom-auth-flow.js";
import { respondToNewPasswordRequired } from "./new-password.js";
import { passwordSignIn } from "./password-flows.js";
import type { AuthResponse, SignInDependencies, SignInOptions } from "./sign-in.js";
import { respondToPasswordVerifier, startSrpSignIn } from "./srp-flow.js";

// The one sign-in engine behind InitiateAuth, AdminInitiateAuth and both RespondToAuthChallenge actions
// (the hosted UI will drive it too). Each caller says which AuthFlows it accepts, and passes its
// ClientMetadata in SignInOptions (InitiateAuth's as validationData, RespondToAuthChallenge's as
// clientMetadata), which is how Cognito routes it to triggers.

export const PUBLIC_AUTH_FLOWS = [
  "USER_SRP_AUTH",
  "USER_PASSWORD_AUTH",
  "REFRESH_TOKEN_AUTH",
  "REFRESH_TOKEN",
  "CUSTOM_AUTH",
  "USER_AUTH",
];
export const ADMIN_AUTH_FLOWS = [
  "USER_SRP_AUTH",
  "ADMIN_USER_PASSWORD_AUTH",
  "ADMIN_NO_SRP_AUTH",
  "REFRESH_TOKEN_AUTH",
  "REFRESH_TOKEN",
  "CUSTOM_AUTH",
  "USER_AUTH",
];

/** SECRET_HASH may be computed over the typed name or the internal username; accept either. */
async function checkUsernameSecretHash(
  deps: SignInDependencies,
  target: PublicClient,
  typed: string | undefined,
  secretHash: string | undefined,
): Promise<void> {
  if (!target.hasSecret) return;
  const user: User | undefined = typed
    ? await findUserByIdentifier(deps.storage.users, target.pool, typed)
    : undefined;
  const names = [typed, user?.username].filter((name): name is string => typeof name === "string");
  await checkSecretHash(deps, target, names, secretHash);
}

async function refreshSignIn(
  deps: SignInDependencies,
  target: PublicClient,
  parameters: Record<string, string>,
): Promise<AuthResponse> {
  const refreshToken = parameters.REFRESH_TOKEN;
  if (!refreshToken) throw new InvalidParameterException("Missing required parameter REFRESH_TOKEN");
  // InitiateAuth refreshes never rotate (GetTokensFromRefreshToken does), so this path only reads.
  const customizeClaims = preTokenGenerationCustomizer(deps, {
    pool: target.pool,
    client: target.client,
    source: "TokenGeneration_RefreshTokens",
  });
  const refreshed = await deps.tokens.refreshTokens({
    refreshToken,
    client: target.client,
    rotate: { enabled: false, graceSeconds: 0 },
    // A refresh token bound to a device only works with that device's key (DEVICE_KEY).
    device: { key: parameters.DEVICE_KEY },
    ...(customizeClaims ? { customizeClaims } : {}),
  });
  if (!refreshed.ok) throw refreshFailureError(refreshed.reason);
  if (target.hasSecret) {
    const names = [parameters.USERNAME, refreshed.user.username, refreshed.user.sub].filter(
      (name): name is string => typeof name === "string",
    );
    await checkSecretHash(deps, target, names, parameters.SECRET_HASH);
  }
  const { RefreshToken: _kept, ...result } = refreshed.result;
  return { AuthenticationResult: result, ChallengeParameters: {} };
}

export async function runAuthFlow(
  deps: SignInDependencies,
  target: PublicClient,
  authFlow: string,
  parameters: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  if (parameters.DEVICE_KEY) options = { ...options, deviceKey: parameters.DEVICE_KEY };
  switch (authFlow) {
    case "USER_PASSWORD_AUTH":
    case "ADMIN_USER_PASSWORD_AUTH":
    case "ADMIN_NO_SRP_AUTH":
      await checkUsernameSecretHash(deps, target, parameters.USERNAME, parameters.SECRET_HASH);
      return passwordSignIn(deps, target, parameters, options);
    case "USER_SRP_AUTH":
      await checkUsernameSecretHash(deps, target, parameters.USERNAME, parameters.SECRET_HASH);
      return startSrpSignIn(deps, target, parameters, options);
    case "CUSTOM_AUTH":
      await checkUsernameSecretHash(deps, target, parameters.USERNAME, parameters.SECRET_HASH);
      return startCustomAuth(deps, target, parameters, options);
    case "USER_AUTH":
      await checkUsernameSecretHash(deps, target, parameters.USERNAME, parameters.SECRET_HASH);
      if (options.session) return signInAfterSignUp(deps, target, parameters, options.session, options);
      return startUserAuth(deps, target, parameters, options);
    case "REFRESH_TOKEN_AUTH":
    case "REFRESH_TOKEN":
      return refreshSignIn(deps, target, parameters);
    default:
      throw new InvalidParameterException(
        `${authFlow} is not supported by Cognate yet; see docs/compatibility.md.`,
      );
  }
}

export async function respondToChallenge(
  deps: SignInDependencies,
  target: PublicClient,
  challengeName: string,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  await checkUsernameSecretHash(deps, target, responses.USERNAME, responses.SECRET_HASH);
  switch (challengeName) {
    case "PASSWORD_VERIFIER":
      return respondToPasswordVerifier(deps, target, session, responses, options);
    case "NEW_PASSWORD_REQUIRED":
      return respondToNewPasswordRequired(deps, target, session, responses, options);
    case "CUSTOM_CHALLENGE":
      return respondToCustomChallenge(deps, target, session, responses, options);
    case "DEVICE_SRP_AUTH":
      return respondToDeviceSrpAuth(deps, target, session, responses);
    case "DEVICE_PASSWORD_VERIFIER":
      return respondToDevicePasswordVerifier(deps, target, session, responses, options);
    case "SMS_MFA":
    case "EMAIL_OTP":
      return respondToCodeChallenge(deps, target, challengeName, session, responses, options);
    case "SOFTWARE_TOKEN_MFA":
      return respondToSoftwareTokenMfa(deps, target, session, responses, options);
    case "SELECT_MFA_TYPE":
      return respondToSelectMfaType(deps, target, session, responses, options);
    case "MFA_SETUP":
      return respondToMfaSetup(deps, target, session, responses, options);
    case "SELECT_CHALLENGE":
      return respondToSelectChallenge(deps, target, session, responses, options);
    case "PASSWORD":
    case "PASSWORD_SRP":
      return respondToSelectChallenge(
        deps,
        target,
        session,
        { ...responses, ANSWER: challengeName },
        options,
      );
    case "WEB_AUTHN":
      return respondToWebAuthn(deps, target, session, responses, options);
    case "SMS_OTP":
      return respondToCodeChallenge(deps, target, challengeName, session, responses, options);
    default:
      throw new InvalidParameterException(
        `${challengeName} is not supported by Cognate yet; see docs/compatibility.md.`,
      );
  }
}
