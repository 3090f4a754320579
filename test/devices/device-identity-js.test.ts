import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  type CognitoIdentityProviderClient,
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
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
const PASSWORD = "Corr3ct-Horse!";

function memoryStorage(): ICognitoStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    setItem: (key, value) => void items.set(key, value),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

type Request = (operation: string, params: Record<string, unknown>, callback: unknown) => void;

/** A pool whose real transport also notes each call's operation and ChallengeName. */
function recordingPool(url: string, ids: { userPoolId: string; clientId: string }, storage: ICognitoStorage) {
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
  return { pool, calls };
}

function signIn(user: CognitoUser, username: string) {
  return new Promise<{ session: CognitoUserSession; userConfirmationNecessary?: boolean }>(
    (resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), {
        onSuccess: (session, userConfirmationNecessary) => resolve({ session, userConfirmationNecessary }),
        onFailure: reject,
        mfaRequired: () => reject(new Error("unexpected SMS_MFA")),
        totpRequired: () => reject(new Error("unexpected SOFTWARE_TOKEN_MFA")),
      });
    },
  );
}

const callback = <T>(
  run: (cb: { onSuccess: (value: T) => void; onFailure: (error: Error) => void }) => void,
) => new Promise<T>((resolve, reject) => run({ onSuccess: resolve, onFailure: reject }));

describe.each(backends)("remembered devices with amazon-cognito-identity-js on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPoolAndClient(admin, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
    await createConfirmedUser(admin, ids, "remy", PASSWORD);
    await createConfirmedUser(admin, ids, "forgetful", PASSWORD);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("confirms the device inside the library, remembers it, then signs in through DEVICE_SRP_AUTH", async () => {
    const storage = memoryStorage();
    const first = recordingPool(server.url, ids, storage);
    const user = new CognitoUser({ Username: "remy", Pool: first.pool, Storage: storage });
    const signedIn = await signIn(user, "remy");
    expect(signedIn.userConfirmationNecessary).toBe(true);
    expect(first.calls).toEqual([
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "ConfirmDevice",
    ]);
    const deviceKey = storage.items.get(`CognitoIdentityServiceProvider.${ids.clientId}.remy.deviceKey`);
    expect(deviceKey).toMatch(/^[a-z0-9-]+_[0-9a-f-]{36}$/);
    expect(decodeJwt(signedIn.session.getAccessToken().getJwtToken()).device_key).toBe(deviceKey);

    expect(await callback<string>((cb) => user.setDeviceStatusRemembered(cb))).toBe("SUCCESS");
    // The library's typings say string; GetDevice's answer comes through as is.
    const remembered = (await callback<string>((cb) => user.getDevice(cb))) as unknown as {
      Device: { DeviceKey: string; DeviceAttributes: unknown[] };
    };
    expect(remembered.Device.DeviceKey).toBe(deviceKey);
    expect(remembered.Device.DeviceAttributes).toContainEqual({
      Name: "dev:device_remembered_status",
      Value: "remembered",
    });
    const before = await admin.send(
      new AdminGetDeviceCommand({ UserPoolId: ids.userPoolId, Username: "remy", DeviceKey: deviceKey }),
    );

    // A new CognitoUser on the same storage: the library loads the cached device and proves it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = recordingPool(server.url, ids, storage);
    const again = new CognitoUser({ Username: "remy", Pool: second.pool, Storage: storage });
    const session = (await signIn(again, "remy")).session;
    expect(second.calls).toEqual([
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "RespondToAuthChallenge:DEVICE_SRP_AUTH",
      "RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER",
    ]);
    expect(session.isValid()).toBe(true);
    expect(decodeJwt(session.getAccessToken().getJwtToken()).device_key).toBe(deviceKey);
    const after = await admin.send(
      new AdminGetDeviceCommand({ UserPoolId: ids.userPoolId, Username: "remy", DeviceKey: deviceKey }),
    );
    expect(after.Device?.DeviceLastAuthenticatedDate?.getTime()).toBeGreaterThan(
      before.Device?.DeviceLastAuthenticatedDate?.getTime() ?? Number.POSITIVE_INFINITY,
    );

    // The library's refresh sends DEVICE_KEY, which device-bound refresh tokens need.
    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
      again.refreshSession(session.getRefreshToken(), (error: Error | null, fresh: CognitoUserSession) =>
        error ? reject(error) : resolve(fresh),
      ),
    );
    expect(decodeJwt(refreshed.getAccessToken().getJwtToken()).device_key).toBe(deviceKey);
  });

  it("forgets the device: the next sign-in gets and confirms a new one", async () => {
    const storage = memoryStorage();
    const first = recordingPool(server.url, ids, storage);
    const user = new CognitoUser({ Username: "forgetful", Pool: first.pool, Storage: storage });
    await signIn(user, "forgetful");
    const forgotten = storage.items.get(`CognitoIdentityServiceProvider.${ids.clientId}.forgetful.deviceKey`);
    expect(await callback<string>((cb) => user.forgetDevice(cb))).toBe("SUCCESS");
    expect(
      storage.items.get(`CognitoIdentityServiceProvider.${ids.clientId}.forgetful.deviceKey`),
    ).toBeUndefined();

    const second = recordingPool(server.url, ids, storage);
    const again = new CognitoUser({ Username: "forgetful", Pool: second.pool, Storage: storage });
    await signIn(again, "forgetful");
    expect(second.calls).toEqual([
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "ConfirmDevice",
    ]);
    const listed = await admin.send(
      new AdminListDevicesCommand({ UserPoolId: ids.userPoolId, Username: "forgetful" }),
    );
    const keys = listed.Devices?.map((device) => device.DeviceKey) ?? [];
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toBe(forgotten);
  });

  it("refuses a device an administrator forgot; the library drops it and signs in with a new one", async () => {
    await createConfirmedUser(admin, ids, "stale", PASSWORD);
    const storage = memoryStorage();
    const first = recordingPool(server.url, ids, storage);
    await signIn(new CognitoUser({ Username: "stale", Pool: first.pool, Storage: storage }), "stale");
    const deviceKeyItem = `CognitoIdentityServiceProvider.${ids.clientId}.stale.deviceKey`;
    const stale = storage.items.get(deviceKeyItem) ?? "";
    await admin.send(
      new AdminForgetDeviceCommand({ UserPoolId: ids.userPoolId, Username: "stale", DeviceKey: stale }),
    );

    // PASSWORD_VERIFIER with the stale key: ResourceNotFoundException "Device does not exist.", on which
    // the library clears its cached device and retries with DEVICE_KEY: null (a null map value, which
    // counts as absent), then confirms a new device.
    const second = recordingPool(server.url, ids, storage);
    await signIn(new CognitoUser({ Username: "stale", Pool: second.pool, Storage: storage }), "stale");
    expect(second.calls).toEqual([
      "InitiateAuth",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "RespondToAuthChallenge:PASSWORD_VERIFIER",
      "ConfirmDevice",
    ]);
    const fresh = storage.items.get(deviceKeyItem);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(stale);
  });
});
