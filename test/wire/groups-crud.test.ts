import {
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  paginateListGroups,
  UpdateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { badRequest, groupNotFound, OTHER_ROLE, ROLE, useGroups } from "./support/groups-setup.js";

const backends = await testBackends();

describe.each(backends)("user pool groups on %s", (backend) => {
  const ctx = useGroups(backend);
  const { newPool, names } = ctx;

  describe("groups", () => {
    it("CreateGroup returns the group with every field, and GetGroup reads the same back", async () => {
      const UserPoolId = await newPool();
      const before = Date.now();
      const { Group } = await ctx.cognito.send(
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
      const read = await ctx.cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "admins" }));
      expect(read.Group).toEqual(Group);
    });

    it("CreateGroup leaves out Description, RoleArn and Precedence when not given", async () => {
      const UserPoolId = await newPool();
      const { Group } = await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "plain" }));
      expect(Group!.Description).toBeUndefined();
      expect(Group!.RoleArn).toBeUndefined();
      expect(Group!.Precedence).toBeUndefined();
      expect(Group).toMatchObject({ GroupName: "plain", UserPoolId });
    });

    it("CreateGroup refuses a taken name but not the same name in another case or pool", async () => {
      const UserPoolId = await newPool();
      await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "team" }));
      await expect(
        ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "team" })),
      ).rejects.toMatchObject({
        name: "GroupExistsException",
        message: "A group with the name already exists.",
        ...badRequest,
      });
      await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "Team" }));
      await ctx.cognito.send(new CreateGroupCommand({ UserPoolId: await newPool(), GroupName: "team" }));
      const listed = await ctx.cognito.send(new ListGroupsCommand({ UserPoolId }));
      expect(names(listed.Groups)).toEqual(["Team", "team"]);
    });

    it("CreateGroup refuses a RoleArn that is not an IAM role and a negative Precedence", async () => {
      const UserPoolId = await newPool();
      const topic = "arn:aws:sns:us-east-1:123456789012:my-topic";
      await expect(
        ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "g", RoleArn: topic })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: `Invalid ARN format ${topic}`,
        ...badRequest,
      });
      await expect(
        ctx.cognito.send(
          new CreateGroupCommand({ UserPoolId, GroupName: "g", RoleArn: "Team group (managed)" }),
        ),
      ).rejects.toMatchObject({ name: "InvalidParameterException", ...badRequest });
      await expect(
        ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "g", Precedence: -1 })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: expect.stringContaining("at 'precedence' failed to satisfy constraint"),
      });
      await expect(
        ctx.cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "g" })),
      ).rejects.toMatchObject(groupNotFound);
    });

    it("group actions on an unknown pool answer ResourceNotFoundException", async () => {
      const UserPoolId = "us-east-1_NoSuchPo0";
      const expected = {
        name: "ResourceNotFoundException",
        message: `User pool ${UserPoolId} does not exist.`,
      };
      await expect(
        ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "g" })),
      ).rejects.toMatchObject(expected);
      await expect(ctx.cognito.send(new ListGroupsCommand({ UserPoolId }))).rejects.toMatchObject(expected);
    });

    it("GetGroup, UpdateGroup and DeleteGroup answer Group not found for an unknown group", async () => {
      const UserPoolId = await newPool();
      const input = { UserPoolId, GroupName: "ghost" };
      await expect(ctx.cognito.send(new GetGroupCommand(input))).rejects.toMatchObject(groupNotFound);
      await expect(
        ctx.cognito.send(new UpdateGroupCommand({ ...input, Precedence: 1 })),
      ).rejects.toMatchObject(groupNotFound);
      await expect(ctx.cognito.send(new DeleteGroupCommand(input))).rejects.toMatchObject(groupNotFound);
      await expect(ctx.cognito.send(new ListUsersInGroupCommand(input))).rejects.toMatchObject(groupNotFound);
    });

    it("UpdateGroup changes only the fields given and moves LastModifiedDate", async () => {
      const UserPoolId = await newPool();
      const created = await ctx.cognito.send(
        new CreateGroupCommand({
          UserPoolId,
          GroupName: "g",
          Description: "old",
          RoleArn: ROLE,
          Precedence: 3,
        }),
      );
      const described = await ctx.cognito.send(
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
      const rerolled = await ctx.cognito.send(
        new UpdateGroupCommand({ UserPoolId, GroupName: "g", RoleArn: OTHER_ROLE, Precedence: 0 }),
      );
      expect(rerolled.Group).toMatchObject({ Description: "new", RoleArn: OTHER_ROLE, Precedence: 0 });
      const read = await ctx.cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "g" }));
      expect(read.Group).toEqual(rerolled.Group);
      // Nothing to change: the group comes back as it is.
      const unchanged = await ctx.cognito.send(new UpdateGroupCommand({ UserPoolId, GroupName: "g" }));
      expect(unchanged.Group).toEqual(rerolled.Group);
      await expect(
        ctx.cognito.send(
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
      await ctx.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "doomed" }));
      const out = await ctx.cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: "doomed" }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      await expect(
        ctx.cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "doomed" })),
      ).rejects.toMatchObject(groupNotFound);
      expect((await ctx.cognito.send(new ListGroupsCommand({ UserPoolId }))).Groups).toEqual([]);
    });

    it("ListGroups pages 7 groups 3 at a time in name order", async () => {
      const UserPoolId = await newPool();
      for (const name of ["g7", "g1", "g4", "g2", "g6", "g3", "g5"]) {
        await ctx.cognito.send(
          new CreateGroupCommand({ UserPoolId, GroupName: name, Precedence: Number(name[1]) }),
        );
      }
      const pages: string[][] = [];
      let NextToken: string | undefined;
      do {
        const page = await ctx.cognito.send(new ListGroupsCommand({ UserPoolId, Limit: 3, NextToken }));
        pages.push(names(page.Groups));
        for (const group of page.Groups ?? []) {
          expect(group).toMatchObject({ UserPoolId, Precedence: Number(group.GroupName![1]) });
        }
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      expect(pages).toEqual([["g1", "g2", "g3"], ["g4", "g5", "g6"], ["g7"]]);

      const viaPaginator: string[] = [];
      for await (const page of paginateListGroups({ client: ctx.cognito, pageSize: 2 }, { UserPoolId })) {
        viaPaginator.push(...names(page.Groups));
      }
      expect(viaPaginator).toEqual(["g1", "g2", "g3", "g4", "g5", "g6", "g7"]);
      const all = await ctx.cognito.send(new ListGroupsCommand({ UserPoolId }));
      expect(names(all.Groups)).toHaveLength(7);
      expect(all.NextToken).toBeUndefined();
    });

    it("ListGroups refuses Limit 0 or 61, a forged token, and a token from another pool", async () => {
      const UserPoolId = await newPool();
      const other = await newPool();
      for (const pool of [UserPoolId, other]) {
        for (const GroupName of ["a", "b"])
          await ctx.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName }));
      }
      for (const Limit of [0, 61]) {
        await expect(ctx.cognito.send(new ListGroupsCommand({ UserPoolId, Limit }))).rejects.toMatchObject({
          name: "InvalidParameterException",
          message: expect.stringContaining("at 'limit' failed to satisfy constraint"),
          ...badRequest,
        });
      }
      await expect(
        ctx.cognito.send(new ListGroupsCommand({ UserPoolId, NextToken: "forged-token" })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: expect.stringMatching(/^Paging marker forged-token is invalid for request \S+$/),
      });
      const { NextToken } = await ctx.cognito.send(new ListGroupsCommand({ UserPoolId, Limit: 1 }));
      expect(NextToken).toBeDefined();
      await expect(
        ctx.cognito.send(new ListGroupsCommand({ UserPoolId: other, NextToken })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
      });
      const rest = await ctx.cognito.send(new ListGroupsCommand({ UserPoolId, NextToken }));
      expect(names(rest.Groups)).toEqual(["b"]);
    });
  });
});
