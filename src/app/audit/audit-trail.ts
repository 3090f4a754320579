import type { AuditEvent, AuditLogRepository } from "../../ports/audit-log.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { RandomSource } from "../../ports/random.js";

// Writing the audit log without slowing down or breaking what is being audited:
// - each entry is one insert, started at once and not awaited by the caller (a trigger may run while a
//   transaction holds SQLite's only connection; awaiting the insert there would wait on ourselves);
// - a failed write is logged and dropped: an audit outage never fails a sign-in;
// - close() drains the writes still in flight.
// Error messages are kept to their first 500 characters.

export type AuditEntry = Omit<AuditEvent, "id" | "at">;

export interface AuditTrail {
  record(entry: AuditEntry): void;
  /** Resolves when every write started so far has ended. */
  drain(): Promise<void>;
}

const MAX_ERROR_CHARS = 500;

export function createAuditTrail(deps: {
  auditLog: Pick<AuditLogRepository, "appendAuditEvent">;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
}): AuditTrail {
  const inFlight = new Set<Promise<void>>();
  return {
    record(entry) {
      const event: AuditEvent = {
        ...entry,
        id: deps.random.uuid(),
        at: deps.clock.now(),
        error: entry.error === null ? null : entry.error.slice(0, MAX_ERROR_CHARS),
      };
      const write = deps.auditLog
        .appendAuditEvent(event)
        .catch((error: unknown) => {
          deps.logger.warn(
            {
              kind: event.kind,
              name: event.name,
              reason: error instanceof Error ? error.message : String(error),
            },
            "audit log write failed",
          );
        })
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
    },
    async drain() {
      await Promise.all([...inFlight]);
    },
  };
}
