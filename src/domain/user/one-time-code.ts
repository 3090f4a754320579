/** Why a code was sent; one live code per user and purpose (a new one replaces the old). */
export type CodePurpose =
  | "confirm-sign-up"
  | "forgot-password"
  | "verify-email"
  | "verify-phone_number"
  | "mfa-sms"
  | "mfa-email"
  | "sign-in-email"
  | "sign-in-sms";

export interface OneTimeCode {
  userPoolId: string;
  sub: string;
  purpose: CodePurpose;
  /** Keyed hash of the code; the code itself is never stored. */
  codeHash: string;
  expiresAt: Date;
  createdAt: Date;
}

export type CodeConsumption = "consumed" | "mismatch" | "expired" | "missing" | "too-many-attempts";
