import { describe, expect, it } from "vitest";
import { InvalidParameterException } from "../../src/domain/errors.js";
import { invalid, outcome, POOL, validate } from "./validate-input-fixture.js";

describe("cognito-idp input validation: constraint messages", () => {
  const cases: [string, string, Record<string, unknown>, ReturnType<typeof outcome>][] = [
    ["a valid minimal input passes", "CreateUserPool", { PoolName: "pool" }, "ok"],
    [
      "a pattern is printed without ^ and $",
      "DescribeUserPool",
      { UserPoolId: "abc" },
      invalid(
        "1 validation error detected: Value 'abc' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
      ),
    ],
    [
      "a missing required member",
      "CreateUserPool",
      {},
      invalid(
        "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null",
      ),
    ],
    [
      "JSON null counts as absent",
      "CreateUserPool",
      { PoolName: null },
      invalid(
        "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null",
      ),
    ],
    [
      "a null map value counts as absent (identity-js retries with DEVICE_KEY: null)",
      "RespondToAuthChallenge",
      {
        ClientId: "1example23456789",
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: { USERNAME: "u", DEVICE_KEY: null },
      },
      "ok",
    ],
    [
      "an empty string breaks both min length and pattern, in that order",
      "CreateUserPool",
      { PoolName: "" },
      invalid(
        "2 validation errors detected: Value '' at 'poolName' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
      ),
    ],
    [
      "max length, then an enum, in model member order",
      "CreateUserPool",
      { DeletionProtection: "NO", PoolName: "x".repeat(129) },
      invalid(
        `2 validation errors detected: Value '${"x".repeat(129)}' at 'poolName' failed to satisfy constraint: Member must have length less than or equal to 128; Value 'NO' at 'deletionProtection' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, INACTIVE]`,
      ),
    ],
    [
      "a nested structure member uses a dotted lowerCamelCase path",
      "CreateUserPool",
      { PoolName: "p", Policies: { PasswordPolicy: { MinimumLength: 5 } } },
      invalid(
        "1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
      ),
    ],
    [
      "list elements that are structures use list.N.member (1-based)",
      "CreateUserPool",
      { PoolName: "p", Schema: [{ Name: "ok", AttributeDataType: "String" }, { Name: "a".repeat(21) }] },
      invalid(
        `1 validation error detected: Value '${"a".repeat(21)}' at 'schema.2.member.name' failed to satisfy constraint: Member must have length less than or equal to 20`,
      ),
    ],
    [
      "scalar list elements are reported once at the list, with all their constraints",
      "CreateUserPoolClient",
      { UserPoolId: POOL, ClientName: "c", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "BAD"] },
      invalid(
        "1 validation error detected: Value '[ALLOW_USER_SRP_AUTH, BAD]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_CUSTOM_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_AUTH]]",
      ),
    ],
    [
      "list length counts entries",
      "CreateUserPoolClient",
      {
        UserPoolId: POOL,
        ClientName: "c",
        AllowedOAuthFlows: ["code", "implicit", "client_credentials", "code"],
      },
      invalid(
        "1 validation error detected: Value '[code, implicit, client_credentials, code]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must have length less than or equal to 3",
      ),
    ],
    [
      "range maximum on an integer",
      "CreateUserPoolClient",
      { UserPoolId: POOL, ClientName: "c", AccessTokenValidity: 86401 },
      invalid(
        "1 validation error detected: Value '86401' at 'accessTokenValidity' failed to satisfy constraint: Member must have value less than or equal to 86400",
      ),
    ],
    [
      "map keys are reported once at the map",
      "CreateUserPool",
      { PoolName: "p", UserPoolTags: { "": "v" } },
      invalid(
        "1 validation error detected: Value '{=v}' at 'userPoolTags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]",
      ),
    ],
    [
      "map values are reported once at the map",
      "CreateUserPool",
      { PoolName: "p", UserPoolTags: { k: "v".repeat(257) } },
      invalid(
        `1 validation error detected: Value '{k=${"v".repeat(257)}}' at 'userPoolTags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]`,
      ),
    ],
    [
      "sensitive values are left out of the message",
      "AdminCreateUser",
      { UserPoolId: POOL, Username: "a b", TemporaryPassword: "has space" },
      invalid(
        "2 validation errors detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; Value at 'temporaryPassword' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
      ),
    ],
    [
      "length counts characters: 128 emoji (256 UTF-16 units) fit a 128 limit",
      "AdminCreateUser",
      { UserPoolId: POOL, Username: "😀".repeat(128) },
      "ok",
    ],
    [
      "length counts characters: 129 emoji do not",
      "AdminCreateUser",
      { UserPoolId: POOL, Username: "😀".repeat(129) },
      invalid(
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
      ),
    ],
    [
      "an enum on InitiateAuth lists the model's values in model order",
      "InitiateAuth",
      { AuthFlow: "PASSWORD", ClientId: "abc" },
      invalid(
        "1 validation error detected: Value 'PASSWORD' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]",
      ),
    ],
    [
      "an unanchored smithy pattern matches anywhere in the value",
      "CreateUserPool",
      { PoolName: "p", SmsVerificationMessage: "Your code is {####}." },
      "ok",
    ],
    [
      "…and is printed as is",
      "CreateUserPool",
      { PoolName: "p", SmsVerificationMessage: "Your code is" },
      invalid(
        "1 validation error detected: Value 'Your code is' at 'smsVerificationMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: \\{####\\}",
      ),
    ],
    ["ListUsers Limit 0 is inside QueryLimitType's range", "ListUsers", { UserPoolId: POOL, Limit: 0 }, "ok"],
    [
      "ListUsers Limit 61 is not",
      "ListUsers",
      { UserPoolId: POOL, Limit: 61 },
      invalid(
        "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
      ),
    ],
    ["unknown members are ignored", "CreateUserPool", { PoolName: "p", Bogus: { deep: [1, 2] } }, "ok"],
    [
      "an action only the SDK models still gets its required members checked",
      "CreateTerms",
      { UserPoolId: "bad", ClientId: "c" },
      invalid(
        "4 validation errors detected: Value 'bad' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; Value null at 'termsName' failed to satisfy constraint: Member must not be null; Value null at 'termsSource' failed to satisfy constraint: Member must not be null; Value null at 'enforcement' failed to satisfy constraint: Member must not be null",
      ),
    ],
    [
      "a null list element inside a structure list is a null member",
      "AdminCreateUser",
      { UserPoolId: POOL, Username: "u", UserAttributes: [null] },
      invalid(
        "1 validation error detected: Value null at 'userAttributes.1.member' failed to satisfy constraint: Member must not be null",
      ),
    ],
  ];

  it.each(cases)("%s (%s)", (_label, action, input, expected) => {
    expect(outcome(action, input)).toEqual(expected);
  });

  it("throws the domain InvalidParameterException class", () => {
    expect(() => validate("CreateUserPool", {})).toThrow(InvalidParameterException);
  });
});
