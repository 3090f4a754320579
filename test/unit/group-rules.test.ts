import { describe, expect, it } from "vitest";
import type { Group } from "../../src/domain/group/group.js";
import { checkRoomForAnotherGroup, groupPageLimit } from "../../src/domain/group/group-limits.js";
import { checkRoleArn, newGroupFields, updatedGroup } from "../../src/domain/group/group-rules.js";
import { groupView } from "../../src/domain/group/group-view.js";

const base: Group = {
  userPoolId: "us-east-1_abcdefghi",
  groupName: "admins",
  description: "Admins",
  roleArn: "arn:aws:iam::123456789012:role/Admin",
  precedence: 1,
  createdAt: new Date(1_000),
  lastModifiedAt: new Date(2_000),
};

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error("expected a failure");
};

describe("group role ARN rule", () => {
  it.each([
    "arn:aws:iam::123456789012:role/Admin",
    "arn:aws:iam::123456789012:role/service-role/path/My.Role+=,@-_",
    "arn:aws-cn:iam::123456789012:role/Admin",
    "arn:aws-us-gov:iam::123456789012:role/Admin",
  ])("accepts the IAM role ARN %s", (arn) => {
    expect(checkRoleArn(arn)).toBe(arn);
  });

  it.each([
    "arn:aws:sns:us-east-1:123456789012:topic",
    "arn:aws:iam::123456789012:user/alice",
    "arn:aws:iam::12345:role/Admin",
    "arn:aws:iam:us-east-1:123456789012:role/Admin",
    "arn:aws:iam::123456789012:role/",
    "Team group (managed by Terraform)",
  ])("refuses %s with Cognito's wording", (arn) => {
    expect(failure(() => checkRoleArn(arn))).toEqual({
      name: "InvalidParameterException",
      message: `Invalid ARN format ${arn}`,
    });
  });
});

describe("group fields", () => {
  it("treats an empty description as none and keeps precedence 0", () => {
    expect(newGroupFields({ Description: "", Precedence: 0 })).toEqual({
      description: null,
      roleArn: null,
      precedence: 0,
    });
  });

  it("refuses a negative or too large precedence", () => {
    expect(failure(() => newGroupFields({ Precedence: -1 }))).toEqual({
      name: "InvalidParameterException",
      message:
        "1 validation error detected: Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0",
    });
    expect(failure(() => newGroupFields({ Precedence: 2 ** 31 })).message).toContain(
      "Member must have value less than or equal to 2147483647",
    );
    expect(newGroupFields({ Precedence: 2 ** 31 - 1 }).precedence).toBe(2 ** 31 - 1);
  });

  it("updates only the fields given and stamps the modification time", () => {
    const at = new Date(3_000);
    expect(updatedGroup(base, { Precedence: 5 }, at)).toEqual({ ...base, precedence: 5, lastModifiedAt: at });
    expect(updatedGroup(base, { Description: "New" }, at)).toEqual({
      ...base,
      description: "New",
      lastModifiedAt: at,
    });
    expect(updatedGroup(base, {}, at)).toBeUndefined();
    expect(updatedGroup(base, { Description: "" }, at)).toBeUndefined();
  });

  it("shows only the optional fields a group has", () => {
    const bare = { ...base, description: null, roleArn: null, precedence: null };
    expect(groupView(bare)).toEqual({
      GroupName: "admins",
      UserPoolId: "us-east-1_abcdefghi",
      CreationDate: new Date(1_000),
      LastModifiedDate: new Date(2_000),
    });
    expect(groupView({ ...bare, precedence: 0 }).Precedence).toBe(0);
  });
});

describe("group limits", () => {
  it("pages 60 by default and 1 to 60 on request", () => {
    expect(groupPageLimit(undefined)).toBe(60);
    expect(groupPageLimit(1)).toBe(1);
    expect(groupPageLimit(60)).toBe(60);
    expect(failure(() => groupPageLimit(0))).toEqual({
      name: "InvalidParameterException",
      message:
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    expect(failure(() => groupPageLimit(61)).message).toContain("less than or equal to 60");
  });

  it("lets a user join a 100th group but not a 101st", () => {
    expect(() => checkRoomForAnotherGroup(99)).not.toThrow();
    expect(failure(() => checkRoomForAnotherGroup(100)).name).toBe("LimitExceededException");
  });
});
