import {
  AdminGetUserCommand,
  CreateUserPoolClientCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { testBackends } from "../support/server.js";
import { attrs, PASSWORD, useSelfService } from "./support/self-service-setup.js";

const backends = await testBackends();

describe.each(backends)("self-service user actions on %s", (backend) => {
  const ctx = useSelfService(backend);
  const { signIn, newUser } = ctx;

  describe("UpdateUserAttributes", () => {
    it("changes and deletes attributes; GetUser shows the result", async () => {
      const user = await newUser(ctx.ids, [{ Name: "name", Value: "Old" }]);
      const out = await ctx.admin.send(
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
      const after = await ctx.admin.send(
        new AdminGetUserCommand({ UserPoolId: ctx.ids.userPoolId, Username: user.username }),
      );
      expect(attrs(after.UserAttributes)).toMatchObject({ given_name: "Grace", "custom:team": "green" });
      expect(attrs(after.UserAttributes).name).toBeUndefined();
    });

    it("refuses attributes the schema forbids", async () => {
      const user = await newUser();
      const update = (Name: string, Value: string) =>
        ctx.admin.send(
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
      const writer = await ctx.admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: ctx.ids.userPoolId,
          ClientName: "writer",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          WriteAttributes: ["name", "email"],
        }),
      );
      const user = await newUser();
      const { access } = await signIn(
        { userPoolId: ctx.ids.userPoolId, clientId: writer.UserPoolClient?.ClientId ?? "" },
        user.username,
      );
      const refused = {
        name: "NotAuthorizedException",
        message: "A client attempted to write unauthorized attribute",
      };
      await expect(
        ctx.admin.send(
          new UpdateUserAttributesCommand({
            AccessToken: access,
            UserAttributes: [{ Name: "custom:team", Value: "x" }],
          }),
        ),
      ).rejects.toMatchObject(refused);
      await expect(
        ctx.admin.send(
          new UpdateUserAttributesCommand({
            AccessToken: user.access,
            UserAttributes: [{ Name: "email_verified", Value: "true" }],
          }),
        ),
      ).rejects.toMatchObject(refused);
      await ctx.admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: access,
          UserAttributes: [{ Name: "name", Value: "Allowed" }],
        }),
      );
      const after = await ctx.admin.send(new GetUserCommand({ AccessToken: access }));
      expect(attrs(after.UserAttributes).name).toBe("Allowed");
    });

    it("makes a new email unverified, sends a code to it, and VerifyUserAttribute verifies it", async () => {
      const user = await newUser();
      const out = await ctx.admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: user.access,
          UserAttributes: [{ Name: "email", Value: "moved@example.org" }],
        }),
      );
      expect(out.CodeDeliveryDetailsList).toEqual([
        { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "m***@e***" },
      ]);
      let got = attrs(
        (await ctx.admin.send(new GetUserCommand({ AccessToken: user.access }))).UserAttributes,
      );
      expect(got).toMatchObject({ email: "moved@example.org", email_verified: "false" });
      // An unverified email is no sign-in alias: the old one is gone, the new one is not one yet.
      await expect(signIn(ctx.ids, user.email)).rejects.toMatchObject({ name: "UserNotFoundException" });
      await expect(signIn(ctx.ids, "moved@example.org")).rejects.toMatchObject({
        name: "UserNotFoundException",
      });

      await expect(
        ctx.admin.send(
          new VerifyUserAttributeCommand({
            AccessToken: user.access,
            AttributeName: "email",
            Code: "000000",
          }),
        ),
      ).rejects.toMatchObject({ name: "CodeMismatchException" });
      const code = await latestCode(ctx.server.dataDir, "moved@example.org");
      await ctx.admin.send(
        new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: code }),
      );
      got = attrs((await ctx.admin.send(new GetUserCommand({ AccessToken: user.access }))).UserAttributes);
      expect(got).toMatchObject({ email: "moved@example.org", email_verified: "true" });
      const again = await signIn(ctx.ids, "moved@example.org");
      expect(decodeJwt(again.id)).toMatchObject({ email: "moved@example.org", email_verified: true });
      // The code was spent.
      await expect(
        ctx.admin.send(
          new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: code }),
        ),
      ).rejects.toMatchObject({ name: "ExpiredCodeException" });
    });

    it("refuses, at verification, an email another user holds as an alias", async () => {
      const owner = await newUser();
      const other = await newUser();
      await ctx.admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: other.access,
          UserAttributes: [{ Name: "email", Value: owner.email }],
        }),
      );
      const code = await latestCode(ctx.server.dataDir, owner.email);
      await expect(
        ctx.admin.send(
          new VerifyUserAttributeCommand({ AccessToken: other.access, AttributeName: "email", Code: code }),
        ),
      ).rejects.toMatchObject({ name: "AliasExistsException" });
      expect((await signIn(ctx.ids, owner.email)).access).not.toBe("");
    });
    it("refuses at once, where email is the username, an email another user has", async () => {
      await createConfirmedUser(ctx.admin, ctx.byEmail, "first@example.com", PASSWORD);
      await createConfirmedUser(ctx.admin, ctx.byEmail, "second@example.com", PASSWORD);
      const { access } = await signIn(ctx.byEmail, "second@example.com");
      await expect(
        ctx.admin.send(
          new UpdateUserAttributesCommand({
            AccessToken: access,
            UserAttributes: [{ Name: "email", Value: "first@example.com" }],
          }),
        ),
      ).rejects.toMatchObject({ name: "AliasExistsException" });
      const got = attrs((await ctx.admin.send(new GetUserCommand({ AccessToken: access }))).UserAttributes);
      expect(got.email).toBe("second@example.com");
    });
  });

  describe("with AttributesRequireVerificationBeforeUpdate", () => {
    it("keeps the old verified email in force until the new one is verified", async () => {
      const user = await newUser(ctx.held);
      const out = await ctx.admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: user.access,
          UserAttributes: [{ Name: "email", Value: "next@example.net" }],
        }),
      );
      expect(out.CodeDeliveryDetailsList).toEqual([
        { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "n***@e***" },
      ]);

      // Until verified: the old email is the attribute, still verified, still the alias, still in tokens.
      const before = await ctx.admin.send(new GetUserCommand({ AccessToken: user.access }));
      expect(attrs(before.UserAttributes)).toEqual({
        sub: decodeJwt(user.access).sub,
        email: user.email,
        email_verified: "true",
      });
      const adminView = await ctx.admin.send(
        new AdminGetUserCommand({ UserPoolId: ctx.held.userPoolId, Username: user.username }),
      );
      expect(attrs(adminView.UserAttributes)).toMatchObject({ email: user.email, email_verified: "true" });
      const byOld = await signIn(ctx.held, user.email);
      expect(decodeJwt(byOld.id)).toMatchObject({ email: user.email, email_verified: true });
      await expect(signIn(ctx.held, "next@example.net")).rejects.toMatchObject({
        name: "UserNotFoundException",
      });

      // A code asked for again goes to the waiting value too.
      const resent = await ctx.admin.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken: user.access, AttributeName: "email" }),
      );
      expect(resent.CodeDeliveryDetails).toEqual({
        AttributeName: "email",
        DeliveryMedium: "EMAIL",
        Destination: "n***@e***",
      });

      const code = await latestCode(ctx.server.dataDir, "next@example.net");
      await ctx.admin.send(
        new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: code }),
      );
      const after = await ctx.admin.send(new GetUserCommand({ AccessToken: user.access }));
      expect(attrs(after.UserAttributes)).toMatchObject({
        email: "next@example.net",
        email_verified: "true",
      });
      const byNew = await signIn(ctx.held, "next@example.net");
      expect(decodeJwt(byNew.id)).toMatchObject({ email: "next@example.net", email_verified: true });
      await expect(signIn(ctx.held, user.email)).rejects.toMatchObject({ name: "UserNotFoundException" });
    });

    it("drops the waiting email when the user writes the current one again", async () => {
      const user = await newUser(ctx.held);
      await ctx.admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: user.access,
          UserAttributes: [{ Name: "email", Value: "maybe@example.net" }],
        }),
      );
      const code = await latestCode(ctx.server.dataDir, "maybe@example.net");
      await ctx.admin.send(
        new UpdateUserAttributesCommand({
          AccessToken: user.access,
          UserAttributes: [{ Name: "email", Value: user.email }],
        }),
      );
      await expect(
        ctx.admin.send(
          new VerifyUserAttributeCommand({ AccessToken: user.access, AttributeName: "email", Code: code }),
        ),
      ).rejects.toMatchObject({ name: "ExpiredCodeException" });
      const got = attrs(
        (await ctx.admin.send(new GetUserCommand({ AccessToken: user.access }))).UserAttributes,
      );
      expect(got).toMatchObject({ email: user.email, email_verified: "true" });
    });
  });
});
