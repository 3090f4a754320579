// Checks an action's input against the cognito-idp model before any use case sees it:
//  1. a value of the wrong JSON type is a SerializationException (AWS fails while deserialising, so nothing
//     else is reported);
//  2. otherwise every broken constraint (required, length, pattern, enum, range) is collected and reported
//     in one InvalidParameterException, worded and ordered as AWS does (model member order);
//  3. paths use lowerCamelCase member names joined by ".", list elements as "schema.1.member.name"
//     (1-based); constraints on list elements or map keys/values that are scalars are reported once at the
//     collection ("Member must satisfy constraint: [...]", "Map value must satisfy constraint: [...]");
//  4. members the model does not know are ignored; JSON null counts as absent.
import { InvalidParameterException } from "../../../domain/errors.js";
import { isPlainObject } from "../../../shared/json.js";
import { ProtocolError } from "../errors.js";
import modelJson from "./cognito-idp.model.json" with { type: "json" };
import { type CompiledPattern, compileModel, type ModelFile, type ShapeNode } from "./compile-model.js";
import {
  allConstraints,
  inEnum,
  lengthAtLeast,
  lengthAtMost,
  matchesPattern,
  mustNotBeNull,
  typeMismatch,
  validationMessage,
  valueAtLeast,
  valueAtMost,
  violation,
} from "./constraint-messages.js";

/** Strings longer than this are not matched against patterns that could backtrack (e.g. EmailAddressType). */
const BACKTRACKING_PATTERN_INPUT_LIMIT = 4096;
const INT32 = 2 ** 31;
const INT64 = 2 ** 63;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Scalar = Extract<
  ShapeNode,
  { kind: "string" | "number" | "blob" | "boolean" | "timestamp" | "document" }
>;

export function createCognitoIdpInputValidator(): (action: string, input: Record<string, unknown>) => void {
  const inputs = compileModel(modelJson as unknown as ModelFile);
  return (action, input) => {
    const root = inputs.get(action);
    if (!root) return;
    const violations: string[] = [];
    check(root, input, "", false, violations);
    if (violations.length > 0) throw new InvalidParameterException(validationMessage(violations));
  };
}

function serializationError(node: ShapeNode, value: unknown): ProtocolError {
  return new ProtocolError("SerializationException", typeMismatch(node, value));
}

const isScalar = (node: ShapeNode): node is Scalar =>
  node.kind !== "structure" && node.kind !== "list" && node.kind !== "map";

function check(node: ShapeNode, value: unknown, path: string, hidden: boolean, out: string[]): void {
  switch (node.kind) {
    case "structure":
      checkStructure(node, value, path, hidden || node.sensitive, out);
      return;
    case "list":
      checkList(node, value, path, hidden || node.sensitive, out);
      return;
    case "map":
      checkMap(node, value, path, hidden || node.sensitive, out);
      return;
    default: {
      const sensitive = hidden || ("sensitive" in node && node.sensitive);
      for (const text of scalarViolations(node, value)) out.push(violation(value, path, text, sensitive));
    }
  }
}

function checkStructure(
  node: Extract<ShapeNode, { kind: "structure" }>,
  value: unknown,
  path: string,
  hidden: boolean,
  out: string[],
): void {
  if (!isPlainObject(value)) throw serializationError(node, value);
  for (const member of node.members) {
    const memberValue = Object.hasOwn(value, member.name) ? value[member.name] : undefined;
    const memberPath = path === "" ? member.pathName : `${path}.${member.pathName}`;
    if (memberValue === null || memberValue === undefined) {
      // Absent for the handler too, so no use case ever sees a null where its type says string.
      if (memberValue === null) delete value[member.name];
      if (member.required) out.push(violation(null, memberPath, mustNotBeNull, hidden));
      continue;
    }
    check(member.node, memberValue, memberPath, hidden, out);
  }
}

function checkCount(node: { min?: number; max?: number }, count: number): string | undefined {
  if (node.min !== undefined && count < node.min) return lengthAtLeast(node.min);
  if (node.max !== undefined && count > node.max) return lengthAtMost(node.max);
  return undefined;
}

/** Scalar elements (or keys, or values) are reported once, listing every constraint of their shape. */
function collectionConstraint(element: Scalar, values: readonly unknown[]): string | undefined {
  let hasNull = false;
  let broken = false;
  for (const value of values) {
    if (value === null || value === undefined) hasNull = true;
    else if (scalarViolations(element, value).length > 0) broken = true;
  }
  if (!hasNull && !broken) return undefined;
  const texts = allConstraints(element);
  return `[${(hasNull ? [mustNotBeNull, ...texts] : texts).join(", ")}]`;
}

