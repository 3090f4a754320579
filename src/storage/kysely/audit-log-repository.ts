import type { Kysely } from "kysely";
import type { AuditEvent, AuditLogRepository } from "../../ports/audit-log.js";
import type { Database } from "./schema.js";

export function kyselyAuditLogRepository(db: Kysely<Database>): AuditLogRepository {
  return {
    async appendAuditEvent(event) {
      await db
        .insertInto("audit_events")
        .values({
          id: event.id,
          at: event.at.getTime(),
          user_pool_id: event.userPoolId,
          kind: event.kind,
          name: event.name,
          source: event.source,
          target: event.target,
          outcome: event.outcome,
          duration_ms: event.durationMs,
          error: event.error,
        })
        .execute();
    },

    async listAuditEvents(query) {
      let select = db.selectFrom("audit_events").selectAll();
      if (query.userPoolId !== undefined) select = select.where("user_pool_id", "=", query.userPoolId);
      if (query.before !== undefined) select = select.where("at", "<", query.before.getTime());
      const rows = await select.orderBy("at", "desc").orderBy("id", "desc").limit(query.limit).execute();
      return rows.map(
        (row): AuditEvent => ({
          id: row.id,
          at: new Date(Number(row.at)),
          userPoolId: row.user_pool_id,
          kind: row.kind,
          name: row.name,
          source: row.source,
          target: row.target,
          outcome: row.outcome,
          durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
          error: row.error,
        }),
      );
    },
  };
}
