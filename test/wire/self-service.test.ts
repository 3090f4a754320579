import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ChangePasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
const PASSWORD = "Self-Serv1ce-Pass!";

type Ids = { userPoolId: string; clientId: string };
const attrs = (list: Array<{ Name?: string; Value?: string }> | undefined) =>
  Object.fromEntries((list ?? []).map((entry) => [entry.Name, entry.Value]));

describe.each(backends)("self-service user actions on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: Ids;
  let held: Ids;
  let byEmail: Ids;
  let counter = 0;

  async function signIn(target: Ids, username: string, password = PASSWORD) {
    const out = await admin.send(
      new InitiateAuthCommand({
        ClientId: target.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    return {
      access: out.AuthenticationResult?.AccessToken ?? "",
      id: out.AuthenticationResult?.IdToken ?? "",
      refresh: out.AuthenticationResult?.RefreshToken ?? "",
    };
  }

  /** A confirmed user with a verified email, signed in; returns its username, email and tokens. */
  async function newUser(target: Ids = ids, extra: Array<{ Name: string; Value: string }> = []) {
    counter += 1;
    const username = `user${counter}`;
    const email = `user${counter}@example.com`;
    await createConfirmedUser(admin, target, username, PASSWORD, [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
      ...extra,
    ]);
    return { username, email, ...(await signIn(target, username)) };
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    const schema = [
      { Name: "email", AttributeDataType: "String" as const, Required: true, Mutable: true },
      { Name: "team", AttributeDataType: "String" as const, Mutable: true },
      { Name: "badge", AttributeDataType: "String" as const, Mutable: false },
    ];
    ids = await createPoolAndClient(admin, {
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Schema: schema,
      Policies: { PasswordPolicy: { MinimumLength: 10, PasswordHistorySize: 2 } },
    });
    byEmail = await createPoolAndClient(admin, {
      PoolName: "by-email",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
    });
    held = await createPoolAndClient(admin, {
      PoolName: "held",
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  describe("GetUser", () => {
    it("returns the user's username and readable attributes, sub first", async () => {
      const user = await newUser(ids, [
        { Name: "custom:team", Value: "blue" },
        { Name: "name", Value: "Ada" },
      ]);
      const out = await admin.send(new GetUserCommand({ AccessToken: user.access }));
      expect(out.Username).toBe(user.username);
      expect(out.UserAttributes?.[0]?.Name).toBe("sub");
      // Without ReadAttributes the client reads the standard attributes only, not custom ones.
      expect(attrs(out.UserAttributes)).toEqual({
        sub: decodeJwt(user.access).sub,
        email: user.email,
        email_verified: "true",
        name: "Ada",
      });
    });

    it("narrows the attributes to the client's ReadAttributes", async () => {
      const reader = await admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: ids.userPoolId,
          ClientName: "reader",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          ReadAttributes: ["email", "custom:team"],
        }),
      );
      const target = { userPoolId: ids.userPoolId, clientId: reader.UserPoolClient?.ClientId ?? "" };
      const user = await newUser(ids, [{ Name: "custom:team", Value: "red" }]);
      const { access } = await signIn(target, user.username);
      const out = await admin.send(new GetUserCommand({ AccessToken: access }));
      expect(attrs(out.UserAttributes)).toEqual({
        sub: decodeJwt(access).sub,
        email: user.email,
        "custom:team": "red",
      });
    });

    it("refuses a token that is not one of Cognate's access tokens", async () => {
      const user = await newUser();
      await expect(admin.send(new GetUserCommand({ AccessToken: "not.a.token" }))).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Invalid Access Token",
      });
      await expect(admin.send(new GetUserCommand({ AccessToken: user.id }))).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Invalid Access Token",
      });
    });
  });

  describe("UpdateUserAttributes", () => {
    it("changes and deletes attributes; GetUser shows the result", async () => {
      const user = await newUser(ids, [{ Name: "name", Value: "Old" }]);
      const out = await admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: user.access,
          UserAttributes: [
            { Name: "given_name", Value: "Grace" },
            { Name: "name", Value: "" },
            { Name: "custom:team", Value: "green" },
          ],
        }),
      );
      expect(out.CodeDeliveryDetailsList ?? []).toEqual([]);
      const after = await admin.send(
        new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: user.username }),
      );
      expect(attrs(after.UserAttributes)).toMatchObject({ given_name: "Grace", "custom:team": "green" });
      expect(attrs(after.UserAttributes).name).toBeUndefined();
    });

    it("refuses attributes the schema forbids", async () => {
      const user = await newUser();
      const update = (Name: string, Value: string) =>
        admin.send(
          new UpdateUserAttributesCommand({ AccessToken: user.access, UserAttributes: [{ Name, Value }] }),
        );
      await expect(update("custom:badge", "x")).rejects.toMatchObject({
        name: "InvalidParameterException",
        message:
          "Attributes did not conform to the schema: custom:badge: Attribute cannot be updated. (changing an immutable attribute)\n",
      });
      await expect(update("custom:nope", "x")).rejects.toMatchObject({
        name: "InvalidParameterException",
        message:
          "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n",
      });
      await expect(update("email", "")).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: "Attributes did not conform to the schema: email: The attribute is required\n",
      });
      await expect(update("email", "not-an-email")).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: "Invalid email address format.",
      });
    });

    it("refuses attributes the client may not write, and the verified flags", async () => {
      const writer = await admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: ids.userPoolId,
          ClientName: "writer",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          WriteAttributes: ["name", "email"],
        }),
      );
      const user = await newUser();
      const { access } = await signIn(
        { userPoolId: ids.userPoolId, clientId: writer.UserPoolClient?.ClientId ?? "" },
        user.username,
      );
      const refused = {
        name: "NotAuthorizedException",
        message: "A client attempted to write unauthorized attribute",
      };
      await expect(
        admin.send(
          new UpdateUserAttributesCommand({
            AccessToken: access,
            UserAttributes: [{ Name: "custom:team", Value: "x" }],
          }),
        ),
      ).rejects.toMatchObject(refused);
      await expect(
        admin.send(
          new UpdateUserAttributesCommand({
            AccessToken: user.access,
            UserAttributes: [{ Name: "email_verified", Value: "true" }],
          }),
        ),
      ).rejects.toMatchObject(refused);
      await admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: access,
          UserAttributes: [{ Name: "name", Value: "Allowed" }],
        }),
      );
      const after = await admin.send(new GetUserCommand({ AccessToken: access }));
      expect(attrs(after.UserAttributes).name).toBe("Allowed");
    });

    it("makes a new email unverified, sends a code to it, and VerifyUserAttribute verifies it", async () => {
      const user = await newUser();
      const out = await admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: user.access,
          UserAttributes: [{ Name: "email", Value: "moved@example.org" }],
        }),
      );
      expect(out.CodeDeliveryDetailsList).toEqual([
        { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "m***@e***" },
      ]);
      let got = attrs((await admin.send(new GetUserCommand({ AccessToken: user.access }))).UserAttributes);
      expect(got).toMatchObject({ email: "moved@example.org", email_verified: "false" });
      // An unverified email is no sign-in alias: the old one is gone, the new one is not one yet.
      await expect(signIn(ids, user.email)).rejects.toMatchObject({ name: "UserNotFoundException" });
      await expect(signIn(ids, "moved@example.org")).rejects.toMatchObject({ name: "UserNotFoundException" });

      await expect(
        admin.send(
          new VerifyUserAttributeCommand({
            AccessToken: user.access,
            AttributeName: "email",
            Code: "000000",
          }),
        ),
      ).rejects.toMatchObject({ name: "CodeMismatchException" });
      const code = await latestCode(server.dataDir, "moved@example.org");
      await admin.send(
        new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: code }),
      );
      got = attrs((await admin.send(new GetUserCommand({ AccessToken: user.access }))).UserAttributes);
      expect(got).toMatchObject({ email: "moved@example.org", email_verified: "true" });
      const again = await signIn(ids, "moved@example.org");
      expect(decodeJwt(again.id)).toMatchObject({ email: "moved@example.org", email_verified: true });
      // The code was spent.
      await expect(
        admin.send(
          new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: code }),
        ),
      ).rejects.toMatchObject({ name: "ExpiredCodeException" });
    });

    it("refuses, at verification, an email another user holds as an alias", async () => {
      const owner = await newUser();
      const other = await newUser();
      await admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: other.access,
          UserAttributes: [{ Name: "email", Value: owner.email }],
        }),
      );
      const code = await latestCode(server.dataDir, owner.email);
      await expect(
        admin.send(
          new VerifyUserAttributeCommand({ AccessToken: other.access, AttributeName: "email", Code: code }),
        ),
      ).rejects.toMatchObject({ name: "AliasExistsException" });
      expect((await signIn(ids, owner.email)).access).not.toBe("");
    });
    it("refuses at once, where email is the username, an email another user has", async () => {
      await createConfirmedUser(admin, byEmail, "first@example.com", PASSWORD);
      await createConfirmedUser(admin, byEmail, "second@example.com", PASSWORD);
      const { access } = await signIn(byEmail, "second@example.com");
      await expect(
        admin.send(
          new UpdateUserAttributesCommand({
            AccessToken: access,
            UserAttributes: [{ Name: "email", Value: "first@example.com" }],
          }),
        ),
      ).rejects.toMatchObject({ name: "AliasExistsException" });
      const got = attrs((await admin.send(new GetUserCommand({ AccessToken: access }))).UserAttributes);
      expect(got.email).toBe("second@example.com");
    });
  });

  describe("with AttributesRequireVerificationBeforeUpdate", () => {
    it("keeps the old verified email in force until the new one is verified", async () => {
      const user = await newUser(held);
      const out = await admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: user.access,
          UserAttributes: [{ Name: "email", Value: "next@example.net" }],
        }),
      );
      expect(out.CodeDeliveryDetailsList).toEqual([
        { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "n***@e***" },
      ]);

      // Until verified: the old email is the attribute, still verified, still the alias, still in tokens.
      const before = await admin.send(new GetUserCommand({ AccessToken: user.access }));
      expect(attrs(before.UserAttributes)).toEqual({
        sub: decodeJwt(user.access).sub,
        email: user.email,
        email_verified: "true",
      });
      const adminView = await admin.send(
        new AdminGetUserCommand({ UserPoolId: held.userPoolId, Username: user.username }),
      );
      expect(attrs(adminView.UserAttributes)).toMatchObject({ email: user.email, email_verified: "true" });
      const byOld = await signIn(held, user.email);
      expect(decodeJwt(byOld.id)).toMatchObject({ email: user.email, email_verified: true });
      await expect(signIn(held, "next@example.net")).rejects.toMatchObject({ name: "UserNotFoundException" });

      // A code asked for again goes to the waiting value too.
      const resent = await admin.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken: user.access, AttributeName: "email" }),
      );
      expect(resent.CodeDeliveryDetails).toEqual({
        AttributeName: "email",
        DeliveryMedium: "EMAIL",
        Destination: "n***@e***",
      });

      const code = await latestCode(server.dataDir, "next@example.net");
      await admin.send(
        new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: code }),
      );
      const after = await admin.send(new GetUserCommand({ AccessToken: user.access }));
      expect(attrs(after.UserAttributes)).toMatchObject({
        email: "next@example.net",
        email_verified: "true",
      });
      const byNew = await signIn(held, "next@example.net");
      expect(decodeJwt(byNew.id)).toMatchObject({ email: "next@example.net", email_verified: true });
      await expect(signIn(held, user.email)).rejects.toMatchObject({ name: "UserNotFoundException" });
    });

    it("drops the waiting email when the user writes the current one again", async () => {
      const user = await newUser(held);
      await admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: user.access,
          UserAttributes: [{ Name: "email", Value: "maybe@example.net" }],
        }),
      );
      const code = await latestCode(server.dataDir, "maybe@example.net");
      await admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: user.access,
          UserAttributes: [{ Name: "email", Value: user.email }],
        }),
      );
      await expect(
        admin.send(
          new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: code }),
        ),
      ).rejects.toMatchObject({ name: "ExpiredCodeException" });
      const got = attrs((await admin.send(new GetUserCommand({ AccessToken: user.access }))).UserAttributes);
      expect(got).toMatchObject({ email: user.email, email_verified: "true" });
    });
  });

  describe("GetUserAttributeVerificationCode and VerifyUserAttribute", () => {
    it("sends a fresh code for the current email; the previous code stops working", async () => {
      const user = await newUser();
      const first = await admin.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken: user.access, AttributeName: "email" }),
      );
      expect(first.CodeDeliveryDetails).toEqual({
        AttributeName: "email",
        DeliveryMedium: "EMAIL",
        Destination: "u***@e***",
      });
      const oldCode = await latestCode(server.dataDir, user.email);
      await admin.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken: user.access, AttributeName: "email" }),
      );
      const newCode = await latestCode(server.dataDir, user.email);
      if (oldCode !== newCode) {
        await expect(
          admin.send(
            new VerifyUserAttributeCommand({
              AccessToken: user.access,
              AttributeName: "email",
              Code: oldCode,
            }),
          ),
        ).rejects.toMatchObject({ name: "CodeMismatchException" });
      }
      await admin.send(
        new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: newCode }),
      );
    });

    it("refuses attributes that cannot be verified or that the user lacks", async () => {
      const user = await newUser();
      await expect(
        admin.send(
          new GetUserAttributeVerificationCodeCommand({ AccessToken: user.access, AttributeName: "name" }),
        ),
      ).rejects.toMatchObject({ name: "InvalidParameterException" });
      await expect(
        admin.send(
          new GetUserAttributeVerificationCodeCommand({
            AccessToken: user.access,
            AttributeName: "phone_number",
          }),
        ),
      ).rejects.toMatchObject({ name: "InvalidParameterException" });
      await expect(
        admin.send(
          new VerifyUserAttributeCommand({
            AccessToken: user.access,
            AttributeName: "phone_number",
            Code: "123456",
          }),
        ),
      ).rejects.toMatchObject({ name: "InvalidParameterException" });
    });
  });

  describe("DeleteUserAttributes", () => {
    it("removes attributes; GetUser no longer shows them", async () => {
      const user = await newUser(ids, [
        { Name: "name", Value: "Gone" },
        { Name: "phone_number", Value: "+15555550100" },
        { Name: "phone_number_verified", Value: "true" },
      ]);
      await admin.send(
        new DeleteUserAttributesCommand({
          AccessToken: user.access,
          UserAttributeNames: ["name", "phone_number"],
        }),
      );
      const got = attrs((await admin.send(new GetUserCommand({ AccessToken: user.access }))).UserAttributes);
      expect(got.name).toBeUndefined();
      expect(got.phone_number).toBeUndefined();
      expect(got.phone_number_verified).toBeUndefined();
      expect(got.email).toBe(user.email);
    });

    it("refuses required, immutable and unknown attributes", async () => {
      const user = await newUser();
      const remove = (name: string) =>
        admin.send(new DeleteUserAttributesCommand({ AccessToken: user.access, UserAttributeNames: [name] }));
      await expect(remove("email")).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: "Attributes did not conform to the schema: email: The attribute is required\n",
      });
      await expect(remove("custom:badge")).rejects.toMatchObject({ name: "InvalidParameterException" });
      await expect(remove("custom:nope")).rejects.toMatchObject({ name: "InvalidParameterException" });
      await expect(remove("email_verified")).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "A client attempted to write unauthorized attribute",
      });
    });
  });

  describe("DeleteUser", () => {
    it("deletes the signed-in user; the token stops working and the username is free", async () => {
      const user = await newUser();
      await admin.send(new DeleteUserCommand({ AccessToken: user.access }));
      await expect(admin.send(new GetUserCommand({ AccessToken: user.access }))).rejects.toMatchObject({
        name: "UserNotFoundException",
      });
      await expect(
        admin.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: user.username })),
      ).rejects.toMatchObject({ name: "UserNotFoundException", message: "User does not exist." });
      await admin.send(
        new AdminCreateUserCommand({
          UserPoolId: ids.userPoolId,
          Username: user.username,
          MessageAction: "SUPPRESS",
          UserAttributes: [{ Name: "email", Value: user.email }],
        }),
      );
    });
  });

  describe("ChangePassword", () => {
    it("sets the new password; the old one stops working", async () => {
      const user = await newUser();
      await admin.send(
        new ChangePasswordCommand({
          AccessToken: user.access,
          PreviousPassword: PASSWORD,
          ProposedPassword: "Brand-New-Pass1!",
        }),
      );
      expect((await signIn(ids, user.username, "Brand-New-Pass1!")).access).not.toBe("");
      await expect(signIn(ids, user.username)).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Incorrect username or password.",
      });
    });

    it("refuses a wrong previous password, a weak one and a recent one", async () => {
      const user = await newUser();
      const change = (PreviousPassword: string, ProposedPassword: string) =>
        admin.send(
          new ChangePasswordCommand({ AccessToken: user.access, PreviousPassword, ProposedPassword }),
        );
      await expect(change("Wrong-Passw0rd!", "Brand-New-Pass1!")).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Incorrect username or password.",
      });
      await expect(change(PASSWORD, "Short1!")).rejects.toMatchObject({ name: "InvalidPasswordException" });
      await expect(change(PASSWORD, PASSWORD)).rejects.toMatchObject({
        name: "PasswordHistoryPolicyViolationException",
      });
    });

    it("counts wrong previous passwords toward the sign-in lockout", async () => {
      const user = await newUser();
      const change = () =>
        admin.send(
          new ChangePasswordCommand({
            AccessToken: user.access,
            PreviousPassword: "Wrong-Passw0rd!",
            ProposedPassword: "Brand-New-Pass1!",
          }),
        );
      for (let attempt = 0; attempt < 5; attempt++) {
        await expect(change()).rejects.toMatchObject({ message: "Incorrect username or password." });
      }
      await expect(change()).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Password attempts exceeded",
      });
      await expect(signIn(ids, user.username)).rejects.toMatchObject({
        message: "Password attempts exceeded",
      });
    });
  });
});
