import type { Passkey, PasskeyChallenge, PasskeyChallengePurpose } from "../domain/passwordless/passkey.js";
import type { Page, PageRequest } from "./storage.js";

export interface PasskeyRepository {
  /**
   * Adds a passkey unless the user already has `maxPerUser` (checked and inserted atomically).
   * "duplicate" when the credential id is already registered in the pool.
   */
  insertPasskey(passkey: Passkey, maxPerUser: number): Promise<"added" | "limit-reached" | "duplicate">;
  findPasskey(userPoolId: string, credentialId: string): Promise<Passkey | undefined>;
  /** The user's passkeys, oldest first. */
  listPasskeysOfUser(userPoolId: string, sub: string, page: PageRequest): Promise<Page<Passkey>>;
  countPasskeysOfUser(userPoolId: string, sub: string): Promise<number>;
  /** Every passkey of a pool; only these users' when `subs` is given (export). */
  listPasskeysOfPool(userPoolId: string, subs?: readonly string[]): Promise<Passkey[]>;
  /** Records a use; false when the passkey is gone. */
  updateSignCount(userPoolId: string, credentialId: string, signCount: number): Promise<boolean>;
  /** False when the user has no such passkey. */
  deletePasskey(userPoolId: string, sub: string, credentialId: string): Promise<boolean>;

  /** Stores a challenge (and drops the user's expired ones). */
  saveChallenge(challenge: PasskeyChallenge): Promise<void>;
  /**
   * Atomically takes the live challenge with this hash for this user and purpose: exactly one caller
   * gets it, and it is gone afterwards. Returns the challenge's client id, or undefined.
   */
  consumeChallenge(input: {
    userPoolId: string;
    sub: string;
    purpose: PasskeyChallengePurpose;
    challengeHash: string;
    now: Date;
  }): Promise<{ clientId: string } | undefined>;
}
