import { createHmac } from "node:crypto";
import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  ChangePasswordCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  type ExplicitAuthFlowsType,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fake-clock.js";
import { latestCode } from "../support/outbox.js";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
const PASSWORD = "Rev0cation-Pass!";
const FLOWS: ExplicitAuthFlowsType[] = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];

interface Session {
  access: string;
  refresh: string;
  clientId: string;
}

/** Helpers bound to one server and pool. */
function sessions(admin: CognitoIdentityProviderClient) {
  async function signIn(clientId: string, username: string, password = PASSWORD): Promise<Session> {
    const out = await admin.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    return {
      access: out.AuthenticationResult?.AccessToken ?? "",
      refresh: out.AuthenticationResult?.RefreshToken ?? "",
      clientId,
    };
  }
  const refreshAuth = (session: Session) =>
    admin.send(
      new InitiateAuthCommand({
        ClientId: session.clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: session.refresh },
      }),
    );
  /** The refresh token and the access token both work. */
  async function expectAlive(session: Session) {
    expect((await refreshAuth(session)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await admin.send(new GetUserCommand({ AccessToken: session.access }))).Username).toBeTruthy();
  }
  /** Neither works: REFRESH_TOKEN_AUTH and GetUser both answer NotAuthorizedException. */
  async function expectDead(session: Session) {
    await expect(refreshAuth(session)).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Refresh Token has been revoked",
    });
    await expect(admin.send(new GetUserCommand({ AccessToken: session.access }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Access Token has been revoked",
    });
  }
  return { signIn, refreshAuth, expectAlive, expectDead };
}

