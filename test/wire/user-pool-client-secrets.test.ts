import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  AddUserPoolClientSecretCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientSecretsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

/** Every stored byte: the SQLite files (with the WAL) or every text column of the client tables. */
async function storedText(server: TestServer): Promise<string> {
  if (server.backend === "sqlite") {
    return readdirSync(server.dataDir)
      .filter((name) => name.startsWith("cognate.db"))
      .map((name) => readFileSync(join(server.dataDir, name)).toString("latin1"))
      .join("\n");
  }
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    const clients = await client.query("select * from user_pool_clients");
    const secrets = await client.query("select * from user_pool_client_secrets");
    return JSON.stringify([clients.rows, secrets.rows]);
  } finally {
    await client.end();
  }
}

/** The secret rows stored for a client, read straight from the database. */
async function secretRowCount(server: TestServer, clientId: string): Promise<number> {
  const sql = "select count(*) as n from user_pool_client_secrets where client_id = ";
  if (server.backend === "sqlite") {
    const db = new Database(join(server.dataDir, "cognate.db"), { readonly: true });
    try {
      return (db.prepare(`${sql}?`).get(clientId) as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(`${sql}$1`, [clientId])).rows[0].n);
  } finally {
    await client.end();
  }
}

describe.each(backends)("client secrets on %s", (backend) => {
  let server: TestServer;
  let cognito: CognitoIdentityProviderClient;
  let poolId: string;

  const createClient = async (input: { GenerateSecret?: boolean; ClientSecret?: string } = {}) =>
    (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ...input })))
      .UserPoolClient!;
  const describeSecret = async (clientId: string) =>
    (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })))
      .UserPoolClient!.ClientSecret;
  const listSecrets = async (clientId: string) =>
    (await cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId })))
      .ClientSecrets!;
  const addSecret = async (clientId: string, ClientSecret?: string) =>
    (
      await cognito.send(
        new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecret }),
      )
    ).ClientSecretDescriptor!;
  const deleteSecret = (clientId: string, ClientSecretId: string) =>
    cognito.send(
      new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId }),
    );

  beforeAll(async () => {
    server = await startTestServer({ backend });
    cognito = server.adminClient();
    poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: "secrets" }))).UserPool!.Id!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("generates a 51-character secret, stores it only sealed, and still opens it after a restart", async () => {
    const created = await createClient({ GenerateSecret: true });
    const secret = created.ClientSecret!;
    expect(secret).toMatch(/^[a-z0-9]{51}$/);
    expect(await describeSecret(created.ClientId!)).toBe(secret);

    await server.restart();
    cognito = server.adminClient();
    expect(await describeSecret(created.ClientId!)).toBe(secret);

    const stored = await storedText(server);
    expect(stored).toContain(created.ClientId!);
    expect(stored).not.toContain(secret);
  });

  it("two generated secrets differ", async () => {
    const first = (await createClient({ GenerateSecret: true })).ClientSecret;
    const second = (await createClient({ GenerateSecret: true })).ClientSecret;
    expect(first).not.toBe(second);
  });

  it("keeps a caller-chosen secret from CreateUserPoolClient, sealed", async () => {
    const chosen = "MyOwnSecret_0123456789abcdefXYZ";
    const created = await createClient({ ClientSecret: chosen });
    expect(created.ClientSecret).toBe(chosen);
    expect(await describeSecret(created.ClientId!)).toBe(chosen);
    expect(await storedText(server)).not.toContain(chosen);
  });

  it("rotates: add a second secret, list both without values, hit the limit of 2, delete the first", async () => {
    const created = await createClient({ GenerateSecret: true });
    const clientId = created.ClientId!;
    const [original] = await listSecrets(clientId);
    expect(original).toEqual({
      ClientSecretId: expect.stringMatching(new RegExp(`^${clientId}--\\d+$`)),
      ClientSecretCreateDate: created.CreationDate,
    });

    const added = await addSecret(clientId);
    expect(added).toEqual({
      ClientSecretId: expect.stringMatching(new RegExp(`^${clientId}--\\d+$`)),
      ClientSecretValue: expect.stringMatching(/^[a-z0-9]{51}$/),
      ClientSecretCreateDate: expect.any(Date),
    });
    expect(added.ClientSecretValue).not.toBe(created.ClientSecret);
    expect(added.ClientSecretId).not.toBe(original!.ClientSecretId);

    const both = await listSecrets(clientId);
    expect(both).toEqual([
      original,
      { ClientSecretId: added.ClientSecretId, ClientSecretCreateDate: added.ClientSecretCreateDate },
    ]);
    expect(both.every((entry) => entry.ClientSecretValue === undefined)).toBe(true);
    // While both are active, Describe keeps showing the secret the client already had.
    expect(await describeSecret(clientId)).toBe(created.ClientSecret);

    await expect(addSecret(clientId)).rejects.toMatchObject({
      name: "LimitExceededException",
      message: "An app client can have at most 2 client secrets.",
    });

    await deleteSecret(clientId, original!.ClientSecretId!);
    expect(await listSecrets(clientId)).toEqual([
      { ClientSecretId: added.ClientSecretId, ClientSecretCreateDate: added.ClientSecretCreateDate },
    ]);
    expect(await describeSecret(clientId)).toBe(added.ClientSecretValue);
    const stored = await storedText(server);
    expect(stored).not.toContain(added.ClientSecretValue!);
  });

  it("refuses to delete the last secret, or one that does not exist", async () => {
    const created = await createClient({ GenerateSecret: true });
    const clientId = created.ClientId!;
    const [only] = await listSecrets(clientId);
    await expect(deleteSecret(clientId, only!.ClientSecretId!)).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "You cannot delete the last remaining secret for an app client.",
    });
    await expect(deleteSecret(clientId, `${clientId}--1`)).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `Client secret ${clientId}--1 does not exist.`,
    });
    expect(await describeSecret(clientId)).toBe(created.ClientSecret);
  });

  it("adds a caller-chosen secret without echoing it back", async () => {
    const created = await createClient({ GenerateSecret: true });
    const clientId = created.ClientId!;
    const chosen = "Rotated+Secret_2026_abcdefghij";
    const added = await addSecret(clientId, chosen);
    expect(added).toEqual({
      ClientSecretId: expect.stringMatching(new RegExp(`^${clientId}--\\d+$`)),
      ClientSecretCreateDate: expect.any(Date),
    });
    const [original] = await listSecrets(clientId);
    await deleteSecret(clientId, original!.ClientSecretId!);
    expect(await describeSecret(clientId)).toBe(chosen);
    expect(await storedText(server)).not.toContain(chosen);
  });

  it("refuses a caller-chosen secret outside 24–64 characters of [\\w+]", async () => {
    const clientId = (await createClient({ GenerateSecret: true })).ClientId!;
    for (const [secret, constraint] of [
      ["short_secret", "Member must have length greater than or equal to 24"],
      ["x".repeat(65), "Member must have length less than or equal to 64"],
    ]) {
      await expect(addSecret(clientId, secret)).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: `1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: ${constraint}`,
      });
    }
    expect(await listSecrets(clientId)).toHaveLength(1);
  });

  it("gives no secret to a public client", async () => {
    const clientId = (await createClient()).ClientId!;
    expect(await listSecrets(clientId)).toEqual([]);
    await expect(addSecret(clientId)).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: `App client ${clientId} has no client secret; secrets can only be added to a confidential client.`,
    });
    expect(await describeSecret(clientId)).toBeUndefined();
  });

  it("keeps both secrets across a restart, and drops them with the client", async () => {
    const created = await createClient({ GenerateSecret: true });
    const clientId = created.ClientId!;
    const added = await addSecret(clientId);
    const before = await listSecrets(clientId);
    expect(await secretRowCount(server, clientId)).toBe(2);
    await server.restart();
    cognito = server.adminClient();
    expect(await listSecrets(clientId)).toEqual(before);
    expect(await describeSecret(clientId)).toBe(created.ClientSecret);

    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    await expect(listSecrets(clientId)).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `User pool client ${clientId} does not exist.`,
    });
    expect(added.ClientSecretId).toBeDefined();
    expect(await secretRowCount(server, clientId)).toBe(0);
  });

  it("answers ResourceNotFoundException for an unknown pool or client", async () => {
    const UserPoolId = "us-east-1_Unknown00";
    const ClientId = "abcdefghijklmnopqrstuvwxyz";
    const poolError = {
      name: "ResourceNotFoundException",
      message: `User pool ${UserPoolId} does not exist.`,
    };
    await expect(
      cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId, ClientId })),
    ).rejects.toMatchObject(poolError);
    await expect(
      cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId, ClientId })),
    ).rejects.toMatchObject(poolError);
    await expect(
      cognito.send(
        new DeleteUserPoolClientSecretCommand({ UserPoolId, ClientId, ClientSecretId: `${ClientId}--1` }),
      ),
    ).rejects.toMatchObject(poolError);

    const clientError = {
      name: "ResourceNotFoundException",
      message: `User pool client ${ClientId} does not exist.`,
    };
    await expect(addSecret(ClientId)).rejects.toMatchObject(clientError);
    await expect(listSecrets(ClientId)).rejects.toMatchObject(clientError);
    await expect(deleteSecret(ClientId, `${ClientId}--1`)).rejects.toMatchObject(clientError);
  });
});
