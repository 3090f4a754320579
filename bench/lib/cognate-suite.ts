import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loggedErrors, newMasterKey, startCognate } from "./cognate.js";
import { createHttp } from "./http.js";
import {
  type MeasureContext,
  type Measurement,
  measureScenario,
  type ScenarioId,
  skipped,
} from "./measure.js";
import { wants } from "./options.js";
import { createBenchDatabase } from "./postgres.js";
import { rssMb } from "./proc.js";
import { freePort } from "./processes.js";
import { seedCredentials, seedUsers } from "./seed.js";
import {
  BENCH_PASSWORD,
  createBenchPool,
  createOAuthClients,
  probeAction,
  probeDiscovery,
  signInSpread,
  USER_PREFIX,
} from "./setup.js";
import type { AdminSigning, Backend, OpSpec } from "./types.js";

// Every scenario on one Cognate backend, then (b), (e) and (h) again after seeding up to each larger scale.

export interface BackendRun {
  backend: Backend;
  measurements: Measurement[];
  idleRssMb: number;
  /** Seconds the bulk seeder took to reach each scale. */
  seedSeconds: Record<number, number>;
  /** Errors the server logged during the run (a 500 is a bug, whatever the load). */
  serverErrors: { count: number; samples: string[]; logFile: string };
}

const SCALED: ScenarioId[] = ["b", "e", "h"];

export async function runCognateBackend(
  context: MeasureContext,
  backend: Backend,
  admin: AdminSigning,
  core: number,
): Promise<BackendRun> {
  const { options } = context;
  const database = backend === "postgres" ? await createBenchDatabase() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), `cognate-bench-${backend}-`));
  const masterKey = newMasterKey();
  const logFile = join("bench/.build/logs", `cognate-${backend}-${Date.now()}.log`);
  const server = await startCognate({
    backend,
    dataDir,
    ...(database ? { databaseUrl: database.url, databasePids: database.backendPids } : {}),
    masterKey,
    admin,
    core,
    logFile,
    ...(options.profile ? { inspectPort: await freePort() } : {}),
  });
  const run: BackendRun = {
    backend,
    measurements: [],
    idleRssMb: 0,
    seedSeconds: {},
    serverErrors: { count: 0, samples: [], logFile },
  };
  let http = createHttp(server.origin, 4);
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    run.idleRssMb = rssMb(server.pid);
    const pool = await createBenchPool(http, admin);
    const credentials = await seedCredentials({ masterKey, poolId: pool.poolId, password: BENCH_PASSWORD });
    const target = { backend, dataDir, ...(database ? { databaseUrl: database.url } : {}) };
    let seeded = 0;
    const growTo = async (users: number) => {
      const seconds = await seedUsers(target, {
        poolId: pool.poolId,
        prefix: USER_PREFIX,
        from: seeded,
        to: users,
        srpUsers: options.srpUsers,
        credentials,
      });
      seeded = users;
      run.seedSeconds[users] = seconds;
      // The SQLite seeder blocks this process: connections the server closed meanwhile look alive.
      await http.destroy();
      http = createHttp(server.origin, 4);
      context.log(`  ${backend}: seeded ${users} users in ${seconds.toFixed(1)} s`);
    };

    const base = options.scales[0]!;
    await growTo(base);
    let signedIn = await signInSpread(http, pool.clientId, base, options.tokenUsers);
    const getUserMissing = await probeAction(http, "GetUser", { AccessToken: signedIn[0]!.accessToken });
    const discovery = await probeDiscovery(http, pool.poolId);
    const oidcMissing = typeof discovery === "string" ? discovery : undefined;
    const tokenPath = typeof discovery === "string" ? "" : discovery.tokenPath;
    const oauth = oidcMissing
      ? undefined
      : await createOAuthClients(
          http,
          admin,
          pool.poolId,
          signedIn.map((_, i) => `${USER_PREFIX}${i}`),
        );

    const specFor = (scenario: ScenarioId, users: number): OpSpec | string => {
      const range = { prefix: USER_PREFIX, count: users };
      switch (scenario) {
        case "a":
          return {
            kind: "sign-up",
            clientId: pool.clientId,
            poolId: pool.poolId,
            password: BENCH_PASSWORD,
            admin,
            prefix: "signup-",
          };
        case "b":
          return { kind: "password-auth", clientId: pool.clientId, users: range, password: BENCH_PASSWORD };
        case "c": {
          const usernames = Array.from(
            { length: Math.min(options.srpUsers, users) },
            (_, i) => `${USER_PREFIX}${i}`,
          );
          return {
            kind: "srp-auth",
            clientId: pool.clientId,
            poolId: pool.poolId,
            usernames,
            password: BENCH_PASSWORD,
          };
        }
        case "d-auth":
          return {
            kind: "refresh-auth",
            clientId: pool.clientId,
            refreshTokens: signedIn.map((s) => s.refreshToken),
          };
        case "d-grant":
          if (oidcMissing) return oidcMissing;
          if (!oauth?.refresh) return oauth?.problems.join("; ") ?? "no OAuth client";
          return {
            kind: "refresh-grant",
            path: tokenPath,
            clientId: oauth.refresh.clientId,
            refreshTokens: oauth.refresh.refreshTokens,
          };
        case "e":
          return getUserMissing ?? { kind: "get-user", accessTokens: signedIn.map((s) => s.accessToken) };
        case "f":
          if (oidcMissing) return oidcMissing;
          if (!oauth?.machine) return oauth?.problems.join("; ") ?? "no OAuth client";
          return { kind: "client-credentials", path: tokenPath, ...oauth.machine };
        case "g-jwks":
          return { kind: "get", path: `/${pool.poolId}/.well-known/jwks.json`, expect: '"keys"' };
        case "g-discovery":
          return (
            oidcMissing ?? {
              kind: "get",
              path: `/${pool.poolId}/.well-known/openid-configuration`,
              expect: '"issuer"',
            }
          );
        case "h":
          return { kind: "list-users", poolId: pool.poolId, users: range, admin };
      }
    };

    const measure = async (scenario: ScenarioId, users: number) => {
      const spec = specFor(scenario, users);
      if (typeof spec === "string") {
        context.log(`  cognate/${backend} ${scenario}: ${spec}`);
        const status = spec.includes("not implemented") ? "not implemented" : "failed";
        run.measurements.push(skipped(scenario, "cognate", backend, users, status, spec));
        return;
      }
      run.measurements.push(
        await measureScenario(context, {
          scenario,
          system: "cognate",
          backend,
          users,
          server,
          spec,
          half: true,
        }),
      );
    };

    const order: ScenarioId[] = ["g-jwks", "g-discovery", "e", "h", "d-auth", "d-grant", "f", "b", "c", "a"];
    for (const scenario of order) if (wants(options, scenario)) await measure(scenario, base);

    for (const users of options.scales.slice(1)) {
      if (!SCALED.some((scenario) => wants(options, scenario))) break;
      await growTo(users);
      signedIn = await signInSpread(http, pool.clientId, users, options.tokenUsers);
      for (const scenario of SCALED) if (wants(options, scenario)) await measure(scenario, users);
    }
  } finally {
    await http.close();
    await server.stop();
    run.serverErrors = { ...loggedErrors(logFile), logFile };
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return run;
}
