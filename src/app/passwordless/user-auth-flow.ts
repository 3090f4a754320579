import {
  InvalidParameterException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  UserNotConfirmedException,
} from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import { openChallengeSession, sealAuthSession, sessionExpiry } from "../auth-flows/auth-session.js";
import { passwordSignIn } from "../auth-flows/password-flows.js";
import {
  type AuthResponse,
  guardLockout,
  incorrectCredentials,
  issueSignInTokens,
  recordFailure,
  type SignInDependencies,
  type SignInOptions,
  type SignInTarget,
  unknownUserError,
} from "../auth-flows/sign-in.js";
import { startSrpSignIn } from "../auth-flows/srp-flow.js";
import { startCodeChallenge } from "../mfa/otp-challenge.js";
import { runPreAuthentication } from "../triggers/pre-authentication.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import { hidesUserExistence } from "../users/user-existence.js";
import {
  allowedFirstFactors,
  availableFirstFactors,
  type FirstFactor,
  isFirstFactor,
} from "./first-factors.js";
import {
  PasskeySignInFailed,
  simulatedPasskeySignIn,
  startPasskeySignIn,
  verifyPasskeySignIn,
} from "./passkey-sign-in.js";

// AuthFlow USER_AUTH (choice-based sign-in). InitiateAuth names the user and may name a
// PREFERRED_CHALLENGE; when the user can use it the flow starts it at once, otherwise it answers
// SELECT_CHALLENGE with AvailableChallenges and the user picks with ANSWER (RespondToAuthChallenge
// SELECT_CHALLENGE, or directly PASSWORD / PASSWORD_SRP with the same Session).
// - PASSWORD and PASSWORD_SRP continue through the password engine (then MFA, when required);
// - EMAIL_OTP and SMS_OTP send a code (src/app/mfa/otp-challenge.ts); a right code gives tokens;
// - WEB_AUTHN answers CREDENTIAL_REQUEST_OPTIONS; a verified passkey gives tokens (no second factor:
//   a passkey is possession plus, with user verification, inherence).
// Unknown users, when the client hides user existence, get a plausible choice (stable per name) and
// sessions that can only fail, like a wrong password.

export type UserAuthResponse = AuthResponse & { AvailableChallenges?: string[] };

const invalidSession = () => new NotAuthorizedException("Invalid session for the user.");

interface Chooser {
  /** The typed name (USERNAME), used again by the password flows. */
  typedName: string;
  user: User | undefined;
}

async function startFactor(
  deps: SignInDependencies,
  target: SignInTarget,
  chooser: Chooser,
  factor: FirstFactor,
  parameters: Record<string, string>,
  options: SignInOptions,
): Promise<UserAuthResponse> {
  const { user, typedName } = chooser;
  // The password factors take the typed name and their own parameter; a missing one is reported by them.
  const only = (name: "PASSWORD" | "SRP_A") =>
    parameters[name] === undefined ? {} : { [name]: parameters[name] };
  if (factor === "PASSWORD") {
    return passwordSignIn(deps, target, { USERNAME: typedName, ...only("PASSWORD") }, options);
  }
  if (factor === "PASSWORD_SRP") {
    return startSrpSignIn(deps, target, { USERNAME: typedName, ...only("SRP_A") }, options);
  }
  if (user) {
    await guardLockout(deps, user);
    await runPreAuthentication(deps, {
      pool: target.pool,
      user,
      clientId: target.client.clientId,
      validationData: options.validationData,
    });
  }
  if (factor === "WEB_AUTHN") {
    const owner = user && { pool: target.pool, user, clientId: target.client.clientId };
    const requestOptions = owner
      ? await startPasskeySignIn(deps, owner)
      : await simulatedPasskeySignIn(deps, target.pool, typedName);
    return {
      ChallengeName: "WEB_AUTHN",
      Session: sealUserAuthSession(deps, target, chooser, "WEB_AUTHN", options, {}),
      ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(requestOptions) },
    };
  }
  const channel = factor === "EMAIL_OTP" ? "email" : "sms";
  if (!user) return simulatedCodeChallenge(deps, target, chooser, factor, options);
  // No code goes to a user who could not sign in with it.
  checkUserStatus(user);
  return startCodeChallenge(deps, target, user, { channel, firstFactor: true }, options);
}

