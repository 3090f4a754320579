import {
  AdminGetDeviceCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { Amplify } from "aws-amplify";
import {
  fetchAuthSession,
  fetchDevices,
  forgetDevice,
  rememberDevice,
  signIn,
  signOut,
} from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmplifyMemoryStorage } from "../support/amplify-storage.js";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

// Amplify JS v6 in Node: it confirms the new device itself after signIn, rememberDevice marks it, and a
// later signIn on the same storage goes through DEVICE_SRP_AUTH (observed through the device's
// last-authenticated date and the device_key claim). Amplify keeps module-level state: one configure
// per backend, in order.

const backends = await testBackends();
const PASSWORD = "Corr3ct-Horse!";

describe.each(backends)("remembered devices with Amplify v6 on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };
  const storage = new AmplifyMemoryStorage();

  beforeAll(async () => {
    // Amplify names the device from navigator.userAgent, which Node has only from version 21; without
    // it Amplify skips ConfirmDevice silently. Give Node 20 what Node 21 has.
    if (!("navigator" in globalThis))
      Object.defineProperty(globalThis, "navigator", {
        value: { userAgent: "Node.js/20" },
        configurable: true,
      });
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPoolAndClient(admin, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
    await createConfirmedUser(admin, ids, "amplified", PASSWORD);
    Amplify.configure({
      Auth: {
        Cognito: { userPoolId: ids.userPoolId, userPoolClientId: ids.clientId, userPoolEndpoint: server.url },
      },
    });
    cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
  });
  afterAll(async () => {
    await signOut().catch(() => undefined);
    await server.stop();
  });

  it("confirms, remembers, lists and authenticates the device", async () => {
    const first = await signIn({ username: "amplified", password: PASSWORD });
    expect(first.isSignedIn).toBe(true);
    const deviceKey = storage.find("deviceKey");
    expect(deviceKey).toMatch(/^[a-z0-9-]+_[0-9a-f-]{36}$/);
    await rememberDevice();
    const devices = await fetchDevices();
    expect(devices.map((device) => device.id)).toEqual([deviceKey]);
    const before = await admin.send(
      new AdminGetDeviceCommand({ UserPoolId: ids.userPoolId, Username: "amplified", DeviceKey: deviceKey }),
    );
    expect(before.Device?.DeviceAttributes).toContainEqual({
      Name: "dev:device_remembered_status",
      Value: "remembered",
    });

    await signOut();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await signIn({ username: "amplified", password: PASSWORD });
    expect(second.isSignedIn).toBe(true);
    const session = await fetchAuthSession();
    expect(decodeJwt(session.tokens?.accessToken.toString() ?? "").device_key).toBe(deviceKey);
    const after = await admin.send(
      new AdminGetDeviceCommand({ UserPoolId: ids.userPoolId, Username: "amplified", DeviceKey: deviceKey }),
    );
    expect(after.Device?.DeviceLastAuthenticatedDate?.getTime()).toBeGreaterThan(
      before.Device?.DeviceLastAuthenticatedDate?.getTime() ?? Number.POSITIVE_INFINITY,
    );
    // A forced refresh sends the device key, which the device-bound refresh token needs.
    const refreshed = await fetchAuthSession({ forceRefresh: true });
    expect(decodeJwt(refreshed.tokens?.accessToken.toString() ?? "").device_key).toBe(deviceKey);

    await forgetDevice();
    expect(await fetchDevices().catch(() => [])).toEqual([]);
  });
});
