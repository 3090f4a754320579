import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { latestCode, latestMessage } from "../support/outbox.js";
import { testBackends } from "../support/server.js";
import {
  attributeMap,
  PERMANENT,
  refusal,
  useAdminUsers,
  userNotFound,
} from "./support/admin-users-setup.js";

const backends = await testBackends();

describe.each(backends)("admin user management on %s", (backend) => {
  const ctx = useAdminUsers(backend);
  const { newPool, newUser, getUser, update, setPassword, noMessageFor } = ctx;

  describe("AdminGetUser", () => {
    it("returns the user by username, by verified email alias and by sub", async () => {
      const UserPoolId = await newPool({ AliasAttributes: ["email"] });
      const created = await newUser(UserPoolId, "ada", { email: "Ada@Example.com", email_verified: "true" });
      const sub = attributeMap(created.Attributes).sub!;
      const byName = await getUser(UserPoolId, "ada");
      const { $metadata: _metadata, ...view } = byName;
      expect(view).toEqual({
        Username: "ada",
        UserAttributes: [
          { Name: "sub", Value: sub },
          { Name: "email", Value: "Ada@Example.com" },
          { Name: "email_verified", Value: "true" },
        ],
        UserCreateDate: created.UserCreateDate,
        UserLastModifiedDate: created.UserLastModifiedDate,
        Enabled: true,
        UserStatus: "FORCE_CHANGE_PASSWORD",
      });
      expect((await getUser(UserPoolId, "ada@example.com")).Username).toBe("ada");
      expect((await getUser(UserPoolId, sub)).Username).toBe("ada");
    });

    it("answers UserNotFoundException and ResourceNotFoundException for every action", async () => {
      const UserPoolId = await newPool();
      const missingPool = `${UserPoolId.split("_")[0]}_MissingPo0`;
      const calls: Array<(UserPoolId: string, Username: string) => Promise<unknown>> = [
        (UserPoolId, Username) => ctx.cognito.send(new AdminGetUserCommand({ UserPoolId, Username })),
        (UserPoolId, Username) => ctx.cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username })),
        (UserPoolId, Username) => ctx.cognito.send(new AdminDisableUserCommand({ UserPoolId, Username })),
        (UserPoolId, Username) => ctx.cognito.send(new AdminEnableUserCommand({ UserPoolId, Username })),
        (UserPoolId, Username) => update(UserPoolId, Username, { given_name: "X" }),
        (UserPoolId, Username) =>
          ctx.cognito.send(
            new AdminDeleteUserAttributesCommand({ UserPoolId, Username, UserAttributeNames: ["name"] }),
          ),
        (UserPoolId, Username) => setPassword(UserPoolId, Username, PERMANENT, true),
        (UserPoolId, Username) =>
          ctx.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username })),
        (UserPoolId, Username) =>
          ctx.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username })),
      ];
      for (const call of calls) {
        expect(await refusal(call(UserPoolId, "nobody"))).toEqual(userNotFound);
        expect(await refusal(call(missingPool, "nobody"))).toEqual({
          name: "ResourceNotFoundException",
          message: `User pool ${missingPool} does not exist.`,
        });
      }
    });
  });

  describe("AdminDeleteUser", () => {
    it("removes the user, its group memberships and its name, and a second delete finds nobody", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "gone", { email: "gone@example.com" });
      await newUser(UserPoolId, "stays");
      await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "team" }));
      await ctx.cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: "gone", GroupName: "team" }),
      );

      await ctx.cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: "gone" }));
      expect(await refusal(getUser(UserPoolId, "gone"))).toEqual(userNotFound);
      const listed = await ctx.cognito.send(new ListUsersCommand({ UserPoolId }));
      expect(listed.Users?.map((user) => user.Username)).toEqual(["stays"]);
      const members = await ctx.cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "team" }));
      expect(members.Users).toEqual([]);
      expect(
        await refusal(ctx.cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: "gone" }))),
      ).toEqual(userNotFound);

      const again = await newUser(UserPoolId, "gone");
      expect(again.UserStatus).toBe("FORCE_CHANGE_PASSWORD");
      expect(attributeMap(again.Attributes).email).toBeUndefined();
    });
  });

  describe("AdminDisableUser and AdminEnableUser", () => {
    it("switch Enabled, which AdminGetUser and ListUsers report", async () => {
      const UserPoolId = await newPool();
      const created = await newUser(UserPoolId, "switch");
      await ctx.cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: "switch" }));
      const disabled = await getUser(UserPoolId, "switch");
      expect(disabled.Enabled).toBe(false);
      expect(disabled.UserStatus).toBe("FORCE_CHANGE_PASSWORD");
      expect(disabled.UserLastModifiedDate!.getTime()).toBeGreaterThan(
        created.UserLastModifiedDate!.getTime(),
      );
      const listed = await ctx.cognito.send(new ListUsersCommand({ UserPoolId }));
      expect(listed.Users?.map((user) => [user.Username, user.Enabled])).toEqual([["switch", false]]);

      await ctx.cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: "switch" }));
      await ctx.cognito.send(new AdminEnableUserCommand({ UserPoolId, Username: "switch" }));
      expect((await getUser(UserPoolId, "switch")).Enabled).toBe(true);
    });
  });

  describe("AdminSetUserPassword", () => {
    it("makes the user CONFIRMED with a permanent password and FORCE_CHANGE_PASSWORD with a temporary one", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "pw");
      await setPassword(UserPoolId, "pw", PERMANENT, true);
      expect((await getUser(UserPoolId, "pw")).UserStatus).toBe("CONFIRMED");
      await setPassword(UserPoolId, "pw", "An0ther-Temp!pw");
      expect((await getUser(UserPoolId, "pw")).UserStatus).toBe("FORCE_CHANGE_PASSWORD");
      await setPassword(UserPoolId, "pw", PERMANENT, false);
      expect((await getUser(UserPoolId, "pw")).UserStatus).toBe("FORCE_CHANGE_PASSWORD");
    });

    it("confirms a signed-up (UNCONFIRMED) user with a permanent password", async () => {
      const UserPoolId = await newPool();
      const client = await ctx.cognito.send(
        new CreateUserPoolClientCommand({ UserPoolId, ClientName: "app" }),
      );
      await ctx.cognito.send(
        new SignUpCommand({
          ClientId: client.UserPoolClient!.ClientId!,
          Username: "self",
          Password: PERMANENT,
        }),
      );
      expect((await getUser(UserPoolId, "self")).UserStatus).toBe("UNCONFIRMED");
      await setPassword(UserPoolId, "self", "N3w-Perm!pass", true);
      expect((await getUser(UserPoolId, "self")).UserStatus).toBe("CONFIRMED");
    });

    it("refuses a password the policy refuses, and a permanent one from the history", async () => {
      const UserPoolId = await newPool({
        Policies: { PasswordPolicy: { MinimumLength: 10, PasswordHistorySize: 2 } },
      });
      await newUser(UserPoolId, "hist");
      const weak = await refusal(setPassword(UserPoolId, "hist", "Sh0rt!x", true));
      expect(weak.name).toBe("InvalidPasswordException");
      expect(weak.message).toMatch(/^Password does not conform to policy: /);
      expect((await getUser(UserPoolId, "hist")).UserStatus).toBe("FORCE_CHANGE_PASSWORD");

      await setPassword(UserPoolId, "hist", "First-Perm!pw1", true);
      await setPassword(UserPoolId, "hist", "Second-Perm!pw2", true);
      expect(await refusal(setPassword(UserPoolId, "hist", "First-Perm!pw1", true))).toEqual({
        name: "PasswordHistoryPolicyViolationException",
        message: "The password you entered has been used recently. Choose a different password.",
      });
      // Temporary passwords are not held to the history.
      await setPassword(UserPoolId, "hist", "First-Perm!pw1", false);
      expect((await getUser(UserPoolId, "hist")).UserStatus).toBe("FORCE_CHANGE_PASSWORD");
    });
  });

  describe("AdminResetUserPassword", () => {
    const reset = (UserPoolId: string, Username: string) =>
      ctx.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username }));

    it("sets RESET_REQUIRED and sends a ForgotPassword code to the verified email", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "rita", { email: "rita@example.com", email_verified: "true" });
      await setPassword(UserPoolId, "rita", PERMANENT, true);
      await reset(UserPoolId, "rita");
      expect((await getUser(UserPoolId, "rita")).UserStatus).toBe("RESET_REQUIRED");
      const message = await latestMessage(ctx.server.dataDir, "rita@example.com");
      expect(message.kind).toBe("ForgotPassword");
      expect(message.userPoolId).toBe(UserPoolId);
      const first = await latestCode(ctx.server.dataDir, "rita@example.com");
      expect(first).toMatch(/^\d{6}$/);

      // A user already waiting for a reset can be sent a fresh code.
      await reset(UserPoolId, "rita");
      const second = await latestMessage(ctx.server.dataDir, "rita@example.com");
      expect(second.id).not.toBe(message.id);
      expect(second.code).toMatch(/^\d{6}$/);
    });

    it("picks the destination from AccountRecoverySetting, phone first when it is not set", async () => {
      const contacts = (n: number) => ({
        email: `both${n}@example.com`,
        email_verified: "true",
        phone_number: `+1555030000${n}`,
        phone_number_verified: "true",
      });
      const legacy = await newPool();
      await newUser(legacy, "both", contacts(1));
      await setPassword(legacy, "both", PERMANENT, true);
      await reset(legacy, "both");
      expect((await latestMessage(ctx.server.dataDir, "+15550300001")).kind).toBe("ForgotPassword");
      await noMessageFor("both1@example.com");

      const emailFirst = await newPool({
        AccountRecoverySetting: {
          RecoveryMechanisms: [
            { Name: "verified_phone_number", Priority: 2 },
            { Name: "verified_email", Priority: 1 },
          ],
        },
      });
      await newUser(emailFirst, "both", contacts(2));
      await setPassword(emailFirst, "both", PERMANENT, true);
      await reset(emailFirst, "both");
      expect((await latestMessage(ctx.server.dataDir, "both2@example.com")).kind).toBe("ForgotPassword");
      await noMessageFor("+15550300002");
    });

    it("refuses users without a verified contact, admin-only pools and users who never set a password", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "unverified", { email: "unverified@example.com" });
      await setPassword(UserPoolId, "unverified", PERMANENT, true);
      expect(await refusal(reset(UserPoolId, "unverified"))).toEqual({
        name: "InvalidParameterException",
        message:
          "Cannot reset password for the user as there is no registered/verified email or phone_number",
      });
      expect((await getUser(UserPoolId, "unverified")).UserStatus).toBe("CONFIRMED");

      await newUser(UserPoolId, "fresh", { email: "fresh@example.com", email_verified: "true" });
      expect(await refusal(reset(UserPoolId, "fresh"))).toEqual({
        name: "NotAuthorizedException",
        message: "User password cannot be reset in the current state.",
      });

      const adminOnly = await newPool({
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] },
      });
      await newUser(adminOnly, "locked", { email: "locked@example.com", email_verified: "true" });
      await setPassword(adminOnly, "locked", PERMANENT, true);
      const refused = await refusal(reset(adminOnly, "locked"));
      expect(refused.name).toBe("InvalidParameterException");
      expect(refused.message).toContain("admin_only");
      await noMessageFor("locked@example.com");
    });
  });
});
