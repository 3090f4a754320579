import { randomBytes } from "node:crypto";
import pg from "pg";

// A fresh PostgreSQL database per bench run (trust auth on 127.0.0.1:5432, as on the CI machine).

export const POSTGRES_ADMIN_URL =
  process.env.COGNATE_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

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
