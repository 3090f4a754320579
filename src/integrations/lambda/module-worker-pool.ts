import { stat } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import type { Logger } from "../../ports/logger.js";
import type { TriggerInvocationResult } from "../../ports/trigger-invoker.js";
import { WORKER_SOURCE } from "./worker-source.js";

// Module triggers run in worker threads, one invocation at a time per worker, like Lambda's execution
// environments:
// - workers are keyed by (module file, environment) and kept warm after an invocation; a module file that
//   changed on disk gets fresh workers (edit a trigger, call again, no restart);
// - at most `maxWorkers` run at once; an invocation that cannot get a worker waits, within its timeout;
// - each worker has a V8 heap cap (`memoryMb`) and its own environment: Cognate's process.env is not
//   visible to trigger code;
// - a timeout terminates the worker (the code may be stuck in a loop), as does a crash.

export interface ModuleFunction {
  modulePath: string;
  functionName: string;
  arn: string;
  memoryMb: number;
  env: Record<string, string>;
}

export interface ModuleWorkerPoolOptions {
  maxWorkers: number;
  logger: Logger;
}

interface PooledWorker {
  key: string;
  worker: Worker;
  mtimeMs: number;
  busy: boolean;
  lastUsed: number;
}

type WorkerMessage =
  | { type: "log"; level: string; text: string }
  | { type: "result"; id: number; json: string }
  | { type: "error"; id: number; errorType: string; errorMessage: string };

const IDLE_WORKER_TTL_MS = 5 * 60_000;

export function createModuleWorkerPool(options: ModuleWorkerPoolOptions) {
  const workers = new Set<PooledWorker>();
  const waiting: Array<() => void> = [];
  let nextId = 1;
  let closed = false;

  const keyOf = (fn: ModuleFunction) => `${fn.modulePath}\u0000${JSON.stringify(fn.env)}`;

  function release(pooled: PooledWorker, keep: boolean): void {
    pooled.busy = false;
    pooled.lastUsed = Date.now();
    if (!keep) {
      workers.delete(pooled);
      void pooled.worker.terminate();
    }
    waiting.shift()?.();
  }

  function evictIdle(now: number, force: boolean): boolean {
    for (const pooled of workers) {
      if (!pooled.busy && (force || now - pooled.lastUsed > IDLE_WORKER_TTL_MS)) {
        workers.delete(pooled);
        void pooled.worker.terminate();
        if (force) return true;
      }
    }
    return false;
  }

  function spawn(fn: ModuleFunction, key: string, mtimeMs: number): PooledWorker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: fn.env,
      workerData: {
        modulePath: fn.modulePath,
        functionName: fn.functionName,
        arn: fn.arn,
        memoryMb: fn.memoryMb,
      },
      resourceLimits: {
        maxOldGenerationSizeMb: fn.memoryMb,
        maxYoungGenerationSizeMb: Math.max(4, Math.min(32, Math.floor(fn.memoryMb / 8))),
      },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    // Writes that bypass console (process.stdout.write) still reach the log.
    for (const stream of [worker.stdout, worker.stderr]) {
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        const text = chunk.replace(/\n$/, "");
        if (text) options.logger.info({ trigger: { function: fn.functionName } }, text);
      });
    }
    const pooled: PooledWorker = { key, worker, mtimeMs, busy: true, lastUsed: Date.now() };
    // Always listening: a worker that dies between invocations must not take Cognate down with it.
    const forget = () => workers.delete(pooled);
    worker.on("error", forget);
    worker.on("exit", forget);
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "log" && !pooled.busy) {
        options.logger.info({ trigger: { function: fn.functionName } }, message.text);
      }
    });
    workers.add(pooled);
    return pooled;
  }

  /** A worker for `fn`, marked busy; waits (until `deadline`) when the pool is full. */
  async function acquire(fn: ModuleFunction, deadline: number): Promise<PooledWorker | "timeout"> {
    const key = keyOf(fn);
    for (;;) {
      if (closed) throw new Error("the trigger worker pool is closed");
      const { mtimeMs } = await stat(fn.modulePath);
      const now = Date.now();
      evictIdle(now, false);
      for (const pooled of workers) {
        if (pooled.key !== key || pooled.busy) continue;
        if (pooled.mtimeMs !== mtimeMs) {
          workers.delete(pooled);
          void pooled.worker.terminate();
          continue;
        }
        pooled.busy = true;
        return pooled;
      }
      if (workers.size < options.maxWorkers || evictIdle(now, true)) return spawn(fn, key, mtimeMs);
      const remaining = deadline - now;
      if (remaining <= 0) return "timeout";
      await new Promise<void>((resume) => {
        const timer = setTimeout(resume, remaining);
        waiting.push(() => {
          clearTimeout(timer);
          resume();
        });
      });
    }
  }

  async function invoke(
    fn: ModuleFunction,
    event: unknown,
    timeoutMs: number,
    log: (level: string, text: string) => void,
  ): Promise<TriggerInvocationResult> {
    const deadline = Date.now() + timeoutMs;
    const pooled = await acquire(fn, deadline);
    if (pooled === "timeout") return { outcome: "timeout" };
    const id = nextId++;
    const { worker } = pooled;
    return new Promise<TriggerInvocationResult>((resolve) => {
      let done = false;
      const settle = (result: TriggerInvocationResult, keep: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        release(pooled, keep);
        resolve(result);
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.type === "log") return log(message.level, message.text);
        if (message.id !== id) return;
        if (message.type === "error") {
          settle({ outcome: "function-error", message: message.errorMessage }, true);
          return;
        }
        let value: unknown;
        try {
          value = JSON.parse(message.json);
        } catch {
          settle({ outcome: "malformed", detail: "the result is not JSON" }, true);
          return;
        }
        settle({ outcome: "returned", value }, true);
      };
      const onError = (error: Error) => {
        const code = (error as Error & { code?: string }).code;
        const detail =
          code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `Runtime exited: out of memory (limit ${fn.memoryMb} MB)`
            : `Runtime exited with error: ${error.message}`;
        settle({ outcome: "failed", detail }, false);
      };
      const onExit = (exitCode: number) =>
        settle({ outcome: "failed", detail: `Runtime exited with exit code ${exitCode}` }, false);
      const timer = setTimeout(
        () => settle({ outcome: "timeout" }, false),
        Math.max(1, deadline - Date.now()),
      );
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage({ id, event, timeoutMs: Math.max(1, deadline - Date.now()) });
    });
  }

  return {
    invoke,
    /** How many workers exist right now (for tests and metrics). */
    size: () => workers.size,
    async close(): Promise<void> {
      closed = true;
      const all = [...workers];
      workers.clear();
      await Promise.all(all.map((pooled) => pooled.worker.terminate()));
      for (const resume of waiting.splice(0)) resume();
    },
  };
}

export type ModuleWorkerPool = ReturnType<typeof createModuleWorkerPool>;
