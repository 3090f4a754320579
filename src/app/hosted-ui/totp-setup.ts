import { stringField } from "../../domain/user-pool/json-fields.js";
import type { SignInDependencies } from "../auth-flows/sign-in.js";
import {
  associateSoftwareToken,
  resolveSoftwareTokenCaller,
  verifySoftwareToken,
} from "../mfa/software-token.js";
import { TOTP_SECRET_PURPOSE } from "../mfa/totp.js";

// The hosted UI's TOTP setup during sign-in (the MFA_SETUP challenge), through the same use cases as
// AssociateSoftwareToken and VerifySoftwareToken with a Session: a new secret for the authenticator app
// (shown as a QR code and as text), the check of the first code, and the recovery codes it yields.

export interface TotpEnrolment {
  /** The MFA_SETUP Session to carry on. */
  session: string;
  /** Base32, for the authenticator app. */
  secret: string;
  /** otpauth:// URI of the secret (Key Uri Format: issuer and account name). */
  uri: string;
}

function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({ secret, issuer, algorithm: "SHA1", digits: "6", period: "30" });
  return `otpauth://totp/${label}?${query}`;
}

/** AssociateSoftwareToken with the Session: a new pending secret. */
export async function startTotpSetup(deps: SignInDependencies, session: string): Promise<TotpEnrolment> {
  const caller = await resolveSoftwareTokenCaller(deps, { Session: session });
  const associated = await associateSoftwareToken(deps, caller);
  const issuer = stringField(caller.pool.settings, "PoolName") ?? caller.pool.id;
  return {
    session: associated.Session ?? session,
    secret: associated.SecretCode,
    uri: otpauthUri(issuer, caller.user.username, associated.SecretCode),
  };
}

/** The pending secret of a setup already started (to show it again after a wrong code). */
export async function pendingTotpSetup(
  deps: SignInDependencies,
  session: string,
): Promise<TotpEnrolment | undefined> {
  const caller = await resolveSoftwareTokenCaller(deps, { Session: session });
  const state = await deps.storage.mfa.findMfa(caller.pool.id, caller.user.sub);
  if (!state?.totpPendingSecretSealed) return undefined;
  const secret = deps.secretBox.open(state.totpPendingSecretSealed, TOTP_SECRET_PURPOSE);
  const issuer = stringField(caller.pool.settings, "PoolName") ?? caller.pool.id;
  return { session, secret, uri: otpauthUri(issuer, caller.user.username, secret) };
}

/** VerifySoftwareToken with the Session: the verified Session for MFA_SETUP and the recovery codes. */
export async function verifyTotpSetup(
  deps: SignInDependencies,
  session: string,
  code: string,
): Promise<{ session: string; recoveryCodes: string[] }> {
  const caller = await resolveSoftwareTokenCaller(deps, { Session: session });
  const verified = await verifySoftwareToken(deps, caller, code, undefined);
  return { session: verified.Session ?? session, recoveryCodes: verified.RecoveryCodes };
}
