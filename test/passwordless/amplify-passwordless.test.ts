import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { Amplify } from "aws-amplify";
import { confirmSignIn, fetchAuthSession, signIn, signOut } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmplifyMemoryStorage } from "../support/amplify-storage.js";
import { latestCode } from "../support/outbox.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { createPasswordlessPool } from "./support.js";

// Amplify JS v6 in Node with AuthFlow USER_AUTH: a passwordless email code (the code read from the dev
// outbox), the choice of factor, and PASSWORD_SRP through Amplify's own SRP. Amplify keeps module-level
// state, so each backend configures it in turn.

const backends = await testBackends();

describe.each(backends)("Amplify v6 passwordless sign-in on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };
  const username = `amy-${backend}`;
  const email = `${username}@example.com`;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPasswordlessPool(admin);
    await createConfirmedUser(admin, ids, username, "Passw0rd!amy", [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
    ]);
    Amplify.configure({
      Auth: {
        Cognito: { userPoolId: ids.userPoolId, userPoolClientId: ids.clientId, userPoolEndpoint: server.url },
      },
    });
    cognitoUserPoolsTokenProvider.setKeyValueStorage(new AmplifyMemoryStorage());
  });
  afterAll(async () => {
    await signOut().catch(() => undefined);
    await server?.stop();
  });

  it("signs in with an emailed code (PREFERRED_CHALLENGE EMAIL_OTP)", async () => {
    const started = await signIn({
      username,
      options: { authFlowType: "USER_AUTH", preferredChallenge: "EMAIL_OTP" },
    });
    expect(started.isSignedIn).toBe(false);
    expect(started.nextStep).toMatchObject({
      signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
      codeDeliveryDetails: { deliveryMedium: "EMAIL", destination: `${username[0]}***@e***` },
    });
    const done = await confirmSignIn({ challengeResponse: await latestCode(server.dataDir, email) });
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: "DONE" } });
    const session = await fetchAuthSession();
    expect(session.tokens?.accessToken.payload.username).toBe(username);
    await signOut();
  });

  it("lets the user pick a factor, then signs in with PASSWORD_SRP", async () => {
    const started = await signIn({ username, options: { authFlowType: "USER_AUTH" } });
    expect(started.nextStep).toMatchObject({
      signInStep: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
      availableChallenges: ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"],
    });
    const picked = await confirmSignIn({ challengeResponse: "EMAIL_OTP" });
    expect(picked.nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_EMAIL_CODE");
    const done = await confirmSignIn({ challengeResponse: await latestCode(server.dataDir, email) });
    expect(done.isSignedIn).toBe(true);
    await signOut();

    const srp = await signIn({
      username,
      password: "Passw0rd!amy",
      options: { authFlowType: "USER_AUTH", preferredChallenge: "PASSWORD_SRP" },
    });
    expect(srp).toMatchObject({ isSignedIn: true, nextStep: { signInStep: "DONE" } });
    expect((await fetchAuthSession()).tokens?.idToken?.payload.email).toBe(email);
    await signOut();
  });
});
