import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll } from "vitest";
import { exportDump } from "../../src/app/export-import/export-dump.js";
import { openLocal, passwordSignIn } from "../support/cli.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { type Backend, startTestServer, type TestServer, testBackends } from "../support/server.js";
import { enrolTotp, seedDeviceAndPasskey } from "./mfa-round-trip.js";

export const backends = await testBackends();
export const directions: Array<[Backend, Backend]> = backends.includes("postgres")
  ? [
      ["sqlite", "postgres"],
      ["postgres", "sqlite"],
    ]
  : [["sqlite", "sqlite"]];
export const USERS = 6;
export const passwordOf = (index: number) => `Round-Trip-${index}-${"xyz".repeat(index % 3)}!9a`;
export const TOTP_USER = "totp-user";
export const TOTP_PASSWORD = "Round-Trip-Totp-!9a";

/** A server's export without secrets, made in this process. */
export async function dumpOf(server: TestServer): Promise<string> {
  const local = await openLocal(server);
  try {
    let text = "";
    for await (const line of exportDump(local.application.dependencies)) text += line;
    return text;
  } finally {
    await local.application.close();
  }
}

/** Every record but the header's export time. */
export function comparable(dump: string): unknown[] {
  return dump
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map((record) => (record.type === "header" ? { ...record, exportedAt: "-" } : record));
}

/**
 * The source and target servers of one direction. Before the tests the source gets a pool with two clients,
 * two groups, a resource server, USERS users (the last disabled) in the groups, signing keys, and TOTP_USER
 * with TOTP MFA, a remembered device and a passkey.
 */
export function useRoundTrip(from: Backend, to: Backend) {
  let source: TestServer;
  let target: TestServer;
  let admin: CognitoIdentityProviderClient;
  const ids = { userPoolId: "", clientId: "", secretClientId: "" };
  const totp = { secret: "", sub: "" };

  beforeAll(async () => {
    [source, target] = await Promise.all([
      startTestServer({ backend: from }),
      startTestServer({ backend: to }),
    ]);
    admin = source.adminClient();
    const pool = await admin.send(
      new CreateUserPoolCommand({
        PoolName: "round-trip",
        AliasAttributes: ["email"],
        Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
      }),
    );
    ids.userPoolId = pool.UserPool?.Id ?? "";
    const flows = [
      "ALLOW_USER_SRP_AUTH",
      "ALLOW_USER_PASSWORD_AUTH",
      "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
    ] as const;
    const client = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientName: "app",
        ExplicitAuthFlows: [...flows],
      }),
    );
    ids.clientId = client.UserPoolClient?.ClientId ?? "";
    const secretClient = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientName: "backend",
        GenerateSecret: true,
      }),
    );
    ids.secretClientId = secretClient.UserPoolClient?.ClientId ?? "";
    for (const group of ["gold", "silver"]) {
      await admin.send(
        new CreateGroupCommand({ UserPoolId: ids.userPoolId, GroupName: group, Precedence: group.length }),
      );
    }
    await admin.send(
      new CreateResourceServerCommand({
        UserPoolId: ids.userPoolId,
        Identifier: "https://api.example.com",
        Name: "API",
        Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }],
      }),
    );
    for (let index = 0; index < USERS; index++) {
      const username = `user${index}`;
      await createConfirmedUser(admin, ids, username, passwordOf(index), [
        { Name: "email", Value: `user${index}@example.com` },
        { Name: "email_verified", Value: "true" },
        { Name: "custom:tier", Value: index % 2 ? "gold" : "silver" },
      ]);
      await admin.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: ids.userPoolId,
          Username: username,
          GroupName: index % 2 ? "gold" : "silver",
        }),
      );
    }
    await admin.send(
      new AdminDisableUserCommand({ UserPoolId: ids.userPoolId, Username: `user${USERS - 1}` }),
    );
    // Signing keys exist once a token has been issued.
    await passwordSignIn(source.url, ids.clientId, "user0", passwordOf(0));
    // One user with TOTP MFA (enrolled through the API), a remembered device and a passkey.
    await createConfirmedUser(admin, ids, TOTP_USER, TOTP_PASSWORD, [
      { Name: "email", Value: "totp@example.com" },
      { Name: "email_verified", Value: "true" },
    ]);
    totp.secret = await enrolTotp(source, ids, TOTP_USER, TOTP_PASSWORD);
    const user = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: TOTP_USER }),
    );
    totp.sub = user.UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value ?? "";
    await seedDeviceAndPasskey(source, ids.userPoolId, totp.sub);
  });
  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
  });

  return {
    get source() {
      return source;
    },
    get target() {
      return target;
    },
    /** The source's admin SDK client. */
    get admin() {
      return admin;
    },
    ids,
    totp,
  };
}
