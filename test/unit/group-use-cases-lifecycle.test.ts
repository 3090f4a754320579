import { describe, expect, it } from "vitest";
import { clock, context, failure, groupNotFound, ROLE, useGroupStorage } from "./group-use-cases-fixture.js";

// The group use cases against real SQLite storage, with users inserted directly (the user-creating
// actions are written elsewhere). test/wire/groups-*.test.ts cover the same behaviour over the wire.

const groups = useGroupStorage();
const { uc, newPool, newUser } = groups;

describe("group lifecycle", () => {
  it("creates a group with every field and reads it back", async () => {
    const pool = await newPool();
    const created = await uc.create(context, {
      UserPoolId: pool,
      GroupName: "admins",
      Description: "The admins",
      RoleArn: ROLE,
      Precedence: 0,
    });
    expect(created.Group).toEqual({
      GroupName: "admins",
      UserPoolId: pool,
      Description: "The admins",
      RoleArn: ROLE,
      Precedence: 0,
      CreationDate: clock.now(),
      LastModifiedDate: clock.now(),
    });
    expect((await uc.get(context, { UserPoolId: pool, GroupName: "admins" })).Group).toEqual(created.Group);
  });

  it("leaves out the optional fields a group was created without", async () => {
    const pool = await newPool();
    const { Group } = await uc.create(context, { UserPoolId: pool, GroupName: "plain", Description: "" });
    expect(Object.keys(Group).sort()).toEqual([
      "CreationDate",
      "GroupName",
      "LastModifiedDate",
      "UserPoolId",
    ]);
  });

  it("refuses a taken name, an unknown pool and a non-role ARN", async () => {
    const pool = await newPool();
    await uc.create(context, { UserPoolId: pool, GroupName: "dup" });
    expect(await failure(uc.create(context, { UserPoolId: pool, GroupName: "dup" }))).toEqual({
      name: "GroupExistsException",
      message: "A group with the name already exists.",
    });
    expect(await failure(uc.create(context, { UserPoolId: "us-east-1_nothere00", GroupName: "x" }))).toEqual({
      name: "ResourceNotFoundException",
      message: "User pool us-east-1_nothere00 does not exist.",
    });
    const sns = "arn:aws:sns:us-east-1:123456789012:topic";
    expect(await failure(uc.create(context, { UserPoolId: pool, GroupName: "r", RoleArn: sns }))).toEqual({
      name: "InvalidParameterException",
      message: `Invalid ARN format ${sns}`,
    });
    // Names are case-sensitive: "Dup" is another group.
    await expect(uc.create(context, { UserPoolId: pool, GroupName: "Dup" })).resolves.toBeDefined();
  });

  it("updates only the fields given and keeps the rest", async () => {
    const pool = await newPool();
    const { Group: before } = await uc.create(context, {
      UserPoolId: pool,
      GroupName: "g",
      Description: "old",
      RoleArn: ROLE,
      Precedence: 3,
    });
    clock.advance(5_000);
    const { Group: after } = await uc.update(context, {
      UserPoolId: pool,
      GroupName: "g",
      Description: "new",
    });
    expect(after).toEqual({ ...before, Description: "new", LastModifiedDate: clock.now() });
    const other = "arn:aws:iam::123456789012:role/Other";
    const { Group: third } = await uc.update(context, {
      UserPoolId: pool,
      GroupName: "g",
      RoleArn: other,
      Precedence: 9,
    });
    expect(third).toMatchObject({ Description: "new", RoleArn: other, Precedence: 9 });
    expect((await uc.get(context, { UserPoolId: pool, GroupName: "g" })).Group).toEqual(third);
  });

  it("changes nothing, not even LastModifiedDate, when UpdateGroup carries no field", async () => {
    const pool = await newPool();
    const { Group: before } = await uc.create(context, {
      UserPoolId: pool,
      GroupName: "g",
      Description: "d",
    });
    clock.advance(5_000);
    expect((await uc.update(context, { UserPoolId: pool, GroupName: "g" })).Group).toEqual(before);
    expect((await uc.update(context, { UserPoolId: pool, GroupName: "g", Description: "" })).Group).toEqual(
      before,
    );
  });

  it("answers Group not found for an unknown group on get, update and delete", async () => {
    const pool = await newPool();
    const input = { UserPoolId: pool, GroupName: "ghost" };
    expect(await failure(uc.get(context, input))).toEqual(groupNotFound);
    expect(await failure(uc.update(context, { ...input, Precedence: 1 }))).toEqual(groupNotFound);
    expect(await failure(uc.remove(context, input))).toEqual(groupNotFound);
  });

  it("deletes a group and its memberships", async () => {
    const pool = await newPool();
    const alice = await newUser(pool, "alice");
    await uc.create(context, { UserPoolId: pool, GroupName: "doomed" });
    await uc.create(context, { UserPoolId: pool, GroupName: "kept" });
    await uc.add(context, { UserPoolId: pool, Username: "alice", GroupName: "doomed" });
    await uc.add(context, { UserPoolId: pool, Username: "alice", GroupName: "kept" });
    expect(await uc.remove(context, { UserPoolId: pool, GroupName: "doomed" })).toEqual({});
    expect(await failure(uc.get(context, { UserPoolId: pool, GroupName: "doomed" }))).toEqual(groupNotFound);
    const { Groups } = await uc.groupsOf(context, { UserPoolId: pool, Username: "alice" });
    expect(Groups.map((group) => group.GroupName)).toEqual(["kept"]);
    expect(await groups.storage.groups.groupsOfUser(pool, alice.sub)).toHaveLength(1);
    // A new group of the same name starts empty.
    await uc.create(context, { UserPoolId: pool, GroupName: "doomed" });
    expect((await uc.members(context, { UserPoolId: pool, GroupName: "doomed" })).Users).toEqual([]);
  });
});

