import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../src/app/request-context.js";
import { adminAddUserToGroup } from "../../src/app/user-pools/admin-add-user-to-group.js";
import { adminListGroupsForUser } from "../../src/app/user-pools/admin-list-groups-for-user.js";
import { adminRemoveUserFromGroup } from "../../src/app/user-pools/admin-remove-user-from-group.js";
import { createGroup } from "../../src/app/user-pools/create-group.js";
import { deleteGroup } from "../../src/app/user-pools/delete-group.js";
import { getGroup } from "../../src/app/user-pools/get-group.js";
import { listGroups } from "../../src/app/user-pools/list-groups.js";
import { listUsersInGroup } from "../../src/app/user-pools/list-users-in-group.js";
import { updateGroup } from "../../src/app/user-pools/update-group.js";
import type { User } from "../../src/domain/user/user.js";
import { createAesGcmSecretBox } from "../../src/integrations/crypto/aes-gcm-secret-box.js";
import type { Storage } from "../../src/ports/storage.js";
import { openSqliteStorage } from "../../src/storage/sqlite/open-sqlite-storage.js";
import { fakeClock } from "./tokens-fixture.js";

// The group use cases against real SQLite storage, with users inserted directly (the user-creating
// actions are written elsewhere). test/wire/groups.test.ts covers the same behaviour over the wire.

const context: RequestContext = { requestId: "req-groups", sourceIp: "127.0.0.1", signed: true };
const ROLE = "arn:aws:iam::123456789012:role/GroupRole";

let dir: string;
let storage: Storage;
const clock = fakeClock(1_700_000_000_000);
let uc: ReturnType<typeof useCases>;
let poolCounter = 0;

function useCases() {
  const deps = { storage, clock, secretBox: createAesGcmSecretBox(randomBytes(32)) };
  return {
    create: createGroup(deps),
    get: getGroup(deps),
    update: updateGroup(deps),
    remove: deleteGroup(deps),
    list: listGroups(deps),
    add: adminAddUserToGroup(deps),
    removeMember: adminRemoveUserFromGroup(deps),
    groupsOf: adminListGroupsForUser(deps),
    members: listUsersInGroup(deps),
  };
}

async function newPool(): Promise<string> {
  poolCounter += 1;
  const id = `us-east-1_Group${String(poolCounter).padStart(4, "0")}`;
  const now = clock.now();
  await storage.userPools.insertUserPool({
    id,
    settings: { PoolName: id },
    createdAt: now,
    lastModifiedAt: now,
  });
  return id;
}

async function newUser(userPoolId: string, username: string): Promise<User> {
  clock.advance(1_000);
  const at = clock.now();
  const user: User = {
    userPoolId,
    sub: randomUUID(),
    username,
    status: "CONFIRMED",
    enabled: true,
    attributes: { email: `${username}@example.com` },
    password: null,
    passwordHistory: [],
    temporaryPasswordExpiresAt: null,
    tokensRevokedAt: null,
    createdAt: at,
    lastModifiedAt: at,
  };
  await storage.users.insertUser({ user, usernameKey: username, aliases: [] });
  return user;
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error("expected a failure");
}

const groupNotFound = { name: "ResourceNotFoundException", message: "Group not found." };
const userNotFound = { name: "UserNotFoundException", message: "User does not exist." };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cognate-groups-"));
  storage = await openSqliteStorage({ filename: join(dir, "cognate.db"), synchronous: "NORMAL" });
  uc = useCases();
});
afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

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
    expect(await storage.groups.groupsOfUser(pool, alice.sub)).toHaveLength(1);
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

