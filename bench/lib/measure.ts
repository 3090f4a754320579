import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningProcess } from "./cognate.js";
import type { LoadClient } from "./load-client.js";
import type { BenchOptions } from "./options.js";
import { peakRssMb, resetPeakRss, threadCpuMs, waitForIdle } from "./proc.js";
import { boost } from "./processes.js";
import { busyMs, InspectorSession, type TopFunction, topFunctions, topInclusive } from "./profiler.js";
import type { Backend, LoadResult, OpSpec, SystemName } from "./types.js";

// Measuring one scenario on one server: check that one op works, the closed-loop levels (peak = the
// best), then an open-loop run at half the peak rate for the tail-latency target, then (with --profile)
// a separate profiled run so the profiler's overhead never touches the reported numbers.

export const SCENARIOS = {
  a: { title: "SignUp + AdminConfirmSignUp", heavy: true },
  b: { title: "InitiateAuth USER_PASSWORD_AUTH", heavy: true },
  c: { title: "USER_SRP_AUTH, both round trips", heavy: true },
  "d-auth": { title: "InitiateAuth REFRESH_TOKEN_AUTH", heavy: false },
  "d-grant": { title: "/oauth2/token refresh_token grant", heavy: false },
  e: { title: "GetUser (access token)", heavy: false },
  f: { title: "/oauth2/token client_credentials", heavy: false },
  "g-jwks": { title: "GET jwks.json", heavy: false },
  "g-discovery": { title: "GET openid-configuration", heavy: false },
  h: { title: "ListUsers, filter email =", heavy: false },
} as const;
export type ScenarioId = keyof typeof SCENARIOS;

export type Status = "ok" | "not implemented" | "unsupported" | "failed";

export interface LevelResult extends LoadResult {
  concurrency: number;
}

export interface Measurement {
  scenario: ScenarioId;
  system: SystemName;
  backend: Backend | null;
  users: number;
  status: Status;
  note?: string;
  levels: LevelResult[];
  peak?: LevelResult;
  half?: LoadResult & { perSecond: number };
  peakRssMb?: number;
  profile?: { file: string; busyMs: number; mainCpuMs: number; top: TopFunction[]; inclusive: TopFunction[] };
}

export interface MeasureContext {
  options: BenchOptions;
  load: LoadClient;
  /** Where profiles go (with --profile). */
  profileDir: string;
  log(line: string): void;
}

export function skipped(
  scenario: ScenarioId,
  system: SystemName,
  backend: Backend | null,
  users: number,
  status: Status,
  note: string,
): Measurement {
  return { scenario, system, backend, users, status, note, levels: [] };
}

async function serverSide(server: RunningProcess) {
  const databasePids = server.databasePids ? await server.databasePids() : [];
  boost(databasePids);
  return { serverPid: server.pid, serverCore: server.core, databasePids };
}

