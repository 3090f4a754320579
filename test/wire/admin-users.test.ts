import {
  AddCustomAttributesCommand,
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  ListUsersCommand,
  ListUsersInGroupCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USER_POOL_ACTIONS } from "../../src/http/cognito-json/user-pools.actions.js";
import { latestCode, latestMessage } from "../support/outbox.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
// Sign-in checks run once the sign-in actions are in the action table.
const signInAvailable = USER_POOL_ACTIONS.AdminInitiateAuth.status !== "missing";

const TEMPORARY = "Tmp-Pa55word!x";
const PERMANENT = "Perm-Pa55word!y";
const userNotFound = { name: "UserNotFoundException", message: "User does not exist." };
const schemaError = (...problems: string[]) => ({
  name: "InvalidParameterException",
  message: `Attributes did not conform to the schema: ${problems.join("\n")}\n`,
});

/** The rejection of `promise` as {name, message}, after checking it is a 4xx. */
async function refusal(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
  if (!error) throw new Error("expected the call to be refused");
  expect(error.$metadata?.httpStatusCode).toBeGreaterThanOrEqual(400);
  expect(error.$metadata?.httpStatusCode).toBeLessThan(500);
  return { name: error.name, message: error.message };
}

const attributeMap = (attributes: AttributeType[] | undefined) =>
  Object.fromEntries((attributes ?? []).map((entry) => [entry.Name, entry.Value]));

