import { GetTokensFromRefreshTokenCommand, GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../support/fake-clock.js";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { testBackends } from "../support/server.js";
import { useTestServer } from "../support/suite-server.js";
import { PASSWORD, sessions, useRevocation } from "./support/revocation-setup.js";

const backends = await testBackends();

describe.each(backends)("token revocation on %s", (backend) => {
  const ctx = useRevocation(backend);
  const { newClient, newUser } = ctx;

  describe("GetTokensFromRefreshToken", () => {
    it("without rotation: new ID and access tokens, no refresh token, the old one still works", async () => {
      const user = await newUser();
      const session = await ctx.helpers.signIn(ctx.ids.clientId, user.username);
      const out = await ctx.admin.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: ctx.ids.clientId, RefreshToken: session.refresh }),
      );
      expect(out.AuthenticationResult?.RefreshToken).toBeUndefined();
      expect(out.AuthenticationResult?.TokenType).toBe("Bearer");
      expect(decodeJwt(out.AuthenticationResult?.IdToken ?? "")).toMatchObject({
        "cognito:username": user.username,
        email: user.email,
      });
      const access = out.AuthenticationResult?.AccessToken ?? "";
      expect(decodeJwt(access).origin_jti).toBe(decodeJwt(session.access).origin_jti);
      expect((await ctx.admin.send(new GetUserCommand({ AccessToken: access }))).Username).toBe(
        user.username,
      );
      await ctx.helpers.expectAlive(session);
    });

    it("with rotation: a new refresh token each time; reusing an old one revokes the whole family", async () => {
      const user = await newUser();
      const rotating = await newClient({
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
      });
      const session = await ctx.helpers.signIn(rotating.clientId, user.username);
      const refresh = (RefreshToken: string) =>
        ctx.admin.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken }));
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
        ctx.admin.send(new GetUserCommand({ AccessToken: third?.AccessToken ?? "" })),
      ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Access Token has been revoked" });
    });

    it("refuses a token of another client, and a client with a secret needs ClientSecret", async () => {
      const user = await newUser();
      const session = await ctx.helpers.signIn(ctx.ids.clientId, user.username);
      const other = await newClient({ GenerateSecret: true });
      await expect(
        ctx.admin.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: other.clientId,
            RefreshToken: session.refresh,
            ClientSecret: other.secret ?? "",
          }),
        ),
      ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token" });
      await expect(
        ctx.admin.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: other.clientId, RefreshToken: session.refresh }),
        ),
      ).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: `Client ${other.clientId} is configured with secret but ClientSecret was not received`,
      });
      await expect(
        ctx.admin.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: ctx.ids.clientId, RefreshToken: "A".repeat(64) }),
        ),
      ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token" });
    });

    it("lets at most one of 50 concurrent rotations of one token succeed (grace period 0)", async () => {
      const user = await newUser();
      const rotating = await newClient({
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
      });
      const session = await ctx.helpers.signIn(rotating.clientId, user.username);
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, () =>
          ctx.admin.send(
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
        ctx.admin.send(
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
  const ctx = useTestServer({ backend, clock });

  it("honours a rotated-out token within RetryGracePeriodSeconds, and treats it as reuse after", async () => {
    const ids = await createPoolAndClient(
      ctx.cognito,
      {},
      { RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 30 } },
    );
    await createConfirmedUser(ctx.cognito, ids, "graceful", PASSWORD);
    const session = await sessions(ctx.cognito).signIn(ids.clientId, "graceful");
    const refresh = () =>
      ctx.cognito.send(
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
      ctx.cognito.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: ids.clientId,
          RefreshToken: rotated.AuthenticationResult?.RefreshToken ?? "",
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Refresh Token has been revoked" });
  });
});
