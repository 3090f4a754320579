import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openStorage } from "../../src/storage/open-storage.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";

// COGNATE_POSTGRES_PREPARED_STATEMENTS reaches the PostgreSQL dialect: on by default, and `false` leaves the
// pool unwrapped (for poolers that lose named statements). A session cannot see another session's
// prepared statements, so the wrapper itself is observed.

const wrapped = vi.hoisted(() => ({ calls: 0 }));
vi.mock("../../src/storage/postgres/named-statements.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/storage/postgres/named-statements.js")>();
  return {
    ...original,
    withNamedStatements: (...args: Parameters<typeof original.withNamedStatements>) => {
      wrapped.calls++;
      return original.withNamedStatements(...args);
    },
  };
});

const backends = await testBackends();

describe.runIf(backends.includes("postgres"))("COGNATE_POSTGRES_PREPARED_STATEMENTS", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const openAndRead = async (postgresPreparedStatements: boolean | undefined) => {
    const storage = await openStorage({
      databaseUrl: database.url,
      dataDir: "/nonexistent",
      sqliteSynchronous: "FULL",
      ...(postgresPreparedStatements === undefined ? {} : { postgresPreparedStatements }),
    });
    try {
      expect(await storage.userPools.findUserPool("us-east-1_absent")).toBeUndefined();
    } finally {
      await storage.close();
    }
  };

  it("wraps the pool by default and when true", async () => {
    wrapped.calls = 0;
    await openAndRead(undefined);
    await openAndRead(true);
    expect(wrapped.calls).toBe(2);
  });

  it("leaves the pool unwrapped when false, and storage still works", async () => {
    wrapped.calls = 0;
    await openAndRead(false);
    expect(wrapped.calls).toBe(0);
  });
});
