// User attributes as ID token claims.
// - Only attributes the app client may read: its ReadAttributes, or when it has none, the standard
//   attributes (which include email_verified and phone_number_verified), never custom ones.
// - Never `sub` (a claim of its own) nor developer-only `dev:custom:*` attributes, nor anything that would
//   shadow a protocol claim.
// - Types: email_verified and phone_number_verified are JSON booleans; updated_at a number (seconds);
//   address the OIDC object {"formatted": value}; everything else, custom:* included, stays a string.
// - identities (federated users, stored as a JSON string) is parsed back into its array.

import type { JsonObject, JsonValue } from "../../shared/json.js";
import { STANDARD_ATTRIBUTES } from "../user-pool-client/attribute-permissions.js";
import type { UserPoolClientSettings } from "../user-pool-client/user-pool-client.js";

const RESERVED = new Set([
  "sub",
  "iss",
  "aud",
  "exp",
  "iat",
  "nbf",
  "jti",
  "auth_time",
  "token_use",
  "origin_jti",
  "event_id",
  "nonce",
  "at_hash",
  "client_id",
  "scope",
  "username",
  "cognito:username",
  "cognito:groups",
  "cognito:roles",
  "cognito:preferred_role",
]);

/** What the client may read, from its settings (ReadAttributes, or the standard set when absent). */
export function readableAttributesOf(settings: UserPoolClientSettings): ReadonlySet<string> {
  const read = settings.ReadAttributes;
  if (Array.isArray(read) && read.length > 0) {
    return new Set(read.filter((name): name is string => typeof name === "string"));
  }
  return new Set(STANDARD_ATTRIBUTES);
}

function parseIdentities(value: string): JsonValue | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as JsonValue) : undefined;
  } catch {
    return undefined;
  }
}

function typedValue(name: string, value: string): JsonValue {
  if (name === "email_verified" || name === "phone_number_verified") return value === "true";
  if (name === "updated_at" && /^\d+$/.test(value)) return Number(value);
  if (name === "address") return { formatted: value };
  return value;
}

export function attributeClaims(
  attributes: Readonly<Record<string, string>>,
  readable: ReadonlySet<string>,
): JsonObject {
  const claims: JsonObject = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (RESERVED.has(name) || name.startsWith("dev:")) continue;
    if (name === "identities") {
      const identities = parseIdentities(value);
      if (identities !== undefined) claims.identities = identities;
      continue;
    }
    if (!readable.has(name)) continue;
    claims[name] = typedValue(name, value);
  }
  return claims;
}
