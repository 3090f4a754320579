import { FAILURE_STREAK_RESET_MS, LOCKED_OUT_MESSAGE, lockedUntil } from "../../domain/auth/lockout.js";
import {
  NotAuthorizedException,
  PasswordResetRequiredException,
  UserNotConfirmedException,
  UserNotFoundException,
} from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import type { AppDependencies } from "../dependencies.js";
import type { NewDeviceMetadata } from "../devices/device-keys.js";
import { deviceChallengeBeforeMfa, deviceStepAtTokens } from "../devices/device-steps.js";
import { mfaStepOrTokens } from "../mfa/mfa-step.js";
import type { AuthenticationResult } from "../tokens/mint-tokens.js";
import { runPostAuthentication } from "../triggers/post-authentication.js";
import {
  preTokenGenerationCustomizer,
  type TokenGenerationSource,
} from "../triggers/pre-token-generation.js";
import { hidesUserExistence } from "../users/user-existence.js";
import { sealAuthSession, sessionExpiry } from "./auth-session.js";
import { newPasswordChallengeParameters } from "./new-password.js";

// What every sign-in shares once the user is known: the lockout guard, failure counting, the status
// gate (disabled, unconfirmed, reset required, temporary password) and the tokens at the end, after the
// PostAuthentication trigger and through the PreTokenGeneration trigger.

export type SignInDependencies = Pick<
  AppDependencies,
  | "storage"
  | "clock"
  | "random"
  | "secretBox"
  | "secretHasher"
  | "passwords"
  | "srp"
  | "tokens"
  | "triggers"
  | "codes"
  | "deployment"
  | "passkeyVerifier"
>;

/** What the calling action passes on to triggers (Cognito routes ClientMetadata differently per action). */
export interface SignInOptions {
  /** InitiateAuth's ClientMetadata: PreAuthentication and UserMigration receive it as `validationData`. */
  validationData?: Record<string, string> | undefined;
  /** RespondToAuthChallenge's ClientMetadata: PostAuthentication, PreTokenGeneration, custom auth. */
  clientMetadata?: Record<string, string> | undefined;
  /**
   * False when the caller discards the engine's tokens and mints its own (the hosted UI, whose OAuth
   * tokens run PreTokenGeneration as TokenGeneration_HostedAuth): the trigger then runs once, not twice.
   */
  preTokenGeneration?: boolean;
  /** InitiateAuth's Session: with USER_AUTH, the one ConfirmSignUp returned (docs/passwordless.md). */
  session?: string | undefined;
  /** AuthParameters.DEVICE_KEY: a device the client remembers (skips MFA when remembered). */
  deviceKey?: string | undefined;
  /** Set by DEVICE_PASSWORD_VERIFIER once the device proved its key: the tokens are bound to it. */
  deviceAuthenticated?: boolean;
  /**
   * Set on the direct path from the password to the tokens: a known device then proves itself with
   * DEVICE_SRP_AUTH. MFA sessions do not carry it: after a second factor a known device is not challenged
   * (amazon-cognito-identity-js answers such a challenge with the MFA step's Session).
   */
  deviceChallengeAtTokens?: boolean;
  /** The caller's address (RespondToAuthChallenge), recorded as the device's last_ip_used. */
  sourceIp?: string | undefined;
}

export interface SignInTarget {
  pool: UserPool;
  client: UserPoolClient;
}

export type AuthResponse =
  | {
      AuthenticationResult: AuthenticationResult & { NewDeviceMetadata?: NewDeviceMetadata };
      ChallengeParameters: Record<string, string>;
    }
  | { ChallengeName: string; Session: string; ChallengeParameters: Record<string, string> };

export const API_SCOPES = ["aws.cognito.signin.user.admin"];
export const incorrectCredentials = () => new NotAuthorizedException("Incorrect username or password.");

/** An unknown user: Cognito's generic answer when the client hides user existence, else the truth. */
export function unknownUserError(client: UserPoolClient): Error {
  return hidesUserExistence(client)
    ? incorrectCredentials()
    : new UserNotFoundException("User does not exist.");
}

/** Refuses the attempt while the user is locked out by earlier failures. */
export async function guardLockout(deps: SignInDependencies, user: User): Promise<void> {
  const now = deps.clock.now();
  const streak = await deps.storage.users.readFailedSignIns(
    user.userPoolId,
    user.sub,
    now,
    FAILURE_STREAK_RESET_MS,
  );
  const until = lockedUntil(streak.failures, streak.lastFailureAt);
  if (until && now < until) throw new NotAuthorizedException(LOCKED_OUT_MESSAGE);
}

