import { describe, expect, it } from "vitest";
import { InvalidParameterException } from "../../src/domain/errors.js";
import {
  addCustomAttributes,
  buildSchema,
  STANDARD_ATTRIBUTES,
} from "../../src/domain/user-pool/schema-attributes.js";

describe("schema attributes", () => {
  it("a pool without Schema has Cognito's 20 standard attributes", () => {
    const schema = buildSchema(undefined);
    expect(schema).toHaveLength(20);
    expect(schema).toEqual(STANDARD_ATTRIBUTES);
    expect(schema.map((a) => a.Name)).toContain("phone_number_verified");
  });

  it("standard attributes keep their type when a Schema entry omits it", () => {
    const schema = buildSchema([{ Name: "birthdate", Required: true }]);
    expect(schema.find((a) => a.Name === "birthdate")).toEqual({
      Name: "birthdate",
      AttributeDataType: "String",
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: true,
      StringAttributeConstraints: { MinLength: "10", MaxLength: "10" },
    });
  });

  it("drops constraints of the other type, as Cognito's own example shows", () => {
    const [attribute] = buildSchema([
      {
        Name: "mydev",
        AttributeDataType: "Number",
        DeveloperOnlyAttribute: true,
        NumberAttributeConstraints: { MinValue: "1", MaxValue: "99" },
        StringAttributeConstraints: { MinLength: "1", MaxLength: "99" },
      },
    ]).slice(-1);
    expect(attribute).toEqual({
      Name: "dev:custom:mydev",
      AttributeDataType: "Number",
      DeveloperOnlyAttribute: true,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MinValue: "1", MaxValue: "99" },
    });
  });

  it("a caller-typed custom: prefix is not doubled", () => {
    expect(buildSchema([{ Name: "custom:plan", AttributeDataType: "String" }]).at(-1)?.Name).toBe(
      "custom:plan",
    );
  });

  it("AddCustomAttributes leaves the schema untouched when any entry is refused", () => {
    const schema = buildSchema([{ Name: "a", AttributeDataType: "String" }]);
    const copy = structuredClone(schema);
    expect(() =>
      addCustomAttributes(schema, [
        { Name: "b", AttributeDataType: "String" },
        { Name: "a", AttributeDataType: "String" },
      ]),
    ).toThrow(new InvalidParameterException("custom:a: Existing attribute already has name custom:a."));
    expect(schema).toEqual(copy);
    expect(addCustomAttributes(schema, [{ Name: "b", AttributeDataType: "Boolean" }]).at(-1)?.Name).toBe(
      "custom:b",
    );
  });
});
