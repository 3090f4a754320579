// The texts AWS (Coral) writes for input that breaks the model:
//  - constraint violations: "Value 'abc' at 'userPoolId' failed to satisfy constraint: Member must …",
//    joined as "N validation error(s) detected: … ; …" (separator "; ");
//  - values of the wrong JSON type: SerializationException texts such as "NUMBER_VALUE cannot be converted
//    to String" or "Start of structure or map found where not expected".
import type { CompiledPattern, NumberKind, ShapeNode } from "./compile-model.js";

export const mustNotBeNull = "Member must not be null";
export const lengthAtMost = (max: number) => `Member must have length less than or equal to ${max}`;
export const lengthAtLeast = (min: number) => `Member must have length greater than or equal to ${min}`;
export const valueAtMost = (max: number) => `Member must have value less than or equal to ${max}`;
export const valueAtLeast = (min: number) => `Member must have value greater than or equal to ${min}`;
export const matchesPattern = (pattern: CompiledPattern) =>
  `Member must satisfy regular expression pattern: ${pattern.display}`;
export const inEnum = (values: readonly string[]) =>
  `Member must satisfy enum value set: [${values.join(", ")}]`;

/** Every constraint of a scalar shape, in the order AWS lists them inside "Member must satisfy constraint: [...]". */
export function allConstraints(node: ShapeNode): string[] {
  const texts: string[] = [];
  if (node.kind === "string" || node.kind === "blob") {
    if (node.max !== undefined) texts.push(lengthAtMost(node.max));
    if (node.min !== undefined) texts.push(lengthAtLeast(node.min));
  }
  if (node.kind === "string") {
    if (node.pattern) texts.push(matchesPattern(node.pattern));
    if (node.enumValues) texts.push(inEnum(node.enumValues));
  }
  if (node.kind === "number") {
    if (node.max !== undefined) texts.push(valueAtMost(node.max));
    if (node.min !== undefined) texts.push(valueAtLeast(node.min));
  }
  return texts;
}

/** Java's toString of the deserialised value, as AWS quotes it: lists "[a, b]", maps "{k=v}". */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(renderValue).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, entry]) => `${key}=${renderValue(entry)}`).join(", ")}}`;
  }
  return String(value);
}

/** One violation line; sensitive values are left out ("Value at 'password' …"), as AWS does. */
export function violation(value: unknown, path: string, constraint: string, sensitive: boolean): string {
  const shown = value === null || value === undefined ? " null" : sensitive ? "" : ` '${renderValue(value)}'`;
  return `Value${shown} at '${path}' failed to satisfy constraint: ${constraint}`;
}

export function validationMessage(violations: readonly string[]): string {
  const count = violations.length;
  return `${count} validation error${count === 1 ? "" : "s"} detected: ${violations.join("; ")}`;
}

/** The JSON token Coral names when a value cannot become the modelled type. */
function token(value: unknown): string {
  if (typeof value === "string") return "STRING_VALUE";
  if (value === true) return "TRUE_VALUE";
  if (value === false) return "FALSE_VALUE";
  return Number.isInteger(value) ? "NUMBER_VALUE" : "DECIMAL_VALUE";
}

/** The Java class Coral deserialises each scalar kind into. */
const JAVA_CLASS: Record<string, string> = {
  string: "java.lang.String",
  boolean: "java.lang.Boolean",
  timestamp: "java.util.Date",
  integer: "java.lang.Integer",
  long: "java.lang.Long",
  double: "java.lang.Double",
  number: "java.lang.Integer",
};

/** The SerializationException text for `value` where `node` was expected. */
export function typeMismatch(node: ShapeNode, value: unknown): string {
  const isArray = Array.isArray(value);
  const isObject = typeof value === "object" && value !== null && !isArray;
  if (isObject) return "Start of structure or map found where not expected";
  switch (node.kind) {
    case "structure":
    case "map":
      return isArray ? "Start of list found where not expected" : "Unexpected field type";
    case "list":
      return "Unexpected field type";
    case "blob":
      return isArray
        ? "Unrecognized collection type class java.nio.ByteBuffer"
        : "only base-64-encoded strings are convertible to bytes";
    default: {
      const javaClass =
        JAVA_CLASS[node.kind === "number" ? (node.numberKind satisfies NumberKind) : node.kind];
      if (isArray) return `Unrecognized collection type class ${javaClass}`;
      return `${token(value)} cannot be converted to ${javaClass?.replace(/^.*\./, "")}`;
    }
  }
}
