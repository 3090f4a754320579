// A registered passkey (WebAuthn credential) of a user, and the single-use challenges that bind a
// registration or a sign-in to one user. Challenges are kept only as keyed hashes.

/** Cognito's quota: at most 20 passkeys per user. */
export const MAX_PASSKEYS_PER_USER = 20;
/** How long a registration or sign-in challenge stays usable (the options' `timeout`). */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;

export interface Passkey {
  userPoolId: string;
  sub: string;
  /** base64url credential id, as the authenticator reports it. */
  credentialId: string;
  /** base64url COSE public key. */
  publicKey: string;
  signCount: number;
  transports: string[];
  friendlyName: string | null;
  relyingPartyId: string;
  /** "platform" or "cross-platform" when the client said so. */
  authenticatorAttachment: string | null;
  createdAt: Date;
}

export type PasskeyChallengePurpose = "registration" | "sign-in";

export interface PasskeyChallenge {
  /** Keyed hash of the base64url challenge. */
  challengeHash: string;
  userPoolId: string;
  sub: string;
  /** The app client the challenge was issued to (registration: WebAuthnClientMismatchException). */
  clientId: string;
  purpose: PasskeyChallengePurpose;
  expiresAt: Date;
  createdAt: Date;
}
