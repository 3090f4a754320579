import {
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from "amazon-cognito-identity-js";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mfaConfig, PASSWORD, totpAt } from "../mfa/mfa-support.js";
import { FakeClock } from "../support/fake-clock.js";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { registerDevice } from "./device-srp-client.js";

// A remembered device stands in for the second factor (ChallengeRequiredOnNewDevice): TOTP on the first
// sign-in from a device, device SRP and no TOTP on the next, TOTP again once the device is not remembered.

const backends = await testBackends();

function memoryStorage(): ICognitoStorage {
  const items = new Map<string, string>();
  return {
    setItem: (key, value) => void items.set(key, value),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

type Request = (operation: string, params: Record<string, unknown>, callback: unknown) => void;

function recordingUser(url: string, ids: { userPoolId: string; clientId: string }, storage: ICognitoStorage) {
  const pool = new CognitoUserPool({
    UserPoolId: ids.userPoolId,
    ClientId: ids.clientId,
    endpoint: `${url}/`,
    Storage: storage,
  });
  const calls: string[] = [];
  const client = (pool as unknown as { client: { request: Request } }).client;
  const request = client.request.bind(client);
  client.request = (operation, params, callback) => {
    calls.push(typeof params.ChallengeName === "string" ? `${operation}:${params.ChallengeName}` : operation);
    request(operation, params, callback);
  };
  return { user: new CognitoUser({ Username: "mfauser", Pool: pool, Storage: storage }), calls };
}

type Outcome = { kind: "session"; session: CognitoUserSession } | { kind: "totpRequired" };

const authenticate = (user: CognitoUser) =>
  new Promise<Outcome>((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: "mfauser", Password: PASSWORD }), {
      onSuccess: (session) => resolve({ kind: "session", session }),
      onFailure: reject,
      totpRequired: () => resolve({ kind: "totpRequired" }),
    });
  });

const sendTotp = (user: CognitoUser, code: string) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, "SOFTWARE_TOKEN_MFA"),
  );

describe.each(backends)("remembered devices skip MFA on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };
  let secret: string;
  const clock = new FakeClock();

  /** A confirmed user with TOTP verified and preferred; returns the TOTP secret. */
  async function totpUser(pool: { userPoolId: string; clientId: string }, username: string) {
    await createConfirmedUser(admin, pool, username, PASSWORD);
    const signedIn = await admin.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD },
      }),
    );
    const accessToken = signedIn.AuthenticationResult?.AccessToken;
    const associated = await admin.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const code = associated.SecretCode ?? "";
    await admin.send(
      new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpAt(code, clock.now()) }),
    );
    await admin.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    return code;
  }

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    admin = server.adminClient();
    ids = await createPoolAndClient(admin, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    });
    await admin.send(new SetUserPoolMfaConfigCommand(mfaConfig(ids.userPoolId, "OPTIONAL", { totp: true })));
    secret = await totpUser(ids, "mfauser");
  });
  afterAll(async () => {
    await server.stop();
  });

  it("asks for TOTP on a new device, then lets the remembered device sign in without it", async () => {
    const storage = memoryStorage();
    const first = recordingUser(server.url, ids, storage);
    expect(await authenticate(first.user)).toEqual({ kind: "totpRequired" });
    clock.advance(30_000);
    const session = await sendTotp(first.user, totpAt(secret, clock.now()));
    expect(session.isValid()).toBe(true);
    expect(first.calls).toEqual([
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "RespondToAuthChallenge:SOFTWARE_TOKEN_MFA",
      "ConfirmDevice",
    ]);

    const deviceKey = decodeJwt(session.getAccessToken().getJwtToken()).device_key;
    expect(deviceKey).toMatch(/^[a-z0-9-]+_[0-9a-f-]{36}$/);
    const second = recordingUser(server.url, ids, storage);
    const outcome = await authenticate(second.user);
    expect(outcome.kind).toBe("session");
    expect(second.calls).toEqual([
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "RespondToAuthChallenge:DEVICE_SRP_AUTH",
      "RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER",
    ]);

    // Not remembered any more: TOTP again; the tokens stay bound to the (still known) device.
    await new Promise<string>((resolve, reject) =>
      second.user.setDeviceStatusNotRemembered({ onSuccess: resolve, onFailure: reject }),
    );
    const third = recordingUser(server.url, ids, storage);
    expect(await authenticate(third.user)).toEqual({ kind: "totpRequired" });
    clock.advance(30_000);
    const afterMfa = await sendTotp(third.user, totpAt(secret, clock.now()));
    expect(afterMfa.isValid()).toBe(true);
    expect(third.calls).toEqual([
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "RespondToAuthChallenge:SOFTWARE_TOKEN_MFA",
    ]);
    expect(decodeJwt(afterMfa.getAccessToken().getJwtToken()).device_key).toBe(deviceKey);
  });

  it("keeps MFA for a remembered device when ChallengeRequiredOnNewDevice is false", async () => {
    const pool = await createPoolAndClient(admin, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
    });
    await admin.send(new SetUserPoolMfaConfigCommand(mfaConfig(pool.userPoolId, "OPTIONAL", { totp: true })));
    const code = await totpUser(pool, "strict");
    const signIn = (deviceKey?: string) =>
      admin.send(
        new InitiateAuthCommand({
          ClientId: pool.clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "strict", PASSWORD, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
        }),
      );
    const answerTotp = async (session: string | undefined, deviceKey?: string) => {
      clock.advance(30_000);
      return admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: pool.clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: session,
          ChallengeResponses: {
            USERNAME: "strict",
            SOFTWARE_TOKEN_MFA_CODE: totpAt(code, clock.now()),
            ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
          },
        }),
      );
    };
    const first = await signIn();
    expect(first.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    const tokens = await answerTotp(first.Session);
    const metadata = tokens.AuthenticationResult?.NewDeviceMetadata;
    expect(metadata?.DeviceKey).toBeTruthy();
    const confirmed = await admin.send(
      new ConfirmDeviceCommand({
        AccessToken: tokens.AuthenticationResult?.AccessToken,
        DeviceKey: metadata?.DeviceKey,
        DeviceSecretVerifierConfig: registerDevice(metadata?.DeviceKey ?? "", metadata?.DeviceGroupKey ?? "")
          .config,
      }),
    );
    expect(confirmed.UserConfirmationNecessary).toBe(false);

    // Remembered, but the pool does not let devices replace MFA: TOTP again, no device metadata.
    const second = await signIn(metadata?.DeviceKey);
    expect(second.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    const again = await answerTotp(second.Session, metadata?.DeviceKey);
    expect(again.AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
    expect(decodeJwt(again.AuthenticationResult?.AccessToken ?? "").device_key).toBe(metadata?.DeviceKey);
  });
});
