import {
  AddCustomAttributesCommand,
  AdminDeleteUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { latestMessage } from "../support/outbox.js";
import { testBackends } from "../support/server.js";
import {
  attributeMap,
  refusal,
  schemaError,
  useAdminUsers,
  userNotFound,
} from "./support/admin-users-setup.js";

const backends = await testBackends();

describe.each(backends)("admin user management on %s", (backend) => {
  const ctx = useAdminUsers(backend);
  const { newPool, newUser, getUser, attributesOf, update, noMessageFor } = ctx;

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
      const message = await latestMessage(ctx.server.dataDir, "auto-new@example.com");
      expect(message.kind).toBe("UpdateUserAttribute");
      expect(message.code).toMatch(/^\d{6}$/);

      // Re-writing the same address changes nothing and sends nothing.
      await update(auto, "auto", { email_verified: "true" });
      await update(auto, "auto", { email: "auto-new@example.com" });
      expect((await attributesOf(auto, "auto")).email_verified).toBe("true");
      expect((await latestMessage(ctx.server.dataDir, "auto-new@example.com")).id).toBe(message.id);
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
      ctx.cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId, Username, UserAttributeNames }));

    it("deletes attributes; deleting email drops its verified flag and its alias", async () => {
      const UserPoolId = await newPool({ AliasAttributes: ["email"] });
      await ctx.cognito.send(
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
});
