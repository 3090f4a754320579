import {
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { type ClientInput, DEFAULT_FLOWS, FULL, useAppClients } from "./support/user-pool-clients-setup.js";

const backends = await testBackends();

describe.each(backends)("app clients on %s", (backend) => {
  const ctx = useAppClients(backend);
  const { createPool, create, describeClient } = ctx;

  it("ListUserPoolClients pages through 7 clients 3 at a time", async () => {
    const listPool = await createPool("list");
    const names = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"];
    const ids: string[] = [];
    for (const name of names) ids.push((await create({ ClientName: name }, listPool)).ClientId!);

    const pages: { ClientId?: string; UserPoolId?: string; ClientName?: string }[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await ctx.cognito.send(
        new ListUserPoolClientsCommand({ UserPoolId: listPool, MaxResults: 3, NextToken }),
      );
      pages.push(page.UserPoolClients ?? []);
      NextToken = page.NextToken;
    } while (NextToken);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const all = pages.flat();
    expect(all.map((entry) => Object.keys(entry).sort())).toEqual(
      all.map(() => ["ClientId", "ClientName", "UserPoolId"]),
    );
    expect(all.map((entry) => entry.UserPoolId)).toEqual(all.map(() => listPool));
    expect(all.map((entry) => entry.ClientId).sort()).toEqual([...ids].sort());
    expect(all.map((entry) => entry.ClientName).sort()).toEqual(names);

    const whole = await ctx.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: listPool }));
    expect(whole.UserPoolClients).toHaveLength(7);
    expect(whole.NextToken).toBeUndefined();
    const dcr = await ctx.cognito.send(
      new ListUserPoolClientsCommand({ UserPoolId: listPool, ClientType: "DCR" }),
    );
    expect(dcr.UserPoolClients).toEqual([]);
  });

  it("ListUserPoolClients refuses a forged NextToken and a MaxResults outside 1–60", async () => {
    await expect(
      ctx.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: ctx.poolId, NextToken: "not-a-token" })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringMatching(/^Paging marker not-a-token is invalid for request \S+$/),
    });
    for (const MaxResults of [0, 61]) {
      await expect(
        ctx.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: ctx.poolId, MaxResults })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: expect.stringContaining(
          `Value '${MaxResults}' at 'maxResults' failed to satisfy constraint`,
        ),
      });
    }
  });

  it("UpdateUserPoolClient replaces the configuration: omitted members go back to their defaults", async () => {
    const created = await create(FULL);
    await new Promise((resolve) => setTimeout(resolve, 15));
    const updated = (
      await ctx.cognito.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: ctx.poolId,
          ClientId: created.ClientId,
          AccessTokenValidity: 2,
          ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      )
    ).UserPoolClient!;
    expect(updated).toEqual({
      UserPoolId: ctx.poolId,
      ClientId: created.ClientId,
      // Kept: the name, the secret, and the members Cognito keeps when an update omits them.
      ClientName: "full-client",
      ClientSecret: created.ClientSecret,
      RefreshTokenValidity: 10,
      TokenValidityUnits: { RefreshToken: "days" },
      EnableTokenRevocation: false,
      AuthSessionValidity: 7,
      // Given.
      AccessTokenValidity: 2,
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      // Back to defaults.
      AllowedOAuthFlowsUserPoolClient: false,
      EnablePropagateAdditionalUserContextData: false,
      CreationDate: created.CreationDate,
      LastModifiedDate: expect.any(Date),
      ClientType: "REGULAR",
    });
    expect(updated.LastModifiedDate!.getTime()).toBeGreaterThan(created.LastModifiedDate!.getTime());
    expect(await describeClient(created.ClientId!)).toEqual(updated);

    const renamed = (
      await ctx.cognito.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: ctx.poolId,
          ClientId: created.ClientId,
          ClientName: "renamed",
        }),
      )
    ).UserPoolClient!;
    expect(renamed.ClientName).toBe("renamed");
    // An update without ExplicitAuthFlows leaves none stored, as Cognito does.
    expect(renamed.ExplicitAuthFlows).toBeUndefined();
    const listed = await ctx.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: ctx.poolId }));
    expect(listed.UserPoolClients).toContainEqual({
      ClientId: created.ClientId,
      UserPoolId: ctx.poolId,
      ClientName: "renamed",
    });
  });

  it("UpdateUserPoolClient can set every member again", async () => {
    const created = await create({ ClientName: "bare" });
    const {
      ClientName: _name,
      GenerateSecret: _secret,
      EnablePropagateAdditionalUserContextData: _p,
      ...rest
    } = FULL;
    const updated = (
      await ctx.cognito.send(
        new UpdateUserPoolClientCommand({ UserPoolId: ctx.poolId, ClientId: created.ClientId, ...rest }),
      )
    ).UserPoolClient!;
    expect(updated).toEqual({
      ...rest,
      ClientName: "bare",
      EnablePropagateAdditionalUserContextData: false,
      UserPoolId: ctx.poolId,
      ClientId: created.ClientId,
      CreationDate: created.CreationDate,
      LastModifiedDate: expect.any(Date),
      ClientType: "REGULAR",
    });
  });

  it("UpdateUserPoolClient applies the same rules, worded for an update", async () => {
    const created = await create({ ClientName: "public" });
    const update = (input: Omit<ClientInput, "ClientName">) =>
      ctx.cognito.send(
        new UpdateUserPoolClientCommand({ UserPoolId: ctx.poolId, ClientId: created.ClientId, ...input }),
      );
    await expect(update({ ReadAttributes: ["custom:missing"] })).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid read attributes specified while updating a client",
    });
    await expect(
      update({
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["my-api/read"],
        AllowedOAuthFlowsUserPoolClient: true,
      }),
    ).rejects.toMatchObject({
      name: "InvalidOAuthFlowException",
      message: "client_credentials flow can not be selected if client does not have a client secret.",
    });
    await expect(update({ IdTokenValidity: 0 })).rejects.toMatchObject({ name: "InvalidParameterException" });
    // Nothing was changed by the refused updates.
    expect((await describeClient(created.ClientId!)).ExplicitAuthFlows).toEqual(DEFAULT_FLOWS);
  });

  it("DeleteUserPoolClient removes the client", async () => {
    const created = await create({ ClientName: "doomed" });
    await ctx.cognito.send(
      new DeleteUserPoolClientCommand({ UserPoolId: ctx.poolId, ClientId: created.ClientId }),
    );
    const notFound = {
      name: "ResourceNotFoundException",
      message: `User pool client ${created.ClientId} does not exist.`,
    };
    await expect(describeClient(created.ClientId!)).rejects.toMatchObject(notFound);
    await expect(
      ctx.cognito.send(
        new DeleteUserPoolClientCommand({ UserPoolId: ctx.poolId, ClientId: created.ClientId }),
      ),
    ).rejects.toMatchObject(notFound);
    const listed = await ctx.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: ctx.poolId }));
    expect(listed.UserPoolClients!.map((entry) => entry.ClientId)).not.toContain(created.ClientId);
  });

  it("answers ResourceNotFoundException for an unknown pool, and for a client of another pool", async () => {
    const UserPoolId = "us-east-1_Unknown00";
    const poolError = {
      name: "ResourceNotFoundException",
      message: `User pool ${UserPoolId} does not exist.`,
    };
    const ClientId = "abcdefghijklmnopqrstuvwxyz";
    await expect(
      ctx.cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "x" })),
    ).rejects.toMatchObject(poolError);
    await expect(
      ctx.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId })),
    ).rejects.toMatchObject(poolError);
    await expect(
      ctx.cognito.send(new UpdateUserPoolClientCommand({ UserPoolId, ClientId })),
    ).rejects.toMatchObject(poolError);
    await expect(
      ctx.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId })),
    ).rejects.toMatchObject(poolError);
    await expect(ctx.cognito.send(new ListUserPoolClientsCommand({ UserPoolId }))).rejects.toMatchObject(
      poolError,
    );

    const otherPool = await createPool("other");
    const foreign = await create({ ClientName: "foreign" }, otherPool);
    const clientError = {
      name: "ResourceNotFoundException",
      message: `User pool client ${foreign.ClientId} does not exist.`,
    };
    await expect(describeClient(foreign.ClientId!)).rejects.toMatchObject(clientError);
    await expect(
      ctx.cognito.send(
        new UpdateUserPoolClientCommand({ UserPoolId: ctx.poolId, ClientId: foreign.ClientId }),
      ),
    ).rejects.toMatchObject(clientError);
    await expect(
      ctx.cognito.send(
        new DeleteUserPoolClientCommand({ UserPoolId: ctx.poolId, ClientId: foreign.ClientId }),
      ),
    ).rejects.toMatchObject(clientError);
    expect((await describeClient(foreign.ClientId!, otherPool)).ClientName).toBe("foreign");
  });
});
