import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import pg from "pg";

// A fresh PostgreSQL database per bench run (trust auth, as on the CI machine). PostgreSQL on the same
// host is reached as such a deployment should reach it, over its Unix socket: loopback TCP costs the
// server about 50 µs of kernel time per query (GetUser: 0.56 → 0.37 ms of CPU per op over the socket).
// COGNATE_BENCH_POSTGRES_URL picks another server or transport (postgres://postgres@127.0.0.1:5432/postgres).

const SOCKET_DIRECTORY = "/var/run/postgresql";

export const POSTGRES_ADMIN_URL =
  process.env.COGNATE_BENCH_POSTGRES_URL ??
  (existsSync(`${SOCKET_DIRECTORY}/.s.PGSQL.5432`)
    ? `postgres://postgres@${encodeURIComponent(SOCKET_DIRECTORY)}/postgres`
    : "postgres://postgres@127.0.0.1:5432/postgres");

/** How the bench reaches PostgreSQL, for the report. */
export function postgresTransport(): string {
  const host = decodeURIComponent(new URL(POSTGRES_ADMIN_URL).hostname);
  return host.startsWith("/") ? `the Unix socket in ${host}` : `TCP to ${host}`;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await adminQuery("select 1");
    return true;
  } catch {
    return false;
  }
}

export interface BenchDatabase {
  url: string;
  /** The PostgreSQL backend processes connected to this database now. */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `cognate_bench_${randomBytes(5).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async backendPids() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number }>(
          "select pid from pg_stat_activity where datname = $1",
          [name],
        );
        return rows.map((row) => row.pid);
      } finally {
        await client.end();
      }
    },
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}
