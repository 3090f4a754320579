// Types shared by the orchestrator (bench/run.ts) and the load process (bench/load/worker.ts).

export type Backend = "sqlite" | "postgres";
export type SystemName = "cognate" | "cognito-local" | "oidc-provider";

/** Credentials the load process signs admin calls with (SigV4, service cognito-idp). */
export interface AdminSigning {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** Seeded users are `${prefix}${i}` for i in [0, count), with email `${prefix}${i}@bench.example`. */
export interface UserRange {
  prefix: string;
  count: number;
}

export const benchEmail = (prefix: string, index: number) => `${prefix}${index}@bench.example`;

/** What one operation of a scenario sends; the load process turns it into requests. */
export type OpSpec =
  | {
      kind: "sign-up";
      clientId: string;
      poolId: string;
      password: string;
      admin: AdminSigning;
      prefix: string;
    }
  | { kind: "password-auth"; clientId: string; users: UserRange; password: string }
  | { kind: "srp-auth"; clientId: string; poolId: string; usernames: string[]; password: string }
  | { kind: "refresh-auth"; clientId: string; refreshTokens: string[] }
  /** `path`: the token endpoint's path on the server (Cognate's is under the issuer, /{poolId}/oauth2/token). */
  | { kind: "refresh-grant"; path: string; clientId: string; clientSecret?: string; refreshTokens: string[] }
  | { kind: "get-user"; accessTokens: string[] }
  | { kind: "client-credentials"; path: string; clientId: string; clientSecret: string; scope?: string }
  /** `expect`: text the body must contain. */
  | { kind: "get"; path: string; expect: string }
  | { kind: "list-users"; poolId: string; users: UserRange; admin: AdminSigning };

export type LoadMode =
  | { type: "closed"; concurrency: number }
  /** Open loop at a fixed arrival rate; latency counts from the scheduled send time. */
  | { type: "rate"; perSecond: number; maxInFlight: number };

export interface RunRequest {
  origin: string;
  spec: OpSpec;
  mode: LoadMode;
  warmupMs: number;
  measureMs: number;
  /** The server process, whose CPU time is read at the edges of the measured window. */
  serverPid: number;
  /** The core the server is pinned to, to see how much of it other processes took. */
  serverCore: number;
  /** PostgreSQL backends serving the server's connections (their CPU is the database's share). */
  databasePids: number[];
}

export interface LatencySummary {
  p50: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  ops: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  opsPerSec: number;
  /** Milliseconds. */
  latency: LatencySummary;
  serverCpuMs: number;
  serverCpuMsPerOp: number;
  /** Server CPU time / wall time over the window (1 = one core busy). */
  serverUtilisation: number;
  /** Server CPU milliseconds per op by thread kind (main JS thread, libuv pool, V8 helpers…). */
  serverThreadsMsPerOp: Record<string, number>;
  /** The load process's own CPU use over the window (1 = its core saturated: client-bound). */
  loadUtilisation: number;
  /** Share of the server's core used by other processes (PostgreSQL, other jobs on the machine). */
  serverCoreOthers: number;
  /** CPU milliseconds per op of the PostgreSQL backends serving the server (0 on SQLite). */
  databaseCpuMsPerOp: number;
  /** Fixed rate only: how late the load process launched ops after their scheduled instant (its own stalls). */
  launchLag?: LatencySummary;
}

export type WorkerCommand =
  | { id: number; type: "run"; request: RunRequest }
  | { id: number; type: "check"; origin: string; spec: OpSpec };

export type WorkerReply =
  | { id: number; ok: true; result?: LoadResult; sample?: string }
  | { id: number; ok: false; error: string };
