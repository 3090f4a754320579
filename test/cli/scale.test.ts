import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";

// Export and import stream: memory stays flat however many users there are. A generated dump is imported
// with the CLI and exported again; each process reports its peak resident memory (getrusage maxRSS), which
// must stay under BOUND_MB (the CLI process itself starts at about 160 MB). The 1M-user figures in
// docs/migration.md were measured with the same commands.

const backends = await testBackends();
const USERS = { sqlite: 20_000, postgres: 5_000 } as const;
const BOUND_MB = 320;

async function writeDump(path: string, users: number): Promise<void> {
  const out = createWriteStream(path);
  const pool = "us-east-1_Scale0001";
  const at = "2025-01-01T00:00:00.000Z";
  const hash =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$qLml5cft0BdvcJeNRV8l9wdTQ0sx4BVg3T3fwBrSRA0";
  const write = async (record: object) => {
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, "drain");
  };
  await write({
    type: "header",
    format: "cognate-dump",
    version: 1,
    exportedAt: at,
    region: "us-east-1",
    accountId: "000000000000",
    secrets: { included: false, omitted: ["srpVerifiers", "clientSecrets", "signingKeys"] },
  });
  await write({
    type: "userPool",
    id: pool,
    settings: { PoolName: "scale", AliasAttributes: ["email"] },
    createdAt: at,
    lastModifiedAt: at,
  });
  for (let index = 0; index < users; index++) {
    await write({
      type: "user",
      userPoolId: pool,
      sub: `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`,
      username: `user${index}`,
      status: "CONFIRMED",
      enabled: true,
      attributes: { email: `user${index}@example.com`, email_verified: "true", given_name: `Given ${index}` },
      password: { hash, srpSaltHex: null, srpVerifier: null, changedAt: at },
      passwordHistory: [],
      temporaryPasswordExpiresAt: null,
      tokensRevokedAt: null,
      createdAt: new Date(Date.parse(at) + index).toISOString(),
      lastModifiedAt: at,
    });
  }
  await write({ type: "end", counts: {} });
  out.end();
  await once(out, "finish");
}

describe.each(backends)("export and import memory on %s", (backend) => {
  const dir = mkdtempSync(join(tmpdir(), "cognate-scale-"));
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function environment(name: string): Promise<Record<string, string>> {
    const env: Record<string, string> = {
      COGNATE_DATA_DIR: join(dir, name),
      COGNATE_SQLITE_SYNCHRONOUS: "NORMAL",
    };
    if (backend === "postgres") {
      const database = await createTestDatabase();
      databases.push(database);
      env.COGNATE_DATABASE_URL = database.url;
    }
    return env;
  }

  it(`imports and exports ${USERS[backend].toLocaleString("en-US")} users in flat memory`, {
    timeout: 150_000,
  }, async () => {
    const users = USERS[backend];
    await writeDump(join(dir, "large.ndjson"), users);

    const env = await environment("large");
    const imported = await runCli(["import", join(dir, "large.ndjson"), "--json", "--quiet"], env);
    expect(imported.code, imported.stderr).toBe(0);
    const importSummary = JSON.parse(imported.stdout) as {
      imported: { users: number };
      peakRssMb: number;
      seconds: number;
    };
    expect(importSummary.imported.users).toBe(users);
    expect(importSummary.peakRssMb).toBeLessThan(BOUND_MB);

    const exported = await runCli(["export", "--json", "--quiet", "--output", join(dir, "out.ndjson")], env);
    expect(exported.code, exported.stderr).toBe(0);
    const exportSummary = JSON.parse(exported.stdout) as {
      users: number;
      peakRssMb: number;
      seconds: number;
    };
    expect(exportSummary.users).toBe(users);
    expect(exportSummary.peakRssMb).toBeLessThan(BOUND_MB);
    process.stdout.write(
      `scale ${backend}: ${users} users; import ${importSummary.seconds}s peak ${importSummary.peakRssMb} MB; export ${exportSummary.seconds}s peak ${exportSummary.peakRssMb} MB\n`,
    );
  });
});
