import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const run = promisify(execFile);
const backends = await testBackends();

describe.each(backends)("cognate keys rotate on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPoolAndClient(admin);
    await createConfirmedUser(admin, ids, "rotator", "Rotat1on-Passw0rd!");
  });
  afterAll(async () => {
    await server.stop();
  });

  const signIn = async () => {
    const out = await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "rotator", PASSWORD: "Rotat1on-Passw0rd!" },
      }),
    );
    return out.AuthenticationResult?.AccessToken ?? "";
  };
  const jwksKids = async () => {
    const response = await fetch(`${server.url}/${ids.userPoolId}/.well-known/jwks.json`);
    const body = (await response.json()) as { keys: Array<{ kid: string }> };
    return body.keys.map((key) => key.kid);
  };

  it("publishes new keys, signs with them, and keeps old tokens verifiable", {
    timeout: 60_000,
  }, async () => {
    const before = await signIn();
    const oldKid = decodeProtectedHeader(before).kid;
    const kidsBefore = await jwksKids();
    expect(kidsBefore).toContain(oldKid);

    const env = {
      ...process.env,
      COGNATE_DATA_DIR: server.dataDir,
      ...(server.databaseUrl ? { COGNATE_DATABASE_URL: server.databaseUrl } : {}),
    };
    const { stdout } = await run(
      "npx",
      ["tsx", "src/cli/cognate.ts", "keys", "rotate", "--pool", ids.userPoolId, "--json"],
      {
        env,
      },
    );
    const rotation = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as {
      created: string[];
      retired: string[];
    };
    expect(rotation.created).toHaveLength(2);
    expect(rotation.retired).toEqual(expect.arrayContaining(kidsBefore));

    const kidsAfter = await jwksKids();
    expect(kidsAfter).toEqual(expect.arrayContaining([...kidsBefore, ...rotation.created]));
    // Nodes cache their signing keys for a few seconds; new tokens switch within that window.
    let newKid = oldKid;
    for (let attempt = 0; attempt < 40 && newKid === oldKid; attempt++) {
      newKid = decodeProtectedHeader(await signIn()).kid;
      if (newKid === oldKid) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(rotation.created).toContain(newKid);
    const jwks = createRemoteJWKSet(new URL(`${server.url}/${ids.userPoolId}/.well-known/jwks.json`));
    await expect(jwtVerify(before, jwks)).resolves.toBeTruthy();
  });
});
