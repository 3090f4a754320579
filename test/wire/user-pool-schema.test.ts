import {
  AddCustomAttributesCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  type SchemaAttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

const invalidParameter = (message: string) => ({ name: "InvalidParameterException", message });

describe.each(backends)("user pool schema on %s", (backend) => {
  let server: TestServer;
  let cognito: CognitoIdentityProviderClient;
  beforeAll(async () => {
    server = await startTestServer({ backend });
    cognito = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  const createPool = async (Schema?: SchemaAttributeType[]) =>
    (await cognito.send(new CreateUserPoolCommand({ PoolName: "schema", Schema }))).UserPool!;
  const schemaOf = async (UserPoolId: string) =>
    (await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!.SchemaAttributes!;

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
      cognito.send(new CreateUserPoolCommand({ PoolName: "bad-schema", Schema })),
    ).rejects.toMatchObject(invalidParameter(message));
  });

  it("a pool created with 50 custom attributes takes no more", async () => {
    const pool = await createPool(
      Array.from({ length: 50 }, (_, i) => ({ Name: `attr${i}`, AttributeDataType: "String" as const })),
    );
    expect((await schemaOf(pool.Id!)).filter((a) => a.Name!.startsWith("custom:"))).toHaveLength(50);
    await expect(
      cognito.send(
        new AddCustomAttributesCommand({
          UserPoolId: pool.Id!,
          CustomAttributes: [{ Name: "attr50", AttributeDataType: "String" }],
        }),
      ),
    ).rejects.toMatchObject(invalidParameter("A user pool can have at most 50 custom attributes."));
  });

  it("AddCustomAttributes appends custom and developer-only attributes and bumps LastModifiedDate", async () => {
    const pool = await createPool([{ Name: "tenant", AttributeDataType: "String" }]);
    await cognito.send(
      new AddCustomAttributesCommand({
        UserPoolId: pool.Id!,
        CustomAttributes: [
          {
            Name: "level",
            AttributeDataType: "Number",
            NumberAttributeConstraints: { MinValue: "1", MaxValue: "10" },
          },
          { Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true, Mutable: false },
          { Name: "since", AttributeDataType: "DateTime" },
        ],
      }),
    );
    const described = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id! }))).UserPool!;
    expect(described.SchemaAttributes!.slice(-4)).toEqual([
      {
        Name: "custom:tenant",
        AttributeDataType: "String",
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        StringAttributeConstraints: {},
      },
      {
        Name: "custom:level",
        AttributeDataType: "Number",
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        NumberAttributeConstraints: { MinValue: "1", MaxValue: "10" },
      },
      {
        Name: "dev:custom:secret",
        AttributeDataType: "String",
        DeveloperOnlyAttribute: true,
        Mutable: false,
        Required: false,
        StringAttributeConstraints: {},
      },
      {
        Name: "custom:since",
        AttributeDataType: "DateTime",
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
      },
    ]);
    expect(described.LastModifiedDate!.getTime()).toBeGreaterThan(pool.LastModifiedDate!.getTime());
  });

  it("AddCustomAttributes rejects each invalid request and then adds nothing", async () => {
    const pool = await createPool([
      { Name: "tenant", AttributeDataType: "String" },
      { Name: "hidden", AttributeDataType: "String", DeveloperOnlyAttribute: true },
    ]);
    const before = await schemaOf(pool.Id!);
    const add = (CustomAttributes: SchemaAttributeType[]) =>
      cognito.send(new AddCustomAttributesCommand({ UserPoolId: pool.Id!, CustomAttributes }));
    await expect(add([{ Name: "tenant", AttributeDataType: "String" }])).rejects.toMatchObject(
      invalidParameter("custom:tenant: Existing attribute already has name custom:tenant."),
    );
    await expect(add([{ Name: "hidden", AttributeDataType: "Number" }])).rejects.toMatchObject(
      invalidParameter("custom:hidden: Existing attribute already has name dev:custom:hidden."),
    );
    await expect(
      add([
        { Name: "fresh", AttributeDataType: "String" },
        { Name: "tenant", AttributeDataType: "String" },
      ]),
    ).rejects.toMatchObject(
      invalidParameter("custom:tenant: Existing attribute already has name custom:tenant."),
    );
    await expect(add([{ Name: "untyped" }])).rejects.toMatchObject(
      invalidParameter(
        "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
      ),
    );
    await expect(
      add([{ Name: "needed", AttributeDataType: "String", Required: true }]),
    ).rejects.toMatchObject(invalidParameter("Required custom attributes are not supported currently."));
    await expect(
      add([
        {
          Name: "range",
          AttributeDataType: "Number",
          NumberAttributeConstraints: { MinValue: "9", MaxValue: "1" },
        },
      ]),
    ).rejects.toMatchObject(invalidParameter("user.custom:range: Max value cannot be less than min value."));
    const many = Array.from({ length: 25 }, (_, i) => ({
      Name: `bulk${i}`,
      AttributeDataType: "String" as const,
    }));
    await add(many);
    await expect(
      add(Array.from({ length: 24 }, (_, i) => ({ Name: `more${i}`, AttributeDataType: "String" as const }))),
    ).rejects.toMatchObject(invalidParameter("A user pool can have at most 50 custom attributes."));
    const after = await schemaOf(pool.Id!);
    expect(after).toEqual([
      ...before,
      ...many.map((a) => ({
        ...a,
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        Name: `custom:${a.Name}`,
        StringAttributeConstraints: {},
      })),
    ]);
  });

  it("AddCustomAttributes on an unknown pool is ResourceNotFoundException", async () => {
    await expect(
      cognito.send(
        new AddCustomAttributesCommand({
          UserPoolId: "us-east-1_NoSuchOne",
          CustomAttributes: [{ Name: "x", AttributeDataType: "String" }],
        }),
      ),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "User pool us-east-1_NoSuchOne does not exist.",
    });
  });
});