function checkList(
  node: Extract<ShapeNode, { kind: "list" }>,
  value: unknown,
  path: string,
  hidden: boolean,
  out: string[],
): void {
  if (!Array.isArray(value)) throw serializationError(node, value);
  const element = node.member;
  const sensitive = hidden || ("sensitive" in element && element.sensitive === true);
  const countProblem = checkCount(node, value.length);
  if (countProblem) out.push(violation(value, path, countProblem, sensitive));
  if (isScalar(element)) {
    const problem = collectionConstraint(element, value);
    if (problem) out.push(violation(value, path, `Member must satisfy constraint: ${problem}`, sensitive));
    return;
  }
  value.forEach((item, index) => {
    const itemPath = `${path}.${index + 1}.member`;
    if (item === null || item === undefined) out.push(violation(null, itemPath, mustNotBeNull, hidden));
    else check(element, item, itemPath, hidden, out);
  });
}

function checkMap(
  node: Extract<ShapeNode, { kind: "map" }>,
  value: unknown,
  path: string,
  hidden: boolean,
  out: string[],
): void {
  if (!isPlainObject(value)) throw serializationError(node, value);
  // A null map value counts as absent, like a null member: amazon-cognito-identity-js retries a sign-in
  // with `DEVICE_KEY: null` after its device was forgotten, and Cognito accepts that.
  for (const key of Object.keys(value)) if (value[key] === null) delete value[key];
  const keys = Object.keys(value);
  const entries = Object.values(value);
  const sensitive = hidden || ("sensitive" in node.value && node.value.sensitive === true);
  const countProblem = checkCount(node, keys.length);
  if (countProblem) out.push(violation(value, path, countProblem, sensitive));
  if (isScalar(node.key)) {
    const problem = collectionConstraint(node.key, keys);
    if (problem) out.push(violation(value, path, `Map keys must satisfy constraint: ${problem}`, sensitive));
  }
  const valueNode = node.value;
  if (isScalar(valueNode)) {
    const problem = collectionConstraint(valueNode, entries);
    if (problem) out.push(violation(value, path, `Map value must satisfy constraint: ${problem}`, sensitive));
    return;
  }
  for (const key of keys) {
    const entry = value[key];
    const entryPath = `${path}.${key}`;
    if (entry === null || entry === undefined) out.push(violation(null, entryPath, mustNotBeNull, hidden));
    else check(valueNode, entry, entryPath, hidden, out);
  }
}

/** Type-checks one scalar (throwing SerializationException) and returns the constraints it breaks. */
function scalarViolations(node: Scalar, value: unknown): string[] {
  switch (node.kind) {
    case "string": {
      if (typeof value !== "string") throw serializationError(node, value);
      const broken: string[] = [];
      const length = node.min !== undefined || node.max !== undefined ? codePointLength(value) : 0;
      if (node.min !== undefined && length < node.min) broken.push(lengthAtLeast(node.min));
      if (node.max !== undefined && length > node.max) broken.push(lengthAtMost(node.max));
      if (node.pattern && !matches(node.pattern, value, node.max)) broken.push(matchesPattern(node.pattern));
      if (node.enumSet && node.enumValues && !node.enumSet.has(value)) broken.push(inEnum(node.enumValues));
      return broken;
    }
    case "number": {
      if (!isNumberOfKind(node.numberKind, value)) throw serializationError(node, value);
      const broken: string[] = [];
      if (node.min !== undefined && value < node.min) broken.push(valueAtLeast(node.min));
      if (node.max !== undefined && value > node.max) broken.push(valueAtMost(node.max));
      return broken;
    }
    case "blob": {
      if (typeof value !== "string") throw serializationError(node, value);
      if (value.length % 4 !== 0) {
        throw new ProtocolError(
          "SerializationException",
          `Base64 encoded length is expected a multiple of 4 bytes but found: ${value.length}`,
        );
      }
      if (!BASE64.test(value)) throw new ProtocolError("SerializationException", "Invalid Base64 character");
      const problem = checkCount(node, Buffer.byteLength(value, "base64"));
      return problem ? [problem] : [];
    }
    case "boolean":
      if (typeof value !== "boolean") throw serializationError(node, value);
      return [];
    case "timestamp":
      if (typeof value !== "number" || !Number.isFinite(value)) throw serializationError(node, value);
      return [];
    case "document":
      return [];
  }
}

function isNumberOfKind(kind: string, value: unknown): value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) return false;
  if (kind === "double") return true;
  if (!Number.isInteger(value)) return false;
  return kind === "long" ? Math.abs(value) <= INT64 : value >= -INT32 && value < INT32;
}

/** AWS counts characters, not UTF-16 code units: a surrogate pair is one character. */
function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

function matches(pattern: CompiledPattern, value: string, max: number | undefined): boolean {
  if (!pattern.regex) return true;
  if (!pattern.linear && value.length > Math.max(BACKTRACKING_PATTERN_INPUT_LIMIT, max ?? 0)) {
    // Too long to match safely: already a length violation when bounded, else certainly not a real value.
    return max !== undefined;
  }
  return pattern.regex.test(value);
}
