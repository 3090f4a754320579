import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ChangePasswordCommand,
  CreateUserPoolClientCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { testBackends } from "../support/server.js";
import { attrs, PASSWORD, useSelfService } from "./support/self-service-setup.js";

const backends = await testBackends();

describe.each(backends)("self-service user actions on %s", (backend) => {
  const ctx = useSelfService(backend);
  const { signIn, newUser } = ctx;

  describe("GetUser", () => {
    it("returns the user's username and readable attributes, sub first", async () => {
      const user = await newUser(ctx.ids, [
        { Name: "custom:team", Value: "blue" },
        { Name: "name", Value: "Ada" },
      ]);
      const out = await ctx.admin.send(new GetUserCommand({ AccessToken: user.access }));
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
      const reader = await ctx.admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: ctx.ids.userPoolId,
          ClientName: "reader",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          ReadAttributes: ["email", "custom:team"],
        }),
      );
      const target = { userPoolId: ctx.ids.userPoolId, clientId: reader.UserPoolClient?.ClientId ?? "" };
      const user = await newUser(ctx.ids, [{ Name: "custom:team", Value: "red" }]);
      const { access } = await signIn(target, user.username);
      const out = await ctx.admin.send(new GetUserCommand({ AccessToken: access }));
      expect(attrs(out.UserAttributes)).toEqual({
        sub: decodeJwt(access).sub,
        email: user.email,
        "custom:team": "red",
      });
    });

    it("refuses a token that is not one of Cognate's access tokens", async () => {
      const user = await newUser();
      await expect(ctx.admin.send(new GetUserCommand({ AccessToken: "not.a.token" }))).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Invalid Access Token",
      });
      await expect(ctx.admin.send(new GetUserCommand({ AccessToken: user.id }))).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Invalid Access Token",
      });
    });
  });

  describe("GetUserAttributeVerificationCode and VerifyUserAttribute", () => {
    it("sends a fresh code for the current email; the previous code stops working", async () => {
      const user = await newUser();
      const first = await ctx.admin.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken: user.access, AttributeName: "email" }),
      );
      expect(first.CodeDeliveryDetails).toEqual({
        AttributeName: "email",
        DeliveryMedium: "EMAIL",
        Destination: "u***@e***",
      });
      const oldCode = await latestCode(ctx.server.dataDir, user.email);
      await ctx.admin.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken: user.access, AttributeName: "email" }),
      );
      const newCode = await latestCode(ctx.server.dataDir, user.email);
      if (oldCode !== newCode) {
        await expect(
          ctx.admin.send(
            new VerifyUserAttributeCommand({
              AccessToken: user.access,
              AttributeName: "email",
              Code: oldCode,
            }),
          ),
        ).rejects.toMatchObject({ name: "CodeMismatchException" });
      }
      await ctx.admin.send(
        new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: newCode }),
      );
    });

    it("refuses attributes that cannot be verified or that the user lacks", async () => {
      const user = await newUser();
      await expect(
        ctx.admin.send(
          new GetUserAttributeVerificationCodeCommand({ AccessToken: user.access, AttributeName: "name" }),
        ),
      ).rejects.toMatchObject({ name: "InvalidParameterException" });
      await expect(
        ctx.admin.send(
          new GetUserAttributeVerificationCodeCommand({
            AccessToken: user.access,
            AttributeName: "phone_number",
          }),
        ),
      ).rejects.toMatchObject({ name: "InvalidParameterException" });
      await expect(
        ctx.admin.send(
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
      const user = await newUser(ctx.ids, [
        { Name: "name", Value: "Gone" },
        { Name: "phone_number", Value: "+15555550100" },
        { Name: "phone_number_verified", Value: "true" },
      ]);
      await ctx.admin.send(
        new DeleteUserAttributesCommand({
          AccessToken: user.access,
          UserAttributeNames: ["name", "phone_number"],
        }),
      );
      const got = attrs(
        (await ctx.admin.send(new GetUserCommand({ AccessToken: user.access }))).UserAttributes,
      );
      expect(got.name).toBeUndefined();
      expect(got.phone_number).toBeUndefined();
      expect(got.phone_number_verified).toBeUndefined();
      expect(got.email).toBe(user.email);
    });

    it("refuses required, immutable and unknown attributes", async () => {
      const user = await newUser();
      const remove = (name: string) =>
        ctx.admin.send(
          new DeleteUserAttributesCommand({ AccessToken: user.access, UserAttributeNames: [name] }),
        );
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
      await ctx.admin.send(new DeleteUserCommand({ AccessToken: user.access }));
      await expect(ctx.admin.send(new GetUserCommand({ AccessToken: user.access }))).rejects.toMatchObject({
        name: "UserNotFoundException",
      });
      await expect(
        ctx.admin.send(new AdminGetUserCommand({ UserPoolId: ctx.ids.userPoolId, Username: user.username })),
      ).rejects.toMatchObject({ name: "UserNotFoundException", message: "User does not exist." });
      await ctx.admin.send(
        new AdminCreateUserCommand({
          UserPoolId: ctx.ids.userPoolId,
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
      await ctx.admin.send(
        new ChangePasswordCommand({
          AccessToken: user.access,
          PreviousPassword: PASSWORD,
          ProposedPassword: "Brand-New-Pass1!",
        }),
      );
      expect((await signIn(ctx.ids, user.username, "Brand-New-Pass1!")).access).not.toBe("");
      await expect(signIn(ctx.ids, user.username)).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Incorrect username or password.",
      });
    });

    it("refuses a wrong previous password, a weak one and a recent one", async () => {
      const user = await newUser();
      const change = (PreviousPassword: string, ProposedPassword: string) =>
        ctx.admin.send(
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
        ctx.admin.send(
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
      await expect(signIn(ctx.ids, user.username)).rejects.toMatchObject({
        message: "Password attempts exceeded",
      });
    });
  });
});