/**
 * A RESET_REQUIRED user without any password (imported, or migrated during ForgotPassword) cannot prove
 * one: Cognito answers PasswordResetRequiredException at once, which tells the app to run ForgotPassword.
 */
export function refuseUserWithoutPassword(user: User): void {
  if (user.status === "RESET_REQUIRED" && !user.password)
    throw new PasswordResetRequiredException("Password reset required for the user");
}

/** Counts a failed attempt (a wrong password, proof or custom answer) towards the lockout. */
export async function recordFailure(deps: SignInDependencies, user: User): Promise<void> {
  await deps.storage.users.recordFailedSignIn(
    user.userPoolId,
    user.sub,
    deps.clock.now(),
    FAILURE_STREAK_RESET_MS,
  );
}

/** Counts a wrong password or proof, then answers as Cognito does. */
export async function failSignIn(deps: SignInDependencies, user: User): Promise<never> {
  await recordFailure(deps, user);
  throw incorrectCredentials();
}

async function clearFailures(deps: SignInDependencies, user: User): Promise<void> {
  const now = deps.clock.now();
  const streak = await deps.storage.users.readFailedSignIns(
    user.userPoolId,
    user.sub,
    now,
    FAILURE_STREAK_RESET_MS,
  );
  // Only write when there is something to clear: a clean sign-in stays a read-only path.
  if (streak.failures > 0 || streak.lastFailureAt !== null)
    await deps.storage.users.clearFailedSignIns(user.userPoolId, user.sub);
}

/** Tokens for a user who has proved who they are (PostAuthentication first; PreTokenGeneration inside). */
export async function issueSignInTokens(
  deps: SignInDependencies,
  target: SignInTarget,
  user: User,
  options: SignInOptions = {},
  source: TokenGenerationSource = "TokenGeneration_Authentication",
): Promise<AuthResponse> {
  const { pool, client } = target;
  const clientMetadata = options.clientMetadata;
  const device = await deviceStepAtTokens(deps, target, user, options);
  if (device.kind === "challenge") return device.response;
  // Failures clear only once the sign-in fully succeeds: wrong MFA codes keep counting after a right password.
  await clearFailures(deps, user);
  await runPostAuthentication(deps, {
    pool,
    user,
    clientId: client.clientId,
    clientMetadata,
    newDeviceUsed: device.newDevice !== undefined,
  });
  const groups = await deps.storage.groups.groupsOfUser(user.userPoolId, user.sub);
  const customizeClaims =
    options.preTokenGeneration === false
      ? undefined
      : preTokenGenerationCustomizer(deps, { pool, client, source, clientMetadata, user, groups });
  const result = await deps.tokens.issueTokens({
    user,
    pool: target.pool,
    client: target.client,
    groups,
    scopes: API_SCOPES,
    authTime: deps.clock.now(),
    withRefreshToken: true,
    ...(device.deviceKey ? { deviceKey: device.deviceKey } : {}),
    ...(customizeClaims ? { customizeClaims } : {}),
  });
  return {
    AuthenticationResult: device.newDevice ? { ...result, NewDeviceMetadata: device.newDevice } : result,
    ChallengeParameters: {},
  };
}

/** After the password (or SRP proof) checked out: status rules, then a challenge or tokens. */
export async function afterPasswordVerified(
  deps: SignInDependencies,
  target: SignInTarget,
  user: User,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  if (user.status === "UNCONFIRMED") throw new UserNotConfirmedException("User is not confirmed.");
  if (user.status === "RESET_REQUIRED")
    throw new PasswordResetRequiredException("Password reset required for the user");
  if (user.status === "FORCE_CHANGE_PASSWORD") {
    const now = deps.clock.now();
    if (user.temporaryPasswordExpiresAt && now > user.temporaryPasswordExpiresAt) {
      throw new NotAuthorizedException(
        "Temporary password has expired and must be reset by an administrator.",
      );
    }
    const session = sealAuthSession(deps.secretBox, {
      poolId: target.pool.id,
      clientId: target.client.clientId,
      sub: user.sub,
      username: user.username,
      challenge: "NEW_PASSWORD_REQUIRED",
      expiresAt: sessionExpiry(target.client.settings, now),
      ...(options.deviceKey ? { deviceKey: options.deviceKey } : {}),
    });
    return {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: session,
      ChallengeParameters: newPasswordChallengeParameters(target.pool, user),
    };
  }
  // A remembered device proves itself instead of a second factor (src/app/devices/device-steps.ts).
  const deviceChallenge = await deviceChallengeBeforeMfa(deps, target, user, options);
  if (deviceChallenge) return deviceChallenge;
  return mfaStepOrTokens(deps, target, user, { ...options, deviceChallengeAtTokens: true });
}
