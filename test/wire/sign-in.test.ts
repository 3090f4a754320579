import { createHmac } from "node:crypto";
import {
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
const PASSWORD = "Sign-In-Passw0rd!";

describe.each(backends)("sign-in flows on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };

  const passwordAuth = (username: string, password: string, clientId = ids.clientId) =>
    admin.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPoolAndClient(admin, { UsernameConfiguration: { CaseSensitive: false } });
    await createConfirmedUser(admin, ids, "Walter", PASSWORD, [
      { Name: "email", Value: "walter@example.com" },
    ]);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("USER_PASSWORD_AUTH returns Cognito's AuthenticationResult, case-insensitively", async () => {
    const out = await passwordAuth("WALTER", PASSWORD);
    expect(out.AuthenticationResult).toMatchObject({ TokenType: "Bearer", ExpiresIn: 3600 });
    expect(out.AuthenticationResult?.AccessToken?.split(".")).toHaveLength(3);
    expect(out.AuthenticationResult?.IdToken?.split(".")).toHaveLength(3);
    expect(out.AuthenticationResult?.RefreshToken?.length).toBeGreaterThan(40);
    expect(out.ChallengeName).toBeUndefined();
  });

  it("refreshes with REFRESH_TOKEN_AUTH without returning a new refresh token", async () => {
    const first = await passwordAuth("walter", PASSWORD);
    const out = await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: first.AuthenticationResult?.RefreshToken ?? "" },
      }),
    );
    expect(out.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(out.AuthenticationResult?.RefreshToken).toBeUndefined();
    await expect(
      admin.send(
        new InitiateAuthCommand({
          ClientId: ids.clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: "not-a-token" },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });

  it("refuses a flow the client does not allow, with Cognito's message", async () => {
    const { clientId } = await createPoolAndClient(
      admin,
      {},
      { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    );
    await expect(passwordAuth("walter", PASSWORD, clientId)).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "USER_PASSWORD_AUTH flow not enabled for this client",
    });
    await expect(
      admin.send(
        new InitiateAuthCommand({
          ClientId: ids.clientId,
          AuthFlow: "ADMIN_NO_SRP_AUTH",
          AuthParameters: { USERNAME: "walter", PASSWORD },
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Initiate Auth method not supported.",
    });
  });

  it("ADMIN_USER_PASSWORD_AUTH signs in through the signed admin API", async () => {
    const out = await admin.send(
      new AdminInitiateAuthCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "walter", PASSWORD },
      }),
    );
    expect(out.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it("answers an unconfirmed user with UserNotConfirmedException only after the right password", async () => {
    await admin.send(new SignUpCommand({ ClientId: ids.clientId, Username: "pending", Password: PASSWORD }));
    await expect(passwordAuth("pending", "Wrong-Passw0rd!")).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
    await expect(passwordAuth("pending", PASSWORD)).rejects.toMatchObject({
      name: "UserNotConfirmedException",
      message: "User is not confirmed.",
    });
  });

  it("tells unknown users apart only when the client allows it (LEGACY)", async () => {
    await expect(passwordAuth("nobody", PASSWORD)).rejects.toMatchObject({
      name: "UserNotFoundException",
      message: "User does not exist.",
    });
  });

  it("refuses a tampered or foreign session", async () => {
    const started = await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_SRP_AUTH",
        AuthParameters: { USERNAME: "walter", SRP_A: "abc123" },
      }),
    );
    expect(started.ChallengeName).toBe("PASSWORD_VERIFIER");
    const session = started.Session ?? "";
    expect(session.length).toBeGreaterThanOrEqual(20);
    expect(session.length).toBeLessThanOrEqual(2048);
    const tampered = `${session.slice(0, -4)}AAAA`;
    await expect(
      admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ids.clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          Session: tampered,
          ChallengeResponses: {
            USERNAME: "walter",
            PASSWORD_CLAIM_SECRET_BLOCK: "x",
            PASSWORD_CLAIM_SIGNATURE: "y",
            TIMESTAMP: "z",
          },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });

  describe("with a client secret", () => {
    let secretIds: { userPoolId: string; clientId: string; clientSecret?: string };
    const secretHash = (username: string, secret: string, clientId: string) =>
      createHmac("sha256", secret)
        .update(username + clientId)
        .digest("base64");

    beforeAll(async () => {
      secretIds = await createPoolAndClient(admin, {}, { GenerateSecret: true });
      await admin.send(
        new SignUpCommand({
          ClientId: secretIds.clientId,
          SecretHash: secretHash("keeper", secretIds.clientSecret ?? "", secretIds.clientId),
          Username: "keeper",
          Password: PASSWORD,
        }),
      );
    });

    it("requires SECRET_HASH and accepts the right one", async () => {
      const auth = (parameters: Record<string, string>) =>
        admin.send(
          new InitiateAuthCommand({
            ClientId: secretIds.clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: parameters,
          }),
        );
      await expect(auth({ USERNAME: "keeper", PASSWORD })).rejects.toMatchObject({
        name: "NotAuthorizedException",
      });
      await expect(auth({ USERNAME: "keeper", PASSWORD, SECRET_HASH: "d3Jvbmc=" })).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: `Unable to verify secret hash for client ${secretIds.clientId}`,
      });
      await expect(
        auth({
          USERNAME: "keeper",
          PASSWORD,
          SECRET_HASH: secretHash("keeper", secretIds.clientSecret ?? "", secretIds.clientId),
        }),
      ).rejects.toMatchObject({ name: "UserNotConfirmedException" });
    });
  });
});
