import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withNamedStatements } from "../../src/storage/postgres/named-statements.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";

// PostgreSQL only: SQLite keeps its own prepared statements (statement-cache.ts). Every storage contract
// test on PostgreSQL runs through this wrapper too; these pin down the naming itself. The pool has one
// connection, so pool.query (which bypasses the wrapper) sees the same session's prepared statements.

interface Tables {
  items: { id: number; label: string };
}

const backends = await testBackends();

describe.runIf(backends.includes("postgres"))("PostgreSQL named statements", () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  const open = (maxNamed?: number) =>
    new Kysely<Tables>({
      dialect: new PostgresDialect({ pool: withNamedStatements(pool, maxNamed ? { maxNamed } : {}) }),
    });
  const prepared = async () =>
    (
      await pool.query<{ name: string; statement: string }>(
        "select name, statement from pg_prepared_statements order by name",
      )
    ).rows;
  const byLabel = (db: Kysely<Tables>, label: string) =>
    db.selectFrom("items").selectAll().where("label", "=", label).execute();

  beforeEach(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    await pool.query("create table items (id int primary key, label text not null)");
    await pool.query("insert into items values (1, 'one'), (2, 'two'), (3, 'three')");
  });
  afterEach(async () => {
    await pool.end().catch(() => {});
    await database.drop();
  });

  it("names a text the second time it runs, then reuses it with each call's own values", async () => {
    const db = open();
    expect(await byLabel(db, "one")).toEqual([{ id: 1, label: "one" }]);
    expect(await prepared()).toEqual([]);
    expect(await byLabel(db, "two")).toEqual([{ id: 2, label: "two" }]);
    expect(await byLabel(db, "three")).toEqual([{ id: 3, label: "three" }]);
    expect(await byLabel(db, "none")).toEqual([]);
    const statements = await prepared();
    expect(statements).toHaveLength(1);
    expect(statements[0]?.name).toBe("cognate_0");
    expect(statements[0]?.statement).toContain('"label" = $1');
  });

  it("stops naming new texts at the cap, and the unnamed ones still answer", async () => {
    const db = open(2);
    for (let round = 0; round < 2; round++) {
      for (const id of [1, 2, 3]) {
        // Three different texts: the id is inlined, not a parameter.
        const rows = await db
          .selectFrom("items")
          .select("label")
          .where(sql<boolean>`id = ${sql.lit(id)}`)
          .execute();
        expect(rows).toEqual([{ label: ["one", "two", "three"][id - 1] }]);
      }
    }
    expect((await prepared()).map((row) => row.name)).toEqual(["cognate_0", "cognate_1"]);
  });

  it("re-prepares a statement whose result columns changed, retrying once outside a transaction", async () => {
    const db = open();
    const everything = () => db.selectFrom("items").selectAll().where("id", "=", 1).execute();
    await everything();
    expect(await everything()).toEqual([{ id: 1, label: "one" }]);
    await pool.query("alter table items add column note text default 'added'");
    expect(await everything()).toEqual([{ id: 1, label: "one", note: "added" }]);
    expect((await prepared()).map((row) => row.name)).toEqual(["cognate_0", "cognate_1"]);
  });

  it("inside a transaction the stale statement's error stands, and the next call works", async () => {
    const db = open();
    const everything = (runner: Kysely<Tables>) =>
      runner.selectFrom("items").selectAll().where("id", "=", 2).execute();
    await everything(db);
    await everything(db);
    await pool.query("alter table items add column note text default 'added'");
    await expect(db.transaction().execute((trx) => everything(trx))).rejects.toMatchObject({ code: "0A000" });
    expect(await everything(db)).toEqual([{ id: 2, label: "two", note: "added" }]);
    await db.transaction().execute(async (trx) => {
      expect(await everything(trx)).toEqual([{ id: 2, label: "two", note: "added" }]);
    });
  });
});
