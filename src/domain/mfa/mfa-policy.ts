import type { JsonObject } from "../../shared/json.js";
import { booleanField, objectField, stringField } from "../user-pool/json-fields.js";
import type { UserPoolSettings } from "../user-pool/user-pool.js";
import { MFA_FACTORS, type MfaFactor, type UserMfaState } from "./user-mfa.js";

// Which second factor a sign-in asks for, from the pool's MfaConfiguration and the user's settings:
// - OFF: none. OPTIONAL: only the factors the user turned on. ON: the user's factors; a user with none
//   is sent an SMS code when the pool allows SMS MFA and the user has a phone number (Cognito's legacy
//   behaviour), else an email code likewise, else MFA_SETUP (MFAS_CAN_SETUP: the pool's SMS and TOTP).
// - One usable factor, or a preferred one: that challenge. Several and none preferred: SELECT_MFA_TYPE.
// A factor is usable when the pool allows it and the user has its means (phone, email, verified TOTP).

export type MfaDecision =
  | { kind: "none" }
  | { kind: "challenge"; factor: MfaFactor }
  | { kind: "select"; factors: MfaFactor[] }
  | { kind: "setup"; factors: MfaFactor[] };

export function poolMfaMode(settings: UserPoolSettings): "OFF" | "ON" | "OPTIONAL" {
  const mode = stringField(settings as JsonObject, "MfaConfiguration");
  return mode === "ON" || mode === "OPTIONAL" ? mode : "OFF";
}

/** The factors the pool's MFA configuration offers. */
export function poolFactors(settings: UserPoolSettings): MfaFactor[] {
  const document = settings as JsonObject;
  const totp = objectField(document, "SoftwareTokenMfaConfiguration");
  const offered: Record<MfaFactor, boolean> = {
    SMS_MFA:
      objectField(document, "SmsConfiguration") !== undefined ||
      stringField(document, "SmsAuthenticationMessage") !== undefined,
    SOFTWARE_TOKEN_MFA: totp !== undefined && booleanField(totp, "Enabled") === true,
    EMAIL_OTP: objectField(document, "EmailMfaConfiguration") !== undefined,
  };
  return MFA_FACTORS.filter((factor) => offered[factor]);
}

export function userHasMeans(
  factor: MfaFactor,
  attributes: Readonly<Record<string, string>>,
  state: UserMfaState | undefined,
): boolean {
  if (factor === "SMS_MFA") return Boolean(attributes.phone_number);
  if (factor === "EMAIL_OTP") return Boolean(attributes.email);
  return Boolean(state?.totpSecretSealed);
}

export function decideMfa(
  settings: UserPoolSettings,
  attributes: Readonly<Record<string, string>>,
  state: UserMfaState | undefined,
): MfaDecision {
  const mode = poolMfaMode(settings);
  if (mode === "OFF") return { kind: "none" };
  const offered = poolFactors(settings);
  const usable = offered.filter(
    (factor) => state?.enabled[factor] === true && userHasMeans(factor, attributes, state),
  );
  if (usable.length === 0) {
    if (mode === "OPTIONAL") return { kind: "none" };
    for (const factor of ["SMS_MFA", "EMAIL_OTP"] as const) {
      if (offered.includes(factor) && userHasMeans(factor, attributes, state)) {
        return { kind: "challenge", factor };
      }
    }
    // Only a TOTP authenticator can be set up inside MFA_SETUP; email is not offered there (Amplify would
    // otherwise ask for an address Cognate cannot take at that step).
    const settable = offered.filter((factor) => factor !== "EMAIL_OTP");
    return { kind: "setup", factors: settable.length > 0 ? settable : offered };
  }
  const preferred = state?.preferred;
  if (preferred && usable.includes(preferred)) return { kind: "challenge", factor: preferred };
  const [only] = usable;
  if (usable.length === 1 && only) return { kind: "challenge", factor: only };
  return { kind: "select", factors: usable };
}
