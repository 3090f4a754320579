import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { FloorResults } from "./floors/floor.js";
import { buildCognate } from "./lib/cognate.js";
import { type BackendRun, runCognateBackend } from "./lib/cognate-suite.js";
import { LoadClient } from "./lib/load-client.js";
import type { MeasureContext, Measurement } from "./lib/measure.js";
import { parseOptions, wants } from "./lib/options.js";
import { runCognitoLocal, runOidcProvider } from "./lib/peer-suite.js";
import { createBenchDatabase, postgresReachable, postgresTransport } from "./lib/postgres.js";
import { canPin, killAllChildren, pinSelf, spawnPinned } from "./lib/processes.js";
import { type RunInfo, renderMarkdown } from "./lib/report.js";
import { evaluateTargets } from "./lib/targets.js";
import type { AdminSigning, Backend } from "./lib/types.js";

// `npm run bench [-- --quick]`: Cognate on SQLite and PostgreSQL, cognito-local and node-oidc-provider,
// and the physical floors, all in one run on this machine. The server under test (and each peer, and the
// floors) runs pinned to core 0, the load generator and this orchestrator to core 1, so every figure
// reads per core. Results: a Markdown table (printed) and JSON in bench/results/<date>-<mode>.{md,json}.

const SERVER_CORE = 0;
const LOAD_CORE = 1;
const started = performance.now();
const options = parseOptions(process.argv.slice(2));
const log = (line: string) => process.stdout.write(`${line}\n`);
const notes: string[] = [];

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });

