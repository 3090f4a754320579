import type { JsonObject, JsonValue } from "../../shared/json.js";
import { InvalidParameterException } from "../errors.js";
import { booleanField, objectField, stringField } from "./json-fields.js";

// Schema rules (CreateUserPool.Schema and AddCustomAttributes), as Cognito applies them:
// - Every pool has the 20 standard attributes, in Cognito's order (STANDARD_ATTRIBUTES).
// - A Schema entry named like a standard attribute adjusts it (Required, Mutable, constraints) but may not
//   change its AttributeDataType or make it developer-only.
// - Any other entry is a custom attribute, stored as `custom:{name}` (`dev:custom:{name}` when
//   DeveloperOnlyAttribute); it needs an AttributeDataType, cannot be Required, is Mutable unless told not.
// - A name may not be defined twice (with or without `dev:`); at most 50 custom attributes per pool.
// - String constraints are whole numbers 0–2048 with MinLength <= MaxLength; Number constraints are
//   whole numbers with MinValue <= MaxValue. Constraints of the other type are ignored, as Cognito does.

export type AttributeDataType = "String" | "Number" | "DateTime" | "Boolean";
const DATA_TYPES: readonly string[] = ["String", "Number", "DateTime", "Boolean"];

export const MAX_CUSTOM_ATTRIBUTES = 50;
const MAX_STRING_LENGTH = 2048;

/** A SchemaAttributeType as DescribeUserPool returns it. */
export type SchemaAttribute = {
  Name: string;
  AttributeDataType: AttributeDataType;
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
};