function sealUserAuthSession(
  deps: SignInDependencies,
  target: SignInTarget,
  chooser: Chooser,
  challenge: "SELECT_CHALLENGE" | "WEB_AUTHN" | "EMAIL_OTP" | "SMS_OTP",
  options: SignInOptions,
  userAuth: Record<string, string | string[]>,
): string {
  return sealAuthSession(deps.secretBox, {
    poolId: target.pool.id,
    clientId: target.client.clientId,
    ...(chooser.user ? { sub: chooser.user.sub } : {}),
    username: chooser.user?.username ?? chooser.typedName,
    challenge,
    expiresAt: sessionExpiry(target.client.settings, deps.clock.now()),
    ...(options.deviceKey ? { deviceKey: options.deviceKey } : {}),
    userAuth: { ...userAuth, typedName: chooser.typedName },
  });
}

/** An unknown user's code challenge: nothing is sent, and any code fails (CodeMismatchException). */
function simulatedCodeChallenge(
  deps: SignInDependencies,
  target: SignInTarget,
  chooser: Chooser,
  factor: "EMAIL_OTP" | "SMS_OTP",
  options: SignInOptions,
): UserAuthResponse {
  const digest = deps.secretHasher.hash(`${target.pool.id}\u0000${chooser.typedName}`, "fake-destination");
  const letter = (index: number) => String.fromCharCode(97 + ((digest.charCodeAt(index) || 0) % 26));
  const destination =
    factor === "EMAIL_OTP"
      ? `${letter(0)}***@${letter(1)}***`
      : `+*******${String(digest.charCodeAt(2) % 10000).padStart(4, "0")}`;
  return {
    ChallengeName: factor,
    Session: sealUserAuthSession(deps, target, chooser, factor, options, { simulated: "true" }),
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: factor === "EMAIL_OTP" ? "EMAIL" : "SMS",
      CODE_DELIVERY_DESTINATION: destination,
    },
  };
}

/**
 * What an unknown user "has": like most users a password and an email, and, decided once per name by the
 * server key, a phone or a passkey, so that repeated requests agree and the answer looks like a real one.
 */
function simulatedFirstFactors(
  deps: SignInDependencies,
  target: SignInTarget,
  typedName: string,
): FirstFactor[] {
  const digest = Buffer.from(
    deps.secretHasher.hash(`${target.pool.id}\u0000${typedName}`, "fake-factors"),
    "base64url",
  );
  const bit = (index: number) => ((digest[0] ?? 0) >> index) % 2 === 1;
  return allowedFirstFactors(target.pool).filter(
    (factor) => (factor !== "SMS_OTP" || bit(0)) && (factor !== "WEB_AUTHN" || bit(1)),
  );
}

