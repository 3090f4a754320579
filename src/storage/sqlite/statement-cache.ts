import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

// Kysely's SQLite driver calls `prepare(sql)` for every query, and compiling the SQL is a large share of a
// light request (GetUser: about an eighth of the server's time). Queries are parameterised, so the set
// of SQL texts is small: keep each compiled statement, keyed by its text, in a bounded LRU.
// A statement still being iterated (Kysely's stream()) is busy: that caller gets a fresh one.
// Only queries are kept: schema changes and transaction control (migrations at start) run once or cost
// nothing to compile, and would only hold memory.

const DEFAULT_MAX_STATEMENTS = 500;
const QUERY = /^\s*(select|insert|update|delete|with)\b/i;

/** The database as Kysely's SqliteDialect sees it, with prepared statements reused. */
export function withStatementCache(
  database: BetterSqlite3.Database,
  maxStatements = DEFAULT_MAX_STATEMENTS,
): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close() {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        if (cached.busy) return database.prepare(sql);
        // Most recently used last, so the first entry is the one to evict.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!QUERY.test(sql)) return statement;
      statements.set(sql, statement);
      if (statements.size > maxStatements) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
  };
}