describe("ListGroups", () => {
  it("pages 7 groups 3 at a time in name order", async () => {
    const pool = await newPool();
    const names = ["g7", "g1", "g4", "g2", "g6", "g3", "g5"];
    for (const name of names) await uc.create(context, { UserPoolId: pool, GroupName: name, Precedence: 1 });
    const seen: string[][] = [];
    let token: string | undefined;
    do {
      const page = await uc.list(context, { UserPoolId: pool, Limit: 3, NextToken: token });
      seen.push(page.Groups.map((group) => group.GroupName));
      token = page.NextToken;
    } while (token !== undefined);
    expect(seen).toEqual([["g1", "g2", "g3"], ["g4", "g5", "g6"], ["g7"]]);
    const all = await uc.list(context, { UserPoolId: pool });
    expect(all.Groups).toHaveLength(7);
    expect(all.NextToken).toBeUndefined();
    expect(all.Groups[0]).toMatchObject({ GroupName: "g1", UserPoolId: pool, Precedence: 1 });
  });

  it("refuses a token it did not issue, or issued for another pool, and Limit 0", async () => {
    const pool = await newPool();
    const other = await newPool();
    for (const name of ["a", "b"]) {
      await uc.create(context, { UserPoolId: pool, GroupName: name });
      await uc.create(context, { UserPoolId: other, GroupName: name });
    }
    const { NextToken } = await uc.list(context, { UserPoolId: pool, Limit: 1 });
    expect(NextToken).toBeDefined();
    expect(await failure(uc.list(context, { UserPoolId: other, Limit: 1, NextToken }))).toEqual({
      name: "InvalidParameterException",
      message: `Paging marker ${NextToken} is invalid for request req-groups`,
    });
    expect(await failure(uc.list(context, { UserPoolId: pool, NextToken: "forged" }))).toEqual({
      name: "InvalidParameterException",
      message: "Paging marker forged is invalid for request req-groups",
    });
    expect((await failure(uc.list(context, { UserPoolId: pool, Limit: 0 }))).name).toBe(
      "InvalidParameterException",
    );
  });
});
