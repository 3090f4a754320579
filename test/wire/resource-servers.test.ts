import {
  CreateResourceServerCommand,
  CreateUserPoolCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

// Resource servers over the wire (the real SDK): CRUD, paging, Cognito's errors and the per-pool limit.

const backends = await testBackends();

describe.each(backends)("resource servers on %s", (backend) => {
  let server: TestServer;
  let userPoolId: string;
  const admin = () => server.adminClient();

  beforeAll(async () => {
    server = await startTestServer({ backend });
    userPoolId =
      (await admin().send(new CreateUserPoolCommand({ PoolName: "resources" }))).UserPool?.Id ?? "";
  });
  afterAll(async () => {
    await server.stop();
  });

  it("creates, describes, updates, lists and deletes resource servers", async () => {
    const created = await admin().send(
      new CreateResourceServerCommand({
        UserPoolId: userPoolId,
        Identifier: "https://api.example.com",
        Name: "Example API",
        Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }],
      }),
    );
    expect(created.ResourceServer).toEqual({
      UserPoolId: userPoolId,
      Identifier: "https://api.example.com",
      Name: "Example API",
      Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }],
    });
    const described = await admin().send(
      new DescribeResourceServerCommand({ UserPoolId: userPoolId, Identifier: "https://api.example.com" }),
    );
    expect(described.ResourceServer).toEqual(created.ResourceServer);

    const updated = await admin().send(
      new UpdateResourceServerCommand({
        UserPoolId: userPoolId,
        Identifier: "https://api.example.com",
        Name: "Renamed",
        Scopes: [
          { ScopeName: "read", ScopeDescription: "Read" },
          { ScopeName: "write", ScopeDescription: "Write" },
        ],
      }),
    );
    expect(updated.ResourceServer?.Name).toBe("Renamed");
    expect(updated.ResourceServer?.Scopes).toHaveLength(2);
    const cleared = await admin().send(
      new UpdateResourceServerCommand({
        UserPoolId: userPoolId,
        Identifier: "https://api.example.com",
        Name: "Bare",
      }),
    );
    expect(cleared.ResourceServer?.Scopes).toEqual([]);

    for (const id of ["b-server", "a-server", "c-server"]) {
      await admin().send(
        new CreateResourceServerCommand({ UserPoolId: userPoolId, Identifier: id, Name: id }),
      );
    }
    const first = await admin().send(
      new ListResourceServersCommand({ UserPoolId: userPoolId, MaxResults: 2 }),
    );
    expect(first.ResourceServers?.map((server) => server.Identifier)).toEqual(["a-server", "b-server"]);
    const rest = await admin().send(
      new ListResourceServersCommand({ UserPoolId: userPoolId, MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(rest.ResourceServers?.map((server) => server.Identifier)).toEqual([
      "c-server",
      "https://api.example.com",
    ]);
    expect(rest.NextToken).toBeUndefined();

    await admin().send(new DeleteResourceServerCommand({ UserPoolId: userPoolId, Identifier: "b-server" }));
    await expect(
      admin().send(new DescribeResourceServerCommand({ UserPoolId: userPoolId, Identifier: "b-server" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("answers Cognito's errors for resource servers", async () => {
    await expect(
      admin().send(
        new CreateResourceServerCommand({ UserPoolId: userPoolId, Identifier: "a-server", Name: "again" }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(
      admin().send(
        new CreateResourceServerCommand({
          UserPoolId: userPoolId,
          Identifier: "dupes",
          Name: "dupes",
          Scopes: [
            { ScopeName: "x", ScopeDescription: "one" },
            { ScopeName: "x", ScopeDescription: "two" },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(
      admin().send(
        new CreateResourceServerCommand({ UserPoolId: "us-east-1_Nope00000", Identifier: "x", Name: "x" }),
      ),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "User pool us-east-1_Nope00000 does not exist.",
    });
    for (const command of [
      new UpdateResourceServerCommand({ UserPoolId: userPoolId, Identifier: "missing", Name: "x" }),
      new DeleteResourceServerCommand({ UserPoolId: userPoolId, Identifier: "missing" }),
    ]) {
      await expect(admin().send(command as never)).rejects.toMatchObject({
        name: "ResourceNotFoundException",
      });
    }
    await expect(
      admin().send(
        new ListResourceServersCommand({ UserPoolId: userPoolId, MaxResults: 5, NextToken: "forged" }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });

    const pool = (await admin().send(new CreateUserPoolCommand({ PoolName: "limit" }))).UserPool?.Id ?? "";
    for (let index = 0; index < 25; index += 1) {
      await admin().send(
        new CreateResourceServerCommand({ UserPoolId: pool, Identifier: `rs${index}`, Name: "n" }),
      );
    }
    await expect(
      admin().send(
        new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "one-too-many", Name: "n" }),
      ),
    ).rejects.toMatchObject({ name: "LimitExceededException" });
  });
});
