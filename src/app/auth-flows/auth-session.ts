import { NotAuthorizedException } from "../../domain/errors.js";
import type { SecretBox } from "../../ports/secret-box.js";

// The Session string of a challenge: sealed with the master key (AES-GCM, purpose-bound), so it is opaque,
// tamper-proof and needs no storage. It names the pool, client, user and the challenge it answers, and
// expires after the client's AuthSessionValidity (3–15 minutes).

const PURPOSE = "auth-session";

export type SessionChallenge =
  | "PASSWORD_VERIFIER"
  | "NEW_PASSWORD_REQUIRED"
  | "CUSTOM_CHALLENGE"
  // MFA (second factor after a password)
  | "SMS_MFA"
  | "EMAIL_OTP"
  | "SOFTWARE_TOKEN_MFA"
  | "SELECT_MFA_TYPE"
  | "MFA_SETUP"
  // remembered devices
  | "DEVICE_SRP_AUTH"
  | "DEVICE_PASSWORD_VERIFIER"
  // USER_AUTH (choice-based sign-in)
  | "SELECT_CHALLENGE"
  | "SMS_OTP"
  | "WEB_AUTHN"
  // the Session ConfirmSignUp returns, for one USER_AUTH sign-in without a second code
  | "SIGN_UP_CONFIRMED";

/** CUSTOM_AUTH: the challenge history and what VerifyAuthChallengeResponse needs, sealed with the rest. */
export interface CustomAuthSession {
  history: Array<{ challengeName: string; challengeResult: boolean; challengeMetadata?: string }>;
  /** The current CUSTOM_CHALLENGE's privateChallengeParameters and challengeMetadata. */
  privateParameters?: Record<string, string>;
  challengeMetadata?: string;
}

export interface AuthSessionState {
  poolId: string;
  clientId: string;
  /** The user's sub, or absent when the user does not exist (simulated challenge). */
  sub?: string;
  /** The internal username (USER_ID_FOR_SRP), or the typed name for an unknown user. */
  username: string;
  challenge: SessionChallenge;
  expiresAt: number;
  /**
   * PASSWORD_VERIFIER: the server's SRP secret b, the client's SRP_A (not sent again with the proof),
   * the SECRET_BLOCK handed out and u (hex; absent in sessions from before it was kept). B itself is
   * not kept: 384 bytes would take the Session near Cognito's 2048-character limit.
   */
  srp?: { privateBHex: string; srpA: string; secretBlock: string; scramblerHex?: string };
  /** Present when the challenge is a step of CUSTOM_AUTH (its PASSWORD_VERIFIER step included). */
  custom?: CustomAuthSession;
  /** The DEVICE_KEY the client presented with the sign-in, carried to the tokens (NewDeviceMetadata). */
  deviceKey?: string;
  /** MFA challenge state (owned by src/app/mfa). */
  mfa?: Record<string, string | number | boolean>;
  /** Remembered-device challenge state (owned by src/app/devices). */
  device?: Record<string, string | number | boolean>;
  /** USER_AUTH state (owned by src/app/passwordless). */
  userAuth?: Record<string, string | number | boolean | string[]>;
}

const evenHex = (hex: string) => (hex.length % 2 === 1 ? `0${hex}` : hex);
/** SRP numbers travel as base64 inside the Session (two thirds of their hex length). */
export const compactHex = (hex: string) => Buffer.from(evenHex(hex), "hex").toString("base64");
export const expandHex = (base64: string) => Buffer.from(base64, "base64").toString("hex");

export function sealAuthSession(secretBox: SecretBox, state: AuthSessionState): string {
  const { srp } = state;
  const compact = srp
    ? {
        ...state,
        srp: {
          ...srp,
          srpA: compactHex(srp.srpA),
          ...(srp.scramblerHex ? { scramblerHex: compactHex(srp.scramblerHex) } : {}),
        },
      }
    : state;
  return secretBox.seal(JSON.stringify(compact), PURPOSE);
}

/** Opens a session for `challenge`; anything else (tampered, expired, other challenge) is refused. */
export function openAuthSession(
  secretBox: SecretBox,
  session: string | undefined,
  expected: { clientId: string; challenge: SessionChallenge; now: Date },
): AuthSessionState {
  let state: AuthSessionState;
  try {
    if (!session) throw new Error("missing");
    state = JSON.parse(secretBox.open(session, PURPOSE)) as AuthSessionState;
  } catch {
    throw new NotAuthorizedException("Invalid session for the user.");
  }
  if (state.clientId !== expected.clientId || state.challenge !== expected.challenge) {
    throw new NotAuthorizedException("Invalid session for the user.");
  }
  if (expected.now.getTime() > state.expiresAt) {
    throw new NotAuthorizedException("Invalid session for the user, session is expired.");
  }
  const { srp } = state;
  if (srp) {
    state = {
      ...state,
      srp: {
        ...srp,
        srpA: expandHex(srp.srpA),
        ...(srp.scramblerHex ? { scramblerHex: expandHex(srp.scramblerHex) } : {}),
      },
    };
  }
  return state;
}

/** AuthSessionValidity is in minutes (3 by default). */
export function sessionExpiry(clientSettings: Record<string, unknown>, now: Date): number {
  const minutes =
    typeof clientSettings.AuthSessionValidity === "number" ? clientSettings.AuthSessionValidity : 3;
  return now.getTime() + minutes * 60_000;
}

/**
 * Opens a session whose client the caller does not know (AssociateSoftwareToken and VerifySoftwareToken
 * take a Session but no ClientId); the same checks as openAuthSession otherwise.
 */
export function openAuthSessionOfAnyClient(
  secretBox: SecretBox,
  session: string | undefined,
  expected: { challenge: SessionChallenge; now: Date },
): AuthSessionState {
  let clientId: string;
  try {
    if (!session) throw new Error("missing");
    clientId = (JSON.parse(secretBox.open(session, PURPOSE)) as AuthSessionState).clientId;
  } catch {
    throw new NotAuthorizedException("Invalid session for the user.");
  }
  return openAuthSession(secretBox, session, { ...expected, clientId });
}

/** The Session of a RespondToAuthChallenge call on `target`'s client, for `challenge`, checked now. */
export function openChallengeSession(
  deps: { secretBox: SecretBox; clock: { now(): Date } },
  target: { client: { clientId: string } },
  session: string | undefined,
  challenge: SessionChallenge,
): AuthSessionState {
  return openAuthSession(deps.secretBox, session, {
    clientId: target.client.clientId,
    challenge,
    now: deps.clock.now(),
  });
}
