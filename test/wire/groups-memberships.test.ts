import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  ListUsersInGroupCommand,
  type ListUsersInGroupCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { USER_POOL_ACTIONS } from "../../src/http/cognito-json/user-pools.actions.js";
import { testBackends } from "../support/server.js";
import { badRequest, groupNotFound, ROLE, useGroups, userNotFound } from "./support/groups-setup.js";

const backends = await testBackends();
// The membership tests create users with AdminCreateUser; they run as soon as that action is implemented.
const usersAvailable = USER_POOL_ACTIONS.AdminCreateUser.status !== "missing";

describe.each(backends)("user pool groups on %s", (backend) => {
  const ctx = useGroups(backend);
  const { newPool, newUser, names } = ctx;

  describe.skipIf(!usersAvailable)("memberships", () => {
    it("AdminAddUserToGroup twice is fine; both listings show the membership; remove takes it away", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "alice");
      await newUser(UserPoolId, "bob");
      await ctx.cognito.send(
        new CreateGroupCommand({ UserPoolId, GroupName: "team", RoleArn: ROLE, Precedence: 2 }),
      );
      const membership = { UserPoolId, Username: "alice", GroupName: "team" };
      await ctx.cognito.send(new AdminAddUserToGroupCommand(membership));
      await ctx.cognito.send(new AdminAddUserToGroupCommand(membership));
      await ctx.cognito.send(new AdminAddUserToGroupCommand({ ...membership, Username: "bob" }));

      const { Users } = await ctx.cognito.send(
        new ListUsersInGroupCommand({ UserPoolId, GroupName: "team" }),
      );
      expect(Users!.map((user) => user.Username)).toEqual(["alice", "bob"]);
      expect(Users![0]).toMatchObject({
        Username: "alice",
        Enabled: true,
        UserStatus: "FORCE_CHANGE_PASSWORD",
      });
      expect(Users![0]!.Attributes![0]).toMatchObject({ Name: "sub", Value: expect.any(String) });
      const { Groups } = await ctx.cognito.send(
        new AdminListGroupsForUserCommand({ UserPoolId, Username: "alice" }),
      );
      expect(Groups).toEqual([
        expect.objectContaining({ GroupName: "team", UserPoolId, RoleArn: ROLE, Precedence: 2 }),
      ]);

      await ctx.cognito.send(new AdminRemoveUserFromGroupCommand(membership));
      await ctx.cognito.send(new AdminRemoveUserFromGroupCommand(membership));
      const after = await ctx.cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "team" }));
      expect(after.Users!.map((user) => user.Username)).toEqual(["bob"]);
      const mine = await ctx.cognito.send(
        new AdminListGroupsForUserCommand({ UserPoolId, Username: "alice" }),
      );
      expect(mine.Groups).toEqual([]);
    });

    it("membership actions name an unknown user before an unknown group", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "carol");
      await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "team" }));
      const nobody = { UserPoolId, Username: "nobody", GroupName: "team" };
      await expect(ctx.cognito.send(new AdminAddUserToGroupCommand(nobody))).rejects.toMatchObject(
        userNotFound,
      );
      await expect(
        ctx.cognito.send(new AdminAddUserToGroupCommand({ ...nobody, GroupName: "ghost" })),
      ).rejects.toMatchObject(userNotFound);
      await expect(ctx.cognito.send(new AdminRemoveUserFromGroupCommand(nobody))).rejects.toMatchObject(
        userNotFound,
      );
      await expect(
        ctx.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: "nobody" })),
      ).rejects.toMatchObject(userNotFound);
      const ghost = { UserPoolId, Username: "carol", GroupName: "ghost" };
      await expect(ctx.cognito.send(new AdminAddUserToGroupCommand(ghost))).rejects.toMatchObject(
        groupNotFound,
      );
      await expect(ctx.cognito.send(new AdminRemoveUserFromGroupCommand(ghost))).rejects.toMatchObject(
        groupNotFound,
      );
    });

    it("both listings page with Limit and NextToken", async () => {
      const UserPoolId = await newPool();
      for (const name of ["u1", "u2", "u3", "u4", "u5"]) await newUser(UserPoolId, name);
      for (const GroupName of ["b", "e", "a", "d", "c"]) {
        await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName }));
        await ctx.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "u1", GroupName }));
      }
      for (const Username of ["u2", "u3", "u4", "u5"]) {
        await ctx.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName: "a" }));
      }
      const groupPages: string[][] = [];
      let NextToken: string | undefined;
      do {
        const page = await ctx.cognito.send(
          new AdminListGroupsForUserCommand({ UserPoolId, Username: "u1", Limit: 2, NextToken }),
        );
        groupPages.push(names(page.Groups));
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      expect(groupPages).toEqual([["a", "b"], ["c", "d"], ["e"]]);

      const userPages: string[][] = [];
      do {
        const page: ListUsersInGroupCommandOutput = await ctx.cognito.send(
          new ListUsersInGroupCommand({ UserPoolId, GroupName: "a", Limit: 2, NextToken }),
        );
        userPages.push((page.Users ?? []).map((user) => user.Username ?? ""));
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      expect(userPages).toEqual([["u1", "u2"], ["u3", "u4"], ["u5"]]);

      const first = await ctx.cognito.send(
        new ListUsersInGroupCommand({ UserPoolId, GroupName: "a", Limit: 1 }),
      );
      await expect(
        ctx.cognito.send(
          new ListUsersInGroupCommand({ UserPoolId, GroupName: "b", NextToken: first.NextToken }),
        ),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: expect.stringContaining("Paging marker"),
      });
    });

    it("DeleteGroup removes its memberships", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "dave");
      for (const GroupName of ["doomed", "kept"]) {
        await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName }));
        await ctx.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "dave", GroupName }));
      }
      await ctx.cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: "doomed" }));
      const { Groups } = await ctx.cognito.send(
        new AdminListGroupsForUserCommand({ UserPoolId, Username: "dave" }),
      );
      expect(names(Groups)).toEqual(["kept"]);
      await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "doomed" }));
      const members = await ctx.cognito.send(
        new ListUsersInGroupCommand({ UserPoolId, GroupName: "doomed" }),
      );
      expect(members.Users).toEqual([]);
    });

    it("a user can belong to 100 groups but not 101", async () => {
      const UserPoolId = await newPool();
      await newUser(UserPoolId, "busy");
      for (let index = 0; index <= 100; index += 1) {
        const GroupName = `g${String(index).padStart(3, "0")}`;
        await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName }));
        if (index < 100)
          await ctx.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "busy", GroupName }));
      }
      await expect(
        ctx.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "busy", GroupName: "g100" })),
      ).rejects.toMatchObject({ name: "LimitExceededException", ...badRequest });
      // Already a member: re-adding changes nothing and is allowed at the quota.
      await ctx.cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: "busy", GroupName: "g000" }),
      );
    });
  });
});
