import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportDump } from "../../src/app/export-import/export-dump.js";
import { importDump } from "../../src/app/export-import/import-dump.js";
import { openPassphraseSealing, type PassphraseKdf } from "../../src/integrations/crypto/passphrase-box.js";
import { cliEnv, openLocal, passwordSignIn, runCli, srpSignIn } from "../support/cli.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { type Backend, startTestServer, type TestServer, testBackends } from "../support/server.js";

// The round trip of the issue: export from one instance (SQLite), import into another (PostgreSQL) and
// back, with the CLI as an operator would run it. Every user then signs in on the target with the same
// password over SRP and USER_PASSWORD_AUTH, tokens of the source verify with the target's keys, and the
// target's own export equals the source's.

const backends = await testBackends();
const directions: Array<[Backend, Backend]> = backends.includes("postgres")
  ? [
      ["sqlite", "postgres"],
      ["postgres", "sqlite"],
    ]
  : [["sqlite", "sqlite"]];
const USERS = 6;
const passwordOf = (index: number) => `Round-Trip-${index}-${"xyz".repeat(index % 3)}!9a`;

/** A server's export without secrets, made in this process. */
async function dumpOf(server: TestServer): Promise<string> {
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
function comparable(dump: string): unknown[] {
  return dump
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map((record) => (record.type === "header" ? { ...record, exportedAt: "-" } : record));
}

describe.each(directions)("export from %s, import into %s", (from, to) => {
  let source: TestServer;
  let target: TestServer;
  let admin: CognitoIdentityProviderClient;
  const ids = { userPoolId: "", clientId: "", secretClientId: "" };

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
  });
  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
  });

  it("moves everything, passwords and secrets included", async () => {
    const passphraseFile = join(source.dataDir, "passphrase.txt");
    const dumpFile = join(source.dataDir, "dump.ndjson");
    writeFileSync(passphraseFile, "a long export passphrase\n");
    const exported = await runCli(
      ["export", "--passphrase-file", passphraseFile, "--output", dumpFile, "--json"],
      cliEnv(source),
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ users: USERS, secrets: "included (encrypted)" });
    const dump = readFileSync(dumpFile, "utf8");
    expect(dump).not.toContain(passwordOf(1));

    const imported = await runCli(
      ["import", dumpFile, "--passphrase-file", passphraseFile, "--json"],
      cliEnv(target),
    );
    expect(imported.code, imported.stderr).toBe(0);
    const summary = JSON.parse(imported.stdout) as {
      imported: Record<string, number>;
      failed: number;
      complete: boolean;
    };
    expect(summary).toMatchObject({ failed: 0, complete: true, secretsOmitted: false });
    expect(summary.imported).toMatchObject({
      userPools: 1,
      clients: 2,
      groups: 2,
      resourceServers: 1,
      users: USERS,
      memberships: USERS,
      signingKeys: 2,
    });

    // The data compares equal: the target's own export (secrets left out) is the source's.
    const [fromSource, fromTarget] = await Promise.all([dumpOf(source), dumpOf(target)]);
    expect(comparable(fromTarget)).toEqual(comparable(fromSource));
    // And through the API: pools, clients with their secret, users, memberships.
    const targetAdmin = target.adminClient();
    for (const command of [
      new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }),
      new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.secretClientId }),
      new ListUsersCommand({ UserPoolId: ids.userPoolId }),
      new AdminListGroupsForUserCommand({ UserPoolId: ids.userPoolId, Username: "user3" }),
    ] as const) {
      const [before, after] = await Promise.all([
        admin.send(command as never),
        targetAdmin.send(command as never),
      ]);
      expect({ ...(after as object), $metadata: undefined }).toEqual({
        ...(before as object),
        $metadata: undefined,
      });
    }
  });

  it("every user signs in on the target with the same password, over SRP and USER_PASSWORD_AUTH", async () => {
    for (let index = 0; index < USERS - 1; index++) {
      const claims = await srpSignIn(target.url, ids, `user${index}`, passwordOf(index));
      expect(claims["cognito:username"]).toBe(`user${index}`);
      const signedIn = await passwordSignIn(
        target.url,
        ids.clientId,
        `user${index}@example.com`,
        passwordOf(index),
      );
      expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
    }
    await expect(passwordSignIn(target.url, ids.clientId, "user1", passwordOf(2))).rejects.toThrow(
      "Incorrect username or password.",
    );
    // Disabled stays disabled.
    await expect(
      passwordSignIn(target.url, ids.clientId, `user${USERS - 1}`, passwordOf(USERS - 1)),
    ).rejects.toThrow("User is disabled.");
  });

  it("tokens issued by the source verify with the target's JWKS (the signing keys moved)", async () => {
    const token = (await passwordSignIn(source.url, ids.clientId, "user2", passwordOf(2)))
      .AuthenticationResult?.IdToken;
    const kid = JSON.parse(Buffer.from(token?.split(".")[0] ?? "", "base64url").toString()).kid as string;
    const jwks = (await (await fetch(`${target.url}/${ids.userPoolId}/.well-known/jwks.json`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    expect(jwks.keys.map((key) => key.kid)).toContain(kid);
  });

  it("refuses a wrong passphrase, and a second import skips what is there", async () => {
    const dumpFile = join(source.dataDir, "dump.ndjson");
    const wrong = join(source.dataDir, "wrong.txt");
    writeFileSync(wrong, "not the passphrase at all");
    const refused = await runCli(["import", dumpFile, "--passphrase-file", wrong], cliEnv(target));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("the passphrase does not open this dump's secrets");
    expect(refused.stderr).toContain("--passphrase-file");
    const local = await openLocal(target);
    try {
      const again = await importDump(
        local.application.dependencies,
        (async function* () {
          yield* readFileSync(dumpFile, "utf8").split("\n");
        })(),
        {
          unlockSecrets: (kdf, check) =>
            openPassphraseSealing("a long export passphrase", kdf as unknown as PassphraseKdf, check),
        },
      );
      expect(again.skipped).toMatchObject({ userPools: 1, clients: 2, users: USERS });
      expect(again.imported.users).toBe(0);
    } finally {
      await local.application.close();
    }
  });
});
