import { randomBytes } from "node:crypto";
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/postgres.js";
import { startTestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

// Nodes of one deployment share the master key and admin credentials.
function deploymentEnv() {
  return {
    COGNATE_MASTER_KEY: randomBytes(32).toString("base64"),
    COGNATE_ADMIN_ACCESS_KEY_ID: "AKIAMULTINODETEST001",
    COGNATE_ADMIN_SECRET_ACCESS_KEY: "multi-node-secret-access-key",
  };
}

describe.runIf(backends.includes("postgres"))("several nodes on one PostgreSQL database", () => {
  it("two servers started at once both come up and serve the same pools", async () => {
    const database = await createTestDatabase();
    const env = deploymentEnv();
    const [first, second] = await Promise.all([
      startTestServer({ backend: "postgres", databaseUrl: database.url, env }),
      startTestServer({ backend: "postgres", databaseUrl: database.url, env }),
    ]);
    try {
      const health = await Promise.all([
        fetch(`${first.url}/health/ready`),
        fetch(`${second.url}/health/ready`),
      ]);
      expect(health.map((response) => response.status)).toEqual([200, 200]);
      const created = await first.adminClient().send(new CreateUserPoolCommand({ PoolName: "shared" }));
      const seen = await second
        .adminClient()
        .send(new DescribeUserPoolCommand({ UserPoolId: created.UserPool?.Id ?? "" }));
      expect(seen.UserPool?.Name).toBe("shared");
      expect(seen.UserPool?.Id).toBe(created.UserPool?.Id);
    } finally {
      await first.stop();
      await second.stop();
      await database.drop();
    }
  });

  it("a client update made on one node reaches the other's cached reads within the 2 s bound", async () => {
    const database = await createTestDatabase();
    const env = deploymentEnv();
    const first = await startTestServer({ backend: "postgres", databaseUrl: database.url, env });
    const second = await startTestServer({ backend: "postgres", databaseUrl: database.url, env });
    try {
      const pool = await first.adminClient().send(new CreateUserPoolCommand({ PoolName: "shared-clients" }));
      const UserPoolId = pool.UserPool?.Id ?? "";
      const created = await first
        .adminClient()
        .send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "shared", AccessTokenValidity: 2 }));
      const ClientId = created.UserPoolClient?.ClientId ?? "";
      const onSecond = async () =>
        (await second.adminClient().send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId })))
          .UserPoolClient?.AccessTokenValidity;
      // The second node now holds the client in its read cache.
      expect(await Promise.all([onSecond(), onSecond(), onSecond()])).toEqual([2, 2, 2]);

      await first
        .adminClient()
        .send(new UpdateUserPoolClientCommand({ UserPoolId, ClientId, AccessTokenValidity: 7 }));
      const updatedAt = performance.now();
      let seen = await onSecond();
      while (seen !== 7 && performance.now() - updatedAt < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        seen = await onSecond();
      }
      expect(seen).toBe(7);
      // docs/configuration.md promises 2 s; the margin covers a slow request on a loaded CI machine.
      expect(performance.now() - updatedAt).toBeLessThan(3_500);
      expect(await Promise.all([onSecond(), onSecond(), onSecond()])).toEqual([7, 7, 7]);
    } finally {
      await first.stop();
      await second.stop();
      await database.drop();
    }
  });
});
