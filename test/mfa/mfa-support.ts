import {
  AdminInitiateAuthCommand,
  type AdminInitiateAuthCommandOutput,
  type CognitoIdentityProviderClient,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { Secret, TOTP } from "otpauth";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";

// Shared by the MFA suites: a pool with every MFA factor offered, and an independent TOTP (otpauth).

export const PASSWORD = "Mfa-Passw0rd!long";

/** Every factor on offer; MfaConfiguration as given. */
export function mfaConfig(
  userPoolId: string,
  mode: "ON" | "OPTIONAL",
  factors: { sms?: boolean; totp?: boolean; email?: boolean } = { sms: true, totp: true, email: true },
): SetUserPoolMfaConfigCommandInput {
  return {
    UserPoolId: userPoolId,
    MfaConfiguration: mode,
    ...(factors.sms
      ? {
          SmsMfaConfiguration: {
            SmsAuthenticationMessage: "Your sign-in code is {####}",
            SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/cognate-sms", ExternalId: "x" },
          },
        }
      : {}),
    ...(factors.totp ? { SoftwareTokenMfaConfiguration: { Enabled: true } } : {}),
    ...(factors.email
      ? { EmailMfaConfiguration: { Message: "Your email code is {####}", Subject: "Your code" } }
      : {}),
  };
}

export async function mfaPool(
  admin: CognitoIdentityProviderClient,
  mode: "ON" | "OPTIONAL",
  factors?: { sms?: boolean; totp?: boolean; email?: boolean },
) {
  const ids = await createPoolAndClient(admin, {}, { AuthSessionValidity: 15 });
  await admin.send(new SetUserPoolMfaConfigCommand(mfaConfig(ids.userPoolId, mode, factors)));
  return ids;
}

export async function mfaUser(
  admin: CognitoIdentityProviderClient,
  ids: { userPoolId: string; clientId: string },
  username: string,
  attributes: Array<{ Name: string; Value: string }> = [],
): Promise<void> {
  await createConfirmedUser(admin, ids, username, PASSWORD, attributes);
}

/** The TOTP code of `secret` at `at` (RFC 6238, SHA-1, 30 s, 6 digits), computed by otpauth. */
export function totpAt(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: at.getTime(),
  });
}

export function adminPasswordSignIn(
  admin: CognitoIdentityProviderClient,
  ids: { userPoolId: string; clientId: string },
  username: string,
  password = PASSWORD,
): Promise<AdminInitiateAuthCommandOutput> {
  return admin.send(
    new AdminInitiateAuthCommand({
      UserPoolId: ids.userPoolId,
      ClientId: ids.clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

/** The error name a rejected promise carries (the SDK's exception name). */
export async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { name: string }).name;
  }
  return "no error";
}
