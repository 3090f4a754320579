import { describe, expect, it } from "vitest";
import {
  context,
  failure,
  groupNotFound,
  ROLE,
  useGroupStorage,
  userNotFound,
} from "./group-use-cases-fixture.js";

// The group use cases against real SQLite storage, with users inserted directly (the user-creating
// actions are written elsewhere). test/wire/groups-*.test.ts cover the same behaviour over the wire.

const groups = useGroupStorage();
const { uc, newPool, newUser } = groups;

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
