/**
 * The persistent audit log: what happened, where and how it ended. Entries never carry event payloads,
 * codes, passwords or secrets; `error` is the failure's message as the caller was told it.
 */
export interface AuditEvent {
  id: string;
  at: Date;
  userPoolId: string | null;
  /** What kind of event: "trigger.invoked". */
  kind: string;
  /** What it concerns: the trigger (LambdaConfig key) for trigger events. */
  name: string;
  /** The trigger source (PreSignUp_SignUp, …), when there is one. */
  source: string | null;
  /** Where the code ran: "module" or "webhook". */
  target: string | null;
  /** success, function_error, invalid_response, timeout, failed. */
  outcome: string;
  durationMs: number | null;
  error: string | null;
}

export interface AuditQuery {
  userPoolId?: string;
  /** Only events strictly older than this (paging backwards). */
  before?: Date;
  limit: number;
}

export interface AuditLogRepository {
  /** One insert. */
  appendAuditEvent(event: AuditEvent): Promise<void>;
  /** Newest first. */
  listAuditEvents(query: AuditQuery): Promise<AuditEvent[]>;
}