describe.each(backends)("token revocation on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };
  let helpers: ReturnType<typeof sessions>;
  let counter = 0;

  async function newClient(settings: Partial<CreateUserPoolClientCommandInput> = {}) {
    const out = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientName: `client-${counter++}`,
        ExplicitAuthFlows: FLOWS,
        ...settings,
      }),
    );
    return { clientId: out.UserPoolClient?.ClientId ?? "", secret: out.UserPoolClient?.ClientSecret };
  }

  async function newUser() {
    counter += 1;
    const username = `rev${counter}`;
    const email = `rev${counter}@example.com`;
    await createConfirmedUser(admin, ids, username, PASSWORD, [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
    ]);
    return { username, email };
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPoolAndClient(admin, { AutoVerifiedAttributes: ["email"] });
    helpers = sessions(admin);
  });
  afterAll(async () => {
    await server.stop();
  });

  describe("ending every session of a user at once", () => {
    it("GlobalSignOut ends all of the user's sessions, and only theirs", async () => {
      const user = await newUser();
      const bystander = await newUser();
      const [first, second] = [
        await helpers.signIn(ids.clientId, user.username),
        await helpers.signIn(ids.clientId, user.username),
      ];
      const other = await helpers.signIn(ids.clientId, bystander.username);
      await admin.send(new GlobalSignOutCommand({ AccessToken: first.access }));
      await helpers.expectDead(first);
      await helpers.expectDead(second);
      await helpers.expectAlive(other);
      await expect(admin.send(new GlobalSignOutCommand({ AccessToken: first.access }))).rejects.toMatchObject(
        {
          name: "NotAuthorizedException",
          message: "Access Token has been revoked",
        },
      );
      // Signing in again starts a working session.
      await helpers.expectAlive(await helpers.signIn(ids.clientId, user.username));
    });

    it("ChangePassword ends every session, the caller's included", async () => {
      const user = await newUser();
      const [caller, elsewhere] = [
        await helpers.signIn(ids.clientId, user.username),
        await helpers.signIn(ids.clientId, user.username),
      ];
      await admin.send(
        new ChangePasswordCommand({
          AccessToken: caller.access,
          PreviousPassword: PASSWORD,
          ProposedPassword: "Changed-Pass1!",
        }),
      );
      await helpers.expectDead(caller);
      await helpers.expectDead(elsewhere);
      await helpers.expectAlive(await helpers.signIn(ids.clientId, user.username, "Changed-Pass1!"));
    });

    it("ConfirmForgotPassword ends every session", async () => {
      const user = await newUser();
      const session = await helpers.signIn(ids.clientId, user.username);
      await admin.send(new ForgotPasswordCommand({ ClientId: ids.clientId, Username: user.username }));
      await helpers.expectAlive(session);
      await admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: ids.clientId,
          Username: user.username,
          ConfirmationCode: await latestCode(server.dataDir, user.email),
          Password: "Reset-Passw0rd!",
        }),
      );
      await helpers.expectDead(session);
      await helpers.expectAlive(await helpers.signIn(ids.clientId, user.username, "Reset-Passw0rd!"));
    });

    it("AdminDisableUser ends every session; enabling again does not revive them", async () => {
      const user = await newUser();
      const session = await helpers.signIn(ids.clientId, user.username);
      await admin.send(new AdminDisableUserCommand({ UserPoolId: ids.userPoolId, Username: user.username }));
      await helpers.expectDead(session);
      await admin.send(new AdminEnableUserCommand({ UserPoolId: ids.userPoolId, Username: user.username }));
      await helpers.expectDead(session);
      await helpers.expectAlive(await helpers.signIn(ids.clientId, user.username));
    });
  });

  describe("RevokeToken", () => {
    it("ends that session only; revoking again, or an unknown token, succeeds", async () => {
      const user = await newUser();
      const [revoked, kept] = [
        await helpers.signIn(ids.clientId, user.username),
        await helpers.signIn(ids.clientId, user.username),
      ];
      await admin.send(new RevokeTokenCommand({ ClientId: ids.clientId, Token: revoked.refresh }));
      await helpers.expectDead(revoked);
      await helpers.expectAlive(kept);
      await admin.send(new RevokeTokenCommand({ ClientId: ids.clientId, Token: revoked.refresh }));
      await admin.send(new RevokeTokenCommand({ ClientId: ids.clientId, Token: "A".repeat(64) }));
    });

    it("refuses ID and access tokens", async () => {
      const user = await newUser();
      const session = await helpers.signIn(ids.clientId, user.username);
      await expect(
        admin.send(new RevokeTokenCommand({ ClientId: ids.clientId, Token: session.access })),
      ).rejects.toMatchObject({ name: "UnsupportedTokenTypeException" });
      await helpers.expectAlive(session);
    });

    it("refuses another client's refresh token", async () => {
      const user = await newUser();
      const other = await newClient();
      const session = await helpers.signIn(ids.clientId, user.username);
      await expect(
        admin.send(new RevokeTokenCommand({ ClientId: other.clientId, Token: session.refresh })),
      ).rejects.toMatchObject({ name: "UnauthorizedException" });
      await helpers.expectAlive(session);
    });

    it("is refused for clients with token revocation disabled", async () => {
      const user = await newUser();
      const closed = await newClient({ EnableTokenRevocation: false });
      const session = await helpers.signIn(closed.clientId, user.username);
      await expect(
        admin.send(new RevokeTokenCommand({ ClientId: closed.clientId, Token: session.refresh })),
      ).rejects.toMatchObject({ name: "UnsupportedOperationException" });
    });

    it("needs the ClientSecret of a client that has one", async () => {
      const user = await newUser();
      const secretive = await newClient({ GenerateSecret: true });
      const { AuthenticationResult } = await admin.send(
        new InitiateAuthCommand({
          ClientId: secretive.clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: {
            USERNAME: user.username,
            PASSWORD,
            SECRET_HASH: createHmac("sha256", secretive.secret ?? "")
              .update(user.username + secretive.clientId)
              .digest("base64"),
          },
        }),
      );
      const token = AuthenticationResult?.RefreshToken ?? "";
      await expect(
        admin.send(new RevokeTokenCommand({ ClientId: secretive.clientId, Token: token })),
      ).rejects.toMatchObject({
        name: "UnauthorizedException",
      });
      await expect(
        admin.send(
          new RevokeTokenCommand({
            ClientId: secretive.clientId,
            Token: token,
            ClientSecret: "x".repeat(51),
          }),
        ),
      ).rejects.toMatchObject({ name: "UnauthorizedException" });
      await admin.send(
        new RevokeTokenCommand({
          ClientId: secretive.clientId,
          Token: token,
          ClientSecret: secretive.secret ?? "",
        }),
      );
      await expect(
        admin.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: secretive.clientId,
            RefreshToken: token,
            ClientSecret: secretive.secret ?? "",
          }),
        ),
      ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Refresh Token has been revoked" });
    });
  });

  describe("GetTokensFromRefreshToken", () => {
    it("without rotation: new ID and access tokens, no refresh token, the old one still works", async () => {
      const user = await newUser();
      const session = await helpers.signIn(ids.clientId, user.username);
      const out = await admin.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: ids.clientId, RefreshToken: session.refresh }),
      );
      expect(out.AuthenticationResult?.RefreshToken).toBeUndefined();
      expect(out.AuthenticationResult?.TokenType).toBe("Bearer");
      expect(decodeJwt(out.AuthenticationResult?.IdToken ?? "")).toMatchObject({
        "cognito:username": user.username,
        email: user.email,
      });
      const access = out.AuthenticationResult?.AccessToken ?? "";
      expect(decodeJwt(access).origin_jti).toBe(decodeJwt(session.access).origin_jti);
      expect((await admin.send(new GetUserCommand({ AccessToken: access }))).Username).toBe(user.username);
      await helpers.expectAlive(session);
    });

    it("with rotation: a new refresh token each time; reusing an old one revokes the whole family", async () => {
      const user = await newUser();
      const rotating = await newClient({
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
      });
      const session = await helpers.signIn(rotating.clientId, user.username);
      const refresh = (RefreshToken: string) =>
        admin.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken }));
      const first = await refresh(session.refresh);
      const second = first.AuthenticationResult?.RefreshToken ?? "";
      expect(second).not.toBe("");
      expect(second).not.toBe(session.refresh);
      const third = (await refresh(second)).AuthenticationResult;
      expect(third?.RefreshToken).toBeTruthy();

      await expect(refresh(session.refresh)).rejects.toMatchObject({ name: "RefreshTokenReuseException" });
      // Every token of the family is dead now, the newest included.
      await expect(refresh(third?.RefreshToken ?? "")).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Refresh Token has been revoked",
      });
      await expect(
        admin.send(new GetUserCommand({ AccessToken: third?.AccessToken ?? "" })),
      ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Access Token has been revoked" });
    });

    it("refuses a token of another client, and a client with a secret needs ClientSecret", async () => {
      const user = await newUser();
      const session = await helpers.signIn(ids.clientId, user.username);
      const other = await newClient({ GenerateSecret: true });
      await expect(
        admin.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: other.clientId,
            RefreshToken: session.refresh,
            ClientSecret: other.secret ?? "",
          }),
        ),
      ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token" });
      await expect(
        admin.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: other.clientId, RefreshToken: session.refresh }),
        ),
      ).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: `Client ${other.clientId} is configured with secret but ClientSecret was not received`,
      });
      await expect(
        admin.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: ids.clientId, RefreshToken: "A".repeat(64) }),
        ),
      ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token" });
    });

    it("lets at most one of 50 concurrent rotations of one token succeed (grace period 0)", async () => {
      const user = await newUser();
      const rotating = await newClient({
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
      });
      const session = await helpers.signIn(rotating.clientId, user.username);
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, () =>
          admin.send(
            new GetTokensFromRefreshTokenCommand({
              ClientId: rotating.clientId,
              RefreshToken: session.refresh,
            }),
          ),
        ),
      );
      const succeeded = results.filter((result) => result.status === "fulfilled");
      expect(succeeded.length).toBeLessThanOrEqual(1);
      for (const result of results) {
        if (result.status === "rejected") {
          // Losers either detected the reuse or arrived after it had revoked the family.
          expect([
            "RefreshTokenReuseException",
            "NotAuthorizedException: Refresh Token has been revoked",
          ]).toContain(
            result.reason.name === "NotAuthorizedException"
              ? `${result.reason.name}: ${result.reason.message}`
              : result.reason.name,
          );
          expect(result.reason.$metadata.httpStatusCode).toBe(400);
        }
      }
      // The reuse revoked the family: nothing of that sign-in works any more.
      await expect(
        admin.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: rotating.clientId,
            RefreshToken: session.refresh,
          }),
        ),
      ).rejects.toMatchObject({
        name: expect.stringMatching(/^(RefreshTokenReuseException|NotAuthorizedException)$/),
      });
    });
  });
});

describe.each(backends)("refresh-token rotation grace period on %s", (backend) => {
  const clock = new FakeClock(new Date());
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    admin = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("honours a rotated-out token within RetryGracePeriodSeconds, and treats it as reuse after", async () => {
    const ids = await createPoolAndClient(
      admin,
      {},
      { RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 30 } },
    );
    await createConfirmedUser(admin, ids, "graceful", PASSWORD);
    const session = await sessions(admin).signIn(ids.clientId, "graceful");
    const refresh = () =>
      admin.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: ids.clientId, RefreshToken: session.refresh }),
      );
    const rotated = await refresh();
    clock.advance(20_000);
    const retried = await refresh();
    expect(retried.AuthenticationResult?.RefreshToken).toBeTruthy();
    expect(retried.AuthenticationResult?.RefreshToken).not.toBe(rotated.AuthenticationResult?.RefreshToken);
    clock.advance(11_000);
    await expect(refresh()).rejects.toMatchObject({ name: "RefreshTokenReuseException" });
    await expect(
      admin.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: ids.clientId,
          RefreshToken: rotated.AuthenticationResult?.RefreshToken ?? "",
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Refresh Token has been revoked" });
  });
});
