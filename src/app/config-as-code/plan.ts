import type { JsonValue } from "../../shared/json.js";

// What `cognate apply` reports: one entry per declared thing, whether it is created, updated, left alone,
// skipped (this Cognate lacks the feature) or refused (the file asks for what Cognito cannot change).

export type ChangeAction = "create" | "update" | "delete" | "unchanged" | "skip" | "refuse";
export type ChangeKind = "userPool" | "client" | "group" | "resourceServer" | "domain" | "user";

export interface PlannedChange {
  action: ChangeAction;
  kind: ChangeKind;
  /** e.g. "loyalty-app" or "loyalty-app/loyalty-mobile". */
  name: string;
  /** Changed fields, or why it was skipped or refused. */
  details: string[];
}

export interface ApplyResult {
  dryRun: boolean;
  changes: PlannedChange[];
  /** Pool and client ids by name, for scripts (known after apply; in a dry run only existing ones). */
  ids: Array<{ kind: "userPool" | "client"; name: string; id: string }>;
}

/** Structural equality of JSON values, ignoring key order. */
export function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameJson(item, b[i]))
    );
  }
  if (typeof a !== "object" || typeof b !== "object") return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!sameJson(a[key], b[key])) return false;
  return true;
}

/** Top-level keys whose values differ. */
export function changedKeys(
  current: Record<string, JsonValue | undefined>,
  desired: Record<string, JsonValue | undefined>,
): string[] {
  const keys = new Set([...Object.keys(current), ...Object.keys(desired)]);
  return [...keys].filter((key) => !sameJson(current[key], desired[key])).sort();
}

/** Thrown when applying stops; `changes` holds what was done before. */
export class ApplyError extends Error {
  constructor(
    message: string,
    readonly changes: PlannedChange[],
  ) {
    super(message);
    this.name = "ApplyError";
  }
}
