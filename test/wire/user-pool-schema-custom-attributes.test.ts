import {
  AddCustomAttributesCommand,
  DescribeUserPoolCommand,
  type SchemaAttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { invalidParameter, useSchemaPools } from "./support/user-pool-schema-setup.js";

const backends = await testBackends();

describe.each(backends)("user pool schema on %s", (backend) => {
  const ctx = useSchemaPools(backend);
  const { createPool, schemaOf } = ctx;

  it("AddCustomAttributes appends custom and developer-only attributes and bumps LastModifiedDate", async () => {
    const pool = await createPool([{ Name: "tenant", AttributeDataType: "String" }]);
    await ctx.cognito.send(
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
    const described = (await ctx.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id! })))
      .UserPool!;
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
      ctx.cognito.send(new AddCustomAttributesCommand({ UserPoolId: pool.Id!, CustomAttributes }));
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
      ctx.cognito.send(
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
