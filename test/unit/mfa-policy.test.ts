import { describe, expect, it } from "vitest";
import { decideMfa, poolFactors } from "../../src/domain/mfa/mfa-policy.js";
import { emptyMfaState, type UserMfaState } from "../../src/domain/mfa/user-mfa.js";

// Which challenge a sign-in gets (docs/mfa.md, "Which challenge a sign-in gets").

const ALL = {
  PoolName: "p",
  SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sms" },
  SoftwareTokenMfaConfiguration: { Enabled: true },
  EmailMfaConfiguration: { Subject: "code" },
};
const base = emptyMfaState("us-east-1_Abcdefghi", "sub", new Date(0));
const withFactors = (
  enabled: Partial<UserMfaState["enabled"]>,
  preferred: UserMfaState["preferred"] = null,
) => ({
  ...base,
  totpSecretSealed: "sealed",
  enabled: { ...base.enabled, ...enabled },
  preferred,
});
const phoneAndEmail = { phone_number: "+12065550100", email: "a@example.com" };

describe("MFA decision", () => {
  it("lists the factors a pool offers", () => {
    expect(poolFactors(ALL)).toEqual(["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]);
    expect(poolFactors({ PoolName: "p", SoftwareTokenMfaConfiguration: { Enabled: false } })).toEqual([]);
  });

  it("asks nothing when MFA is OFF, or OPTIONAL with no factor on", () => {
    const on = withFactors({ SOFTWARE_TOKEN_MFA: true });
    expect(decideMfa({ ...ALL, MfaConfiguration: "OFF" }, phoneAndEmail, on)).toEqual({ kind: "none" });
    expect(decideMfa({ ...ALL, MfaConfiguration: "OPTIONAL" }, phoneAndEmail, base)).toEqual({
      kind: "none",
    });
  });

  it("uses the preferred factor, the only one, or lets the user select", () => {
    const settings = { ...ALL, MfaConfiguration: "OPTIONAL" };
    const two = withFactors({ SMS_MFA: true, SOFTWARE_TOKEN_MFA: true });
    expect(decideMfa(settings, phoneAndEmail, two)).toEqual({
      kind: "select",
      factors: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
    });
    expect(decideMfa(settings, phoneAndEmail, { ...two, preferred: "SMS_MFA" })).toEqual({
      kind: "challenge",
      factor: "SMS_MFA",
    });
    // SMS on but no phone number: not usable, so TOTP is the only factor left.
    expect(decideMfa(settings, { email: "a@example.com" }, two)).toEqual({
      kind: "challenge",
      factor: "SOFTWARE_TOKEN_MFA",
    });
  });

  it("sends SMS (then email) to a user with no factor when MFA is ON, else MFA_SETUP", () => {
    const settings = { ...ALL, MfaConfiguration: "ON" };
    expect(decideMfa(settings, phoneAndEmail, undefined)).toEqual({ kind: "challenge", factor: "SMS_MFA" });
    expect(decideMfa(settings, { email: "a@example.com" }, undefined)).toEqual({
      kind: "challenge",
      factor: "EMAIL_OTP",
    });
    expect(decideMfa(settings, {}, undefined)).toEqual({
      kind: "setup",
      factors: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
    });
  });
});
