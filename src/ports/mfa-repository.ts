import type { UserMfaState } from "../domain/mfa/user-mfa.js";

export interface MfaChallengeState {
  failures: number;
  closed: boolean;
}

export interface MfaRepository {
  findMfa(userPoolId: string, sub: string): Promise<UserMfaState | undefined>;
  /**
   * Creates or replaces the user's MFA state. The accepted TOTP step is written only on insert or when
   * `resetTotpStep` (a new secret): otherwise it is left to acceptTotpStep, so a settings write cannot
   * reopen a used code.
   */
  saveMfa(state: UserMfaState, options?: { resetTotpStep?: boolean }): Promise<void>;
  /** Atomically records `step` as used if it is newer than the last accepted one; false when it is not. */
  acceptTotpStep(userPoolId: string, sub: string, step: number): Promise<boolean>;
  /** Forgets every MFA setting, recovery code and challenge count of the user (an admin reset). */
  deleteMfa(userPoolId: string, sub: string): Promise<void>;
  /** Every user's MFA state in the pool, by sub; only these users' when `subs` is given (export). */
  listMfaOfPool(userPoolId: string, subs?: readonly string[]): Promise<UserMfaState[]>;
  /** The recovery code hashes of these users (export), by sub. */
  listRecoveryCodesOfUsers(
    userPoolId: string,
    subs: readonly string[],
  ): Promise<Array<{ sub: string; codeHash: string; createdAt: Date }>>;

  /** Replaces the user's recovery codes by these hashes. */
  replaceRecoveryCodes(userPoolId: string, sub: string, codeHashes: string[], at: Date): Promise<void>;
  /** Deletes the code if present; exactly one concurrent caller gets true. */
  consumeRecoveryCode(userPoolId: string, sub: string, codeHash: string): Promise<boolean>;
  countRecoveryCodes(userPoolId: string, sub: string): Promise<number>;

  /** Counts a wrong code against a challenge (its Session); returns the state after counting. */
  recordChallengeFailure(
    challengeId: string,
    sub: string,
    expiresAt: Date,
    now: Date,
  ): Promise<MfaChallengeState>;
  /** Takes back one counted failure (an attempt reserved before its code was tested, then not wrong). */
  releaseChallengeFailure(challengeId: string): Promise<void>;
  findChallenge(challengeId: string): Promise<MfaChallengeState | undefined>;
  /** Wrong codes of the user's challenges that expire after `since` (the daily cap). */
  countRecentChallengeFailures(sub: string, since: Date): Promise<number>;
  /** Marks the challenge answered; exactly one concurrent caller gets true (a Session is used once). */
  closeChallenge(challengeId: string, sub: string, expiresAt: Date): Promise<boolean>;
}
