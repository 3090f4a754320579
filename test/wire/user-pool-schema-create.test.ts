import { AddCustomAttributesCommand, CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { invalidParameter, useSchemaPools } from "./support/user-pool-schema-setup.js";

const backends = await testBackends();

describe.each(backends)("user pool schema on %s", (backend) => {
  const ctx = useSchemaPools(backend);
  const { createPool, schemaOf } = ctx;

  it("CreateUserPool adjusts standard attributes and adds custom ones after them", async () => {
    const pool = await createPool([
      { Name: "email", AttributeDataType: "String", Required: true, Mutable: true },
      { Name: "address", StringAttributeConstraints: { MinLength: "5", MaxLength: "200" } },
      {
        Name: "custom:age",
        AttributeDataType: "Number",
        NumberAttributeConstraints: { MinValue: "-10", MaxValue: "150" },
      },
      { Name: "plan", AttributeDataType: "String" },
      { Name: "vip", AttributeDataType: "Boolean", Mutable: false },
    ]);
    const schema = await schemaOf(pool.Id!);
    expect(schema.map((attribute) => attribute.Name)).toEqual([
      ...[
        "sub",
        "name",
        "given_name",
        "family_name",
        "middle_name",
        "nickname",
        "preferred_username",
        "profile",
      ],
      ...["picture", "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale"],
      ...[
        "phone_number",
        "phone_number_verified",
        "address",
        "updated_at",
        "custom:age",
        "custom:plan",
        "custom:vip",
      ],
    ]);
    const byName = new Map(schema.map((attribute) => [attribute.Name, attribute]));
    expect(byName.get("email")).toMatchObject({ Required: true, Mutable: true, AttributeDataType: "String" });
    expect(byName.get("address")?.StringAttributeConstraints).toEqual({ MinLength: "5", MaxLength: "200" });
    expect(byName.get("custom:age")).toEqual({
      Name: "custom:age",
      AttributeDataType: "Number",
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MinValue: "-10", MaxValue: "150" },
    });
    expect(byName.get("custom:plan")).toEqual({
      Name: "custom:plan",
      AttributeDataType: "String",
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: {},
    });
    expect(byName.get("custom:vip")).toEqual({
      Name: "custom:vip",
      AttributeDataType: "Boolean",
      DeveloperOnlyAttribute: false,
      Mutable: false,
      Required: false,
    });
  });

  it.each([
    [
      "a standard attribute's type changes",
      [{ Name: "email_verified", AttributeDataType: "String" as const }],
      "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email_verified",
    ],
    [
      "a standard attribute is made developer-only",
      [{ Name: "email", DeveloperOnlyAttribute: true }],
      "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email",
    ],
    [
      "a custom attribute has no data type",
      [{ Name: "nodatatype" }],
      "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
    ],
    [
      "a custom attribute is required",
      [{ Name: "must", AttributeDataType: "String" as const, Required: true }],
      "Required custom attributes are not supported currently.",
    ],
    [
      "a string is longer than 2048",
      [
        {
          Name: "long",
          AttributeDataType: "String" as const,
          StringAttributeConstraints: { MaxLength: "2049" },
        },
      ],
      "user.custom:long: String attributes cannot have a length of more than 2048",
    ],
    [
      "a string's minimum exceeds its maximum",
      [
        {
          Name: "odd",
          AttributeDataType: "String" as const,
          StringAttributeConstraints: { MinLength: "9", MaxLength: "3" },
        },
      ],
      "user.custom:odd: Max length cannot be less than min length.",
    ],
    [
      "a string length is not a whole number",
      [
        {
          Name: "odd",
          AttributeDataType: "String" as const,
          StringAttributeConstraints: { MinLength: "two" },
        },
      ],
      "Invalid StringAttributeConstraints for schema attribute custom:odd",
    ],
    [
      "a number's minimum exceeds its maximum",
      [
        {
          Name: "score",
          AttributeDataType: "Number" as const,
          NumberAttributeConstraints: { MinValue: "5", MaxValue: "4" },
        },
      ],
      "user.custom:score: Max value cannot be less than min value.",
    ],
    [
      "a number bound is not a number",
      [
        {
          Name: "score",
          AttributeDataType: "Number" as const,
          NumberAttributeConstraints: { MinValue: "1.5e" },
        },
      ],
      "Invalid NumberAttributeConstraints for schema attribute custom:score",
    ],
    [
      "a custom attribute is defined twice",
      [
        { Name: "twice", AttributeDataType: "String" as const },
        { Name: "twice", AttributeDataType: "Number" as const, DeveloperOnlyAttribute: true },
      ],
      "custom:twice: Existing attribute already has name custom:twice.",
    ],
  ])("CreateUserPool is refused when %s", async (_case, Schema, message) => {
    await expect(
      ctx.cognito.send(new CreateUserPoolCommand({ PoolName: "bad-schema", Schema })),
    ).rejects.toMatchObject(invalidParameter(message));
  });

  it("a pool created with 50 custom attributes takes no more", async () => {
    const pool = await createPool(
      Array.from({ length: 50 }, (_, i) => ({ Name: `attr${i}`, AttributeDataType: "String" as const })),
    );
    expect((await schemaOf(pool.Id!)).filter((a) => a.Name!.startsWith("custom:"))).toHaveLength(50);
    await expect(
      ctx.cognito.send(
        new AddCustomAttributesCommand({
          UserPoolId: pool.Id!,
          CustomAttributes: [{ Name: "attr50", AttributeDataType: "String" }],
        }),
      ),
    ).rejects.toMatchObject(invalidParameter("A user pool can have at most 50 custom attributes."));
  });
});