describe("memberships", () => {
  it("adds a user twice without error and lists both directions", async () => {
    const pool = await newPool();
    const alice = await newUser(pool, "alice");
    const bob = await newUser(pool, "bob");
    await uc.create(context, { UserPoolId: pool, GroupName: "team", RoleArn: ROLE, Precedence: 2 });
    await uc.add(context, { UserPoolId: pool, Username: "alice", GroupName: "team" });
    expect(await uc.add(context, { UserPoolId: pool, Username: "alice", GroupName: "team" })).toEqual({});
    await uc.add(context, { UserPoolId: pool, Username: "bob", GroupName: "team" });
    const { Users } = await uc.members(context, { UserPoolId: pool, GroupName: "team" });
    expect(Users.map((user) => user.Username)).toEqual(["alice", "bob"]);
    expect(Users[0]).toEqual({
      Username: "alice",
      Attributes: [
        { Name: "sub", Value: alice.sub },
        { Name: "email", Value: "alice@example.com" },
      ],
      UserCreateDate: alice.createdAt,
      UserLastModifiedDate: alice.lastModifiedAt,
      Enabled: true,
      UserStatus: "CONFIRMED",
    });
    const { Groups } = await uc.groupsOf(context, { UserPoolId: pool, Username: "bob" });
    expect(Groups).toEqual([expect.objectContaining({ GroupName: "team", RoleArn: ROLE, Precedence: 2 })]);
    expect(bob.sub).not.toBe(alice.sub);
  });

  it("removes a member; removing a non-member succeeds", async () => {
    const pool = await newPool();
    await newUser(pool, "carol");
    await uc.create(context, { UserPoolId: pool, GroupName: "team" });
    await uc.add(context, { UserPoolId: pool, Username: "carol", GroupName: "team" });
    const input = { UserPoolId: pool, Username: "carol", GroupName: "team" };
    expect(await uc.removeMember(context, input)).toEqual({});
    expect(await uc.removeMember(context, input)).toEqual({});
    expect((await uc.members(context, { UserPoolId: pool, GroupName: "team" })).Users).toEqual([]);
    expect((await uc.groupsOf(context, { UserPoolId: pool, Username: "carol" })).Groups).toEqual([]);
  });

  it("names the missing user first, then the missing group", async () => {
    const pool = await newPool();
    await newUser(pool, "dave");
    await uc.create(context, { UserPoolId: pool, GroupName: "team" });
    const nobody = { UserPoolId: pool, Username: "nobody", GroupName: "team" };
    expect(await failure(uc.add(context, nobody))).toEqual(userNotFound);
    expect(await failure(uc.add(context, { ...nobody, GroupName: "ghost" }))).toEqual(userNotFound);
    expect(await failure(uc.removeMember(context, nobody))).toEqual(userNotFound);
    expect(await failure(uc.groupsOf(context, { UserPoolId: pool, Username: "nobody" }))).toEqual(
      userNotFound,
    );
    const ghost = { UserPoolId: pool, Username: "dave", GroupName: "ghost" };
    expect(await failure(uc.add(context, ghost))).toEqual(groupNotFound);
    expect(await failure(uc.removeMember(context, ghost))).toEqual(groupNotFound);
    expect(await failure(uc.members(context, { UserPoolId: pool, GroupName: "ghost" }))).toEqual(
      groupNotFound,
    );
  });

  it("pages a user's groups and a group's users", async () => {
    const pool = await newPool();
    const users = [];
    for (const name of ["u1", "u2", "u3", "u4", "u5"]) users.push(await newUser(pool, name));
    for (const name of ["b", "e", "a", "d", "c"]) {
      await uc.create(context, { UserPoolId: pool, GroupName: name });
      await uc.add(context, { UserPoolId: pool, Username: "u1", GroupName: name });
    }
    for (const user of users.slice(1))
      await uc.add(context, { UserPoolId: pool, Username: user.username, GroupName: "a" });

    const groupPages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await uc.groupsOf(context, {
        UserPoolId: pool,
        Username: "u1",
        Limit: 2,
        NextToken: token,
      });
      groupPages.push(page.Groups.map((group) => group.GroupName));
      token = page.NextToken;
    } while (token !== undefined);
    expect(groupPages).toEqual([["a", "b"], ["c", "d"], ["e"]]);

    const userPages: string[][] = [];
    do {
      const page = await uc.members(context, {
        UserPoolId: pool,
        GroupName: "a",
        Limit: 2,
        NextToken: token,
      });
      userPages.push(page.Users.map((user) => user.Username));
      token = page.NextToken;
    } while (token !== undefined);
    expect(userPages).toEqual([["u1", "u2"], ["u3", "u4"], ["u5"]]);

    // A token continues only the listing it came from.
    const first = await uc.members(context, { UserPoolId: pool, GroupName: "a", Limit: 1 });
    const wrong = await failure(
      uc.members(context, { UserPoolId: pool, GroupName: "b", NextToken: first.NextToken }),
    );
    expect(wrong.message).toBe(`Paging marker ${first.NextToken} is invalid for request req-groups`);
    const mine = await uc.groupsOf(context, { UserPoolId: pool, Username: "u1", Limit: 1 });
    const theirs = await failure(
      uc.groupsOf(context, { UserPoolId: pool, Username: "u2", NextToken: mine.NextToken }),
    );
    expect(theirs.name).toBe("InvalidParameterException");
  });

  it("stops a user at 100 groups but allows re-adding one of them", async () => {
    const pool = await newPool();
    await newUser(pool, "busy");
    for (let index = 0; index <= 100; index += 1) {
      const name = `g${String(index).padStart(3, "0")}`;
      await uc.create(context, { UserPoolId: pool, GroupName: name });
      if (index < 100) await uc.add(context, { UserPoolId: pool, Username: "busy", GroupName: name });
    }
    expect(await failure(uc.add(context, { UserPoolId: pool, Username: "busy", GroupName: "g100" }))).toEqual(
      {
        name: "LimitExceededException",
        message: "The user is already a member of 100 groups, the most a user can belong to.",
      },
    );
    expect(await uc.add(context, { UserPoolId: pool, Username: "busy", GroupName: "g000" })).toEqual({});
    await uc.removeMember(context, { UserPoolId: pool, Username: "busy", GroupName: "g000" });
    expect(await uc.add(context, { UserPoolId: pool, Username: "busy", GroupName: "g100" })).toEqual({});
  });
});
