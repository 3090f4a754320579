import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  type GroupType,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  type ListUsersInGroupCommandOutput,
  paginateListGroups,
  UpdateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USER_POOL_ACTIONS } from "../../src/http/cognito-json/user-pools.actions.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
// The membership tests create users with AdminCreateUser; they run as soon as that action is implemented.
const usersAvailable = USER_POOL_ACTIONS.AdminCreateUser.status !== "missing";

const ROLE = "arn:aws:iam::123456789012:role/GroupRole";
const OTHER_ROLE = "arn:aws:iam::123456789012:role/service-role/OtherRole";
const groupNotFound = { name: "ResourceNotFoundException", message: "Group not found." };
const userNotFound = { name: "UserNotFoundException", message: "User does not exist." };
const badRequest = { $metadata: expect.objectContaining({ httpStatusCode: 400 }) };

describe.each(backends)("user pool groups on %s", (backend) => {
  let server: TestServer;
  let cognito: CognitoIdentityProviderClient;
  let poolCount = 0;

  const newPool = async () => {
    poolCount += 1;
    const out = await cognito.send(new CreateUserPoolCommand({ PoolName: `groups-${poolCount}` }));
    return out.UserPool!.Id!;
  };
  const newUser = async (UserPoolId: string, Username: string) => {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username,
        TemporaryPassword: "Passw0rd!Temp",
        MessageAction: "SUPPRESS",
      }),
    );
  };
  const names = (groups: GroupType[] | undefined) => (groups ?? []).map((group) => group.GroupName ?? "");

  beforeAll(async () => {
    server = await startTestServer({ backend });
    cognito = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  describe("groups", () => {
    it("CreateGroup returns the group with every field, and GetGroup reads the same back", async () => {
      const UserPoolId = await newPool();
      const before = Date.now();
      const { Group } = await cognito.send(
        new CreateGroupCommand({
          UserPoolId,
          GroupName: "admins",
          Description: "The admins",
          RoleArn: ROLE,
          Precedence: 0,
        }),
      );
      expect(Group).toEqual({
        GroupName: "admins",
        UserPoolId,
        Description: "The admins",
        RoleArn: ROLE,
        Precedence: 0,
        CreationDate: expect.any(Date),
        LastModifiedDate: expect.any(Date),
      });
      expect(Group!.CreationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(Group!.LastModifiedDate).toEqual(Group!.CreationDate);
      const read = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "admins" }));
      expect(read.Group).toEqual(Group);
    });

    it("CreateGroup leaves out Description, RoleArn and Precedence when not given", async () => {
      const UserPoolId = await newPool();
      const { Group } = await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "plain" }));
      expect(Group!.Description).toBeUndefined();
      expect(Group!.RoleArn).toBeUndefined();
      expect(Group!.Precedence).toBeUndefined();
      expect(Group).toMatchObject({ GroupName: "plain", UserPoolId });
    });

    it("CreateGroup refuses a taken name but not the same name in another case or pool", async () => {
      const UserPoolId = await newPool();
      await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "team" }));
      await expect(
        cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "team" })),
      ).rejects.toMatchObject({
        name: "GroupExistsException",
        message: "A group with the name already exists.",
        ...badRequest,
      });
      await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "Team" }));
      await cognito.send(new CreateGroupCommand({ UserPoolId: await newPool(), GroupName: "team" }));
      const listed = await cognito.send(new ListGroupsCommand({ UserPoolId }));
      expect(names(listed.Groups)).toEqual(["Team", "team"]);
    });

    it("CreateGroup refuses a RoleArn that is not an IAM role and a negative Precedence", async () => {
      const UserPoolId = await newPool();
      const topic = "arn:aws:sns:us-east-1:123456789012:my-topic";
      await expect(
        cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "g", RoleArn: topic })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: `Invalid ARN format ${topic}`,
        ...badRequest,
      });
      await expect(
        cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "g", RoleArn: "Team group (managed)" })),
      ).rejects.toMatchObject({ name: "InvalidParameterException", ...badRequest });
      await expect(
        cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "g", Precedence: -1 })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: expect.stringContaining("at 'precedence' failed to satisfy constraint"),
      });
      await expect(cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "g" }))).rejects.toMatchObject(
        groupNotFound,
      );
    });

    it("group actions on an unknown pool answer ResourceNotFoundException", async () => {
      const UserPoolId = "us-east-1_NoSuchPo0";
      const expected = {
        name: "ResourceNotFoundException",
        message: `User pool ${UserPoolId} does not exist.`,
      };
      await expect(
        cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "g" })),
      ).rejects.toMatchObject(expected);
      await expect(cognito.send(new ListGroupsCommand({ UserPoolId }))).rejects.toMatchObject(expected);
    });

    it("GetGroup, UpdateGroup and DeleteGroup answer Group not found for an unknown group", async () => {
      const UserPoolId = await newPool();
      const input = { UserPoolId, GroupName: "ghost" };
      await expect(cognito.send(new GetGroupCommand(input))).rejects.toMatchObject(groupNotFound);
      await expect(cognito.send(new UpdateGroupCommand({ ...input, Precedence: 1 }))).rejects.toMatchObject(
        groupNotFound,
      );
      await expect(cognito.send(new DeleteGroupCommand(input))).rejects.toMatchObject(groupNotFound);
      await expect(cognito.send(new ListUsersInGroupCommand(input))).rejects.toMatchObject(groupNotFound);
    });

    it("UpdateGroup changes only the fields given and moves LastModifiedDate", async () => {
      const UserPoolId = await newPool();
      const created = await cognito.send(
        new CreateGroupCommand({
          UserPoolId,
          GroupName: "g",
          Description: "old",
          RoleArn: ROLE,
          Precedence: 3,
        }),
      );
      const described = await cognito.send(
        new UpdateGroupCommand({ UserPoolId, GroupName: "g", Description: "new" }),
      );
      expect(described.Group).toEqual({
        ...created.Group,
        Description: "new",
        LastModifiedDate: expect.any(Date),
      });
      expect(described.Group!.LastModifiedDate!.getTime()).toBeGreaterThan(
        created.Group!.LastModifiedDate!.getTime(),
      );
      const rerolled = await cognito.send(
        new UpdateGroupCommand({ UserPoolId, GroupName: "g", RoleArn: OTHER_ROLE, Precedence: 0 }),
      );
      expect(rerolled.Group).toMatchObject({ Description: "new", RoleArn: OTHER_ROLE, Precedence: 0 });
      const read = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "g" }));
      expect(read.Group).toEqual(rerolled.Group);
      // Nothing to change: the group comes back as it is.
      const unchanged = await cognito.send(new UpdateGroupCommand({ UserPoolId, GroupName: "g" }));
      expect(unchanged.Group).toEqual(rerolled.Group);
      await expect(
        cognito.send(
          new UpdateGroupCommand({
            UserPoolId,
            GroupName: "g",
            RoleArn: "arn:aws:iam::123456789012:user/bob",
          }),
        ),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: "Invalid ARN format arn:aws:iam::123456789012:user/bob",
      });
    });

    it("DeleteGroup removes the group", async () => {
      const UserPoolId = await newPool();
      await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "doomed" }));
      const out = await cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: "doomed" }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      await expect(
        cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "doomed" })),
      ).rejects.toMatchObject(groupNotFound);
      expect((await cognito.send(new ListGroupsCommand({ UserPoolId }))).Groups).toEqual([]);
    });

    it("ListGroups pages 7 groups 3 at a time in name order", async () => {
      const UserPoolId = await newPool();
      for (const name of ["g7", "g1", "g4", "g2", "g6", "g3", "g5"]) {
        await cognito.send(
          new CreateGroupCommand({ UserPoolId, GroupName: name, Precedence: Number(name[1]) }),
        );
      }
      const pages: string[][] = [];
      let NextToken: string | undefined;
      do {
        const page = await cognito.send(new ListGroupsCommand({ UserPoolId, Limit: 3, NextToken }));
        pages.push(names(page.Groups));
        for (const group of page.Groups ?? []) {
          expect(group).toMatchObject({ UserPoolId, Precedence: Number(group.GroupName![1]) });
        }
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      expect(pages).toEqual([["g1", "g2", "g3"], ["g4", "g5", "g6"], ["g7"]]);

      const viaPaginator: string[] = [];
      for await (const page of paginateListGroups({ client: cognito, pageSize: 2 }, { UserPoolId })) {
        viaPaginator.push(...names(page.Groups));
      }
      expect(viaPaginator).toEqual(["g1", "g2", "g3", "g4", "g5", "g6", "g7"]);
      const all = await cognito.send(new ListGroupsCommand({ UserPoolId }));
      expect(names(all.Groups)).toHaveLength(7);
      expect(all.NextToken).toBeUndefined();
    });

    it("ListGroups refuses Limit 0 or 61, a forged token, and a token from another pool", async () => {
      const UserPoolId = await newPool();
      const other = await newPool();
      for (const pool of [UserPoolId, other]) {
        for (const GroupName of ["a", "b"])
          await cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName }));
      }
      for (const Limit of [0, 61]) {
        await expect(cognito.send(new ListGroupsCommand({ UserPoolId, Limit }))).rejects.toMatchObject({
          name: "InvalidParameterException",
          message: expect.stringContaining("at 'limit' failed to satisfy constraint"),
          ...badRequest,
        });
      }
      await expect(
        cognito.send(new ListGroupsCommand({ UserPoolId, NextToken: "forged-token" })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: expect.stringMatching(/^Paging marker forged-token is invalid for request \S+$/),
      });
      const { NextToken } = await cognito.send(new ListGroupsCommand({ UserPoolId, Limit: 1 }));
      expect(NextToken).toBeDefined();
      await expect(
        cognito.send(new ListGroupsCommand({ UserPoolId: other, NextToken })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
      });
      const rest = await cognito.send(new ListGroupsCommand({ UserPoolId, NextToken }));
      expect(names(rest.Groups)).toEqual(["b"]);
    });
  });

  describe.skipIf(!usersAvailable)("memberships", () => {
    it("AdminAddUserToGroup twice is fine; both listings show the membership; remove takes it away", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "alice");
      await newUser(UserPoolId, "bob");
      await cognito.send(
        new CreateGroupCommand({ UserPoolId, GroupName: "team", RoleArn: ROLE, Precedence: 2 }),
      );
      const membership = { UserPoolId, Username: "alice", GroupName: "team" };
      await cognito.send(new AdminAddUserToGroupCommand(membership));
      await cognito.send(new AdminAddUserToGroupCommand(membership));
      await cognito.send(new AdminAddUserToGroupCommand({ ...membership, Username: "bob" }));

      const { Users } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "team" }));
      expect(Users!.map((user) => user.Username)).toEqual(["alice", "bob"]);
      expect(Users![0]).toMatchObject({
        Username: "alice",
        Enabled: true,
        UserStatus: "FORCE_CHANGE_PASSWORD",
      });
      expect(Users![0]!.Attributes![0]).toMatchObject({ Name: "sub", Value: expect.any(String) });
      const { Groups } = await cognito.send(
        new AdminListGroupsForUserCommand({ UserPoolId, Username: "alice" }),
      );
      expect(Groups).toEqual([
        expect.objectContaining({ GroupName: "team", UserPoolId, RoleArn: ROLE, Precedence: 2 }),
      ]);

      await cognito.send(new AdminRemoveUserFromGroupCommand(membership));
      await cognito.send(new AdminRemoveUserFromGroupCommand(membership));
      const after = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "team" }));
      expect(after.Users!.map((user) => user.Username)).toEqual(["bob"]);
      const mine = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: "alice" }));
      expect(mine.Groups).toEqual([]);
    });

    it("membership actions name an unknown user before an unknown group", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "carol");
      await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "team" }));
      const nobody = { UserPoolId, Username: "nobody", GroupName: "team" };
      await expect(cognito.send(new AdminAddUserToGroupCommand(nobody))).rejects.toMatchObject(userNotFound);
      await expect(
        cognito.send(new AdminAddUserToGroupCommand({ ...nobody, GroupName: "ghost" })),
      ).rejects.toMatchObject(userNotFound);
      await expect(cognito.send(new AdminRemoveUserFromGroupCommand(nobody))).rejects.toMatchObject(
        userNotFound,
      );
      await expect(
        cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: "nobody" })),
      ).rejects.toMatchObject(userNotFound);
      const ghost = { UserPoolId, Username: "carol", GroupName: "ghost" };
      await expect(cognito.send(new AdminAddUserToGroupCommand(ghost))).rejects.toMatchObject(groupNotFound);
      await expect(cognito.send(new AdminRemoveUserFromGroupCommand(ghost))).rejects.toMatchObject(
        groupNotFound,
      );
    });

    it("both listings page with Limit and NextToken", async () => {
      const UserPoolId = await newPool();
      for (const name of ["u1", "u2", "u3", "u4", "u5"]) await newUser(UserPoolId, name);
      for (const GroupName of ["b", "e", "a", "d", "c"]) {
        await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName }));
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "u1", GroupName }));
      }
      for (const Username of ["u2", "u3", "u4", "u5"]) {
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName: "a" }));
      }
      const groupPages: string[][] = [];
      let NextToken: string | undefined;
      do {
        const page = await cognito.send(
          new AdminListGroupsForUserCommand({ UserPoolId, Username: "u1", Limit: 2, NextToken }),
        );
        groupPages.push(names(page.Groups));
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      expect(groupPages).toEqual([["a", "b"], ["c", "d"], ["e"]]);

      const userPages: string[][] = [];
      do {
        const page: ListUsersInGroupCommandOutput = await cognito.send(
          new ListUsersInGroupCommand({ UserPoolId, GroupName: "a", Limit: 2, NextToken }),
        );
        userPages.push((page.Users ?? []).map((user) => user.Username ?? ""));
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      expect(userPages).toEqual([["u1", "u2"], ["u3", "u4"], ["u5"]]);

      const first = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "a", Limit: 1 }));
      await expect(
        cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "b", NextToken: first.NextToken })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: expect.stringContaining("Paging marker"),
      });
    });

    it("DeleteGroup removes its memberships", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "dave");
      for (const GroupName of ["doomed", "kept"]) {
        await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName }));
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "dave", GroupName }));
      }
      await cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: "doomed" }));
      const { Groups } = await cognito.send(
        new AdminListGroupsForUserCommand({ UserPoolId, Username: "dave" }),
      );
      expect(names(Groups)).toEqual(["kept"]);
      await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "doomed" }));
      const members = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "doomed" }));
      expect(members.Users).toEqual([]);
    });

    it("a user can belong to 100 groups but not 101", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "busy");
      for (let index = 0; index <= 100; index += 1) {
        const GroupName = `g${String(index).padStart(3, "0")}`;
        await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName }));
        if (index < 100)
          await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "busy", GroupName }));
      }
      await expect(
        cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "busy", GroupName: "g100" })),
      ).rejects.toMatchObject({ name: "LimitExceededException", ...badRequest });
      // Already a member: re-adding changes nothing and is allowed at the quota.
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "busy", GroupName: "g000" }));
    });
  });
});
