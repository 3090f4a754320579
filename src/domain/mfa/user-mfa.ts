// A user's MFA state. Cognito's factor names are used throughout: SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP.

export type MfaFactor = "SMS_MFA" | "SOFTWARE_TOKEN_MFA" | "EMAIL_OTP";
export const MFA_FACTORS: readonly MfaFactor[] = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"];

export interface UserMfaState {
  userPoolId: string;
  sub: string;
  /** The verified TOTP secret (base32), sealed with the secret box; null until VerifySoftwareToken. */
  totpSecretSealed: string | null;
  /** The secret AssociateSoftwareToken handed out, waiting for VerifySoftwareToken. */
  totpPendingSecretSealed: string | null;
  totpDeviceName: string | null;
  /** The newest accepted TOTP time-step; codes of this step or older are refused. */
  totpLastStep: number | null;
  enabled: Record<MfaFactor, boolean>;
  preferred: MfaFactor | null;
  updatedAt: Date;
}

export function emptyMfaState(userPoolId: string, sub: string, now: Date): UserMfaState {
  return {
    userPoolId,
    sub,
    totpSecretSealed: null,
    totpPendingSecretSealed: null,
    totpDeviceName: null,
    totpLastStep: null,
    enabled: { SMS_MFA: false, SOFTWARE_TOKEN_MFA: false, EMAIL_OTP: false },
    preferred: null,
    updatedAt: now,
  };
}

/** Factors the user has turned on, in Cognito's UserMFASettingList order. */
export function enabledFactors(state: UserMfaState | undefined): MfaFactor[] {
  if (!state) return [];
  return MFA_FACTORS.filter((factor) => state.enabled[factor]);
}

export const isMfaFactor = (value: unknown): value is MfaFactor =>
  typeof value === "string" && (MFA_FACTORS as readonly string[]).includes(value);
