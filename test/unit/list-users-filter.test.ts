import { describe, expect, it } from "vitest";
import { InvalidParameterException } from "../../src/domain/errors.js";
import { parseListUsersFilter, SEARCHABLE_ATTRIBUTES } from "../../src/domain/user/list-users-filter.js";

const parseError = { name: "InvalidParameterException", message: "Error while parsing filter." };

function failure(filter: string) {
  try {
    parseListUsersFilter(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterException);
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error(`expected ${JSON.stringify(filter)} to be refused`);
}

describe("parseListUsersFilter", () => {
  it("treats an absent, empty or blank filter as no filter", () => {
    expect(parseListUsersFilter(undefined)).toBeUndefined();
    expect(parseListUsersFilter("")).toBeUndefined();
    expect(parseListUsersFilter("   \t")).toBeUndefined();
  });

  it("parses exact and prefix matches, with or without spaces around the operator", () => {
    expect(parseListUsersFilter('email = "a@example.com"')).toEqual({
      attribute: "email",
      operator: "=",
      value: "a@example.com",
    });
    expect(parseListUsersFilter('given_name^="Jo"')).toEqual({
      attribute: "given_name",
      operator: "^=",
      value: "Jo",
    });
    expect(parseListUsersFilter('  family_name   ^=   "Reddy"  ')).toEqual({
      attribute: "family_name",
      operator: "^=",
      value: "Reddy",
    });
    expect(parseListUsersFilter('phone_number ^= "+1312"')).toEqual({
      attribute: "phone_number",
      operator: "^=",
      value: "+1312",
    });
  });

  it("accepts a quoted attribute name, as in the model's own example", () => {
    expect(parseListUsersFilter('"email"^="testuser"')).toEqual({
      attribute: "email",
      operator: "^=",
      value: "testuser",
    });
    expect(parseListUsersFilter('"cognito:user_status" = "CONFIRMED"')).toEqual({
      attribute: "cognito:user_status",
      operator: "=",
      value: "CONFIRMED",
    });
  });

  it("unescapes backslash-escaped quotes and backslashes, and keeps other characters as they are", () => {
    expect(parseListUsersFilter('name = "say \\"hi\\""')?.value).toBe('say "hi"');
    expect(parseListUsersFilter('name = "back\\\\slash"')?.value).toBe("back\\slash");
    expect(parseListUsersFilter('name = "a = b ^= c"')?.value).toBe("a = b ^= c");
    expect(parseListUsersFilter('name = ""')?.value).toBe("");
  });

  it("accepts every searchable attribute", () => {
    for (const attribute of SEARCHABLE_ATTRIBUTES) {
      expect(parseListUsersFilter(`${attribute} = "x"`)?.attribute).toBe(attribute);
    }
  });

  it("refuses malformed filters with Cognito's parse error", () => {
    for (const filter of [
      "email = foo",
      "username=",
      'email "x"',
      'email == "x"',
      'email != "x"',
      'email = "unterminated',
      'email = "x" and name = "y"',
      'email = "x"y',
      '= "x"',
      '"email = "x"',
      'email = "x\\',
    ]) {
      expect(failure(filter), filter).toEqual(parseError);
    }
  });

  it("refuses attributes that cannot be searched, custom ones included", () => {
    expect(failure('custom:foo = "bar"')).toEqual({
      name: "InvalidParameterException",
      message: "Invalid search attribute: custom:foo",
    });
    expect(failure('locale ^= "en"').message).toBe("Invalid search attribute: locale");
    expect(failure('Email = "x"').message).toBe("Invalid search attribute: Email");
  });
});
