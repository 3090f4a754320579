import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type RespondToAuthChallengeCommandOutput,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { Secret, TOTP } from "otpauth";
import { TOTP_SECRET_PURPOSE } from "../../src/app/mfa/totp.js";
import { DEVICE_VERIFIER_PURPOSE, type Device } from "../../src/domain/device/device.js";
import type { UserMfaState } from "../../src/domain/mfa/user-mfa.js";
import { MAX_PASSKEYS_PER_USER, type Passkey } from "../../src/domain/passwordless/passkey.js";
import { openLocal, passwordSignIn } from "../support/cli.js";
import type { TestServer } from "../support/server.js";

// The MFA side of the export/import round trip: a user enrolled in TOTP through the API (the secret is
// known only to the test, computed with otpauth), plus a remembered device and a passkey stored directly
// (their own flows are tested elsewhere; here only their survival through a dump matters).

export const DEVICE_VERIFIER = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
export const DEVICE_KEY = "us-east-1_5f0e4b0c-6d2a-4c8e-9f11-2b7a1c3d4e5f";
/** The seeded passkey, but for its pool and user. */
export const PASSKEY = {
  credentialId: "cred-round-trip-AQID",
  publicKey: "pQECAyYgASFYIBYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYW",
  signCount: 7,
  transports: ["internal", "hybrid"],
  friendlyName: "Round-trip key",
  relyingPartyId: "localhost",
  authenticatorAttachment: "platform",
  createdAt: new Date("2026-01-05T03:04:05.000Z"),
};

const client = (url: string) =>
  new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
    maxAttempts: 1,
  });

/** The TOTP code of `secret` at `at` (RFC 6238, SHA-1, 30 s, 6 digits), by otpauth. */
export function totpAt(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: at.getTime(),
  });
}

/** Offers TOTP in the pool (OPTIONAL), enrols `username` and makes it preferred; returns the secret. */
export async function enrolTotp(
  server: TestServer,
  ids: { userPoolId: string; clientId: string },
  username: string,
  password: string,
): Promise<string> {
  await server.adminClient().send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: ids.userPoolId,
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  const signedIn = await passwordSignIn(server.url, ids.clientId, username, password);
  const AccessToken = signedIn.AuthenticationResult?.AccessToken ?? "";
  const api = client(server.url);
  const { SecretCode } = await api.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  const secret = SecretCode ?? "";
  const verified = await api.send(
    new VerifySoftwareTokenCommand({
      AccessToken,
      UserCode: totpAt(secret, new Date()),
      FriendlyDeviceName: "phone",
    }),
  );
  if (verified.Status !== "SUCCESS") throw new Error(`VerifySoftwareToken: ${verified.Status}`);
  await api.send(
    new SetUserMFAPreferenceCommand({
      AccessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  return secret;
}

/** USER_PASSWORD_AUTH, then the SOFTWARE_TOKEN_MFA challenge answered with `code`. */
export async function totpSignIn(
  url: string,
  clientId: string,
  username: string,
  password: string,
  code: string,
): Promise<{ challenge: string | undefined; answer: RespondToAuthChallengeCommandOutput }> {
  const api = client(url);
  const started = await api.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const answer = await api.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "SOFTWARE_TOKEN_MFA",
      Session: started.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
    }),
  );
  return { challenge: started.ChallengeName, answer };
}

/**
 * USER_SRP_AUTH with amazon-cognito-identity-js, then its totpRequired callback answered with `code`;
 * resolves to the ID token's payload.
 */
export function srpTotpSignIn(
  url: string,
  ids: { userPoolId: string; clientId: string },
  username: string,
  password: string,
  code: () => string,
): Promise<Record<string, unknown>> {
  const pool = new CognitoUserPool({
    UserPoolId: ids.userPoolId,
    ClientId: ids.clientId,
    endpoint: `${url}/`,
  });
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve, reject) => {
    const done = {
      onSuccess: (session: { getIdToken(): { decodePayload(): Record<string, unknown> } }) =>
        resolve(session.getIdToken().decodePayload()),
      onFailure: reject,
    };
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      ...done,
      totpRequired: () => user.sendMFACode(code(), done, "SOFTWARE_TOKEN_MFA"),
      mfaRequired: () => reject(new Error("SMS_MFA instead of SOFTWARE_TOKEN_MFA")),
    });
  });
}

/** Stores a remembered device and a passkey for the user (sub), in the server's storage. */
export async function seedDeviceAndPasskey(
  server: TestServer,
  userPoolId: string,
  sub: string,
): Promise<void> {
  const local = await openLocal(server);
  try {
    const { storage, secretBox } = local.application.dependencies;
    await storage.devices.insertDevice({
      deviceKey: DEVICE_KEY,
      userPoolId,
      sub,
      deviceGroupKey: "-AbCdEfGh",
      saltHex: "00ff10ee20dd30cc",
      verifierSealed: secretBox.seal(DEVICE_VERIFIER, DEVICE_VERIFIER_PURPOSE),
      deviceName: "Round-trip laptop",
      rememberedStatus: "remembered",
      lastIp: "192.0.2.10",
      createdAt: new Date("2026-01-02T03:04:05.000Z"),
      lastModifiedAt: new Date("2026-01-03T03:04:05.000Z"),
      lastAuthenticatedAt: new Date("2026-01-04T03:04:05.000Z"),
    });
    const added = await storage.passkeys.insertPasskey(
      { userPoolId, sub, ...PASSKEY },
      MAX_PASSKEYS_PER_USER,
    );
    if (added !== "added") throw new Error(`passkey not stored: ${added}`);
  } finally {
    await local.application.close();
  }
}

export interface StoredSecurity {
  mfa: UserMfaState | undefined;
  /** The TOTP secret, opened with the server's master key (null when none). */
  totpSecret: string | null;
  devices: Array<Device & { verifier: string }>;
  passkeys: Passkey[];
}

/** What a server stores for the user: MFA state, devices and passkeys, with their secrets opened. */
export async function storedSecurity(
  server: TestServer,
  userPoolId: string,
  sub: string,
): Promise<StoredSecurity> {
  const local = await openLocal(server);
  try {
    const { storage, secretBox } = local.application.dependencies;
    const mfa = await storage.mfa.findMfa(userPoolId, sub);
    const devices = await storage.devices.listDevicesOfPool(userPoolId, [sub]);
    return {
      mfa,
      totpSecret: mfa?.totpSecretSealed ? secretBox.open(mfa.totpSecretSealed, TOTP_SECRET_PURPOSE) : null,
      devices: devices.map((device) => ({
        ...device,
        verifier: secretBox.open(device.verifierSealed, DEVICE_VERIFIER_PURPOSE),
      })),
      passkeys: await storage.passkeys.listPasskeysOfPool(userPoolId, [sub]),
    };
  } finally {
    await local.application.close();
  }
}
