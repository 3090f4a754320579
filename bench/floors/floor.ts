import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { createSrpEngine, formatSrpTimestamp } from "../../src/domain/auth/srp/index.js";
import {
  createArgon2PasswordHasher,
  OWASP_ARGON2ID,
} from "../../src/integrations/crypto/argon2-password-hasher.js";
import { createOpenSslSrpPrimitives, powG } from "../../src/integrations/crypto/modexp.js";
import { createNodeTokenSigner } from "../../src/integrations/crypto/node-token-signer.js";

// The physical floors, measured on the server's core (bench/run.ts starts this process pinned there):
// the unavoidable work of one operation, with nothing else, so each scenario can say how much of its cost
// is overhead. Each floor runs `concurrency` chains at once for `durationMs` on one core, so CPU and
// I/O waits overlap as they may in the server. Output: one JSON line (FloorResults).
//   hash       one argon2id hash at the server's parameters (OWASP: 19 MiB, t=2, p=1)      → (b)
//   sign       one RS256 signature (a client_credentials grant's access token)           → (f)
//   srp        g^b, v^u, (A·v^u)^b (the server half of SRP) + two RS256 signatures        → (c)
//   refresh    two RS256 signatures + one indexed read + one durable write, per backend    → (d)
//   sign-up    one argon2id hash + one SRP verifier modexp + one durable write, per backend → (a)

export interface FloorResult {
  opsPerSec: number;
  msPerOp: number;
  what: string;
}
export type FloorResults = Record<string, FloorResult>;

const config = JSON.parse(process.argv[2] ?? "{}") as { durationMs?: number; postgresUrl?: string };
const durationMs = config.durationMs ?? 3000;

async function measure(what: string, concurrency: number, op: () => Promise<void>): Promise<FloorResult> {
  // A short warm-up (JIT, thread pool start, key import), then the measured window.
  const warmEnd = performance.now() + Math.min(500, durationMs / 4);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < warmEnd) await op();
    }),
  );
  let count = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await op();
        count++;
      }
    }),
  );
  const elapsed = performance.now() - start;
  return { opsPerSec: (count * 1000) / elapsed, msPerOp: elapsed / count, what };
}

const hasher = createArgon2PasswordHasher(OWASP_ARGON2ID);
const srp = createSrpEngine(createOpenSslSrpPrimitives());
const tokenSigner = createNodeTokenSigner();
const pair = await tokenSigner.generateKeyPair();
const signer = await tokenSigner.importSigner(pair.kid, pair.privateJwk);
const claims = () => ({
  sub: randomBytes(16).toString("hex"),
  iss: "http://localhost:9229/us-east-1_AbCdEfGhI",
  client_id: "abcdefghijklmnopqrstuvwxyz",
  token_use: "access",
  scope: "aws.cognito.signin.user.admin",
  auth_time: 1_700_000_000,
  exp: 1_700_003_600,
  iat: 1_700_000_000,
  jti: randomBytes(16).toString("hex"),
  username: "bench-user-1",
});
const twoSignatures = () => [signer.sign(claims()), signer.sign(claims())];

const verifier = srp.computeVerifier({
  poolName: "AbCdEfGhI",
  userIdForSrp: "u",
  password: "p",
  salt: randomBytes(16),
});
const results: FloorResults = {};

results.hash = await measure("argon2id hash (19 MiB, t=2, p=1)", 2, async () => {
  await hasher.hash("Bench-Passw0rd!");
});

results.sign = await measure("1 RS256 (one client_credentials access token)", 1, async () => {
  signer.sign(claims());
});

results.srp = await measure("SRP server modexps (g^b, v^u, (A·v^u)^b) + 2 RS256", 4, async () => {
  const session = srp.startServerSession({ verifierHex: verifier.verifierHex, b: randomBytes(32) });
  // A well-formed A and a wrong signature: the server does the same arithmetic either way.
  srp.checkClientProof({
    state: session.state,
    srpA: powG(BigInt(`0x${randomBytes(32).toString("hex")}`)).toString(16),
    secretBlock: randomBytes(32).toString("base64"),
    timestamp: formatSrpTimestamp(new Date()),
    signature: randomBytes(32).toString("base64"),
    now: new Date(),
    poolName: "AbCdEfGhI",
    userIdForSrp: "u",
  });
  twoSignatures();
});

const ROWS = 10_000;
const row = () => randomBytes(24).toString("hex");

// SQLite as Cognate opens it: WAL, synchronous=FULL (every commit is durable).
const sqliteDir = mkdtempSync(join(tmpdir(), "cognate-floor-"));
try {
  const db = new BetterSqlite3(join(sqliteDir, "floor.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("create table t (id integer primary key, k text not null unique, v text not null)");
  const insert = db.prepare("insert into t (k, v) values (?, ?)");
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(`k${i}`, row());
  })();
  const read = db.prepare("select v from t where k = ?");
  const readOne = () => read.get(`k${Math.floor(Math.random() * ROWS)}`);
  results["refresh sqlite"] = await measure(
    "2 RS256 + indexed read + durable write (SQLite FULL)",
    8,
    async () => {
      readOne();
      twoSignatures();
      insert.run(row(), row());
    },
  );
  results["sign-up sqlite"] = await measure(
    "argon2id + verifier modexp + durable write (SQLite FULL)",
    4,
    async () => {
      await hasher.hash("Bench-Passw0rd!");
      srp.computeVerifier({
        poolName: "AbCdEfGhI",
        userIdForSrp: row(),
        password: "p",
        salt: randomBytes(16),
      });
      insert.run(row(), row());
    },
  );
  db.close();
} finally {
  rmSync(sqliteDir, { recursive: true, force: true });
}

if (config.postgresUrl) {
  const pool = new pg.Pool({ connectionString: config.postgresUrl, max: 10 });
  await pool.query(
    "create table floor_t (id bigserial primary key, k text not null unique, v text not null)",
  );
  await pool.query(
    "insert into floor_t (k, v) select 'k' || i, md5(i::text) from generate_series(0, $1::int - 1) as i",
    [ROWS],
  );
  await pool.query("analyze floor_t");
  const readOne = () =>
    pool.query("select v from floor_t where k = $1", [`k${Math.floor(Math.random() * ROWS)}`]);
  const writeOne = () => pool.query("insert into floor_t (k, v) values ($1, $2)", [row(), row()]);
  results["refresh postgres"] = await measure(
    "2 RS256 + indexed read + durable write (PostgreSQL)",
    8,
    async () => {
      await readOne();
      twoSignatures();
      await writeOne();
    },
  );
  results["sign-up postgres"] = await measure(
    "argon2id + verifier modexp + durable write (PostgreSQL)",
    4,
    async () => {
      await hasher.hash("Bench-Passw0rd!");
      srp.computeVerifier({
        poolName: "AbCdEfGhI",
        userIdForSrp: row(),
        password: "p",
        salt: randomBytes(16),
      });
      await writeOne();
    },
  );
  await pool.end();
}

process.stdout.write(`BENCH-FLOORS ${JSON.stringify(results)}\n`);
