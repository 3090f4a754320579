/** Cognito's user statuses, as AdminGetUser and ListUsers report them. */
export type UserStatus =
  | "UNCONFIRMED"
  | "CONFIRMED"
  | "FORCE_CHANGE_PASSWORD"
  | "RESET_REQUIRED"
  | "EXTERNAL_PROVIDER"
  | "ARCHIVED"
  | "COMPROMISED"
  | "UNKNOWN";

/** What proves the password: an argon2id (or imported) PHC hash, and the SRP verifier. */
export interface PasswordCredentials {
  /** PHC string; imported users may carry bcrypt, scrypt or PBKDF2 hashes until their first sign-in. */
  hash: string;
  /** Hex salt of the SRP verifier (as sent in the SALT challenge parameter). */
  srpSaltHex: string | null;
  /** The SRP verifier, sealed with the master key: it is as sensitive as a fast password hash. */
  srpVerifierSealed: string | null;
  changedAt: Date;
}

export interface User {
  userPoolId: string;
  /** The immutable UUID; also the username in pools where email or phone is the username. */
  sub: string;
  /** The username as Cognito reports it (case preserved). */
  username: string;
  status: UserStatus;
  enabled: boolean;
  /** Every attribute except `sub`, as Cognito's string values ("true" for verified flags). */
  attributes: Record<string, string>;
  password: PasswordCredentials | null;
  /** PHC hashes of earlier passwords, newest first, for PasswordHistorySize. */
  passwordHistory: string[];
  /** When a temporary password stops working (FORCE_CHANGE_PASSWORD users). */
  temporaryPasswordExpiresAt: Date | null;
  /**
   * New email/phone values waiting for verification when the pool requires verification before update;
   * until verified, the old value stays in `attributes` (and in tokens and aliases).
   */
  pendingAttributes?: Record<string, string>;
  /** Anything issued before this instant (access tokens, sessions) is no longer honoured by Cognate. */
  tokensRevokedAt: Date | null;
  createdAt: Date;
  lastModifiedAt: Date;
}

/** A sign-in identifier other than the username: a verified email, a phone number, a preferred_username. */
export type AliasKind = "email" | "phone_number" | "preferred_username";

export interface UserAlias {
  kind: AliasKind;
  /** Normalised value (emails lower-cased), so lookups and uniqueness agree. */
  value: string;
}
