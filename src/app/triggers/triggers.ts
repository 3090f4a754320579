import {
  InvalidLambdaResponseException,
  UnexpectedLambdaException,
  UserLambdaValidationException,
} from "../../domain/errors.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { SecretHasher } from "../../ports/secret-hasher.js";
import type { TriggerInvoker, TriggerMetrics } from "../../ports/trigger-invoker.js";
import { isPlainObject, type JsonObject } from "../../shared/json.js";
import type { AuditTrail } from "../audit/audit-trail.js";
import {
  configuredTimeoutMs,
  kmsKeyIdOf,
  type TriggerName,
  taggedTriggerSecret,
  triggerLocation,
} from "./trigger-config.js";
import { type EventEnvelope, triggerEvent } from "./trigger-event.js";

// Running one trigger, as every flow does it:
// - nothing happens when the pool has no such trigger;
// - the event goes to the invoker once (no retries: a retry could send a user a second code);
// - what came back is mapped to Cognito's answer:
//     the function threw (or the webhook answered non-2xx) → UserLambdaValidationException
//       "<Trigger> failed with error <message>."
//     it timed out → UnexpectedLambdaException
//       "<Trigger> invocation failed due to error Socket timeout while invoking Lambda function."
//     it could not run (missing module, crash, out of memory, unreachable, refused address)
//       → UnexpectedLambdaException "<Trigger> invocation failed due to error <detail>."
//     the output is not the event object → InvalidLambdaResponseException "Unrecognizable lambda output"
// - each call is counted (calls, failures, latency), logged, and recorded in the audit log (kind
//   trigger.invoked) with its outcome; the audit write never delays or fails the call.

export interface TriggerServiceDependencies {
  invoker: TriggerInvoker;
  metrics: TriggerMetrics;
  logger: Logger;
  clock: Clock;
  secretHasher: SecretHasher;
  deployment: { region: string };
  /** The persistent audit log; without it invocations are only logged. */
  audit?: AuditTrail;
}

export interface InvokeOptions {
  /** Custom senders return nothing Cognito reads. */
  ignoreOutput?: boolean;
}

export function createTriggers(deps: TriggerServiceDependencies) {
  const secretFor = (pool: UserPool): string =>
    taggedTriggerSecret(pool) ?? deps.secretHasher.hash(pool.id, "trigger-secret");

  async function invoke(
    pool: UserPool,
    trigger: TriggerName,
    event: JsonObject,
    options: InvokeOptions = {},
  ): Promise<Record<string, unknown>> {
    const location = triggerLocation(pool, trigger);
    if (!location) return {};
    const started = deps.clock.now().getTime();
    const timeoutMs = configuredTimeoutMs(pool, trigger);
    const kmsKeyId = kmsKeyIdOf(pool);
    const result = await deps.invoker.invoke({
      userPoolId: pool.id,
      trigger,
      location,
      event,
      secret: secretFor(pool),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    });
    const seconds = Math.max(0, deps.clock.now().getTime() - started) / 1000;

    let outcome: string;
    let failure: Error | undefined;
    let response: Record<string, unknown> = {};
    switch (result.outcome) {
      case "returned":
        if (options.ignoreOutput) {
          outcome = "success";
        } else if (!isPlainObject(result.value) || !isResponseShaped(result.value.response)) {
          outcome = "invalid_response";
          failure = new InvalidLambdaResponseException("Unrecognizable lambda output");
        } else {
          outcome = "success";
          response = isPlainObject(result.value.response) ? result.value.response : {};
        }
        break;
      case "function-error":
        outcome = "function_error";
        failure = new UserLambdaValidationException(`${trigger} failed with error ${result.message}.`);
        break;
      case "malformed":
        outcome = "invalid_response";
        failure = new InvalidLambdaResponseException("Unrecognizable lambda output");
        break;
      case "timeout":
        outcome = "timeout";
        failure = new UnexpectedLambdaException(
          `${trigger} invocation failed due to error Socket timeout while invoking Lambda function.`,
        );
        break;
      case "failed":
        outcome = "failed";
        failure = new UnexpectedLambdaException(
          `${trigger} invocation failed due to error ${result.detail}.`,
        );
        break;
    }
    deps.metrics.observe(trigger, outcome, seconds);
    const errorMessage =
      result.outcome === "function-error"
        ? result.message
        : result.outcome === "failed" || result.outcome === "malformed"
          ? result.detail
          : result.outcome === "timeout"
            ? "timeout"
            : undefined;
    deps.audit?.record({
      userPoolId: pool.id,
      kind: "trigger.invoked",
      name: trigger,
      source: typeof event.triggerSource === "string" ? event.triggerSource : null,
      target: deps.invoker.kindOf(location) ?? null,
      outcome,
      durationMs: Math.round(seconds * 1000),
      error: errorMessage ?? failure?.message ?? null,
    });
    const record = {
      audit: "trigger-invocation",
      userPoolId: pool.id,
      trigger,
      triggerSource: event.triggerSource,
      target: deps.invoker.kindOf(location) ?? "unknown",
      location,
      outcome,
      durationMs: Math.round(seconds * 1000),
      ...(result.outcome === "function-error" ? { error: result.message } : {}),
      ...(result.outcome === "failed" || result.outcome === "malformed" ? { error: result.detail } : {}),
    };
    if (failure) {
      deps.logger.warn(record, "trigger failed");
      throw failure;
    }
    deps.logger.info(record, "trigger invoked");
    return response;
  }

  return {
    /** True when the pool has code for `trigger`. */
    configured: (pool: UserPool, trigger: TriggerName): boolean =>
      triggerLocation(pool, trigger) !== undefined,
    /** The event envelope with this deployment's region. */
    event: (envelope: EventEnvelope, request: JsonObject, response: JsonObject): JsonObject =>
      triggerEvent(deps.deployment.region, envelope, request, response),
    /** Runs the trigger and returns the `response` it filled in ({} when the pool has no such trigger). */
    invoke,
    /** The pool's trigger secret: webhook signatures and custom-sender code encryption derive from it. */
    secretFor,
  };
}

/** True for the exceptions a trigger's failure produces (callers undo what the action already wrote). */
export function isTriggerFailure(error: unknown): boolean {
  return (
    error instanceof UserLambdaValidationException ||
    error instanceof UnexpectedLambdaException ||
    error instanceof InvalidLambdaResponseException
  );
}

/** The returned event's `response`: an object, or null/absent for triggers that answer nothing. */
function isResponseShaped(value: unknown): boolean {
  return value === undefined || value === null || isPlainObject(value);
}

export type Triggers = ReturnType<typeof createTriggers>;
