import { isPlainObject, type JsonObject, type JsonValue } from "../../shared/json.js";

// Typed reads of request and settings documents (both are parsed JSON). A field of the wrong JSON type
// reads as absent; the model validator rejects such input before it reaches a use case.

export function objectField(document: JsonObject, key: string): JsonObject | undefined {
  const value = document[key];
  return isPlainObject(value) ? (value as JsonObject) : undefined;
}

export function stringField(document: JsonObject, key: string): string | undefined {
  const value = document[key];
  return typeof value === "string" ? value : undefined;
}

export function booleanField(document: JsonObject, key: string): boolean | undefined {
  const value = document[key];
  return typeof value === "boolean" ? value : undefined;
}

export function numberField(document: JsonObject, key: string): number | undefined {
  const value = document[key];
  return typeof value === "number" ? value : undefined;
}

export function arrayField(document: JsonObject, key: string): JsonValue[] | undefined {
  const value = document[key];
  return Array.isArray(value) ? value : undefined;
}

export function stringArrayField(document: JsonObject, key: string): string[] | undefined {
  return arrayField(document, key)?.filter((item): item is string => typeof item === "string");
}

/** A string-to-string map (tags); non-string values are dropped. */
export function stringMapField(document: JsonObject, key: string): Record<string, string> | undefined {
  const value = objectField(document, key);
  if (!value) return undefined;
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** Copies `document` without the keys whose value is undefined (JSON documents never hold undefined). */
export function compact(document: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(document)) if (value !== undefined) out[key] = value;
  return out;
}
