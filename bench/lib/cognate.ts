import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { freePort, spawnPinned, stopChild, waitForHttp } from "./processes.js";
import type { AdminSigning, Backend } from "./types.js";

// Cognate as production runs it: src/ compiled to JavaScript (as `npm run build` would; transpiled here
// file by file, which takes about a second and needs no type check) and started with plain node, so the
// numbers carry no tsx loader cost or memory.

export const BUILD_DIR = "bench/.build/dist";

function sourceFiles(directory: string, found: string[] = []): string[] {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) sourceFiles(path, found);
    else found.push(path);
  }
  return found;
}

/** Transpiles `srcDir` (src/, or another tree of it for a before/after comparison) into BUILD_DIR. */
export function buildCognate(srcDir = "src"): void {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
    verbatimModuleSyntax: true,
    isolatedModules: true,
  };
  for (const file of sourceFiles(srcDir)) {
    const out = join(BUILD_DIR, relative(srcDir, file));
    mkdirSync(dirname(out), { recursive: true });
    if (file.endsWith(".ts")) {
      const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
        compilerOptions,
        fileName: file,
      });
      writeFileSync(out.replace(/\.ts$/, ".js"), outputText);
    } else {
      copyFileSync(file, out);
    }
  }
}

export interface CognateOptions {
  backend: Backend;
  dataDir: string;
  databaseUrl?: string;
  databasePids?: () => Promise<number[]>;
  masterKey: string;
  admin: AdminSigning;
  core: number;
  /** Opens the inspector on this port, so the orchestrator can profile single scenarios. */
  inspectPort?: number;
  /** Where the server's log (pino, level warn) goes. */
  logFile: string;
}

export interface RunningProcess {
  pid: number;
  origin: string;
  /** The core it is pinned to. */
  core: number;
  inspectPort?: number;
  /** Database backends working for it (PostgreSQL), read before each measured run. */
  databasePids?: () => Promise<number[]>;
  stop(): Promise<void>;
}

export const newMasterKey = () => randomBytes(32).toString("base64");

export async function startCognate(options: CognateOptions): Promise<RunningProcess> {
  const port = await freePort();
  const nodeArgs = [
    ...(options.inspectPort ? [`--inspect=127.0.0.1:${options.inspectPort}`] : []),
    // For diagnosis only (e.g. "--trace-gc" or "--perf-basic-prof"); never set by a reported run.
    ...(process.env.COGNATE_BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    join(BUILD_DIR, "cli/cognate.js"),
    "serve",
  ];
  const child: ChildProcess = spawnPinned({
    core: options.core,
    nodeArgs,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      COGNATE_PORT: String(port),
      COGNATE_HOST: "127.0.0.1",
      COGNATE_DATA_DIR: options.dataDir,
      COGNATE_LOG_LEVEL: "warn",
      COGNATE_MASTER_KEY: options.masterKey,
      COGNATE_ADMIN_ACCESS_KEY_ID: options.admin.accessKeyId,
      COGNATE_ADMIN_SECRET_ACCESS_KEY: options.admin.secretAccessKey,
      COGNATE_REGION: options.admin.region,
      ...(options.databaseUrl ? { COGNATE_DATABASE_URL: options.databaseUrl } : {}),
      // Read by bench/diagnose/event-loop-log.mjs when it is preloaded through the node args above.
      ...(process.env.COGNATE_BENCH_EVENT_LOG_DIR
        ? { COGNATE_BENCH_EVENT_LOG_DIR: process.env.COGNATE_BENCH_EVENT_LOG_DIR }
        : {}),
    },
    stdout: "pipe",
  });
  mkdirSync(dirname(options.logFile), { recursive: true });
  child.stdout?.pipe(createWriteStream(options.logFile));
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`cognate exited at start (${code})`))),
  );
  exited.catch(() => {}); // a later, normal exit is not an error
  await Promise.race([waitForHttp(`${origin}/health`), exited]);
  return {
    pid: child.pid!,
    origin,
    core: options.core,
    ...(options.databasePids ? { databasePids: options.databasePids } : {}),
    ...(options.inspectPort ? { inspectPort: options.inspectPort } : {}),
    stop: () => stopChild(child),
  };
}

/** The errors (pino level ≥ 50) a server logged: how many, and the first few messages. */
export function loggedErrors(logFile: string): { count: number; samples: string[] } {
  let text = "";
  try {
    text = readFileSync(logFile, "utf8");
  } catch {
    return { count: 0, samples: [] };
  }
  const errors = text
    .split("\n")
    .filter((line) => /"level":(5\d|60)/.test(line))
    .map((line) => {
      try {
        const entry = JSON.parse(line) as {
          msg?: string;
          action?: string;
          err?: { message?: string; stack?: string };
        };
        const frame = entry.err?.stack?.split("\n")[1]?.trim() ?? "";
        return `${entry.action ?? ""} ${entry.msg ?? ""}: ${entry.err?.message ?? ""} ${frame}`.trim();
      } catch {
        return line.slice(0, 300);
      }
    });
  return { count: errors.length, samples: [...new Set(errors)].slice(0, 3) };
}
