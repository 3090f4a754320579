import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/ports/audit-log.js";
import type { Storage } from "../../src/ports/storage.js";
import { type Adapter, contractAdapters } from "./adapters.js";

// The audit log repository: one insert per event, read back newest first, by pool, paged by time.

const adapters = await contractAdapters();

const event = (n: number, userPoolId: string | null, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  at: new Date(Date.UTC(2030, 0, 1, 0, 0, n)),
  userPoolId,
  kind: "trigger.invoked",
  name: "PreSignUp",
  source: "PreSignUp_SignUp",
  target: "webhook",
  outcome: "success",
  durationMs: n * 10,
  error: null,
  ...extra,
});

describe.each(adapters)("audit log repository on %s", (_name, makeAdapter) => {
  let adapter: Adapter;
  let storage: Storage;

  beforeAll(async () => {
    adapter = makeAdapter();
    storage = await adapter.open();
  });
  afterAll(async () => {
    await storage.close();
    await adapter.cleanup();
  });

  it("appends events and lists them newest first, by pool and before a time", async () => {
    const failed = event(3, "us-east-1_PoolA0001", {
      outcome: "timeout",
      error: "timeout",
      target: "module",
      source: null,
      durationMs: null,
    });
    for (const entry of [event(1, "us-east-1_PoolA0001"), event(2, "us-east-1_PoolB0001"), failed]) {
      await storage.auditLog.appendAuditEvent(entry);
    }
    await storage.auditLog.appendAuditEvent(event(4, null, { kind: "other.kind", name: "x" }));

    expect(await storage.auditLog.listAuditEvents({ limit: 10 })).toEqual([
      event(4, null, { kind: "other.kind", name: "x" }),
      failed,
      event(2, "us-east-1_PoolB0001"),
      event(1, "us-east-1_PoolA0001"),
    ]);
    expect(await storage.auditLog.listAuditEvents({ userPoolId: "us-east-1_PoolA0001", limit: 10 })).toEqual([
      failed,
      event(1, "us-east-1_PoolA0001"),
    ]);
    expect(await storage.auditLog.listAuditEvents({ limit: 2 })).toHaveLength(2);
    expect(
      await storage.auditLog.listAuditEvents({ before: new Date(Date.UTC(2030, 0, 1, 0, 0, 3)), limit: 10 }),
    ).toEqual([event(2, "us-east-1_PoolB0001"), event(1, "us-east-1_PoolA0001")]);
  });

  it("holds events of pools that no longer exist (no foreign key, no cascade)", async () => {
    expect(await storage.userPools.findUserPool("us-east-1_Gone00001")).toBeUndefined();
    await storage.auditLog.appendAuditEvent(event(9, "us-east-1_Gone00001"));
    expect(await storage.auditLog.listAuditEvents({ userPoolId: "us-east-1_Gone00001", limit: 5 })).toEqual([
      event(9, "us-east-1_Gone00001"),
    ]);
  });
});
