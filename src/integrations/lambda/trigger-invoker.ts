import { readFile } from "node:fs/promises";
import type { Logger } from "../../ports/logger.js";
import type {
  TriggerInvocation,
  TriggerInvocationResult,
  TriggerInvoker,
} from "../../ports/trigger-invoker.js";
import { findModuleFile, parseLocation } from "./function-location.js";
import { createModuleWorkerPool } from "./module-worker-pool.js";
import { invokeWebhook } from "./webhook-invoker.js";

// The TriggerInvoker: module triggers go to the worker pool, webhooks to the HTTP invoker.
// A module may have a sidecar `{name}.lambda.json` beside it, with Lambda's own field names:
//   { "Timeout": 3, "MemorySize": 256, "Environment": { "Variables": { "TABLE": "profiles" } } }
// Timeout is in seconds (the pool's per-trigger tag, when set, wins); MemorySize caps the worker's heap.
// Module triggers see only this environment: AWS_REGION, AWS_DEFAULT_REGION, AWS_LAMBDA_FUNCTION_NAME,
// AWS_LAMBDA_FUNCTION_VERSION, AWS_LAMBDA_FUNCTION_MEMORY_SIZE, COGNATE_TRIGGER_SECRET (the pool's
// trigger secret), COGNATE_KMS_KEY_ID (the pool's KMSKeyID, when set), and the sidecar's variables.

export interface TriggerInvokerOptions {
  triggersDir: string;
  region: string;
  defaultTimeoutMs: number;
  defaultMemoryMb: number;
  maxWorkers: number;
  allowPrivateWebhooks: boolean;
  logger: Logger;
  /** Seconds since the epoch (webhook signatures). */
  now: () => number;
}

interface FunctionSettings {
  timeoutMs?: number;
  memoryMb?: number;
  variables: Record<string, string>;
}

async function readSidecar(modulePath: string): Promise<FunctionSettings> {
  const path = modulePath.replace(/\.(mjs|cjs|js)$/, "") + ".lambda.json";
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { variables: {} };
  }
  const parsed = JSON.parse(text) as {
    Timeout?: unknown;
    MemorySize?: unknown;
    Environment?: { Variables?: Record<string, unknown> };
  };
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.Environment?.Variables ?? {})) {
    variables[name] = String(value);
  }
  return {
    ...(typeof parsed.Timeout === "number" && parsed.Timeout > 0 ? { timeoutMs: parsed.Timeout * 1000 } : {}),
    ...(typeof parsed.MemorySize === "number" && parsed.MemorySize >= 16
      ? { memoryMb: parsed.MemorySize }
      : {}),
    variables,
  };
}

export function createTriggerInvoker(options: TriggerInvokerOptions): TriggerInvoker {
  const pool = createModuleWorkerPool({ maxWorkers: options.maxWorkers, logger: options.logger });

  async function invokeModule(
    invocation: TriggerInvocation,
    location: Extract<ReturnType<typeof parseLocation>, { kind: "module" }>,
  ): Promise<TriggerInvocationResult> {
    const modulePath = await findModuleFile(location.candidates);
    if (!modulePath) {
      return {
        outcome: "failed",
        detail: `ResourceNotFoundException: no module ${location.candidates.join(" or ")} for function ${location.functionName}`,
      };
    }
    let settings: FunctionSettings;
    try {
      settings = await readSidecar(modulePath);
    } catch (error) {
      return {
        outcome: "failed",
        detail: `invalid ${location.functionName}.lambda.json: ${(error as Error).message}`,
      };
    }
    const memoryMb = settings.memoryMb ?? options.defaultMemoryMb;
    const env: Record<string, string> = {
      ...settings.variables,
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      AWS_LAMBDA_FUNCTION_NAME: location.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
      COGNATE_TRIGGER_SECRET: invocation.secret,
      ...(invocation.kmsKeyId ? { COGNATE_KMS_KEY_ID: invocation.kmsKeyId } : {}),
    };
    const tag = {
      trigger: invocation.trigger,
      userPoolId: invocation.userPoolId,
      function: location.functionName,
    };
    try {
      return await pool.invoke(
        { modulePath, functionName: location.functionName, arn: location.arn, memoryMb, env },
        invocation.event,
        invocation.timeoutMs ?? settings.timeoutMs ?? options.defaultTimeoutMs,
        (level, text) =>
          level === "error" || level === "warn"
            ? options.logger.warn({ trigger: tag, console: level }, text)
            : options.logger.info({ trigger: tag, console: level }, text),
      );
    } catch (error) {
      return { outcome: "failed", detail: (error as Error).message };
    }
  }

  return {
    kindOf(location) {
      return parseLocation(location, options.triggersDir)?.kind;
    },
    async invoke(invocation) {
      const location = parseLocation(invocation.location, options.triggersDir);
      if (!location) return { outcome: "failed", detail: `cannot run ${invocation.location}` };
      if (location.kind === "module") return invokeModule(invocation, location);
      return invokeWebhook({
        url: location.url,
        trigger: invocation.trigger,
        userPoolId: invocation.userPoolId,
        body: JSON.stringify(invocation.event),
        secret: invocation.secret,
        timeoutMs: invocation.timeoutMs ?? options.defaultTimeoutMs,
        allowPrivate: options.allowPrivateWebhooks,
        now: options.now(),
      });
    },
    close: () => pool.close(),
  };
}
