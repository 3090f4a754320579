import {
  type CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { rejections } from "./support/app-client-rejections.js";
import type { ClientInput } from "./support/user-pool-clients-setup.js";

const backends = await testBackends();

/** Every app-client rule CreateUserPoolClient enforces, with Cognito's exception and message. */
describe.each(backends)("app client validation on %s", (backend) => {
  let server: TestServer;
  let cognito: CognitoIdentityProviderClient;
  let poolId: string;

  const create = async (input: ClientInput) =>
    (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ...input }))).UserPoolClient!;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    cognito = server.adminClient();
    const pool = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: "validation",
        Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
      }),
    );
    poolId = pool.UserPool!.Id!;
    // The custom scope the rows below allow; any other "<server>/<scope>" does not exist.
    await cognito.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: "my-api",
        Name: "My API",
        Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }],
      }),
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(rejections)("CreateUserPoolClient refuses %s", async (_what, input, name, message) => {
    const expected =
      typeof message === "string" ? message.replace("POOL", poolId) : expect.stringMatching(message);
    await expect(create({ ClientName: "refused", ...input })).rejects.toMatchObject({
      name,
      message: expected,
      $metadata: { httpStatusCode: 400 },
    });
  });

  // The same rules hold for UpdateUserPoolClient on a public client (secret-related cases aside).
  const forUpdate = rejections.filter(
    ([, input]) => input.GenerateSecret === undefined && !input.ClientSecret,
  );

  it.each(forUpdate)("UpdateUserPoolClient refuses %s", async (_what, input, name, message) => {
    const client = await create({ ClientName: "target" });
    const expected =
      typeof message === "string"
        ? message.replace("POOL", poolId).replace("while creating", "while updating")
        : expect.stringMatching(message);
    await expect(
      cognito.send(
        new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId, ...input }),
      ),
    ).rejects.toMatchObject({ name, message: expected, $metadata: { httpStatusCode: 400 } });
    const after = await cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId }),
    );
    expect(after.UserPoolClient).toEqual(client);
  });
});
