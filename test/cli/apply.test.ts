import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { applyConfiguration } from "../../src/app/config-as-code/apply-configuration.js";
import type { CognitoActions } from "../../src/app/config-as-code/cognito-actions.js";
import { DeclarationError } from "../../src/app/config-as-code/declaration.js";
import type { Application } from "../../src/main.js";
import { cliEnv, openLocal, passwordSignIn, ROOT, runCli } from "../support/cli.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

const BASE = `
userPools:
  - PoolName: apply-test
    id: us-east-1_ApplyTest1
    UsernameAttributes: [email]
    AutoVerifiedAttributes: [email]
    Policies: { PasswordPolicy: { MinimumLength: 10 } }
    Schema:
      - { Name: tier, AttributeDataType: String, Mutable: true }
    clients:
      - ClientName: web
        id: applytestweb00000000000001
        ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
        ReadAttributes: [email, custom:tier]
    groups:
      - { GroupName: gold, Description: Gold members, Precedence: 2 }
    users:
      - username: seed@example.com
        password: Seed-Passw0rd-1
        attributes: { email_verified: true, custom:tier: gold }
        groups: [gold]
`;

describe.each(backends)("cognate apply on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let local: { application: Application; actions: CognitoActions };
  const apply = (yamlText: string, dryRun = false) =>
    applyConfiguration({ ...local.application.dependencies, actions: local.actions }, parse(yamlText), {
      dryRun,
    });
  const describePool = async () =>
    (await admin.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_ApplyTest1" }))).UserPool;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    local = await openLocal(server);
  });
  afterAll(async () => {
    await local.application.close();
    await server.stop();
  });

  it("--dry-run plans every creation and changes nothing", async () => {
    const plan = await apply(BASE, true);
    expect(plan.changes.map((change) => `${change.action} ${change.kind} ${change.name}`)).toEqual([
      "create userPool apply-test",
      "create client apply-test/web",
      "create group apply-test/gold",
      "create user apply-test/seed@example.com",
    ]);
    expect((await admin.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toEqual([]);
  });

  it("creates everything with the pinned ids, and the seed user signs in", async () => {
    const result = await apply(BASE);
    expect(result.changes.every((change) => change.action === "create")).toBe(true);
    expect(result.ids).toEqual([
      { kind: "userPool", name: "apply-test", id: "us-east-1_ApplyTest1" },
      { kind: "client", name: "apply-test/web", id: "applytestweb00000000000001" },
    ]);
    const pool = await describePool();
    expect(pool?.Policies?.PasswordPolicy?.MinimumLength).toBe(10);
    expect(pool?.SchemaAttributes?.some((attribute) => attribute.Name === "custom:tier")).toBe(true);
    const client = await admin.send(
      new DescribeUserPoolClientCommand({
        UserPoolId: "us-east-1_ApplyTest1",
        ClientId: "applytestweb00000000000001",
      }),
    );
    expect(client.UserPoolClient?.ClientName).toBe("web");
    const signedIn = await passwordSignIn(
      server.url,
      "applytestweb00000000000001",
      "seed@example.com",
      "Seed-Passw0rd-1",
    );
    const claims = JSON.parse(
      Buffer.from(signedIn.AuthenticationResult?.IdToken?.split(".")[1] ?? "", "base64url").toString(),
    );
    expect(claims["cognito:groups"]).toEqual(["gold"]);
    expect(claims["custom:tier"]).toBe("gold");
  });

  it("is idempotent: a second apply changes nothing", async () => {
    const before = await describePool();
    const result = await apply(BASE);
    expect(result.changes.map((change) => change.action)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    expect((await describePool())?.LastModifiedDate).toEqual(before?.LastModifiedDate);
  });

  it("applies only the difference of an edited file, and --dry-run shows it first", async () => {
    const edited = BASE.replace("MinimumLength: 10", "MinimumLength: 12")
      .replace("Description: Gold members", "Description: Gold tier")
      .replace(
        "    Schema:\n",
        "    LambdaConfig: { PreTokenGeneration: arn:aws:lambda:us-east-1:000000000000:function:loyalty-claims }\n    Schema:\n",
      )
      .replace(
        "      - { Name: tier, AttributeDataType: String, Mutable: true }\n",
        "      - { Name: tier, AttributeDataType: String, Mutable: true }\n      - { Name: store, AttributeDataType: String, Mutable: true }\n",
      )
      .replace("    groups:\n", "      - ClientName: backend\n        GenerateSecret: true\n    groups:\n")
      .replace("custom:tier: gold }", "custom:tier: platinum }");
    const plan = await apply(edited, true);
    const changed = plan.changes.filter((change) => change.action !== "unchanged");
    expect(changed).toEqual([
      {
        action: "update",
        kind: "userPool",
        name: "apply-test",
        details: ["LambdaConfig", "Policies", "+ custom:store"],
      },
      { action: "create", kind: "client", name: "apply-test/backend", details: [] },
      { action: "update", kind: "group", name: "apply-test/gold", details: ["Description"] },
      { action: "update", kind: "user", name: "apply-test/seed@example.com", details: ["custom:tier"] },
    ]);
    expect((await describePool())?.Policies?.PasswordPolicy?.MinimumLength).toBe(10);

    await apply(edited);
    // `local` is a second node on the same database: on PostgreSQL its change reaches the server within
    // the read cache's 2 s bound (docs/benchmarks.md, "Caches on the hot path"); on SQLite at once.
    await expect
      .poll(async () => (await describePool())?.Policies?.PasswordPolicy?.MinimumLength, {
        timeout: backend === "postgres" ? 4_000 : 200,
      })
      .toBe(12);
    const pool = await describePool();
    expect(pool?.LambdaConfig?.PreTokenGeneration).toBe(
      "arn:aws:lambda:us-east-1:000000000000:function:loyalty-claims",
    );
    expect(pool?.SchemaAttributes?.some((attribute) => attribute.Name === "custom:store")).toBe(true);
    const group = await admin.send(
      new GetGroupCommand({ UserPoolId: "us-east-1_ApplyTest1", GroupName: "gold" }),
    );
    expect(group.Group?.Description).toBe("Gold tier");
    const users = await admin.send(new ListUsersCommand({ UserPoolId: "us-east-1_ApplyTest1" }));
    expect(users.Users?.[0]?.Attributes?.find((a) => a.Name === "custom:tier")?.Value).toBe("platinum");
    const again = await apply(edited);
    expect(again.changes.filter((change) => change.action !== "unchanged")).toEqual([]);
  });

  it("refuses what Cognito cannot change after creation, and names bad keys with their path", async () => {
    const result = await apply(BASE.replace("UsernameAttributes: [email]", "AliasAttributes: [email]"), true);
    const refused = result.changes
      .filter((change) => change.action === "refuse")
      .map((change) => change.details[0]);
    expect(refused).toEqual([
      "UsernameAttributes cannot change after a pool is created; delete the pool (or give it a new PoolName) to recreate it",
      "AliasAttributes cannot change after a pool is created; delete the pool (or give it a new PoolName) to recreate it",
    ]);
    await expect(apply(BASE.replace("    groups:", "    grops:"))).rejects.toThrow(
      new DeclarationError(
        "userPools[0]",
        'unknown key "grops" (Cognate keys: id, clients, groups, resourceServers, domain, users; Cognito members start with a capital)',
      ),
    );
  });

  // The command line itself does not depend on the storage engine: run it once.
  it.runIf(backend === backends[0])(
    "the CLI prints the plan, --json for scripts, and errors that say what to do",
    async () => {
      const file = join(server.dataDir, "apply.yaml");
      writeFileSync(file, BASE);
      const plan = await runCli(["apply", file, "--dry-run", "--json"], cliEnv(server));
      expect(plan.code).toBe(0);
      const json = JSON.parse(plan.stdout) as { dryRun: boolean; changes: Array<{ action: string }> };
      expect(json.dryRun).toBe(true);
      expect(json.changes.length).toBeGreaterThan(0);
      const missing = await runCli(["apply", join(ROOT, "no-such-file.yaml")], cliEnv(server));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/cognate apply: .*no-such-file\.yaml does not exist\n\s+Check the path/);
    },
  );

  it("COGNATE_CONFIG applies the file at every start, and a restart changes nothing", async () => {
    const file = join(server.dataDir, "at-start.yaml");
    writeFileSync(
      file,
      "userPools:\n  - PoolName: at-start\n    id: us-east-1_AtStart01\n    groups: [{ GroupName: crew }]\n",
    );
    const started = await startTestServer({ backend, env: { COGNATE_CONFIG: file } });
    try {
      const client = started.adminClient();
      const pool = await client.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_AtStart01" }));
      expect(pool.UserPool?.Name).toBe("at-start");
      await started.restart();
      const pools = await started.adminClient().send(new ListUserPoolsCommand({ MaxResults: 60 }));
      expect(pools.UserPools?.map((listed) => listed.Id)).toEqual(["us-east-1_AtStart01"]);
      expect(
        (
          await started
            .adminClient()
            .send(new GetGroupCommand({ UserPoolId: "us-east-1_AtStart01", GroupName: "crew" }))
        ).Group?.GroupName,
      ).toBe("crew");
    } finally {
      await started.stop();
    }
  });
});
