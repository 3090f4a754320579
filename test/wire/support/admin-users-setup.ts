import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "vitest";
import { latestMessage } from "../../support/outbox.js";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";

export const TEMPORARY = "Tmp-Pa55word!x";
export const PERMANENT = "Perm-Pa55word!y";
export const userNotFound = { name: "UserNotFoundException", message: "User does not exist." };
export const schemaError = (...problems: string[]) => ({
  name: "InvalidParameterException",
  message: `Attributes did not conform to the schema: ${problems.join("\n")}\n`,
});

/** The rejection of `promise` as {name, message}, after checking it is a 4xx. */
export async function refusal(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
  if (!error) throw new Error("expected the call to be refused");
  expect(error.$metadata?.httpStatusCode).toBeGreaterThanOrEqual(400);
  expect(error.$metadata?.httpStatusCode).toBeLessThan(500);
  return { name: error.name, message: error.message };
}

export const attributeMap = (attributes: AttributeType[] | undefined) =>
  Object.fromEntries((attributes ?? []).map((entry) => [entry.Name, entry.Value]));

/** A server for the enclosing describe block, and the admin calls the admin-users tests are made of. */
export function useAdminUsers(backend: Backend) {
  const ctx = useTestServer({ backend });
  let poolCount = 0;

  const newPool = async (settings: Partial<CreateUserPoolCommandInput> = {}) => {
    poolCount += 1;
    const out = await ctx.cognito.send(
      new CreateUserPoolCommand({ PoolName: `admin-${poolCount}`, ...settings }),
    );
    return out.UserPool!.Id!;
  };
  const newUser = async (UserPoolId: string, Username: string, attributes: Record<string, string> = {}) => {
    const out = await ctx.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username,
        TemporaryPassword: TEMPORARY,
        MessageAction: "SUPPRESS",
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
    return out.User!;
  };
  const getUser = (UserPoolId: string, Username: string) =>
    ctx.cognito.send(new AdminGetUserCommand({ UserPoolId, Username }));
  const attributesOf = async (UserPoolId: string, Username: string) =>
    attributeMap((await getUser(UserPoolId, Username)).UserAttributes);
  const update = (UserPoolId: string, Username: string, attributes: Record<string, string>) =>
    ctx.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId,
        Username,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  const setPassword = (UserPoolId: string, Username: string, Password: string, Permanent?: boolean) =>
    ctx.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password, Permanent }));
  const noMessageFor = async (to: string) =>
    expect(latestMessage(ctx.server.dataDir, to)).rejects.toThrow(/no message/);

  return extendSuite(ctx, {
    newPool,
    newUser,
    getUser,
    attributesOf,
    update,
    setPassword,
    noMessageFor,
  });
}
