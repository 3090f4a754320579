import {
  type CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { Amplify } from "aws-amplify";
import {
  confirmResetPassword,
  confirmSignUp,
  confirmUserAttribute,
  fetchAuthSession,
  fetchUserAttributes,
  resetPassword,
  signIn,
  signOut,
  signUp,
  updatePassword,
  updateUserAttributes,
} from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmplifyMemoryStorage } from "../support/amplify-storage.js";
import { latestCode } from "../support/outbox.js";
import { createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

// Amplify JS v6 (aws-amplify/auth) in Node against a live Cognate, pointed at it with
// Auth.Cognito.userPoolEndpoint. Amplify keeps module-level state, so this file configures it once per
// backend, in order, and keeps its tokens in a store the test can read.

const backends = await testBackends();

describe.each(backends)("Amplify v6 auth against Cognate on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };
  const storage = new AmplifyMemoryStorage();

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPoolAndClient(
      admin,
      { AliasAttributes: ["email"], AutoVerifiedAttributes: ["email"] },
      { RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 } },
    );
    Amplify.configure({
      Auth: {
        Cognito: { userPoolId: ids.userPoolId, userPoolClientId: ids.clientId, userPoolEndpoint: server.url },
      },
    });
    cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("runs the whole account life cycle through Amplify", async () => {
    const username = `amplify-${backend}`;
    const email = `${backend}.amplify@example.com`;

    const signedUp = await signUp({
      username,
      password: "First-Passw0rd!",
      options: { userAttributes: { email } },
    });
    expect(signedUp.isSignUpComplete).toBe(false);
    expect(signedUp.nextStep).toMatchObject({
      signUpStep: "CONFIRM_SIGN_UP",
      codeDeliveryDetails: { deliveryMedium: "EMAIL", attributeName: "email" },
    });
    const confirmed = await confirmSignUp({
      username,
      confirmationCode: await latestCode(server.dataDir, email),
    });
    expect(confirmed.isSignUpComplete).toBe(true);

    // SRP is Amplify's default flow.
    const first = await signIn({ username, password: "First-Passw0rd!" });
    expect(first).toMatchObject({ isSignedIn: true, nextStep: { signInStep: "DONE" } });
    const session = await fetchAuthSession();
    expect(session.tokens?.idToken?.payload).toMatchObject({ email, "cognito:username": username });
    expect(session.tokens?.accessToken.payload.username).toBe(username);

    const updated = await updateUserAttributes({ userAttributes: { name: "Ada Lovelace" } });
    expect(updated.name).toMatchObject({ isUpdated: true, nextStep: { updateAttributeStep: "DONE" } });
    const movedTo = `${backend}.moved@example.com`;
    const moved = await updateUserAttributes({ userAttributes: { email: movedTo } });
    expect(moved.email?.nextStep.updateAttributeStep).toBe("CONFIRM_ATTRIBUTE_WITH_CODE");
    await confirmUserAttribute({
      userAttributeKey: "email",
      confirmationCode: await latestCode(server.dataDir, movedTo),
    });
    expect(await fetchUserAttributes()).toMatchObject({
      name: "Ada Lovelace",
      email: movedTo,
      email_verified: "true",
    });

    // A refresh goes through GetTokensFromRefreshToken; the client rotates refresh tokens.
    const before = storage.find("refreshToken");
    const refreshed = await fetchAuthSession({ forceRefresh: true });
    expect(refreshed.tokens?.idToken?.payload).toMatchObject({ email: movedTo, name: "Ada Lovelace" });
    expect(storage.find("refreshToken")).toBeTruthy();
    expect(storage.find("refreshToken")).not.toBe(before);

    // Changing the password ends every session, this one included; sign out locally and reset it.
    await updatePassword({ oldPassword: "First-Passw0rd!", newPassword: "Second-Passw0rd!" });
    await signOut();
    const reset = await resetPassword({ username });
    expect(reset.nextStep).toMatchObject({
      resetPasswordStep: "CONFIRM_RESET_PASSWORD_WITH_CODE",
      codeDeliveryDetails: {
        deliveryMedium: "EMAIL",
        attributeName: "email",
        destination: `${backend[0]}***@e***`,
      },
    });
    await confirmResetPassword({
      username,
      confirmationCode: await latestCode(server.dataDir, movedTo),
      newPassword: "Third-Passw0rd!",
    });
    await expect(signIn({ username, password: "Second-Passw0rd!" })).rejects.toMatchObject({
      name: "NotAuthorizedException",
    });
    expect(await signIn({ username: movedTo, password: "Third-Passw0rd!" })).toMatchObject({
      isSignedIn: true,
    });

    const last = await fetchAuthSession();
    const accessToken = last.tokens?.accessToken.toString() ?? "";
    const refreshToken = storage.find("refreshToken") ?? "";
    expect((await admin.send(new GetUserCommand({ AccessToken: accessToken }))).Username).toBe(username);

    await signOut({ global: true });
    expect(storage.find("refreshToken")).toBeUndefined();
    await expect(
      admin.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: ids.clientId, RefreshToken: refreshToken }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Refresh Token has been revoked" });
    await expect(admin.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Access Token has been revoked",
    });
  });
});