async function measureFloors(postgres: boolean): Promise<FloorResults> {
  const database = postgres ? await createBenchDatabase() : undefined;
  try {
    const child = spawnPinned({
      core: SERVER_CORE,
      nodeArgs: [
        "--import",
        "tsx",
        "bench/floors/floor.ts",
        JSON.stringify({ durationMs: options.floorMs, ...(database ? { postgresUrl: database.url } : {}) }),
      ],
      stdout: "pipe",
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const line = output.split("\n").find((candidate) => candidate.startsWith("BENCH-FLOORS "));
    if (code !== 0 || !line) throw new Error(`the floor process failed (${code}): ${output.slice(-500)}`);
    return JSON.parse(line.slice("BENCH-FLOORS ".length)) as FloorResults;
  } finally {
    await database?.drop();
  }
}

async function main(): Promise<void> {
  if (options.waitQuietSeconds > 0) {
    const deadline = Date.now() + options.waitQuietSeconds * 1000;
    while (loadavg()[0]! >= 0.7 && Date.now() < deadline) {
      log(`waiting for a quiet machine (load average ${loadavg()[0]!.toFixed(2)})`);
      await new Promise((resolve) => setTimeout(resolve, 15_000));
    }
  }
  const stamp = new Date().toISOString().replace(/:/g, "-").replace(/\..*$/, "");
  const loadAverage = loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
  if (canPin && cpus().length >= 2) pinSelf(LOAD_CORE);
  else notes.push("taskset or a second core is missing: the server and the load share the machine's cores.");

  let backends: Backend[] = options.backends;
  if (backends.includes("postgres") && !(await postgresReachable())) {
    backends = backends.filter((backend) => backend !== "postgres");
    notes.push(`PostgreSQL (${postgresTransport()}) was unreachable: PostgreSQL scenarios were not run.`);
  }
  log(
    `cognate bench (${options.mode}): backends ${backends.join(", ")}; scales ${options.scales.join(", ")}`,
  );
  buildCognate(options.srcDir);
  if (options.srcDir !== "src") notes.push(`Cognate was built from ${options.srcDir}, not src/.`);
  const extraNodeArgs = process.env.COGNATE_BENCH_SERVER_NODE_ARGS?.trim();
  if (extraNodeArgs) notes.push(`Cognate ran with extra node arguments (diagnosis): ${extraNodeArgs}.`);

  const load = await LoadClient.start(LOAD_CORE);
  const context: MeasureContext = {
    options,
    load,
    profileDir: join(options.outDir, "profiles", stamp),
    log,
  };
  const admin: AdminSigning = {
    accessKeyId: "AKIABENCHBENCHBENCH0",
    secretAccessKey: "bench-secret-access-key-0123456789abcdef",
    region: "us-east-1",
  };
  const measurements: Measurement[] = [];
  const runs: BackendRun[] = [];
  let floors: FloorResults = {};
  let floorsAtEnd: FloorResults | undefined;
  try {
    log("floors:");
    floors = options.floors ? await measureFloors(backends.includes("postgres")) : {};
    for (const [name, floor] of Object.entries(floors))
      log(`  ${name}: ${floor.opsPerSec.toFixed(0)}/s (${floor.what})`);

    for (const backend of backends) {
      log(`cognate on ${backend}:`);
      const run = await runCognateBackend(context, backend, admin, SERVER_CORE);
      runs.push(run);
      measurements.push(...run.measurements);
    }
    if (options.peers) {
      log("cognito-local:");
      measurements.push(...(await runCognitoLocal(context, admin, options.scales[0]!, SERVER_CORE)));
      if (wants(options, "d") || wants(options, "f")) {
        log("node-oidc-provider:");
        measurements.push(...(await runOidcProvider(context, SERVER_CORE)));
      }
    }
    // The core's speed moves during a run on a shared VM; measuring the floors again shows by how much.
    if (options.floors && options.mode === "full") {
      log("floors again (end of run):");
      floorsAtEnd = await measureFloors(backends.includes("postgres"));
      for (const [name, floor] of Object.entries(floorsAtEnd))
        log(`  ${name}: ${floor.opsPerSec.toFixed(0)}/s`);
    }
  } finally {
    await load.stop();
    killAllChildren();
  }

  const idleRssMb = Object.fromEntries(runs.map((run) => [run.backend, run.idleRssMb]));
  const targets = evaluateTargets({
    measurements,
    floors,
    idleRssMb,
    backends,
    maxUsers: Math.max(...options.scales),
  });
  if (measurements.some((m) => (m.peak?.loadUtilisation ?? 0) > 0.9)) {
    notes.push("Rows marked 'load core saturated' were limited by the load generator, not the server.");
  }
  for (const run of runs) {
    if (run.serverErrors.count === 0) continue;
    notes.push(
      `Cognate on ${run.backend} logged ${run.serverErrors.count} unexpected errors (HTTP 500) during the run (log: ${run.serverErrors.logFile}); first: ${run.serverErrors.samples.map((sample) => `\`${sample}\``).join("; ")}`,
    );
  }
  const contended = measurements
    .filter((m) => m.system === "cognate" && m.peak)
    .map((m) => m.peak!.serverCoreOthers);
  if (contended.length > 0) {
    const mean = contended.reduce((sum, value) => sum + value, 0) / contended.length;
    notes.push(
      `Other processes on the machine took ${(mean * 100).toFixed(0)}% of the server core on average (at most ${(Math.max(...contended) * 100).toFixed(0)}%) during Cognate's peak windows; load average at the end ${loadavg()
        .map((value) => value.toFixed(2))
        .join(
          " ",
        )}. Where that share is high, ops/s understate the server and the ratios to the floors (measured in the same run) are the steadier figures.`,
    );
  }
  if (backends.includes("postgres"))
    notes.push(
      `Cognate reached PostgreSQL over ${postgresTransport()}. PostgreSQL's own processes are not pinned: their CPU is not in the server's CPU per op, and they share the cores with the load.`,
    );
  const info: RunInfo = {
    date: stamp,
    mode: options.mode,
    machine: `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores`,
    node: `Node ${process.version}`,
    pinning: canPin
      ? "Server, peers and floors pinned to core 0; load and orchestrator to core 1."
      : "Not pinned.",
    loadAverage,
    durationSeconds: (performance.now() - started) / 1000,
    windows: `warm-up ${options.warmupMs} ms, measured ${options.measureMs} ms per level; levels ${options.levels.light.join("/")} (light), ${options.levels.heavy.join("/")} (argon2/SRP-bound)`,
    seedSeconds: Object.fromEntries(runs.map((run) => [run.backend, run.seedSeconds])),
    idleRssMb,
    notes,
  };
  const markdown = renderMarkdown({
    info,
    floors,
    ...(floorsAtEnd ? { floorsAtEnd } : {}),
    measurements,
    targets,
  });
  mkdirSync(options.outDir, { recursive: true });
  const base = join(options.outDir, `${stamp}-${options.mode}${options.profile ? "-profile" : ""}`);
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ info, options, floors, floorsAtEnd, measurements, targets }, null, 2)}\n`,
  );
  log("");
  log(markdown);
  log(`written: ${base}.md, ${base}.json`);
}

main().catch((error: unknown) => {
  killAllChildren();
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
