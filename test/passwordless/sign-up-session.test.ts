import {
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { Amplify } from "aws-amplify";
import { autoSignIn, confirmSignUp, fetchAuthSession, signOut, signUp } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmplifyMemoryStorage } from "../support/amplify-storage.js";
import { latestCode } from "../support/outbox.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { createPasswordlessPool } from "./support.js";

// ConfirmSignUp's Session: one USER_AUTH sign-in without another code (Cognito's "sign in directly from
// the sign-up process"), through the AWS SDK and Amplify v6's autoSignIn.

const backends = await testBackends();
const PASSWORD = "Passw0rd!signup";

describe.each(backends)("signing in with ConfirmSignUp's Session on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPasswordlessPool(admin);
  });
  afterAll(async () => {
    await signOut().catch(() => undefined);
    await server?.stop();
  });

  async function signUpAndConfirm(username: string): Promise<string | undefined> {
    const email = `${username}@example.com`;
    await admin.send(
      new SignUpCommand({
        ClientId: ids.clientId,
        Username: username,
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    const confirmed = await admin.send(
      new ConfirmSignUpCommand({
        ClientId: ids.clientId,
        Username: username,
        ConfirmationCode: await latestCode(server.dataDir, email),
      }),
    );
    return confirmed.Session;
  }

  it("signs the new user in once with USER_AUTH and the Session; a replay or another name is refused", async () => {
    const username = `fresh-${backend}`;
    const session = await signUpAndConfirm(username);
    expect(session).toEqual(expect.any(String));
    const wrongName = admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "somebody-else" },
        Session: session,
      }),
    );
    await expect(wrongName).rejects.toMatchObject({ name: "NotAuthorizedException" });
    const signedIn = await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: username },
        Session: session,
      }),
    );
    const idToken = signedIn.AuthenticationResult?.IdToken ?? "";
    const claims = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString());
    expect(claims).toMatchObject({ "cognito:username": username, email_verified: true });
    const replay = admin.send(
      new AdminInitiateAuthCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: username },
        Session: session,
      }),
    );
    await expect(replay).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Invalid session for the user.",
    });
  });

  it("lets Amplify's autoSignIn finish the sign-up with USER_AUTH", async () => {
    Amplify.configure({
      Auth: {
        Cognito: { userPoolId: ids.userPoolId, userPoolClientId: ids.clientId, userPoolEndpoint: server.url },
      },
    });
    cognitoUserPoolsTokenProvider.setKeyValueStorage(new AmplifyMemoryStorage());
    const username = `auto-${backend}`;
    const email = `${username}@example.com`;
    const started = await signUp({
      username,
      password: PASSWORD,
      options: { userAttributes: { email }, autoSignIn: { authFlowType: "USER_AUTH" } },
    });
    expect(started.nextStep.signUpStep).toBe("CONFIRM_SIGN_UP");
    const confirmed = await confirmSignUp({
      username,
      confirmationCode: await latestCode(server.dataDir, email),
    });
    expect(confirmed.nextStep.signUpStep).toBe("COMPLETE_AUTO_SIGN_IN");
    const done = await autoSignIn();
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: "DONE" } });
    expect((await fetchAuthSession()).tokens?.idToken?.payload.email).toBe(email);
    await signOut();
  });
});
