import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { TriggerMetrics } from "../../ports/trigger-invoker.js";

/** Per-server Prometheus registry (never the global one, so several servers can share a process). */
export interface ServerMetrics {
  registry: Registry;
  observeRequest(surface: string, action: string, statusCode: number, seconds: number): void;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "cognate_" });
  const requests = new Counter({
    name: "cognate_requests_total",
    help: "Requests served, by surface, action and HTTP status.",
    labelNames: ["surface", "action", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "cognate_request_duration_seconds",
    help: "Time to serve a request, by surface and action.",
    labelNames: ["surface", "action"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    registry,
    observeRequest(surface, action, statusCode, seconds) {
      requests.inc({ surface, action, status: String(statusCode) });
      latency.observe({ surface, action }, seconds);
    },
  };
}

/**
 * Per-trigger metrics (calls, failures, latency) in the server's registry; the triggers service reports
 * each invocation here. Outcomes: success, function_error, invalid_response, timeout, failed.
 */
export function createTriggerMetrics(registry: Registry): TriggerMetrics {
  const calls = new Counter({
    name: "cognate_trigger_invocations_total",
    help: "Lambda trigger invocations, by trigger and outcome.",
    labelNames: ["trigger", "outcome"] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: "cognate_trigger_failures_total",
    help: "Lambda trigger invocations that did not succeed, by trigger and outcome.",
    labelNames: ["trigger", "outcome"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "cognate_trigger_duration_seconds",
    help: "Time a Lambda trigger took, by trigger.",
    labelNames: ["trigger"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    observe(trigger, outcome, seconds) {
      calls.inc({ trigger, outcome });
      if (outcome !== "success") failures.inc({ trigger, outcome });
      latency.observe({ trigger }, seconds);
    },
  };
}