const text = (name: string, minLength: string, maxLength = "2048"): SchemaAttribute => ({
  Name: name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: minLength, MaxLength: maxLength },
});
const flag = (name: string): SchemaAttribute => ({
  Name: name,
  AttributeDataType: "Boolean",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** Cognito's standard attributes, in the order DescribeUserPool lists them. */
export const STANDARD_ATTRIBUTES: readonly SchemaAttribute[] = [
  { ...text("sub", "1"), Mutable: false, Required: true },
  ...["name", "given_name", "family_name", "middle_name", "nickname", "preferred_username"].map((n) =>
    text(n, "0"),
  ),
  ...["profile", "picture", "website", "email"].map((n) => text(n, "0")),
  flag("email_verified"),
  text("gender", "0"),
  text("birthdate", "10", "10"),
  ...["zoneinfo", "locale", "phone_number"].map((n) => text(n, "0")),
  flag("phone_number_verified"),
  text("address", "0"),
  {
    Name: "updated_at",
    AttributeDataType: "Number",
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: "0" },
  },
];

const STANDARD_BY_NAME = new Map(STANDARD_ATTRIBUTES.map((attribute) => [attribute.Name, attribute]));

export const isStandardAttribute = (name: string) => STANDARD_BY_NAME.has(name);
export const isCustomAttribute = (name: string) =>
  name.startsWith("custom:") || name.startsWith("dev:custom:");

const invalid = (message: string) => new InvalidParameterException(message);

/** Whole numbers as Cognito writes constraints: an optional minus sign and digits. */
const WHOLE_NUMBER = /^-?\d+$/;

function stringConstraints(
  name: string,
  supplied: JsonObject,
): SchemaAttribute["StringAttributeConstraints"] {
  const min = stringField(supplied, "MinLength");
  const max = stringField(supplied, "MaxLength");
  for (const bound of [min, max]) {
    if (bound !== undefined && !/^\d+$/.test(bound)) {
      throw invalid(`Invalid StringAttributeConstraints for schema attribute ${name}`);
    }
  }
  if (
    (min !== undefined && Number(min) > MAX_STRING_LENGTH) ||
    (max !== undefined && Number(max) > MAX_STRING_LENGTH)
  ) {
    throw invalid(`user.${name}: String attributes cannot have a length of more than ${MAX_STRING_LENGTH}`);
  }
  if (min !== undefined && max !== undefined && Number(min) > Number(max)) {
    throw invalid(`user.${name}: Max length cannot be less than min length.`);
  }
  return { ...(min !== undefined && { MinLength: min }), ...(max !== undefined && { MaxLength: max }) };
}

function numberConstraints(
  name: string,
  supplied: JsonObject,
): SchemaAttribute["NumberAttributeConstraints"] {
  const min = stringField(supplied, "MinValue");
  const max = stringField(supplied, "MaxValue");
  for (const bound of [min, max]) {
    if (bound !== undefined && !WHOLE_NUMBER.test(bound)) {
      throw invalid(`Invalid NumberAttributeConstraints for schema attribute ${name}`);
    }
  }
  if (min !== undefined && max !== undefined && BigInt(min) > BigInt(max)) {
    throw invalid(`user.${name}: Max value cannot be less than min value.`);
  }
  return { ...(min !== undefined && { MinValue: min }), ...(max !== undefined && { MaxValue: max }) };
}

/** Applies a Schema entry that names a standard attribute. */
function adjustStandard(standard: SchemaAttribute, entry: JsonObject): SchemaAttribute {
  const dataType = stringField(entry, "AttributeDataType");
  if (
    (dataType !== undefined && dataType !== standard.AttributeDataType) ||
    booleanField(entry, "DeveloperOnlyAttribute")
  ) {
    throw invalid(
      `You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${standard.Name}`,
    );
  }
  const adjusted: SchemaAttribute = {
    ...standard,
    Mutable: booleanField(entry, "Mutable") ?? standard.Mutable,
    Required: booleanField(entry, "Required") ?? standard.Required,
  };
  const strings = objectField(entry, "StringAttributeConstraints");
  if (strings && standard.AttributeDataType === "String") {
    adjusted.StringAttributeConstraints = stringConstraints(standard.Name, strings);
  }
  const numbers = objectField(entry, "NumberAttributeConstraints");
  if (numbers && standard.AttributeDataType === "Number") {
    adjusted.NumberAttributeConstraints = numberConstraints(standard.Name, numbers);
  }
  return adjusted;
}

/** Builds a custom attribute from a Schema / CustomAttributes entry; `baseName` has no prefix. */
function customAttribute(baseName: string, entry: JsonObject): SchemaAttribute {
  const dataType = stringField(entry, "AttributeDataType");
  if (dataType === undefined || !DATA_TYPES.includes(dataType)) {
    throw invalid("Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
  }
  if (booleanField(entry, "Required"))
    throw invalid("Required custom attributes are not supported currently.");
  const developerOnly = booleanField(entry, "DeveloperOnlyAttribute") ?? false;
  const name = developerOnly ? `dev:custom:${baseName}` : `custom:${baseName}`;
  const attribute: SchemaAttribute = {
    Name: name,
    AttributeDataType: dataType as AttributeDataType,
    DeveloperOnlyAttribute: developerOnly,
    Mutable: booleanField(entry, "Mutable") ?? true,
    Required: false,
  };
  if (dataType === "String") {
    attribute.StringAttributeConstraints = stringConstraints(
      name,
      objectField(entry, "StringAttributeConstraints") ?? {},
    );
  }
  if (dataType === "Number") {
    attribute.NumberAttributeConstraints = numberConstraints(
      name,
      objectField(entry, "NumberAttributeConstraints") ?? {},
    );
  }
  return attribute;
}

/** The name a caller gave, without a `custom:` prefix they may have typed themselves. */
function baseNameOf(entry: JsonObject): string {
  const name = stringField(entry, "Name");
  if (name === undefined || name === "")
    throw invalid("Attribute name is required for every schema attribute.");
  return name.startsWith("custom:") ? name.slice("custom:".length) : name;
}

/** Adds custom attributes to a schema, enforcing uniqueness and the 50-attribute limit. */
function appendCustom(schema: SchemaAttribute[], entries: readonly JsonValue[]): SchemaAttribute[] {
  const result = [...schema];
  for (const raw of entries) {
    const entry = (raw ?? {}) as JsonObject;
    const baseName = baseNameOf(entry);
    const existing = result.find(
      (a) => a.Name === `custom:${baseName}` || a.Name === `dev:custom:${baseName}`,
    );
    if (existing) throw invalid(`custom:${baseName}: Existing attribute already has name ${existing.Name}.`);
    result.push(customAttribute(baseName, entry));
  }
  const customCount = result.filter((attribute) => isCustomAttribute(attribute.Name)).length;
  if (customCount > MAX_CUSTOM_ATTRIBUTES) {
    throw invalid(`A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
  }
  return result;
}

/** The full SchemaAttributes list for CreateUserPool's `Schema` input. */
export function buildSchema(entries: readonly JsonValue[] | undefined): SchemaAttribute[] {
  const standard = STANDARD_ATTRIBUTES.map((attribute) => ({ ...attribute }));
  const custom: JsonValue[] = [];
  const adjustedStandard = new Set<string>();
  for (const raw of entries ?? []) {
    const entry = (raw ?? {}) as JsonObject;
    const name = stringField(entry, "Name") ?? "";
    const index = standard.findIndex((attribute) => attribute.Name === name);
    if (index < 0) {
      custom.push(raw);
      continue;
    }
    if (adjustedStandard.has(name)) throw invalid(`${name}: Existing attribute already has name ${name}.`);
    adjustedStandard.add(name);
    standard[index] = adjustStandard(standard[index]!, entry);
  }
  return appendCustom(standard, custom);
}

/** AddCustomAttributes: every entry becomes a custom attribute; existing names are rejected. */
export function addCustomAttributes(
  schema: SchemaAttribute[],
  entries: readonly JsonValue[],
): SchemaAttribute[] {
  return appendCustom(schema, entries);
}
