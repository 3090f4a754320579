import { InvalidLambdaResponseException } from "../../domain/errors.js";
import { activeAliases } from "../../domain/user/sign-in-identity.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { isPlainObject, type JsonObject, type JsonValue } from "../../shared/json.js";

// The envelope every trigger event shares, in Cognito's member order:
//   {version, triggerSource, region, userPoolId, userName, callerContext{awsSdkVersion, clientId},
//    request, response}
// - version "1" (pre token generation V2/V3: "2"/"3");
// - callerContext.clientId is the app client, or CLIENT_ID_NOT_APPLICABLE for admin actions without one;
// - awsSdkVersion names the caller's SDK in Cognito; Cognate does not track it and sends
//   "aws-sdk-unknown-unknown", the value Cognito itself sends when it cannot tell.
// Readers of `response` accept null or a missing field as "not set"; any other wrong type is Cognito's
// InvalidLambdaResponseException "Unrecognizable lambda output".

export const CLIENT_ID_NOT_APPLICABLE = "CLIENT_ID_NOT_APPLICABLE";
export const UNKNOWN_SDK = "aws-sdk-unknown-unknown";
export type StringMap = Record<string, string>;

export interface EventEnvelope {
  pool: UserPool;
  triggerSource: string;
  userName: string;
  clientId?: string | undefined;
  version?: string;
}

export function triggerEvent(
  region: string,
  envelope: EventEnvelope,
  request: JsonObject,
  response: JsonObject,
): JsonObject {
  return {
    version: envelope.version ?? "1",
    triggerSource: envelope.triggerSource,
    region,
    userPoolId: envelope.pool.id,
    userName: envelope.userName,
    callerContext: { awsSdkVersion: UNKNOWN_SDK, clientId: envelope.clientId ?? CLIENT_ID_NOT_APPLICABLE },
    request,
    response,
  };
}

/** `{ name: value }` members only when given: Cognito leaves out what the caller did not send. */
export function optionalMaps(maps: Record<string, StringMap | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [name, map] of Object.entries(maps)) if (map !== undefined) out[name] = { ...map };
  return out;
}

/**
 * A user's attributes as triggers see them: sub, every attribute (no internal dev: ones), the status as
 * `cognito:user_status`, and `cognito:email_alias` / `cognito:phone_number_alias` when that attribute is
 * a sign-in alias of the user.
 */
export function eventUserAttributes(pool: UserPool, user: User): StringMap {
  const attributes: StringMap = { sub: user.sub };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (!name.startsWith("dev:")) attributes[name] = value;
  }
  const usernameAttributes = pool.settings.UsernameAttributes;
  const asUsername = Array.isArray(usernameAttributes) ? usernameAttributes : [];
  for (const alias of activeAliases(pool.settings, user)) {
    if (alias.kind === "preferred_username" || asUsername.includes(alias.kind)) continue;
    attributes[`cognito:${alias.kind}_alias`] = user.attributes[alias.kind] ?? alias.value;
  }
  attributes["cognito:user_status"] = user.status;
  return attributes;
}

export const unrecognizable = () => new InvalidLambdaResponseException("Unrecognizable lambda output");

function present(response: Record<string, unknown>, key: string): unknown {
  const value = response[key];
  return value === null ? undefined : value;
}

export function readBoolean(response: Record<string, unknown>, key: string): boolean | undefined {
  const value = present(response, key);
  if (value === undefined || typeof value === "boolean") return value;
  throw unrecognizable();
}

export function readString(response: Record<string, unknown>, key: string): string | undefined {
  const value = present(response, key);
  if (value === undefined || typeof value === "string") return value;
  throw unrecognizable();
}

export function readObject(
  response: Record<string, unknown>,
  key: string,
): Record<string, unknown> | undefined {
  const value = present(response, key);
  if (value === undefined || isPlainObject(value)) return value;
  throw unrecognizable();
}

export function readStringMap(response: Record<string, unknown>, key: string): StringMap | undefined {
  const value = readObject(response, key);
  if (value === undefined) return undefined;
  const map: StringMap = {};
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== "string") throw unrecognizable();
    map[name] = item;
  }
  return map;
}

export function readStringArray(response: Record<string, unknown>, key: string): string[] | undefined {
  const value = present(response, key);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) throw unrecognizable();
  return value as string[];
}

/** A JSON-safe copy of a value a trigger returned (claims may be any JSON in V2 events). */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = toJsonValue(item);
    return out;
  }
  throw unrecognizable();
}
