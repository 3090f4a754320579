import { createHmac } from "node:crypto";
import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { testBackends } from "../support/server.js";
import { PASSWORD, useRevocation } from "./support/revocation-setup.js";

const backends = await testBackends();

describe.each(backends)("token revocation on %s", (backend) => {
  const ctx = useRevocation(backend);
  const { newClient, newUser } = ctx;

  describe("ending every session of a user at once", () => {
    it("GlobalSignOut ends all of the user's sessions, and only theirs", async () => {
      const user = await newUser();
      const bystander = await newUser();
      const [first, second] = [
        await ctx.helpers.signIn(ctx.ids.clientId, user.username),
        await ctx.helpers.signIn(ctx.ids.clientId, user.username),
      ];
      const other = await ctx.helpers.signIn(ctx.ids.clientId, bystander.username);
      await ctx.admin.send(new GlobalSignOutCommand({ AccessToken: first.access }));
      await ctx.helpers.expectDead(first);
      await ctx.helpers.expectDead(second);
      await ctx.helpers.expectAlive(other);
      await expect(
        ctx.admin.send(new GlobalSignOutCommand({ AccessToken: first.access })),
      ).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Access Token has been revoked",
      });
      // Signing in again starts a working session.
      await ctx.helpers.expectAlive(await ctx.helpers.signIn(ctx.ids.clientId, user.username));
    });

    it("ChangePassword ends every session, the caller's included", async () => {
      const user = await newUser();
      const [caller, elsewhere] = [
        await ctx.helpers.signIn(ctx.ids.clientId, user.username),
        await ctx.helpers.signIn(ctx.ids.clientId, user.username),
      ];
      await ctx.admin.send(
        new ChangePasswordCommand({
          AccessToken: caller.access,
          PreviousPassword: PASSWORD,
          ProposedPassword: "Changed-Pass1!",
        }),
      );
      await ctx.helpers.expectDead(caller);
      await ctx.helpers.expectDead(elsewhere);
      await ctx.helpers.expectAlive(
        await ctx.helpers.signIn(ctx.ids.clientId, user.username, "Changed-Pass1!"),
      );
    });

    it("ConfirmForgotPassword ends every session", async () => {
      const user = await newUser();
      const session = await ctx.helpers.signIn(ctx.ids.clientId, user.username);
      await ctx.admin.send(
        new ForgotPasswordCommand({ ClientId: ctx.ids.clientId, Username: user.username }),
      );
      await ctx.helpers.expectAlive(session);
      await ctx.admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: ctx.ids.clientId,
          Username: user.username,
          ConfirmationCode: await latestCode(ctx.server.dataDir, user.email),
          Password: "Reset-Passw0rd!",
        }),
      );
      await ctx.helpers.expectDead(session);
      await ctx.helpers.expectAlive(
        await ctx.helpers.signIn(ctx.ids.clientId, user.username, "Reset-Passw0rd!"),
      );
    });

    it("AdminDisableUser ends every session; enabling again does not revive them", async () => {
      const user = await newUser();
      const session = await ctx.helpers.signIn(ctx.ids.clientId, user.username);
      await ctx.admin.send(
        new AdminDisableUserCommand({ UserPoolId: ctx.ids.userPoolId, Username: user.username }),
      );
      await ctx.helpers.expectDead(session);
      await ctx.admin.send(
        new AdminEnableUserCommand({ UserPoolId: ctx.ids.userPoolId, Username: user.username }),
      );
      await ctx.helpers.expectDead(session);
      await ctx.helpers.expectAlive(await ctx.helpers.signIn(ctx.ids.clientId, user.username));
    });
  });

  describe("RevokeToken", () => {
    it("ends that session only; revoking again, or an unknown token, succeeds", async () => {
      const user = await newUser();
      const [revoked, kept] = [
        await ctx.helpers.signIn(ctx.ids.clientId, user.username),
        await ctx.helpers.signIn(ctx.ids.clientId, user.username),
      ];
      await ctx.admin.send(new RevokeTokenCommand({ ClientId: ctx.ids.clientId, Token: revoked.refresh }));
      await ctx.helpers.expectDead(revoked);
      await ctx.helpers.expectAlive(kept);
      await ctx.admin.send(new RevokeTokenCommand({ ClientId: ctx.ids.clientId, Token: revoked.refresh }));
      await ctx.admin.send(new RevokeTokenCommand({ ClientId: ctx.ids.clientId, Token: "A".repeat(64) }));
    });

    it("refuses ID and access tokens", async () => {
      const user = await newUser();
      const session = await ctx.helpers.signIn(ctx.ids.clientId, user.username);
      await expect(
        ctx.admin.send(new RevokeTokenCommand({ ClientId: ctx.ids.clientId, Token: session.access })),
      ).rejects.toMatchObject({ name: "UnsupportedTokenTypeException" });
      await ctx.helpers.expectAlive(session);
    });

    it("refuses another client's refresh token", async () => {
      const user = await newUser();
      const other = await newClient();
      const session = await ctx.helpers.signIn(ctx.ids.clientId, user.username);
      await expect(
        ctx.admin.send(new RevokeTokenCommand({ ClientId: other.clientId, Token: session.refresh })),
      ).rejects.toMatchObject({ name: "UnauthorizedException" });
      await ctx.helpers.expectAlive(session);
    });

    it("is refused for clients with token revocation disabled", async () => {
      const user = await newUser();
      const closed = await newClient({ EnableTokenRevocation: false });
      const session = await ctx.helpers.signIn(closed.clientId, user.username);
      await expect(
        ctx.admin.send(new RevokeTokenCommand({ ClientId: closed.clientId, Token: session.refresh })),
      ).rejects.toMatchObject({ name: "UnsupportedOperationException" });
    });

    it("needs the ClientSecret of a client that has one", async () => {
      const user = await newUser();
      const secretive = await newClient({ GenerateSecret: true });
      const { AuthenticationResult } = await ctx.admin.send(
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
        ctx.admin.send(new RevokeTokenCommand({ ClientId: secretive.clientId, Token: token })),
      ).rejects.toMatchObject({
        name: "UnauthorizedException",
      });
      await expect(
        ctx.admin.send(
          new RevokeTokenCommand({
            ClientId: secretive.clientId,
            Token: token,
            ClientSecret: "x".repeat(51),
          }),
        ),
      ).rejects.toMatchObject({ name: "UnauthorizedException" });
      await ctx.admin.send(
        new RevokeTokenCommand({
          ClientId: secretive.clientId,
          Token: token,
          ClientSecret: secretive.secret ?? "",
        }),
      );
      await expect(
        ctx.admin.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: secretive.clientId,
            RefreshToken: token,
            ClientSecret: secretive.secret ?? "",
          }),
        ),
      ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Refresh Token has been revoked" });
    });
  });
});
