// ReadAttributes and WriteAttributes of an app client.
// - Each name must be an attribute of the pool: a standard attribute, "custom:<name>" for a custom
//   attribute, or "dev:custom:<name>" for a developer-only one. The pool's SchemaAttributes list is used
//   when it has one; otherwise the standard attributes alone.
// - email_verified, phone_number_verified and sub cannot be written by an app client.
// - Otherwise InvalidParameterException "Invalid read|write attributes specified while creating a client"
//   ("… while updating a client" for UpdateUserPoolClient).
// - Not given (or empty): nothing is stored and Describe leaves the list out; the client then reads the
//   standard attributes plus email_verified/phone_number_verified and writes the writable standard ones.
// - Duplicates are dropped; order is kept.

import type { JsonValue } from "../../shared/json.js";
import { InvalidParameterException } from "../errors.js";

export const STANDARD_ATTRIBUTES: readonly string[] = [
  "address",
  "birthdate",
  "email",
  "email_verified",
  "family_name",
  "gender",
  "given_name",
  "locale",
  "middle_name",
  "name",
  "nickname",
  "phone_number",
  "phone_number_verified",
  "picture",
  "preferred_username",
  "profile",
  "sub",
  "updated_at",
  "website",
  "zoneinfo",
];

const NEVER_WRITABLE: readonly string[] = ["email_verified", "phone_number_verified", "sub"];

/** The names a client may list, derived from the pool's SchemaAttributes (any shape tolerated). */
export function permittedAttributeNames(schemaAttributes: JsonValue | undefined): Set<string> {
  if (!Array.isArray(schemaAttributes)) return new Set(STANDARD_ATTRIBUTES);
  const names = new Set<string>();
  for (const attribute of schemaAttributes) {
    if (typeof attribute !== "object" || attribute === null || Array.isArray(attribute)) continue;
    const name = attribute.Name;
    if (typeof name !== "string" || name === "") continue;
    if (STANDARD_ATTRIBUTES.includes(name) || name.startsWith("dev:custom:")) {
      names.add(name);
      continue;
    }
    const bare = name.startsWith("custom:") ? name.slice("custom:".length) : name;
    if (attribute.DeveloperOnlyAttribute === true) {
      names.add(`dev:custom:${bare}`);
    } else {
      names.add(`custom:${bare}`);
    }
  }
  return names;
}

export function checkAttributePermissions(
  permitted: ReadonlySet<string>,
  read: readonly string[],
  write: readonly string[],
  operation: "create" | "update",
): void {
  const doing = operation === "create" ? "creating" : "updating";
  if (read.some((name) => !permitted.has(name))) {
    throw new InvalidParameterException(`Invalid read attributes specified while ${doing} a client`);
  }
  if (write.some((name) => !permitted.has(name) || NEVER_WRITABLE.includes(name))) {
    throw new InvalidParameterException(`Invalid write attributes specified while ${doing} a client`);
  }
}
