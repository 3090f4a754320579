import type { PostgresCursor, PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

// Kysely sends every query unnamed, so PostgreSQL parses and plans it again on each call (bench: three
// quarters of the backend's CPU on a refresh, and the backends share the server's cores). The hot queries
// have a fixed text, so a text seen twice gets a statement name: each connection then parses it once and
// reuses the plan. Names are capped, because texts that vary (IN lists of any length) must not grow every
// backend's list of prepared statements without bound.
//
// A prepared statement whose result columns changed under it (another node migrated the schema) fails
// with "cached plan must not change result type". The text then gets a fresh name, and outside a
// transaction the call is retried once; inside one the error stands, as the transaction is aborted.

const DEFAULT_MAX_NAMED = 400;
const STALE_RESULT_TYPE = "0A000";
const OPENS_TRANSACTION = /^\s*(begin|start\s+transaction)\b/i;
const CLOSES_TRANSACTION = /^\s*(commit|rollback|end|abort)\b/i;

export interface NamedStatementOptions {
  /** Most statement names handed out; later new texts stay unnamed. */
  maxNamed?: number;
}

/** The pool as Kysely's PostgresDialect sees it, with repeated query texts sent as named statements. */
export function withNamedStatements(pool: pg.Pool, options: NamedStatementOptions = {}): PostgresPool {
  const maxNamed = options.maxNamed ?? DEFAULT_MAX_NAMED;
  const seenOnce = new Set<string>();
  const names = new Map<string, string>();
  let issued = 0;

  const nameFor = (text: string): string | undefined => {
    const name = names.get(text);
    if (name !== undefined || issued >= maxNamed) return name;
    if (!seenOnce.has(text)) {
      // A rolling window: a flood of one-off texts must not stop later hot ones from being named.
      if (seenOnce.size >= maxNamed * 4) seenOnce.clear();
      seenOnce.add(text);
      return undefined;
    }
    seenOnce.delete(text);
    return rename(text);
  };
  const rename = (text: string): string => {
    const name = `cognate_${issued++}`;
    names.set(text, name);
    return name;
  };
  const replaceName = (text: string) => {
    if (issued < maxNamed) rename(text);
    else names.delete(text);
  };

  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let inTransaction = false;
    const send = (text: string, values: unknown[], name: string | undefined) =>
      name === undefined ? client.query(text, values) : client.query({ name, text, values });
    const run = async (text: string, values: unknown[]): Promise<pg.QueryResult> => {
      if (OPENS_TRANSACTION.test(text)) inTransaction = true;
      else if (CLOSES_TRANSACTION.test(text)) inTransaction = false;
      const name = nameFor(text);
      try {
        return await send(text, values, name);
      } catch (error) {
        if (name === undefined || (error as { code?: unknown }).code !== STALE_RESULT_TYPE) throw error;
        if (names.get(text) === name) replaceName(text);
        if (inTransaction) throw error;
        return send(text, values, names.get(text));
      }
    };
    // One function serves both of Kysely's query overloads, which TypeScript cannot check: hence the cast.
    const wrapper = {
      query(textOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) {
        if (typeof textOrCursor !== "string") return client.query(textOrCursor as unknown as pg.Submittable);
        return run(textOrCursor, (parameters ?? []) as unknown[]);
      },
      release: (destroy?: boolean) => client.release(destroy),
    } as unknown as PostgresPoolClient;
    wrappers.set(client, wrapper);
    return wrapper;
  };

  return {
    async connect() {
      const client = await pool.connect();
      return wrappers.get(client) ?? wrap(client);
    },
    end: () => pool.end(),
  };
}