const fmt = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export async function measureScenario(
  context: MeasureContext,
  input: {
    scenario: ScenarioId;
    system: SystemName;
    backend: Backend | null;
    users: number;
    server: RunningProcess;
    spec: OpSpec;
    /** Run the half-peak open-loop run (the tail-latency target). */
    half: boolean;
  },
): Promise<Measurement> {
  const { options, load } = context;
  const { scenario, system, backend, users, server, spec } = input;
  const label = `${system}${backend ? `/${backend}` : ""} ${scenario} @${users}`;
  const base: Measurement = { scenario, system, backend, users, status: "ok", levels: [] };
  try {
    await load.check(server.origin, spec);
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    context.log(`  ${label}: FAILED check: ${note}`);
    return { ...base, status: "failed", note };
  }
  resetPeakRss(server.pid);
  const levels = SCENARIOS[scenario].heavy ? options.levels.heavy : options.levels.light;
  for (const concurrency of levels) {
    const previous = base.levels.at(-1);
    // A level whose queue alone would take over 5 s per op measures queueing, not the server: skip it.
    if (previous && previous.latency.mean * (concurrency / previous.concurrency) > 5_000) {
      context.log(
        `  ${label} c=${concurrency}: skipped (c=${previous.concurrency} already took ${fmt(previous.latency.mean)} ms per op)`,
      );
      continue;
    }
    await waitForIdle(server.pid);
    const result = await load.run({
      origin: server.origin,
      spec,
      mode: { type: "closed", concurrency },
      warmupMs: options.warmupMs,
      measureMs: options.measureMs,
      ...(await serverSide(server)),
    });
    base.levels.push({ ...result, concurrency });
    context.log(
      `  ${label} c=${concurrency}: ${fmt(result.opsPerSec)} ops/s, p50 ${fmt(result.latency.p50)} ms, p99 ${fmt(result.latency.p99)} ms, cpu ${result.serverCpuMsPerOp.toFixed(2)} ms/op, core ${fmt(result.serverUtilisation * 100)}% (+${fmt(result.serverCoreOthers * 100)}% others), load ${fmt(result.loadUtilisation * 100)}%${result.errors ? `, ${result.errors} errors (${result.firstError})` : ""}`,
    );
  }
  const peak = base.levels.reduce((best, level) => (level.opsPerSec > best.opsPerSec ? level : best));
  base.peak = peak;
  if (peak.ops === 0) {
    base.status = "failed";
    base.note = `no operation completed within a ${options.measureMs} ms window${peak.firstError ? ` (${peak.firstError})` : ""}`;
    return base;
  }
  if (input.half && peak.opsPerSec > 0) {
    const perSecond = peak.opsPerSec / 2;
    await waitForIdle(server.pid);
    const result = await load.run({
      origin: server.origin,
      spec,
      // The peak level's connections: a pool allowed 512 opened hundreds of new connections at each
      // hiccup, and that storm, not the server, set the tail (docs/benchmarks.md, "How a run is laid out").
      mode: { type: "rate", perSecond, maxInFlight: peak.concurrency },
      warmupMs: options.warmupMs,
      measureMs: options.measureMs,
      ...(await serverSide(server)),
    });
    base.half = { ...result, perSecond };
    context.log(
      `  ${label} at ${fmt(perSecond)}/s: p50 ${fmt(result.latency.p50)} ms, p99 ${fmt(result.latency.p99)} ms`,
    );
  }
  base.peakRssMb = peakRssMb(server.pid);
  if (peak.errors > peak.ops * 0.01) {
    base.status = "failed";
    base.note = `${peak.errors} errors at peak: ${peak.firstError}`;
  }
  if (options.profile && server.inspectPort !== undefined) {
    base.profile = await profileRun(context, input, peak.concurrency, label);
  }
  return base;
}

async function profileRun(
  context: MeasureContext,
  input: {
    scenario: ScenarioId;
    backend: Backend | null;
    users: number;
    server: RunningProcess;
    spec: OpSpec;
  },
  concurrency: number,
  label: string,
): Promise<Measurement["profile"]> {
  const session = await InspectorSession.connect(input.server.inspectPort!);
  try {
    await waitForIdle(input.server.pid);
    const side = await serverSide(input.server);
    const before = threadCpuMs(input.server.pid).main ?? 0;
    const { profile } = await session.profile(() =>
      context.load.run({
        origin: input.server.origin,
        spec: input.spec,
        mode: { type: "closed", concurrency },
        warmupMs: 0,
        measureMs: Math.max(2000, context.options.measureMs),
        ...side,
      }),
    );
    const mainCpuMs = (threadCpuMs(input.server.pid).main ?? 0) - before;
    mkdirSync(context.profileDir, { recursive: true });
    const file = join(
      context.profileDir,
      `${input.backend ?? "peer"}-${input.scenario}-${input.users}.cpuprofile`,
    );
    writeFileSync(file, JSON.stringify(profile));
    const top = topFunctions(profile);
    context.log(
      `  ${label} profile: ${top
        .slice(0, 3)
        .map((t) => `${t.name} ${(t.selfShare * 100).toFixed(0)}%`)
        .join(", ")}`,
    );
    return { file, busyMs: busyMs(profile), mainCpuMs, top, inclusive: topInclusive(profile) };
  } finally {
    session.close();
  }
}
