import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fake-clock.js";
import { latestCode } from "../support/outbox.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { mfaPool, mfaUser, PASSWORD, totpAt } from "./mfa-support.js";

// amazon-cognito-identity-js, unmodified: associateSoftwareToken / verifySoftwareToken on a signed-in
// CognitoUser; SRP sign-in, the totpRequired callback, then sendMFACode with a fresh TOTP; and the
// mfaSetup callback (MFA ON, no factor) completed with the Session-based associate / verify.

const backends = await testBackends();

type SignInOutcome =
  | { kind: "session"; session: CognitoUserSession }
  | { kind: "totpRequired" | "mfaSetup" | "mfaRequired"; challengeName: string };

function authenticate(user: CognitoUser, password: string): Promise<SignInOutcome> {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: (session) => resolve({ kind: "session", session }),
      onFailure: reject,
      totpRequired: (challengeName) => resolve({ kind: "totpRequired", challengeName }),
      mfaSetup: (challengeName) => resolve({ kind: "mfaSetup", challengeName }),
      mfaRequired: (challengeName) => resolve({ kind: "mfaRequired", challengeName }),
    });
  });
}

const associate = (user: CognitoUser) =>
  new Promise<string>((resolve, reject) =>
    user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
  );

const verify = (user: CognitoUser, code: string, deviceName: string) =>
  new Promise<unknown>((resolve, reject) =>
    user.verifySoftwareToken(code, deviceName, { onSuccess: resolve, onFailure: reject }),
  );

const sendTotp = (user: CognitoUser, code: string) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, "SOFTWARE_TOKEN_MFA"),
  );

describe.each(backends)("TOTP MFA with amazon-cognito-identity-js on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  const clock = new FakeClock();

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    admin = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("sets up TOTP on a signed-in user, then signs in over SRP with totpRequired and sendMFACode", async () => {
    const ids = await mfaPool(admin, "OPTIONAL", { totp: true });
    await mfaUser(admin, ids, "js-totp");
    const pool = new CognitoUserPool({
      UserPoolId: ids.userPoolId,
      ClientId: ids.clientId,
      endpoint: `${server.url}/`,
    });

    const user = new CognitoUser({ Username: "js-totp", Pool: pool });
    const first = await authenticate(user, PASSWORD);
    expect(first.kind).toBe("session");
    const secret = await associate(user);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const verified = (await verify(user, totpAt(secret, clock.now()), "js phone")) as { Status: string };
    expect(verified.Status).toBe("SUCCESS");

    clock.advance(30_000);
    const again = new CognitoUser({ Username: "js-totp", Pool: pool });
    const challenged = await authenticate(again, PASSWORD);
    expect(challenged).toEqual({ kind: "totpRequired", challengeName: "SOFTWARE_TOKEN_MFA" });
    const session = await sendTotp(again, totpAt(secret, clock.now()));
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().decodePayload()["cognito:username"]).toBe("js-totp");
  });

  it("answers SMS_MFA through the mfaRequired callback and sendMFACode", async () => {
    const ids = await mfaPool(admin, "ON", { sms: true });
    const phone = `+1425555${backend === "sqlite" ? "0301" : "0302"}`;
    await mfaUser(admin, ids, "js-sms", [{ Name: "phone_number", Value: phone }]);
    const pool = new CognitoUserPool({
      UserPoolId: ids.userPoolId,
      ClientId: ids.clientId,
      endpoint: `${server.url}/`,
    });
    const user = new CognitoUser({ Username: "js-sms", Pool: pool });
    expect(await authenticate(user, PASSWORD)).toEqual({ kind: "mfaRequired", challengeName: "SMS_MFA" });
    const code = await latestCode(server.dataDir, phone);
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }),
    );
    expect(session.getIdToken().decodePayload().phone_number).toBe(phone);
  });

  it("completes MFA_SETUP through the mfaSetup callback with a Session", async () => {
    const ids = await mfaPool(admin, "ON", { totp: true });
    await mfaUser(admin, ids, "js-setup");
    const pool = new CognitoUserPool({
      UserPoolId: ids.userPoolId,
      ClientId: ids.clientId,
      endpoint: `${server.url}/`,
    });
    const user = new CognitoUser({ Username: "js-setup", Pool: pool });
    const challenged = await authenticate(user, PASSWORD);
    expect(challenged).toEqual({ kind: "mfaSetup", challengeName: "MFA_SETUP" });
    const secret = await associate(user);
    const session = (await verify(user, totpAt(secret, clock.now()), "js laptop")) as CognitoUserSession;
    expect(session.getAccessToken().getJwtToken()).toMatch(/^ey/);
  });
});
