import { NotAuthorizedException } from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import {
  type AuthSessionState,
  openAuthSession,
  type SessionChallenge,
  sealAuthSession,
  sessionExpiry,
} from "../auth-flows/auth-session.js";
import {
  guardLockout,
  recordFailure,
  type SignInDependencies,
  type SignInOptions,
  type SignInTarget,
} from "../auth-flows/sign-in.js";

// The Session of an MFA challenge names a challenge id; its wrong codes are counted in storage, since a
// sealed Session cannot count by itself. Guessing limits (docs/mfa.md):
// - MFA_SESSION_MAX_FAILURES wrong codes end the Session, and a Session answers right only once;
// - every wrong code also counts towards the user's lockout (5 failures, then doubling waits);
// - at most MFA_DAILY_MAX_FAILURES wrong codes per user in any 24 hours; beyond that every code is
//   refused, even a right one, until old failures age out (or an admin resets the user's MFA).

export const MFA_SESSION_MAX_FAILURES = 3;
export const MFA_DAILY_MAX_FAILURES = 20;
const DAY_MS = 24 * 3600_000;
export const INVALID_SESSION = "Invalid session for the user.";
export const TOO_MANY_MFA_FAILURES = "Too many invalid MFA codes for the user; try again later.";

export type MfaSessionState = Record<string, string | number | boolean>;

export interface OpenedMfaChallenge {
  state: AuthSessionState;
  user: User;
  challengeId: string;
  expiresAt: Date;
}

const newChallengeId = (deps: SignInDependencies) => Buffer.from(deps.random.bytes(16)).toString("hex");

/** Seals the Session of an MFA challenge (a fresh challenge id; DEVICE_KEY carried on). */
export function sealMfaSession(
  deps: SignInDependencies,
  target: SignInTarget,
  user: User,
  challenge: SessionChallenge,
  options: SignInOptions,
  mfa: MfaSessionState = {},
): string {
  return sealAuthSession(deps.secretBox, {
    poolId: target.pool.id,
    clientId: target.client.clientId,
    sub: user.sub,
    username: user.username,
    challenge,
    expiresAt: sessionExpiry(target.client.settings, deps.clock.now()),
    ...(options.deviceKey ? { deviceKey: options.deviceKey } : {}),
    mfa: { ...mfa, challengeId: newChallengeId(deps) },
  });
}

/** Opens the Session and refuses it when used up, when the user is over the daily cap, or locked out. */
export async function openMfaChallenge(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  challenge: SessionChallenge,
): Promise<OpenedMfaChallenge> {
  const now = deps.clock.now();
  const state = openAuthSession(deps.secretBox, session, {
    clientId: target.client.clientId,
    challenge,
    now,
  });
  const challengeId = state.mfa?.challengeId;
  const user = state.sub ? await deps.storage.users.findUserBySub(target.pool.id, state.sub) : undefined;
  if (!user || typeof challengeId !== "string") throw new NotAuthorizedException(INVALID_SESSION);
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  const counted = await deps.storage.mfa.findChallenge(challengeId);
  if (counted && (counted.closed || counted.failures >= MFA_SESSION_MAX_FAILURES)) {
    throw new NotAuthorizedException(INVALID_SESSION);
  }
  const recent = await deps.storage.mfa.countRecentChallengeFailures(
    user.sub,
    new Date(now.getTime() - DAY_MS),
  );
  if (recent >= MFA_DAILY_MAX_FAILURES) throw new NotAuthorizedException(TOO_MANY_MFA_FAILURES);
  await guardLockout(deps, user);
  return { state, user, challengeId, expiresAt: new Date(state.expiresAt) };
}

/**
 * Counts the attempt against the Session and the daily cap *before* its code is tested, so concurrent
 * guesses cannot slip past either limit; an attempt that turns out right (or expired) is given back.
 */
export async function reserveMfaAttempt(deps: SignInDependencies, opened: OpenedMfaChallenge): Promise<void> {
  const now = deps.clock.now();
  const counted = await deps.storage.mfa.recordChallengeFailure(
    opened.challengeId,
    opened.user.sub,
    opened.expiresAt,
    now,
  );
  const recent = await deps.storage.mfa.countRecentChallengeFailures(
    opened.user.sub,
    new Date(now.getTime() - DAY_MS),
  );
  if (counted.closed || counted.failures > MFA_SESSION_MAX_FAILURES) {
    await releaseMfaAttempt(deps, opened);
    throw new NotAuthorizedException(INVALID_SESSION);
  }
  if (recent > MFA_DAILY_MAX_FAILURES) {
    await releaseMfaAttempt(deps, opened);
    throw new NotAuthorizedException(TOO_MANY_MFA_FAILURES);
  }
}

/** Gives back a reserved attempt whose code was not wrong. */
export async function releaseMfaAttempt(deps: SignInDependencies, opened: OpenedMfaChallenge): Promise<void> {
  await deps.storage.mfa.releaseChallengeFailure(opened.challengeId);
}

/** A wrong code: its reserved attempt stays counted, and it feeds the lockout; then throws `error`. */
export async function failMfaCode(
  deps: SignInDependencies,
  opened: OpenedMfaChallenge,
  error: Error,
): Promise<never> {
  await recordFailure(deps, opened.user);
  throw error;
}

/** Marks the Session answered (a second use, even concurrent, is refused) and gives back the attempt. */
export async function closeMfaChallenge(deps: SignInDependencies, opened: OpenedMfaChallenge): Promise<void> {
  await releaseMfaAttempt(deps, opened);
  const closed = await deps.storage.mfa.closeChallenge(opened.challengeId, opened.user.sub, opened.expiresAt);
  if (!closed) throw new NotAuthorizedException(INVALID_SESSION);
}

/** The options for the tokens at the end: the DEVICE_KEY presented at the start rides on the Session. */
export const carriedOptions = (options: SignInOptions, state: AuthSessionState): SignInOptions =>
  state.deviceKey ? { ...options, deviceKey: state.deviceKey } : options;
