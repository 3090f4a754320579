import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "../../src/storage/sqlite/statement-cache.js";

describe("SQLite prepared-statement cache", () => {
  it("reuses a statement per SQL text, evicts the least recently used, and answers as before", async () => {
    const raw = new BetterSqlite3(":memory:");
    const cached = withStatementCache(raw, 2);
    const first = cached.prepare("select 1 as one");
    expect(cached.prepare("select 1 as one")).toBe(first);
    const second = cached.prepare("select 2 as two");
    expect(cached.prepare("select 1 as one")).toBe(first); // now most recent
    cached.prepare("select 3 as three"); // evicts "select 2"
    expect(cached.prepare("select 1 as one")).toBe(first);
    expect(cached.prepare("select 2 as two")).not.toBe(second);
    expect(first.all([])).toEqual([{ one: 1 }]);
    // Schema changes and transaction control run once (migrations): not kept.
    expect(cached.prepare("begin")).not.toBe(cached.prepare("begin"));
    expect(cached.prepare("create table t (a)")).not.toBe(cached.prepare("create table t (a)"));
    cached.close();
    expect(raw.open).toBe(false);
  });

  it("gives a fresh statement while the cached one is still being iterated", () => {
    const cached = withStatementCache(new BetterSqlite3(":memory:"));
    const text = "select value from json_each('[1,2,3]')";
    const iterating = cached.prepare(text);
    const rows = iterating.iterate([]);
    expect(rows.next().value).toEqual({ value: 1 });
    const other = cached.prepare(text);
    expect(other).not.toBe(iterating);
    expect(other.all([])).toEqual([{ value: 1 }, { value: 2 }, { value: 3 }]);
    expect([...rows]).toEqual([{ value: 2 }, { value: 3 }]);
    expect(cached.prepare(text)).toBe(iterating);
    cached.close();
  });

  it("serves Kysely queries, writes included, with the same results", async () => {
    const db = new Kysely<{ t: { n: number } }>({
      dialect: new SqliteDialect({ database: withStatementCache(new BetterSqlite3(":memory:")) }),
    });
    await sql`create table t (n integer not null)`.execute(db);
    await db
      .insertInto("t")
      .values([{ n: 1 }, { n: 2 }, { n: 3 }])
      .execute();
    const query = db.selectFrom("t").select("n").orderBy("n");
    expect((await query.execute()).map((row) => row.n)).toEqual([1, 2, 3]);
    const updated = await db.updateTable("t").set({ n: 5 }).where("n", "=", 2).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    expect((await query.execute()).map((row) => row.n)).toEqual([1, 3, 5]);
    const streamed: number[] = [];
    for await (const row of query.stream()) streamed.push(row.n);
    expect(streamed).toEqual([1, 3, 5]);
    await db.destroy();
  });
});
