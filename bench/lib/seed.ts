import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { SRP_VERIFIER_PURPOSE } from "../../src/app/users/passwords.js";
import { createSrpEngine } from "../../src/domain/auth/srp/index.js";
import { createAesGcmSecretBox } from "../../src/integrations/crypto/aes-gcm-secret-box.js";
import { createArgon2PasswordHasher } from "../../src/integrations/crypto/argon2-password-hasher.js";
import { createOpenSslSrpPrimitives } from "../../src/integrations/crypto/modexp.js";
import { type Backend, benchEmail } from "./types.js";

// The bulk seeder: users go straight into the users table (not through the API), in large transactions.
// Every seeded user shares one argon2id hash of the bench password (hashing a million passwords would take
// hours); the SRP verifier mixes in the username, so only the first `srpUsers` get their own verifier
// (those are the ones scenario (c) signs in), the rest share one that only a user of that name would match.
// Columns follow src/storage/migrations/0002-users.ts.

export interface SeedCredentials {
  passwordHash: string;
  sharedSalt: string;
  sharedVerifierSealed: string;
  /** Real salt and sealed verifier for one username. */
  forUser(username: string): { salt: string; verifierSealed: string };
}

export async function seedCredentials(input: {
  masterKey: string;
  poolId: string;
  password: string;
}): Promise<SeedCredentials> {
  const box = createAesGcmSecretBox(Buffer.from(input.masterKey, "base64"));
  const srp = createSrpEngine(createOpenSslSrpPrimitives());
  const poolName = input.poolId.slice(input.poolId.indexOf("_") + 1);
  const forUser = (username: string) => {
    const verifier = srp.computeVerifier({
      poolName,
      userIdForSrp: username,
      password: input.password,
      salt: randomBytes(16),
    });
    return { salt: verifier.saltHex, verifierSealed: box.seal(verifier.verifierHex, SRP_VERIFIER_PURPOSE) };
  };
  const shared = forUser("bench-shared-verifier");
  return {
    passwordHash: await createArgon2PasswordHasher().hash(input.password),
    sharedSalt: shared.salt,
    sharedVerifierSealed: shared.verifierSealed,
    forUser,
  };
}

export interface SeedTarget {
  backend: Backend;
  dataDir: string;
  databaseUrl?: string;
}

export interface SeedBatch {
  poolId: string;
  prefix: string;
  /** Users [from, to) are inserted. */
  from: number;
  to: number;
  /** Users below this index get their own SRP verifier. */
  srpUsers: number;
  credentials: SeedCredentials;
}

const COLUMNS = [
  "sub",
  "user_pool_id",
  "username",
  "username_key",
  "status",
  "enabled",
  "attributes_json",
  "email",
  "password_hash",
  "srp_salt",
  "srp_verifier_sealed",
  "password_changed_at",
  "password_history_json",
  "failed_sign_ins",
  "created_at",
  "last_modified_at",
] as const;

// Creation times one millisecond apart, in the past, so ListUsers' order is the seeding order.
const BASE_TIME = Date.UTC(2024, 0, 1);

function userRow(batch: SeedBatch, index: number): unknown[] {
  const username = `${batch.prefix}${index}`;
  const email = benchEmail(batch.prefix, index);
  const own = index < batch.srpUsers ? batch.credentials.forUser(username) : undefined;
  const at = BASE_TIME + index;
  return [
    randomUUID(),
    batch.poolId,
    username,
    username,
    "CONFIRMED",
    1,
    JSON.stringify({ email, email_verified: "true" }),
    email,
    batch.credentials.passwordHash,
    own?.salt ?? batch.credentials.sharedSalt,
    own?.verifierSealed ?? batch.credentials.sharedVerifierSealed,
    at,
    "[]",
    0,
    at,
    at,
  ];
}

function seedSqlite(target: SeedTarget, batch: SeedBatch): void {
  const db = new BetterSqlite3(join(target.dataDir, "cognate.db"));
  try {
    db.pragma("busy_timeout = 10000");
    // This connection only: the bulk load need not be durable commit by commit (the server's stays FULL).
    db.pragma("synchronous = OFF");
    const insert = db.prepare(
      `insert into users (${COLUMNS.join(", ")}) values (${COLUMNS.map(() => "?").join(", ")})`,
    );
    const chunk = db.transaction((from: number, to: number) => {
      for (let index = from; index < to; index++) insert.run(userRow(batch, index));
    });
    for (let from = batch.from; from < batch.to; from += 50_000)
      chunk(from, Math.min(batch.to, from + 50_000));
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

async function seedPostgres(url: string, batch: SeedBatch): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set synchronous_commit = off");
    const own = Math.min(batch.to, Math.max(batch.from, batch.srpUsers));
    for (let index = batch.from; index < own; index++) {
      await client.query(
        `insert into users (${COLUMNS.join(", ")}) values (${COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`,
        userRow(batch, index),
      );
    }
    // The bulk is generated inside PostgreSQL: nothing crosses the socket but the statement.
    const { credentials } = batch;
    for (let from = own; from < batch.to; from += 200_000) {
      const to = Math.min(batch.to, from + 200_000);
      await client.query(
        `insert into users (${COLUMNS.join(", ")})
         select md5($1::text || i)::uuid::text, $1::text, $2::text || i, $2::text || i, 'CONFIRMED', 1,
                json_build_object('email', $2::text || i || '@bench.example', 'email_verified', 'true')::text,
                $2::text || i || '@bench.example', $3::text, $4::text, $5::text, $6::bigint + i, '[]', 0,
                $6::bigint + i, $6::bigint + i
         from generate_series($7::int, $8::int) as i`,
        [
          batch.poolId,
          batch.prefix,
          credentials.passwordHash,
          credentials.sharedSalt,
          credentials.sharedVerifierSealed,
          BASE_TIME,
          from,
          to - 1,
        ],
      );
    }
    // A deployment's autovacuum would long since have vacuumed and analysed the table, and its checkpointer
    // written the pages out. Left to run during the measurement, the vacuum that a bulk insert triggers
    // (and the hint bits the first reads set) competes with the queries being timed.
    await client.query("vacuum (analyze) users");
    await client.query("checkpoint").catch(() => undefined); // needs pg_checkpoint or superuser
  } finally {
    await client.end();
  }
}

/** Inserts the batch; returns the seconds it took. */
export async function seedUsers(target: SeedTarget, batch: SeedBatch): Promise<number> {
  const start = performance.now();
  if (batch.to > batch.from) {
    if (target.backend === "sqlite") seedSqlite(target, batch);
    else await seedPostgres(target.databaseUrl!, batch);
  }
  return (performance.now() - start) / 1000;
}
