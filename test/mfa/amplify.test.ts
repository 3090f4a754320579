import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { Amplify } from "aws-amplify";
import {
  confirmSignIn,
  fetchMFAPreference,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmplifyMemoryStorage } from "../support/amplify-storage.js";
import { FakeClock } from "../support/fake-clock.js";
import { latestCode } from "../support/outbox.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { mfaPool, mfaUser, PASSWORD, totpAt } from "./mfa-support.js";

// Amplify JS v6 in Node: setUpTOTP and verifyTOTPSetup on a signed-in user, updateMFAPreference, then
// signIn answers CONFIRM_SIGN_IN_WITH_TOTP_CODE and confirmSignIn completes it with a fresh TOTP.

const backends = await testBackends();

describe.each(backends)("TOTP MFA with Amplify v6 on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  const clock = new FakeClock();

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    admin = server.adminClient();
    const ids = await mfaPool(admin, "OPTIONAL", { totp: true });
    await mfaUser(admin, ids, "amplify-totp");
    Amplify.configure({
      Auth: {
        Cognito: { userPoolId: ids.userPoolId, userPoolClientId: ids.clientId, userPoolEndpoint: server.url },
      },
    });
    cognitoUserPoolsTokenProvider.setKeyValueStorage(new AmplifyMemoryStorage());
  });
  afterAll(async () => {
    await server.stop();
  });

  it("sets up TOTP, then signs in with CONFIRM_SIGN_IN_WITH_TOTP_CODE", async () => {
    const first = await signIn({ username: "amplify-totp", password: PASSWORD });
    expect(first.isSignedIn).toBe(true);
    const details = await setUpTOTP();
    expect(details.sharedSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(details.getSetupUri("Cognate").toString()).toContain(details.sharedSecret);
    await verifyTOTPSetup({
      code: totpAt(details.sharedSecret, clock.now()),
      options: { friendlyDeviceName: "amp" },
    });
    await updateMFAPreference({ totp: "PREFERRED" });
    expect(await fetchMFAPreference()).toEqual({ enabled: ["TOTP"], preferred: "TOTP" });
    await signOut();

    clock.advance(30_000);
    const second = await signIn({ username: "amplify-totp", password: PASSWORD });
    expect(second.isSignedIn).toBe(false);
    expect(second.nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_TOTP_CODE");
    const confirmed = await confirmSignIn({ challengeResponse: totpAt(details.sharedSecret, clock.now()) });
    expect(confirmed).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } });
    await signOut();
  });

  it("chooses a factor (CONTINUE_SIGN_IN_WITH_MFA_SELECTION) and confirms an email code", async () => {
    const ids = await mfaPool(admin, "OPTIONAL", { totp: true, email: true });
    const email = `amplify.select.${backend}@example.com`;
    await mfaUser(admin, ids, "amplify-select", [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
    ]);
    Amplify.configure({
      Auth: {
        Cognito: { userPoolId: ids.userPoolId, userPoolClientId: ids.clientId, userPoolEndpoint: server.url },
      },
    });
    expect((await signIn({ username: "amplify-select", password: PASSWORD })).isSignedIn).toBe(true);
    const details = await setUpTOTP();
    clock.advance(30_000);
    await verifyTOTPSetup({ code: totpAt(details.sharedSecret, clock.now()) });
    await updateMFAPreference({ email: "ENABLED" });
    expect(await fetchMFAPreference()).toEqual({ enabled: ["TOTP", "EMAIL"] });
    await signOut();

    const started = await signIn({ username: "amplify-select", password: PASSWORD });
    const step = started.nextStep;
    if (step.signInStep !== "CONTINUE_SIGN_IN_WITH_MFA_SELECTION") throw new Error(`got ${step.signInStep}`);
    expect(step.allowedMFATypes).toEqual(["TOTP", "EMAIL"]);
    const chosen = await confirmSignIn({ challengeResponse: "EMAIL" });
    expect(chosen.nextStep).toMatchObject({
      signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
      codeDeliveryDetails: { deliveryMedium: "EMAIL", destination: "a***@e***" },
    });
    const code = await latestCode(server.dataDir, email);
    expect(await confirmSignIn({ challengeResponse: code })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: "DONE" },
    });
    await signOut();
  });

  it("sets TOTP up during sign-in: CONTINUE_SIGN_IN_WITH_TOTP_SETUP (MFA ON, no factor)", async () => {
    const ids = await mfaPool(admin, "ON", { totp: true });
    await mfaUser(admin, ids, "amplify-setup");
    Amplify.configure({
      Auth: {
        Cognito: { userPoolId: ids.userPoolId, userPoolClientId: ids.clientId, userPoolEndpoint: server.url },
      },
    });
    const started = await signIn({ username: "amplify-setup", password: PASSWORD });
    expect(started.isSignedIn).toBe(false);
    const step = started.nextStep;
    if (step.signInStep !== "CONTINUE_SIGN_IN_WITH_TOTP_SETUP") throw new Error(`got ${step.signInStep}`);
    const secret = step.totpSetupDetails.sharedSecret;
    const confirmed = await confirmSignIn({ challengeResponse: totpAt(secret, clock.now()) });
    expect(confirmed).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } });
    await signOut();
  });
});
