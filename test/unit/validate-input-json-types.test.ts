import { describe, expect, it } from "vitest";
import { outcome, POOL, serialization } from "./validate-input-fixture.js";

describe("cognito-idp input validation: wrong JSON types are SerializationException", () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ["number for a string", "CreateUserPool", { PoolName: 5 }, "NUMBER_VALUE cannot be converted to String"],
    [
      "decimal for a string",
      "CreateUserPool",
      { PoolName: 5.5 },
      "DECIMAL_VALUE cannot be converted to String",
    ],
    [
      "boolean for a string",
      "CreateUserPool",
      { PoolName: true },
      "TRUE_VALUE cannot be converted to String",
    ],
    [
      "object for a string",
      "CreateUserPool",
      { PoolName: {} },
      "Start of structure or map found where not expected",
    ],
    [
      "array for a string",
      "CreateUserPool",
      { PoolName: ["p"] },
      "Unrecognized collection type class java.lang.String",
    ],
    [
      "string for a structure",
      "CreateUserPool",
      { PoolName: "p", Policies: "strict" },
      "Unexpected field type",
    ],
    [
      "array for a structure",
      "CreateUserPool",
      { PoolName: "p", Policies: [] },
      "Start of list found where not expected",
    ],
    [
      "object for a list",
      "CreateUserPool",
      { PoolName: "p", Schema: {} },
      "Start of structure or map found where not expected",
    ],
    [
      "string for a list",
      "CreateUserPool",
      { PoolName: "p", AliasAttributes: "email" },
      "Unexpected field type",
    ],
    [
      "number inside a string list",
      "CreateUserPool",
      { PoolName: "p", AliasAttributes: ["email", 1] },
      "NUMBER_VALUE cannot be converted to String",
    ],
    [
      "array for a map",
      "CreateUserPool",
      { PoolName: "p", UserPoolTags: [] },
      "Start of list found where not expected",
    ],
    [
      "number as a map value",
      "CreateUserPool",
      { PoolName: "p", UserPoolTags: { k: 1 } },
      "NUMBER_VALUE cannot be converted to String",
    ],
    [
      "string for an integer",
      "ListUsers",
      { UserPoolId: POOL, Limit: "10" },
      "STRING_VALUE cannot be converted to Integer",
    ],
    [
      "decimal for an integer",
      "ListUsers",
      { UserPoolId: POOL, Limit: 1.5 },
      "DECIMAL_VALUE cannot be converted to Integer",
    ],
    [
      "integer beyond 32 bits",
      "ListUsers",
      { UserPoolId: POOL, Limit: 2 ** 31 },
      "NUMBER_VALUE cannot be converted to Integer",
    ],
    [
      "string for a boolean",
      "CreateUserPoolClient",
      { UserPoolId: POOL, ClientName: "c", GenerateSecret: "true" },
      "STRING_VALUE cannot be converted to Boolean",
    ],
    [
      "number for a boolean",
      "CreateUserPoolClient",
      { UserPoolId: POOL, ClientName: "c", GenerateSecret: 1 },
      "NUMBER_VALUE cannot be converted to Boolean",
    ],
    [
      "a type error wins over constraint violations elsewhere",
      "CreateUserPool",
      { PoolName: "", DeletionProtection: false },
      "FALSE_VALUE cannot be converted to String",
    ],
    [
      "a string member of an SDK-only action",
      "GetUserPoolSessionConfiguration",
      { UserPoolId: 1 },
      "NUMBER_VALUE cannot be converted to String",
    ],
  ];

  it.each(cases)("%s (%s)", (_label, action, input, message) => {
    expect(outcome(action, input)).toEqual(serialization(message));
  });
});
