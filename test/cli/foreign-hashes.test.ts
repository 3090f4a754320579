import { pbkdf2Sync, randomBytes, scryptSync } from "node:crypto";
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { hash as argon2 } from "@node-rs/argon2";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportDump } from "../../src/app/export-import/export-dump.js";
import { importDump } from "../../src/app/export-import/import-dump.js";
import { createForeignPasswordHashes } from "../../src/integrations/crypto/foreign-password-hashes.js";
import type { Application } from "../../src/main.js";
import { openLocal, passwordSignIn, srpSignIn } from "../support/cli.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

// Users imported with other systems' password hashes (bcrypt, scrypt, argon2id with other parameters,
// PBKDF2 in PHC and Django spelling) sign in with their old passwords. SRP needs a verifier made from the
// plaintext: until the first password sign-in, SRP fails as for a wrong password (the client falls back to
// USER_PASSWORD_AUTH, as with Cognito's migration trigger); that sign-in re-hashes with argon2id and adds
// the verifier, and SRP works from then on.

const backends = await testBackends();
const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");

async function foreignUsers(): Promise<Array<{ name: string; password: string; hash: string }>> {
  const salt = randomBytes(16);
  return [
    { name: "bcrypt", password: "bcrypt-Passw0rd", hash: bcrypt.hashSync("bcrypt-Passw0rd", 8) },
    {
      name: "scrypt",
      password: "scrypt-Passw0rd ☃",
      hash: `$scrypt$ln=14,r=8,p=1$${b64(salt)}$${b64(scryptSync("scrypt-Passw0rd ☃", salt, 32, { N: 2 ** 14, r: 8, p: 1 }))}`,
    },
    {
      name: "argon2id",
      password: "argon2-Passw0rd",
      hash: await argon2("argon2-Passw0rd", { algorithm: 2, memoryCost: 8192, timeCost: 3, parallelism: 1 }),
    },
    {
      name: "pbkdf2",
      password: "pbkdf2-Passw0rd",
      hash: `$pbkdf2-sha256$i=100000,l=32$${b64(salt)}$${b64(pbkdf2Sync("pbkdf2-Passw0rd", salt, 100_000, 32, "sha256"))}`,
    },
    {
      name: "django",
      password: "django-Passw0rd",
      hash: `pbkdf2_sha256$120000$saltsalt$${pbkdf2Sync("django-Passw0rd", "saltsalt", 120_000, 32, "sha256").toString("base64")}`,
    },
  ];
}

describe.each(backends)("imported foreign password hashes on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let local: { application: Application };
  const ids = { userPoolId: "", clientId: "" };
  let users: Awaited<ReturnType<typeof foreignUsers>>;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    local = await openLocal(server);
    ids.userPoolId =
      (await admin.send(new CreateUserPoolCommand({ PoolName: "migrated" }))).UserPool?.Id ?? "";
    users = await foreignUsers();
    // A dump of the (empty) pool, exported without secrets, with the users written in as another system would.
    let dump: string[] = [];
    for await (const line of exportDump(local.application.dependencies)) dump.push(line.trimEnd());
    const end = dump.pop() ?? "";
    const now = new Date().toISOString();
    dump = [
      ...dump,
      ...users.map((user, index) =>
        JSON.stringify({
          type: "user",
          userPoolId: ids.userPoolId,
          sub: `00000000-0000-4000-8000-00000000000${index}`,
          username: user.name,
          status: "CONFIRMED",
          enabled: true,
          attributes: { email: `${user.name}@example.com`, email_verified: "true" },
          password: { hash: user.hash, srpSaltHex: null, srpVerifier: null, changedAt: now },
          passwordHistory: [],
          temporaryPasswordExpiresAt: null,
          tokensRevokedAt: null,
          createdAt: now,
          lastModifiedAt: now,
        }),
      ),
      end,
    ];
    async function* lines() {
      yield* dump;
    }
    const summary = await importDump(
      { ...local.application.dependencies, foreignHashes: createForeignPasswordHashes() },
      lines(),
    );
    expect(summary.imported.users).toBe(users.length);
    const client = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientName: "app",
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    ids.clientId = client.UserPoolClient?.ClientId ?? "";
  });
  afterAll(async () => {
    await local.application.close();
    await server.stop();
  });

  it("each signs in with the old password; a wrong one fails", async () => {
    for (const user of users) {
      await expect(
        passwordSignIn(server.url, ids.clientId, user.name, `${user.password}x`),
        user.name,
      ).rejects.toThrow("Incorrect username or password.");
      const signedIn = await passwordSignIn(server.url, ids.clientId, user.name, user.password);
      expect(signedIn.AuthenticationResult?.AccessToken, user.name).toBeTruthy();
    }
  });

  it("the first password sign-in re-hashed with argon2id and made the SRP verifier, so SRP now works", async () => {
    const storage = local.application.dependencies.storage;
    for (const [index, user] of users.entries()) {
      const stored = await storage.users.findUserBySub(
        ids.userPoolId,
        `00000000-0000-4000-8000-00000000000${index}`,
      );
      expect(stored?.password?.hash, user.name).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(stored?.password?.srpVerifierSealed, user.name).toBeTruthy();
      const claims = await srpSignIn(server.url, ids, user.name, user.password);
      expect(claims["cognito:username"]).toBe(user.name);
    }
  });

  it("before that first sign-in, SRP fails as Cognito's migration flow does", async () => {
    const storage = local.application.dependencies.storage;
    const now = new Date();
    await storage.users.insertUser({
      user: {
        userPoolId: ids.userPoolId,
        sub: "00000000-0000-4000-8000-0000000000ff",
        username: "late",
        status: "CONFIRMED",
        enabled: true,
        attributes: {},
        password: {
          hash: bcrypt.hashSync("late-Passw0rd", 8),
          srpSaltHex: null,
          srpVerifierSealed: null,
          changedAt: now,
        },
        passwordHistory: [],
        temporaryPasswordExpiresAt: null,
        tokensRevokedAt: null,
        createdAt: now,
        lastModifiedAt: now,
      },
      usernameKey: "late",
      aliases: [],
    });
    await expect(srpSignIn(server.url, ids, "late", "late-Passw0rd")).rejects.toThrow(
      "Incorrect username or password.",
    );
    await passwordSignIn(server.url, ids.clientId, "late", "late-Passw0rd");
    expect((await srpSignIn(server.url, ids, "late", "late-Passw0rd"))["cognito:username"]).toBe("late");
  });

  it("import refuses a hash no verifier understands, naming the line", async () => {
    async function* lines() {
      for await (const line of exportDump(local.application.dependencies)) {
        if (line.includes('"type":"end"')) {
          yield JSON.stringify({
            type: "user",
            userPoolId: ids.userPoolId,
            sub: "00000000-0000-4000-8000-0000000000aa",
            username: "plain",
            status: "CONFIRMED",
            enabled: true,
            attributes: {},
            password: { hash: "md5:5f4dcc3b5aa765d61d8327deb882cf99", srpSaltHex: null, srpVerifier: null },
            passwordHistory: [],
            createdAt: new Date().toISOString(),
            lastModifiedAt: new Date().toISOString(),
          });
        }
        yield line;
      }
    }
    await expect(
      importDump(
        { ...local.application.dependencies, foreignHashes: createForeignPasswordHashes() },
        lines(),
      ),
    ).rejects.toThrow(/^line \d+: the password hash of plain is not in a format Cognate verifies/);
  });
});
