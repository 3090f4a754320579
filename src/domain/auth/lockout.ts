// Cognito's password lockout: after 5 failed sign-ins each further attempt must wait 2^(n−5) seconds
// (n = failures so far), doubling up to about 15 minutes; 15 quiet minutes end the streak. While
// locked, an attempt is refused with "Password attempts exceeded" without checking the password.

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MAX_WAIT_SECONDS = 15 * 60;
export const FAILURE_STREAK_RESET_MS = 15 * 60 * 1000;
export const LOCKED_OUT_MESSAGE = "Password attempts exceeded";

/** The instant until which the next attempt is refused, or undefined when attempts are allowed. */
export function lockedUntil(failures: number, lastFailureAt: Date | null): Date | undefined {
  if (failures < LOCKOUT_THRESHOLD || lastFailureAt === null) return undefined;
  const waitSeconds = Math.min(2 ** (failures - LOCKOUT_THRESHOLD), LOCKOUT_MAX_WAIT_SECONDS);
  return new Date(lastFailureAt.getTime() + waitSeconds * 1000);
}
