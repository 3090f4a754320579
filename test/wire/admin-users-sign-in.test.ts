import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminInitiateAuthCommand,
  AdminRemoveUserFromGroupCommand,
  AdminResetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { USER_POOL_ACTIONS } from "../../src/http/cognito-json/user-pools.actions.js";
import { testBackends } from "../support/server.js";
import { PERMANENT, refusal, useAdminUsers } from "./support/admin-users-setup.js";

const backends = await testBackends();
// Sign-in checks run once the sign-in actions are in the action table.
const signInAvailable = USER_POOL_ACTIONS.AdminInitiateAuth.status !== "missing";

describe.each(backends)("admin user management on %s", (backend) => {
  const ctx = useAdminUsers(backend);
  const { newPool, newUser, setPassword } = ctx;

  describe.runIf(signInAvailable)("effects on sign-in", () => {
    let UserPoolId: string;
    let ClientId: string;

    const signIn = (USERNAME: string, PASSWORD: string) =>
      ctx.cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId,
          ClientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME, PASSWORD },
        }),
      );
    const refresh = (REFRESH_TOKEN: string) =>
      ctx.cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId,
          ClientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN },
        }),
      );
    const confirmedUser = async (Username: string) => {
      await setUp();
      await newUser(UserPoolId, Username, { email: `${Username}@example.com`, email_verified: "true" });
      await setPassword(UserPoolId, Username, PERMANENT, true);
      const out = await signIn(Username, PERMANENT);
      return out.AuthenticationResult!.RefreshToken!;
    };
    const revoked = { name: "NotAuthorizedException", message: "Refresh Token has been revoked" };

    // One pool and client for these checks, made on first use (a second beforeAll would run even when skipped).
    let ready: Promise<void> | undefined;
    const setUp = () => {
      ready ??= (async () => {
        UserPoolId = await newPool();
        const client = await ctx.cognito.send(
          new CreateUserPoolClientCommand({
            UserPoolId,
            ClientName: "admin-app",
            ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          }),
        );
        ClientId = client.UserPoolClient!.ClientId!;
      })();
      return ready;
    };

    it("a disabled user cannot sign in and loses its sessions; enabling lets it sign in again", async () => {
      const refreshToken = await confirmedUser("dora");
      expect((await refresh(refreshToken)).AuthenticationResult?.AccessToken).toBeDefined();
      await ctx.cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: "dora" }));
      expect(await refusal(signIn("dora", PERMANENT))).toEqual({
        name: "NotAuthorizedException",
        message: "User is disabled.",
      });
      expect(await refusal(refresh(refreshToken))).toEqual(revoked);
      await ctx.cognito.send(new AdminEnableUserCommand({ UserPoolId, Username: "dora" }));
      expect((await signIn("dora", PERMANENT)).AuthenticationResult?.IdToken).toBeDefined();
      expect(await refusal(refresh(refreshToken))).toEqual(revoked);
    });

    it("a refresh puts the user's current groups in both tokens, in precedence order", async () => {
      const refreshToken = await confirmedUser("greta");
      const groupsIn = (jwt: string | undefined) =>
        (
          JSON.parse(Buffer.from((jwt ?? "").split(".")[1] ?? "", "base64url").toString()) as Record<
            string,
            unknown
          >
        )["cognito:groups"];
      const join = async (GroupName: string, Precedence?: number) => {
        await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName, Precedence }));
        await ctx.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "greta", GroupName }));
      };
      await join("greta-none");
      await join("greta-b", 5);
      await join("greta-a", 5);
      await join("greta-first", 1);
      const refreshed = (await refresh(refreshToken)).AuthenticationResult;
      const order = ["greta-first", "greta-a", "greta-b", "greta-none"];
      expect(groupsIn(refreshed?.AccessToken)).toEqual(order);
      expect(groupsIn(refreshed?.IdToken)).toEqual(order);
      await ctx.cognito.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: "greta", GroupName: "greta-a" }),
      );
      const again = (await refresh(refreshToken)).AuthenticationResult;
      expect(groupsIn(again?.AccessToken)).toEqual(["greta-first", "greta-b", "greta-none"]);
    });

    it("AdminUserGlobalSignOut makes earlier refresh tokens fail but allows a new sign-in", async () => {
      const refreshToken = await confirmedUser("gil");
      await ctx.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: "gil" }));
      expect(await refusal(refresh(refreshToken))).toEqual(revoked);
      const again = await signIn("gil", PERMANENT);
      expect((await refresh(again.AuthenticationResult!.RefreshToken!)).AuthenticationResult).toBeDefined();
    });

    it("AdminSetUserPassword replaces the password and ends sessions; a temporary one asks for a new password", async () => {
      const refreshToken = await confirmedUser("sam");
      await setPassword(UserPoolId, "sam", "Repl4ced-Perm!pw", true);
      expect(await refusal(refresh(refreshToken))).toEqual(revoked);
      expect(await refusal(signIn("sam", PERMANENT))).toEqual({
        name: "NotAuthorizedException",
        message: "Incorrect username or password.",
      });
      expect((await signIn("sam", "Repl4ced-Perm!pw")).AuthenticationResult).toBeDefined();

      await setPassword(UserPoolId, "sam", "Temp0rary-New!pw", false);
      const challenge = await signIn("sam", "Temp0rary-New!pw");
      expect(challenge.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
      expect(challenge.AuthenticationResult).toBeUndefined();
    });

    it("AdminResetUserPassword makes sign-in ask for a reset", async () => {
      const refreshToken = await confirmedUser("rob");
      await ctx.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username: "rob" }));
      expect(await refusal(signIn("rob", PERMANENT))).toEqual({
        name: "PasswordResetRequiredException",
        message: "Password reset required for the user",
      });
      expect(await refusal(refresh(refreshToken))).toEqual(revoked);
    });

    it("an UNCONFIRMED user cannot be reset, and signs in once confirmed", async () => {
      await setUp();
      const client = await ctx.cognito.send(
        new CreateUserPoolClientCommand({ UserPoolId, ClientName: "public" }),
      );
      await ctx.cognito.send(
        new SignUpCommand({
          ClientId: client.UserPoolClient!.ClientId!,
          Username: "una",
          Password: PERMANENT,
        }),
      );
      expect(
        await refusal(ctx.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username: "una" }))),
      ).toEqual({
        name: "NotAuthorizedException",
        message: "User password cannot be reset in the current state.",
      });
      await ctx.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: "una" }));
      expect((await signIn("una", PERMANENT)).AuthenticationResult).toBeDefined();
    });
  });
});
