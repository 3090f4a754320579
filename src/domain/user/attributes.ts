import { InvalidParameterException } from "../errors.js";
import type { SchemaAttribute } from "../user-pool/schema-attributes.js";

// Attribute writes, as Cognito checks them against the pool schema:
// - every name must be in the schema (`custom:x` also reaches a developer-only `dev:custom:x`, for admins);
// - `sub` is never written; immutable attributes are written only when the user is created;
// - developer-only attributes are written only by admin (signed) calls;
// - values must fit the type and constraints; emails and phone numbers must be well formed;
// - on create, every Required attribute must be present; a Required attribute cannot be deleted.
// Failures are collected into one InvalidParameterException in Cognito's
// "Attributes did not conform to the schema: name: reason\n" form.

export interface AttributeInput {
  Name: string;
  Value?: string;
}

export type AttributeWriter = "create-by-user" | "create-by-admin" | "update-by-user" | "update-by-admin";

const SCHEMA_PREFIX = "Attributes did not conform to the schema: ";
const EMAIL = /^[^\s@]+@[^\s@]+$/u;
const PHONE = /^\+[0-9]{4,15}$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const BOOLEAN = /^(true|false)$/;

/** Looks a name up in the schema, allowing `custom:x` to address `dev:custom:x`. */
export function schemaAttributeFor(
  schema: readonly SchemaAttribute[],
  name: string,
): SchemaAttribute | undefined {
  return (
    schema.find((attribute) => attribute.Name === name) ??
    (name.startsWith("custom:") ? schema.find((attribute) => attribute.Name === `dev:${name}`) : undefined)
  );
}

function valueProblem(attribute: SchemaAttribute, value: string): string | undefined {
  const length = [...value].length;
  if (attribute.AttributeDataType === "String") {
    const min = Number(attribute.StringAttributeConstraints?.MinLength ?? 0);
    const max = Number(attribute.StringAttributeConstraints?.MaxLength ?? 2048);
    if (length > max) return `String attribute value too long (maximum ${max} characters)`;
    if (length < min && length > 0) return `String attribute value too short (minimum ${min} characters)`;
  }
  if (attribute.AttributeDataType === "Number") {
    if (!NUMBER.test(value)) return "Number attribute value is not a number";
    const min = attribute.NumberAttributeConstraints?.MinValue;
    const max = attribute.NumberAttributeConstraints?.MaxValue;
    if (min !== undefined && Number(value) < Number(min))
      return `Number attribute value below minimum ${min}`;
    if (max !== undefined && Number(value) > Number(max))
      return `Number attribute value above maximum ${max}`;
  }
  if (attribute.AttributeDataType === "Boolean" && !BOOLEAN.test(value)) {
    return "Boolean attribute value must be true or false";
  }
  if (attribute.AttributeDataType === "DateTime" && Number.isNaN(Date.parse(value))) {
    return "DateTime attribute value is not a date";
  }
  return undefined;
}

/**
 * Checks a list of attribute writes and returns them as a name → value map keyed by the schema's
 * names (so `custom:x` written by an admin to a developer-only attribute lands on `dev:custom:x`).
 */
export function checkAttributeWrites(
  schema: readonly SchemaAttribute[],
  writes: readonly AttributeInput[],
  writer: AttributeWriter,
): Record<string, string> {
  const problems: string[] = [];
  const accepted: Record<string, string> = {};
  const byAdmin = writer === "create-by-admin" || writer === "update-by-admin";
  const creating = writer === "create-by-user" || writer === "create-by-admin";
  for (const write of writes) {
    const attribute = schemaAttributeFor(schema, write.Name);
    const value = write.Value ?? "";
    if (!attribute || write.Name === "sub" || (attribute.DeveloperOnlyAttribute && !byAdmin)) {
      problems.push(`${write.Name}: Attribute does not exist in the schema.`);
      continue;
    }
    if (!attribute.Mutable && !creating) {
      problems.push(`${write.Name}: Attribute cannot be updated. (changing an immutable attribute)`);
      continue;
    }
    const problem = valueProblem(attribute, value);
    if (problem) {
      problems.push(`${write.Name}: ${problem}`);
      continue;
    }
    accepted[attribute.Name] = value;
  }
  if (problems.length > 0) throw new InvalidParameterException(`${SCHEMA_PREFIX}${problems.join("\n")}\n`);
  if (accepted.email !== undefined && accepted.email !== "" && !EMAIL.test(accepted.email)) {
    throw new InvalidParameterException("Invalid email address format.");
  }
  if (
    accepted.phone_number !== undefined &&
    accepted.phone_number !== "" &&
    !PHONE.test(accepted.phone_number)
  ) {
    throw new InvalidParameterException("Invalid phone number format.");
  }
  return accepted;
}

/** After a create or update, every Required attribute must still have a value. */
export function checkRequiredAttributes(
  schema: readonly SchemaAttribute[],
  attributes: Record<string, string>,
): void {
  const missing = schema.filter(
    (attribute) => attribute.Required && attribute.Name !== "sub" && !attributes[attribute.Name],
  );
  if (missing.length > 0) {
    throw new InvalidParameterException(
      `${SCHEMA_PREFIX}${missing.map((attribute) => `${attribute.Name}: The attribute is required`).join("\n")}\n`,
    );
  }
}

/** Names the caller may delete; Required, immutable and unknown attributes are refused. */
export function checkAttributeDeletes(
  schema: readonly SchemaAttribute[],
  names: readonly string[],
  byAdmin: boolean,
): string[] {
  const problems: string[] = [];
  const resolved: string[] = [];
  for (const name of names) {
    const attribute = schemaAttributeFor(schema, name);
    if (!attribute || name === "sub" || (attribute.DeveloperOnlyAttribute && !byAdmin)) {
      problems.push(`${name}: Attribute does not exist in the schema.`);
    } else if (attribute.Required) {
      problems.push(`${name}: The attribute is required`);
    } else if (!attribute.Mutable) {
      problems.push(`${name}: Attribute cannot be updated. (changing an immutable attribute)`);
    } else {
      resolved.push(attribute.Name);
    }
  }
  if (problems.length > 0) throw new InvalidParameterException(`${SCHEMA_PREFIX}${problems.join("\n")}\n`);
  return resolved;
}

/** The wire list: `sub` first, then the stored attributes, as Cognito's AttributeType entries. */
export function attributeList(sub: string, attributes: Record<string, string>, only?: ReadonlySet<string>) {
  const list = [
    { Name: "sub", Value: sub },
    ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  ];
  return only ? list.filter((entry) => only.has(entry.Name)) : list;
}
