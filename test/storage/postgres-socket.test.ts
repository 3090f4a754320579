import { existsSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/open-storage.js";
import { createTestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";

// docs/configuration.md recommends the Unix socket for PostgreSQL on the same host (loopback TCP costs
// the server ~50 µs of kernel time per query). The URL form it gives must reach the socket.

const SOCKET_DIRECTORY = "/var/run/postgresql";
const socketAvailable = existsSync(`${SOCKET_DIRECTORY}/.s.PGSQL.5432`);
const backends = await testBackends();

describe.runIf(backends.includes("postgres") && socketAvailable)("PostgreSQL over its Unix socket", () => {
  it("opens storage from a postgres://user@%2Fsocket%2Fdir/db URL and talks over the socket", async () => {
    const database = await createTestDatabase();
    const name = new URL(database.url).pathname.slice(1);
    const socketUrl = `postgres://postgres@${encodeURIComponent(SOCKET_DIRECTORY)}/${name}`;
    try {
      const storage = await openStorage({
        databaseUrl: socketUrl,
        dataDir: "/nonexistent",
        sqliteSynchronous: "FULL",
      });
      try {
        const now = new Date();
        await storage.userPools.insertUserPool({
          id: "us-east-1_sockTest1",
          settings: { PoolName: "socket" },
          createdAt: now,
          lastModifiedAt: now,
        });
        expect((await storage.userPools.findUserPool("us-east-1_sockTest1"))?.settings.PoolName).toBe(
          "socket",
        );
      } finally {
        await storage.close();
      }
      const client = new pg.Client({ connectionString: socketUrl });
      await client.connect();
      try {
        // inet_server_addr() is null exactly when the session came over a Unix socket.
        const { rows } = await client.query<{ address: string | null; pools: string }>(
          "select inet_server_addr() as address, (select count(*) from user_pools) as pools",
        );
        expect(rows[0]).toEqual({ address: null, pools: "1" });
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });
});
