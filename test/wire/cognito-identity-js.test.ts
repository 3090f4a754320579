import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

function signIn(user: CognitoUser, password: string) {
  return new Promise<{ session?: CognitoUserSession; newPasswordRequired?: Record<string, string> }>(
    (resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
        onSuccess: (session) => resolve({ session }),
        onFailure: reject,
        newPasswordRequired: (userAttributes) => resolve({ newPasswordRequired: userAttributes }),
      });
    },
  );
}

describe.each(backends)("amazon-cognito-identity-js against Cognate on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let userPoolId: string;
  let clientId: string;
  let pool: CognitoUserPool;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    const created = await admin.send(
      new CreateUserPoolCommand({
        PoolName: "identity-js",
        AliasAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
        Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
      }),
    );
    userPoolId = created.UserPool?.Id ?? "";
    const client = await admin.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: "web" }),
    );
    clientId = client.UserPoolClient?.ClientId ?? "";
    pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint: `${server.url}/` });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("signs up, confirms with the emailed code, and signs in over SRP", async () => {
    const attributes = [new CognitoUserAttribute({ Name: "email", Value: "srp.user@example.com" })];
    const result = await new Promise<{ userSub: string; destination?: string }>((resolve, reject) =>
      pool.signUp("srpuser", "Corr3ct-Horse!", attributes, [], (error, data) =>
        error || !data
          ? reject(error)
          : resolve({ userSub: data.userSub, destination: data.codeDeliveryDetails?.Destination }),
      ),
    );
    expect(result.userSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.destination).toBe("s***@e***");
    const code = await latestCode(server.dataDir, "srp.user@example.com");
    const user = new CognitoUser({ Username: "srpuser", Pool: pool });
    await new Promise((resolve, reject) =>
      user.confirmRegistration(code, true, (error, data) => (error ? reject(error) : resolve(data))),
    );

    const { session } = await signIn(user, "Corr3ct-Horse!");
    expect(session?.isValid()).toBe(true);
    const jwks = createRemoteJWKSet(new URL(`${server.url}/${userPoolId}/.well-known/jwks.json`));
    const id = await jwtVerify(session?.getIdToken().getJwtToken() ?? "", jwks, {
      issuer: `http://localhost:${new URL(server.url).port}/${userPoolId}`,
      audience: clientId,
    });
    expect(id.payload).toMatchObject({
      sub: result.userSub,
      "cognito:username": "srpuser",
      token_use: "id",
      email: "srp.user@example.com",
      email_verified: true,
    });
    const access = await jwtVerify(session?.getAccessToken().getJwtToken() ?? "", jwks);
    expect(access.payload).toMatchObject({ client_id: clientId, token_use: "access", username: "srpuser" });
    expect(access.payload.scope).toBe("aws.cognito.signin.user.admin");
  });

  it("rejects a wrong password with NotAuthorizedException 'Incorrect username or password.'", async () => {
    const user = new CognitoUser({ Username: "srpuser", Pool: pool });
    await expect(signIn(user, "Wrong-Horse-1!")).rejects.toMatchObject({
      code: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
  });

  it("signs in by the email alias and learns the internal username", async () => {
    const user = new CognitoUser({ Username: "srp.user@example.com", Pool: pool });
    const { session } = await signIn(user, "Corr3ct-Horse!");
    expect(session?.getIdToken().payload["cognito:username"]).toBe("srpuser");
    expect(user.getUsername()).toBe("srpuser");
  });

  it("completes NEW_PASSWORD_REQUIRED for an admin-created user, then refreshes the session", async () => {
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: "invited",
        TemporaryPassword: "Temp-Passw0rd!",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: "invited@example.com" }],
      }),
    );
    const user = new CognitoUser({ Username: "invited", Pool: pool });
    const first = await signIn(user, "Temp-Passw0rd!");
    expect(first.newPasswordRequired).toMatchObject({ email: "invited@example.com" });
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.completeNewPasswordChallenge("Brand-New-Passw0rd!", {}, { onSuccess: resolve, onFailure: reject }),
    );
    expect(session.isValid()).toBe(true);

    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.refreshSession(session.getRefreshToken(), (error, data) =>
        error ? reject(error) : resolve(data),
      ),
    );
    expect(refreshed.getAccessToken().getJwtToken()).not.toBe(session.getAccessToken().getJwtToken());
    expect(refreshed.getIdToken().payload.origin_jti).toBe(session.getIdToken().payload.origin_jti);
    expect(refreshed.getRefreshToken().getToken()).toBe(session.getRefreshToken().getToken());

    await admin
      .send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: "invited",
          Password: "Another-Passw0rd!",
          Permanent: true,
        }),
      )
      .catch(() => undefined);
  });
});