/** InitiateAuth / AdminInitiateAuth with AuthFlow USER_AUTH. */
export async function startUserAuth(
  deps: SignInDependencies,
  target: SignInTarget,
  parameters: Record<string, string>,
  options: SignInOptions = {},
): Promise<UserAuthResponse> {
  const typedName = parameters.USERNAME;
  if (!typedName) throw new InvalidParameterException("Missing required parameter USERNAME");
  const preferred = parameters.PREFERRED_CHALLENGE;
  if (preferred !== undefined && !isFirstFactor(preferred)) {
    throw new InvalidParameterException(`${preferred} is not a valid PREFERRED_CHALLENGE.`);
  }
  const user = await findUserByIdentifier(deps.storage.users, target.pool, typedName);
  if (!user && !hidesUserExistence(target.client)) {
    // A UserMigration trigger may still create the user from a password.
    if (preferred === "PASSWORD")
      return startFactor(deps, target, { typedName, user }, "PASSWORD", parameters, options);
    throw unknownUserError(target.client);
  }
  const available = user
    ? await availableFirstFactors(deps.storage, target.pool, user)
    : simulatedFirstFactors(deps, target, typedName);
  const chooser: Chooser = { typedName, user };
  if (preferred !== undefined && available.includes(preferred)) {
    return startFactor(deps, target, chooser, preferred, parameters, options);
  }
  if (available.length === 0) {
    // Nothing to choose from (no factor the pool allows is set up): the generic failure.
    throw incorrectCredentials();
  }
  return {
    ChallengeName: "SELECT_CHALLENGE",
    Session: sealUserAuthSession(deps, target, chooser, "SELECT_CHALLENGE", options, { available }),
    ChallengeParameters: {},
    AvailableChallenges: available,
  };
}

/** RespondToAuthChallenge SELECT_CHALLENGE (ANSWER), and PASSWORD / PASSWORD_SRP with that Session. */
export async function respondToSelectChallenge(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<UserAuthResponse> {
  const state = openChallengeSession(deps, target, session, "SELECT_CHALLENGE");
  const answer = responses.ANSWER;
  if (!answer) throw new InvalidParameterException("Missing required parameter ANSWER");
  const available = state.userAuth?.available;
  if (!isFirstFactor(answer) || !Array.isArray(available) || !available.includes(answer)) {
    throw new InvalidParameterException(`${answer} is not an available challenge for the user.`);
  }
  const typedName = typeof state.userAuth?.typedName === "string" ? state.userAuth.typedName : state.username;
  const user = state.sub ? await deps.storage.users.findUserBySub(target.pool.id, state.sub) : undefined;
  if (state.sub && !user) throw invalidSession();
  const carried = state.deviceKey ? { ...options, deviceKey: state.deviceKey } : options;
  return startFactor(deps, target, { typedName, user }, answer, responses, carried);
}

/** RespondToAuthChallenge WEB_AUTHN: the passkey's AuthenticationResponseJSON as CREDENTIAL. */
export async function respondToWebAuthn(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const state = openChallengeSession(deps, target, session, "WEB_AUTHN");
  const encoded = responses.CREDENTIAL;
  if (!encoded) throw new InvalidParameterException("Missing required parameter CREDENTIAL");
  let credential: unknown;
  try {
    credential = JSON.parse(encoded);
  } catch {
    throw new InvalidParameterException("CREDENTIAL is not a valid WebAuthn response.");
  }
  const user = state.sub ? await deps.storage.users.findUserBySub(target.pool.id, state.sub) : undefined;
  if (!user) throw incorrectCredentials();
  await guardLockout(deps, user);
  try {
    await verifyPasskeySignIn(
      deps,
      { pool: target.pool, user, clientId: target.client.clientId },
      credential,
    );
  } catch (error) {
    await recordFailure(deps, user);
    if (error instanceof PasskeySignInFailed) throw incorrectCredentials();
    throw error;
  }
  const carried = state.deviceKey ? { ...options, deviceKey: state.deviceKey } : options;
  return afterFirstFactor(deps, target, user, carried);
}

/** A passwordless factor proved the user: the status rules, then tokens (no second factor; they clear the failure streak). */
export async function afterFirstFactor(
  deps: SignInDependencies,
  target: SignInTarget,
  user: User,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  checkUserStatus(user);
  return issueSignInTokens(deps, target, user, options);
}

/** The status rules of every sign-in (a temporary password only matters to the password factors). */
function checkUserStatus(user: User): void {
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  if (user.status === "UNCONFIRMED") throw new UserNotConfirmedException("User is not confirmed.");
  if (user.status === "RESET_REQUIRED")
    throw new PasswordResetRequiredException("Password reset required for the user");
}