describe.each(backends)("admin user management on %s", (backend) => {
  let server: TestServer;
  let cognito: CognitoIdentityProviderClient;
  let poolCount = 0;

  const newPool = async (settings: Partial<CreateUserPoolCommandInput> = {}) => {
    poolCount += 1;
    const out = await cognito.send(
      new CreateUserPoolCommand({ PoolName: `admin-${poolCount}`, ...settings }),
    );
    return out.UserPool!.Id!;
  };
  const newUser = async (UserPoolId: string, Username: string, attributes: Record<string, string> = {}) => {
    const out = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username,
        TemporaryPassword: TEMPORARY,
        MessageAction: "SUPPRESS",
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
    return out.User!;
  };
  const getUser = (UserPoolId: string, Username: string) =>
    cognito.send(new AdminGetUserCommand({ UserPoolId, Username }));
  const attributesOf = async (UserPoolId: string, Username: string) =>
    attributeMap((await getUser(UserPoolId, Username)).UserAttributes);
  const update = (UserPoolId: string, Username: string, attributes: Record<string, string>) =>
    cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId,
        Username,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  const setPassword = (UserPoolId: string, Username: string, Password: string, Permanent?: boolean) =>
    cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password, Permanent }));
  const noMessageFor = async (to: string) =>
    expect(latestMessage(server.dataDir, to)).rejects.toThrow(/no message/);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    cognito = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

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
        (UserPoolId, Username) => cognito.send(new AdminGetUserCommand({ UserPoolId, Username })),
        (UserPoolId, Username) => cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username })),
        (UserPoolId, Username) => cognito.send(new AdminDisableUserCommand({ UserPoolId, Username })),
        (UserPoolId, Username) => cognito.send(new AdminEnableUserCommand({ UserPoolId, Username })),
        (UserPoolId, Username) => update(UserPoolId, Username, { given_name: "X" }),
        (UserPoolId, Username) =>
          cognito.send(
            new AdminDeleteUserAttributesCommand({ UserPoolId, Username, UserAttributeNames: ["name"] }),
          ),
        (UserPoolId, Username) => setPassword(UserPoolId, Username, PERMANENT, true),
        (UserPoolId, Username) => cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username })),
        (UserPoolId, Username) => cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username })),
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
      await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "team" }));
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "gone", GroupName: "team" }));

      await cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: "gone" }));
      expect(await refusal(getUser(UserPoolId, "gone"))).toEqual(userNotFound);
      const listed = await cognito.send(new ListUsersCommand({ UserPoolId }));
      expect(listed.Users?.map((user) => user.Username)).toEqual(["stays"]);
      const members = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "team" }));
      expect(members.Users).toEqual([]);
      expect(
        await refusal(cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: "gone" }))),
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
      await cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: "switch" }));
      const disabled = await getUser(UserPoolId, "switch");
      expect(disabled.Enabled).toBe(false);
      expect(disabled.UserStatus).toBe("FORCE_CHANGE_PASSWORD");
      expect(disabled.UserLastModifiedDate!.getTime()).toBeGreaterThan(
        created.UserLastModifiedDate!.getTime(),
      );
      const listed = await cognito.send(new ListUsersCommand({ UserPoolId }));
      expect(listed.Users?.map((user) => [user.Username, user.Enabled])).toEqual([["switch", false]]);

      await cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: "switch" }));
      await cognito.send(new AdminEnableUserCommand({ UserPoolId, Username: "switch" }));
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
      const client = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "app" }));
      await cognito.send(
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
      cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username }));

    it("sets RESET_REQUIRED and sends a ForgotPassword code to the verified email", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "rita", { email: "rita@example.com", email_verified: "true" });
      await setPassword(UserPoolId, "rita", PERMANENT, true);
      await reset(UserPoolId, "rita");
      expect((await getUser(UserPoolId, "rita")).UserStatus).toBe("RESET_REQUIRED");
      const message = await latestMessage(server.dataDir, "rita@example.com");
      expect(message.kind).toBe("ForgotPassword");
      expect(message.userPoolId).toBe(UserPoolId);
      const first = await latestCode(server.dataDir, "rita@example.com");
      expect(first).toMatch(/^\d{6}$/);

      // A user already waiting for a reset can be sent a fresh code.
      await reset(UserPoolId, "rita");
      const second = await latestMessage(server.dataDir, "rita@example.com");
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
      expect((await latestMessage(server.dataDir, "+15550300001")).kind).toBe("ForgotPassword");
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
      expect((await latestMessage(server.dataDir, "both2@example.com")).kind).toBe("ForgotPassword");
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

  describe("AdminUpdateUserAttributes", () => {
    const customSchema = [
      { Name: "team", AttributeDataType: "String" as const, Mutable: true },
      { Name: "badge", AttributeDataType: "String" as const, Mutable: false },
      { Name: "secret", AttributeDataType: "String" as const, Mutable: true, DeveloperOnlyAttribute: true },
    ];

    it("writes standard, custom and developer-only attributes, and an empty value deletes", async () => {
      const UserPoolId = await newPool({ Schema: customSchema });
      const created = await newUser(UserPoolId, "upd", { given_name: "Old", family_name: "Name" });
      await update(UserPoolId, "upd", {
        given_name: "New",
        family_name: "",
        "custom:team": "blue",
        "custom:secret": "s3",
      });
      const after = await getUser(UserPoolId, "upd");
      const attributes = attributeMap(after.UserAttributes);
      expect(attributes.given_name).toBe("New");
      expect(attributes.family_name).toBeUndefined();
      expect(attributes["custom:team"]).toBe("blue");
      expect(attributes["dev:custom:secret"]).toBe("s3");
      expect(after.UserLastModifiedDate!.getTime()).toBeGreaterThan(created.UserLastModifiedDate!.getTime());
    });

    it("refuses sub, unknown, immutable and malformed attributes, and emptying a required one", async () => {
      const UserPoolId = await newPool({
        Schema: [
          ...customSchema,
          { Name: "email", AttributeDataType: "String", Required: true, Mutable: true },
        ],
      });
      await newUser(UserPoolId, "strict", { email: "strict@example.com" });
      expect(await refusal(update(UserPoolId, "strict", { sub: "x" }))).toEqual(
        schemaError("sub: Attribute does not exist in the schema."),
      );
      expect(await refusal(update(UserPoolId, "strict", { "custom:nope": "x" }))).toEqual(
        schemaError("custom:nope: Attribute does not exist in the schema."),
      );
      expect(await refusal(update(UserPoolId, "strict", { "custom:badge": "x" }))).toEqual(
        schemaError("custom:badge: Attribute cannot be updated. (changing an immutable attribute)"),
      );
      expect(await refusal(update(UserPoolId, "strict", { email: "" }))).toEqual(
        schemaError("email: The attribute is required"),
      );
      expect(await refusal(update(UserPoolId, "strict", { email: "not-an-email" }))).toEqual({
        name: "InvalidParameterException",
        message: "Invalid email address format.",
      });
      expect((await attributesOf(UserPoolId, "strict")).email).toBe("strict@example.com");
    });

    it("marks a changed email unverified, and sends a code only when email is auto-verified", async () => {
      const plain = await newPool();
      await newUser(plain, "plain", { email: "plain-old@example.com", email_verified: "true" });
      await update(plain, "plain", { email: "plain-new@example.com" });
      expect(await attributesOf(plain, "plain")).toMatchObject({
        email: "plain-new@example.com",
        email_verified: "false",
      });
      await noMessageFor("plain-new@example.com");

      const auto = await newPool({ AutoVerifiedAttributes: ["email"] });
      await newUser(auto, "auto", { email: "auto-old@example.com", email_verified: "true" });
      await update(auto, "auto", { email: "auto-new@example.com" });
      expect(await attributesOf(auto, "auto")).toMatchObject({
        email: "auto-new@example.com",
        email_verified: "false",
      });
      const message = await latestMessage(server.dataDir, "auto-new@example.com");
      expect(message.kind).toBe("UpdateUserAttribute");
      expect(message.code).toMatch(/^\d{6}$/);

      // Re-writing the same address changes nothing and sends nothing.
      await update(auto, "auto", { email_verified: "true" });
      await update(auto, "auto", { email: "auto-new@example.com" });
      expect((await attributesOf(auto, "auto")).email_verified).toBe("true");
      expect((await latestMessage(server.dataDir, "auto-new@example.com")).id).toBe(message.id);
    });

    it("keeps a new email verified when the same call says so, without a message", async () => {
      const UserPoolId = await newPool({ AutoVerifiedAttributes: ["email"] });
      await newUser(UserPoolId, "trusted", { email: "trusted-old@example.com" });
      await update(UserPoolId, "trusted", {
        email: "trusted-new@example.com",
        email_verified: "true",
        phone_number: "+15550400001",
        phone_number_verified: "true",
      });
      expect(await attributesOf(UserPoolId, "trusted")).toMatchObject({
        email: "trusted-new@example.com",
        email_verified: "true",
        phone_number: "+15550400001",
        phone_number_verified: "true",
      });
      await noMessageFor("trusted-new@example.com");
    });

    it("refuses to give a user an email alias another user holds", async () => {
      const UserPoolId = await newPool({ AliasAttributes: ["email"] });
      await newUser(UserPoolId, "first", { email: "shared@example.com", email_verified: "true" });
      await newUser(UserPoolId, "second", { email: "second@example.com", email_verified: "true" });
      expect(
        await refusal(update(UserPoolId, "second", { email: "shared@example.com", email_verified: "true" })),
      ).toEqual({ name: "AliasExistsException", message: "An account with the email already exists." });
      expect((await attributesOf(UserPoolId, "second")).email).toBe("second@example.com");
      // Unverified, the address is no alias, so two users may carry it.
      await update(UserPoolId, "second", { email: "shared@example.com" });
      expect((await getUser(UserPoolId, "shared@example.com")).Username).toBe("first");
    });
  });

  describe("AdminDeleteUserAttributes", () => {
    const deleteAttributes = (UserPoolId: string, Username: string, UserAttributeNames: string[]) =>
      cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId, Username, UserAttributeNames }));

    it("deletes attributes; deleting email drops its verified flag and its alias", async () => {
      const UserPoolId = await newPool({ AliasAttributes: ["email"] });
      await cognito.send(
        new AddCustomAttributesCommand({
          UserPoolId,
          CustomAttributes: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
        }),
      );
      await newUser(UserPoolId, "del", {
        email: "del@example.com",
        email_verified: "true",
        given_name: "Del",
        "custom:team": "red",
      });
      await deleteAttributes(UserPoolId, "del", ["given_name", "custom:team", "nickname"]);
      const attributes = await attributesOf(UserPoolId, "del");
      expect(attributes.given_name).toBeUndefined();
      expect(attributes["custom:team"]).toBeUndefined();
      expect(attributes.email).toBe("del@example.com");

      expect((await getUser(UserPoolId, "del@example.com")).Username).toBe("del");
      await deleteAttributes(UserPoolId, "del", ["email"]);
      const after = await attributesOf(UserPoolId, "del");
      expect(after.email).toBeUndefined();
      expect(after.email_verified).toBeUndefined();
      expect(await refusal(getUser(UserPoolId, "del@example.com"))).toEqual(userNotFound);
    });

    it("refuses sub, unknown and required attributes together", async () => {
      const UserPoolId = await newPool({
        Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
      });
      await newUser(UserPoolId, "keep", { email: "keep@example.com", given_name: "Keep" });
      expect(await refusal(deleteAttributes(UserPoolId, "keep", ["sub", "custom:nope", "email"]))).toEqual(
        schemaError(
          "sub: Attribute does not exist in the schema.",
          "custom:nope: Attribute does not exist in the schema.",
          "email: The attribute is required",
        ),
      );
      expect(await attributesOf(UserPoolId, "keep")).toMatchObject({
        email: "keep@example.com",
        given_name: "Keep",
      });
    });
  });

  describe.runIf(signInAvailable)("effects on sign-in", () => {
    let UserPoolId: string;
    let ClientId: string;

    const signIn = (USERNAME: string, PASSWORD: string) =>
      cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId,
          ClientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME, PASSWORD },
        }),
      );
    const refresh = (REFRESH_TOKEN: string) =>
      cognito.send(
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
        const client = await cognito.send(
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
      await cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: "dora" }));
      expect(await refusal(signIn("dora", PERMANENT))).toEqual({
        name: "NotAuthorizedException",
        message: "User is disabled.",
      });
      expect(await refusal(refresh(refreshToken))).toEqual(revoked);
      await cognito.send(new AdminEnableUserCommand({ UserPoolId, Username: "dora" }));
      expect((await signIn("dora", PERMANENT)).AuthenticationResult?.IdToken).toBeDefined();
      expect(await refusal(refresh(refreshToken))).toEqual(revoked);
    });

    it("AdminUserGlobalSignOut makes earlier refresh tokens fail but allows a new sign-in", async () => {
      const refreshToken = await confirmedUser("gil");
      await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: "gil" }));
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
      await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username: "rob" }));
      expect(await refusal(signIn("rob", PERMANENT))).toEqual({
        name: "PasswordResetRequiredException",
        message: "Password reset required for the user",
      });
      expect(await refusal(refresh(refreshToken))).toEqual(revoked);
    });

    it("an UNCONFIRMED user cannot be reset, and signs in once confirmed", async () => {
      await setUp();
      const client = await cognito.send(
        new CreateUserPoolClientCommand({ UserPoolId, ClientName: "public" }),
      );
      await cognito.send(
        new SignUpCommand({
          ClientId: client.UserPoolClient!.ClientId!,
          Username: "una",
          Password: PERMANENT,
        }),
      );
      expect(
        await refusal(cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username: "una" }))),
      ).toEqual({
        name: "NotAuthorizedException",
        message: "User password cannot be reset in the current state.",
      });
      await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: "una" }));
      expect((await signIn("una", PERMANENT)).AuthenticationResult).toBeDefined();
    });
  });
});
