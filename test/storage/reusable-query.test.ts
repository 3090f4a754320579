import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reusableCompiledQuery, reusableQuery } from "../../src/storage/kysely/reusable-query.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";

// The repositories' hot reads run through reusableQuery on both backends (the contract tests cover those);
// this pins down the swapping itself.

interface Tables {
  people: { id: string; team: string; role: string };
  scores: { id: string; points: number | null };
}

async function openBackend(backend: string): Promise<{ db: Kysely<Tables>; drop(): Promise<void> }> {
  if (backend === "sqlite") {
    const db = new Kysely<Tables>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(":memory:") }),
    });
    return { db, drop: () => db.destroy() };
  }
  const database: TestDatabase = await createTestDatabase();
  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }),
  });
  return {
    db,
    drop: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}

describe.each(await testBackends())("reusableQuery on %s", (backend) => {
  let db!: Kysely<Tables>;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ db, drop } = await openBackend(backend));
    await db.schema
      .createTable("people")
      .addColumn("id", "text")
      .addColumn("team", "text")
      .addColumn("role", "text")
      .execute();
    await db.schema.createTable("scores").addColumn("id", "text").addColumn("points", "integer").execute();
    await db
      .insertInto("people")
      .values([
        { id: "a", team: "red", role: "lead" },
        { id: "b", team: "red", role: "member" },
        { id: "c", team: "blue", role: "lead" },
      ])
      .execute();
  });
  afterAll(() => drop());

  it("runs each call with its own arguments, in the order the SQL takes them", async () => {
    const byTeamAndRole = reusableQuery(db, (role: string, team: string) =>
      db.selectFrom("people").select("id").where("team", "=", team).where("role", "=", role),
    );
    expect(await byTeamAndRole("lead", "red")).toEqual([{ id: "a" }]);
    expect(await byTeamAndRole("member", "red")).toEqual([{ id: "b" }]);
    expect(await byTeamAndRole("lead", "blue")).toEqual([{ id: "c" }]);
    expect(await byTeamAndRole("member", "blue")).toEqual([]);
  });

  it("keeps the query's own constants and accepts an argument used twice", async () => {
    const leadsOf = reusableQuery(db, (team: string) =>
      db
        .selectFrom("people")
        .select("id")
        .where("role", "=", "lead")
        .where((eb) => eb.or([eb("team", "=", team), eb("id", "=", team)])),
    );
    expect(await leadsOf("blue")).toEqual([{ id: "c" }]);
    expect(await leadsOf("a")).toEqual([{ id: "a" }]);
    expect(await leadsOf("red")).toEqual([{ id: "a" }]);
  });

  it("builds afresh when an argument shapes the SQL text rather than a parameter", async () => {
    const byColumn = reusableQuery(db, (column: string) =>
      db.selectFrom("people").select(sql.ref<string>(column).as("value")).where("id", "=", "c"),
    );
    expect(await byColumn("team")).toEqual([{ value: "blue" }]);
    expect(await byColumn("role")).toEqual([{ value: "lead" }]);
  });

  it("compiles an insert once and runs it with values of any type, inside a transaction too", async () => {
    const insertScore = reusableCompiledQuery((id: unknown, points: unknown) =>
      db.insertInto("scores").values({ id: id as string, points: points as number | null }),
    );
    const first = insertScore("x", 7);
    const second = insertScore("y", null);
    expect(second.sql).toBe(first.sql);
    expect(second.parameters).toEqual(["y", null]);
    await db.executeQuery(first);
    await db.executeQuery(second);
    // A SQLite transaction holds the one connection: its statements must run through trx.
    await db.transaction().execute(async (trx) => {
      await trx.executeQuery(insertScore("z", 9));
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.executeQuery(insertScore("rolled-back", 1));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const rows = await db.selectFrom("scores").selectAll().orderBy("id").execute();
    expect(rows.map((row) => [row.id, row.points === null ? null : Number(row.points)])).toEqual([
      ["x", 7],
      ["y", null],
      ["z", 9],
    ]);
  });
});
