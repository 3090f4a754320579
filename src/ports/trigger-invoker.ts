import type { JsonObject } from "../shared/json.js";

/**
 * Runs a Lambda trigger's code wherever its LambdaConfig value says it lives: a local module (an ARN
 * resolved in COGNATE_TRIGGERS_DIR, or a file:// URL) run in an isolated worker, or an http(s) webhook.
 * The invoker knows nothing of Cognito's semantics; it reports what happened, and app/triggers maps that
 * to Cognito's exceptions. It never retries: a trigger runs at most once per call.
 */
export interface TriggerInvocation {
  userPoolId: string;
  /** The LambdaConfig key (PreSignUp, CustomMessage, …): for log tags and metrics. */
  trigger: string;
  /** The LambdaConfig value: a Lambda ARN, a file:// URL or an http(s):// URL. */
  location: string;
  event: JsonObject;
  /** Set when the pool configures this trigger's timeout; otherwise the function's own or the default. */
  timeoutMs?: number;
  /** The pool's trigger secret: signs webhook requests; module triggers get it in their environment. */
  secret: string;
  /** The pool's KMSKeyID (custom senders), given to module triggers in their environment. */
  kmsKeyId?: string;
}

export type TriggerInvocationResult =
  /** The function returned; `value` is its JSON result (null when it returned nothing). */
  | { outcome: "returned"; value: unknown }
  /** The function threw, called back with an error, or the webhook answered non-2xx. */
  | { outcome: "function-error"; message: string }
  /** The answer was not JSON, or too large. */
  | { outcome: "malformed"; detail: string }
  | { outcome: "timeout" }
  /** The code could not be run: not found, crashed, out of memory, unreachable, or refused by policy. */
  | { outcome: "failed"; detail: string };

export type TriggerTargetKind = "module" | "webhook";

export interface TriggerInvoker {
  invoke(invocation: TriggerInvocation): Promise<TriggerInvocationResult>;
  /** "module" or "webhook", or undefined when the location names neither. */
  kindOf(location: string): TriggerTargetKind | undefined;
  /** Stops every worker. */
  close(): Promise<void>;
}

/** Per-trigger metrics; main.ts wires this into the Prometheus registry. */
export interface TriggerMetrics {
  /** outcome: success, function_error, invalid_response, timeout, failed. */
  observe(trigger: string, outcome: string, seconds: number): void;
}
