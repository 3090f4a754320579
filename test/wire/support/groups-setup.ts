import {
  AdminCreateUserCommand,
  CreateUserPoolCommand,
  type GroupType,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "vitest";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";

export const ROLE = "arn:aws:iam::123456789012:role/GroupRole";
export const OTHER_ROLE = "arn:aws:iam::123456789012:role/service-role/OtherRole";
export const groupNotFound = { name: "ResourceNotFoundException", message: "Group not found." };
export const userNotFound = { name: "UserNotFoundException", message: "User does not exist." };
export const badRequest = { $metadata: expect.objectContaining({ httpStatusCode: 400 }) };

/** A server for the enclosing describe block, with a new pool and a new user on demand. */
export function useGroups(backend: Backend) {
  const ctx = useTestServer({ backend });
  let poolCount = 0;

  const newPool = async () => {
    poolCount += 1;
    const out = await ctx.cognito.send(new CreateUserPoolCommand({ PoolName: `groups-${poolCount}` }));
    return out.UserPool!.Id!;
  };
  const newUser = async (UserPoolId: string, Username: string) => {
    await ctx.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username,
        TemporaryPassword: "Passw0rd!Temp",
        MessageAction: "SUPPRESS",
      }),
    );
  };
  const names = (groups: GroupType[] | undefined) => (groups ?? []).map((group) => group.GroupName ?? "");

  return extendSuite(ctx, { newPool, newUser, names });
}
