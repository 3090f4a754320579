import { randomBytes } from "node:crypto";
import { CreateUserPoolCommand, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/postgres.js";
import { startTestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

describe.runIf(backends.includes("postgres"))("several nodes on one PostgreSQL database", () => {
  it("two servers started at once both come up and serve the same pools", async () => {
    const database = await createTestDatabase();
    // Nodes of one deployment share the master key and admin credentials.
    const env = {
      COGNATE_MASTER_KEY: randomBytes(32).toString("base64"),
      COGNATE_ADMIN_ACCESS_KEY_ID: "AKIAMULTINODETEST001",
      COGNATE_ADMIN_SECRET_ACCESS_KEY: "multi-node-secret-access-key",
    };
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
});
