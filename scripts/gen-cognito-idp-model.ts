/**
 * Generates src/http/cognito-json/model/cognito-idp.model.json: for every cognito-idp action, the input
 * shape tree with the constraints the validator enforces (required, length, pattern, enum, range) and the
 * output shape's name. No documentation strings; shapes are deduplicated by name.
 *
 * Sources, in order of preference:
 *  (a) the smithy JSON model (April 2025, 113 operations), from github aws/api-models-aws,
 *      models/cognito-identity-provider/service/2016-04-18/cognito-identity-provider-2016-04-18.json
 *      (pass its path as the first argument; default /tmp/model/cognito-idp.json);
 *  (b) for operations and members that model lacks, the schemas compiled into
 *      @aws-sdk/client-cognito-identity-provider (dist-es/schemas/schemas_0.js, read through the package's
 *      exported `<Name>$` schema values). They carry member lists, types and required counts, but no
 *      constraints, so a plain SDK string member borrows the smithy shape that every smithy member of the
 *      same name targets (e.g. UserPoolId → UserPoolIdType), when that is unambiguous.
 *
 * Regenerate: npx tsx scripts/gen-cognito-idp-model.ts [/path/to/cognito-idp.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as sdk from "@aws-sdk/client-cognito-identity-provider";
import { COGNITO_IDP_ACTION_NAMES } from "../src/http/cognito-json/cognito-idp-actions.js";

type Shape =
  | { type: "structure"; members: Record<string, string>; required?: string[]; sensitive?: true }
  | { type: "list"; member: string; min?: number; max?: number; sensitive?: true }
  | { type: "map"; key: string; value: string; min?: number; max?: number; sensitive?: true }
  | {
      type: "string";
      min?: number;
      max?: number;
      pattern?: string;
      enum?: string[];
      sensitive?: true;
    }
  | { type: "integer" | "long" | "double" | "number"; min?: number; max?: number }
  | { type: "boolean" | "timestamp" | "document" }
  | { type: "blob"; min?: number; max?: number; sensitive?: true };

interface SmithyMember {
  target: string;
  traits?: Record<string, unknown>;
}
interface SmithyShape {
  type: string;
  members?: Record<string, SmithyMember>;
  member?: SmithyMember;
  key?: SmithyMember;
  value?: SmithyMember;
  input?: { target: string };
  output?: { target: string };
  traits?: Record<string, unknown>;
}

const SMITHY_PATH = process.argv[2] ?? "/tmp/model/cognito-idp.json";
const OUT = new URL("../src/http/cognito-json/model/cognito-idp.model.json", import.meta.url);
const NS = "com.amazonaws.cognitoidentityprovider#";

const smithy = (JSON.parse(readFileSync(SMITHY_PATH, "utf8")) as { shapes: Record<string, SmithyShape> })
  .shapes;
const shapes: Record<string, Shape> = {};
const short = (id: string) => id.replace(/^.*#/, "");

// ---- source (a): smithy ----------------------------------------------------------------------------

const PRELUDE: Record<string, Shape> = {
  "smithy.api#String": { type: "string" },
  "smithy.api#Integer": { type: "integer" },
  "smithy.api#Long": { type: "long" },
  "smithy.api#Boolean": { type: "boolean" },
  "smithy.api#PrimitiveBoolean": { type: "boolean" },
  "smithy.api#Timestamp": { type: "timestamp" },
  "smithy.api#Document": { type: "document" },
};

function lengthOf(traits: Record<string, unknown> | undefined) {
  const length = traits?.["smithy.api#length"] as { min?: number; max?: number } | undefined;
  const range = traits?.["smithy.api#range"] as { min?: number; max?: number } | undefined;
  const bounds = length ?? range ?? {};
  return {
    ...(bounds.min !== undefined ? { min: bounds.min } : {}),
    ...(bounds.max !== undefined ? { max: bounds.max } : {}),
  };
}

function sensitiveOf(traits: Record<string, unknown> | undefined): { sensitive?: true } {
  return traits?.["smithy.api#sensitive"] ? { sensitive: true } : {};
}

/** Adds a smithy shape (and everything it reaches) to `shapes`; returns its name. */
function fromSmithy(id: string): string {
  const prelude = PRELUDE[id];
  if (prelude) {
    const name = `smithy.${short(id)}`;
    shapes[name] ??= prelude;
    return name;
  }
  const name = short(id);
  if (shapes[name]) return name;
  const shape = smithy[id];
  if (!shape) throw new Error(`unknown smithy shape ${id}`);
  const traits = shape.traits;
  switch (shape.type) {
    case "structure": {
      const entry: Shape = { type: "structure", members: {}, ...sensitiveOf(traits) };
      shapes[name] = entry; // before recursing: shapes may be recursive
      const required: string[] = [];
      for (const [member, definition] of Object.entries(shape.members ?? {})) {
        entry.members[member] = fromSmithy(definition.target);
        if (definition.traits?.["smithy.api#required"]) required.push(member);
      }
      if (required.length > 0) entry.required = required;
      return name;
    }
    case "list":
    case "set": {
      shapes[name] = { type: "list", member: "", ...lengthOf(traits), ...sensitiveOf(traits) };
      (shapes[name] as { member: string }).member = fromSmithy(shape.member!.target);
      return name;
    }
    case "map": {
      shapes[name] = { type: "map", key: "", value: "", ...lengthOf(traits), ...sensitiveOf(traits) };
      const map = shapes[name] as { key: string; value: string };
      map.key = fromSmithy(shape.key!.target);
      map.value = fromSmithy(shape.value!.target);
      return name;
    }
    case "enum":
      shapes[name] = {
        type: "string",
        enum: Object.values(shape.members ?? {}).map((m) => String(m.traits?.["smithy.api#enumValue"])),
        ...sensitiveOf(traits),
      };
      return name;
    case "string": {
      const pattern = traits?.["smithy.api#pattern"];
      const legacyEnum = traits?.["smithy.api#enum"] as { value: string }[] | undefined;
      shapes[name] = {
        type: "string",
        ...lengthOf(traits),
        ...(typeof pattern === "string" ? { pattern } : {}),
        ...(legacyEnum ? { enum: legacyEnum.map((e) => e.value) } : {}),
        ...sensitiveOf(traits),
      };
      return name;
    }
    case "integer":
    case "short":
    case "byte":
      shapes[name] = { type: "integer", ...lengthOf(traits) };
      return name;
    case "long":
      shapes[name] = { type: "long", ...lengthOf(traits) };
      return name;
    case "float":
    case "double":
    case "bigDecimal":
      shapes[name] = { type: "double", ...lengthOf(traits) };
      return name;
    case "boolean":
    case "timestamp":
    case "document":
      shapes[name] = { type: shape.type };
      return name;
    case "blob":
      shapes[name] = { type: "blob", ...lengthOf(traits), ...sensitiveOf(traits) };
      return name;
    default:
      throw new Error(`unhandled smithy type ${shape.type} (${id})`);
  }
}

// ---- source (b): the SDK's compiled schemas ----------------------------------------------------------

type SdkSchemaArray = [number, string, string, unknown, ...unknown[]];
const SENSITIVE_BIT = 8;

const unwrap = (schema: unknown): number | SdkSchemaArray => {
  let current = schema;
  while (typeof current === "function") current = (current as () => unknown)();
  return current as number | SdkSchemaArray;
};

/** Per member name of the smithy request structures, how often it targets each shape. */
const memberTargets = new Map<string, Map<string, number>>();
for (const shape of Object.values(smithy)) {
  if (shape.type !== "structure" || !shape.traits?.["smithy.api#input"]) continue;
  for (const [member, definition] of Object.entries(shape.members ?? {})) {
    const counts = memberTargets.get(member) ?? new Map<string, number>();
    counts.set(definition.target, (counts.get(definition.target) ?? 0) + 1);
    memberTargets.set(member, counts);
  }
}
/** The string shape that at least 3/4 of the smithy request members of this name target (UserPoolId → UserPoolIdType). */
function borrowedStringShape(member: string | undefined): string | undefined {
  const counts = member === undefined ? undefined : memberTargets.get(member);
  if (!counts) return undefined;
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const [target, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const type = smithy[target]?.type;
  if (n / total < 0.75 || (type !== "string" && type !== "enum")) return undefined;
  borrowed.add(`${member}→${short(target)}`);
  return fromSmithy(target);
}
const borrowed = new Set<string>();

const SDK_SIMPLE: Record<number, Shape & { name: string }> = {
  0: { name: "sdk.String", type: "string" },
  1: { name: "sdk.Number", type: "number" },
  2: { name: "sdk.Boolean", type: "boolean" },
  4: { name: "sdk.Timestamp", type: "timestamp" },
  5: { name: "sdk.Timestamp", type: "timestamp" },
  6: { name: "sdk.Timestamp", type: "timestamp" },
  7: { name: "sdk.Timestamp", type: "timestamp" },
  15: { name: "sdk.Document", type: "document" },
  17: { name: "sdk.Number", type: "number" },
  19: { name: "sdk.Number", type: "number" },
  21: { name: "sdk.Blob", type: "blob" },
  42: { name: "sdk.Blob", type: "blob" },
};

/** Adds an SDK schema to `shapes` (preferring the smithy shape of the same name); returns its name. */
function fromSdk(schema: unknown, memberName?: string): string {
  // A member with traits is [schema, memberTraits].
  if (Array.isArray(schema) && schema.length === 2) return fromSdk(schema[0], memberName);
  const resolved = unwrap(schema);
  if (typeof resolved === "number") {
    if (resolved === 0) {
      const borrowed = borrowedStringShape(memberName);
      if (borrowed) return borrowed;
    }
    if (resolved & 64 || resolved & 128) {
      const inner = fromSdk(resolved & 63);
      const kind = resolved & 64 ? "List" : "Map";
      const name = `sdk.${kind}<${inner}>`;
      shapes[name] ??=
        kind === "List" ? { type: "list", member: inner } : { type: "map", key: fromSdk(0), value: inner };
      return name;
    }
    const simple = SDK_SIMPLE[resolved];
    if (!simple) throw new Error(`unhandled SDK schema code ${resolved}`);
    const { name, ...shape } = simple;
    shapes[name] ??= shape as Shape;
    return name;
  }
  const [kind, , name, traits] = resolved;
  const smithyId = `${NS}${name}`;
  if (smithy[smithyId]) return fromSmithy(smithyId);
  if (shapes[name]) return name;
  const sensitive = typeof traits === "number" && traits & SENSITIVE_BIT ? { sensitive: true as const } : {};
  switch (kind) {
    case 0: {
      // A named simple schema; its constraints are not in the SDK.
      const inner = shapes[fromSdk(resolved[4], memberName)]!;
      shapes[name] = { ...inner, ...sensitive } as Shape;
      return name;
    }
    case 1:
      shapes[name] = { type: "list", member: "", ...sensitive };
      (shapes[name] as { member: string }).member = fromSdk(resolved[4]);
      return name;
    case 2:
      shapes[name] = { type: "map", key: "", value: "", ...sensitive };
      (shapes[name] as { key: string }).key = fromSdk(resolved[4]);
      (shapes[name] as { value: string }).value = fromSdk(resolved[5]);
      return name;
    case 3: {
      const entry: Shape = { type: "structure", members: {}, ...sensitive };
      shapes[name] = entry;
      const names = resolved[4] as string[];
      const schemas = resolved[5] as unknown[];
      const requiredCount = (resolved[6] as number | undefined) ?? 0;
      names.forEach((member, index) => {
        entry.members[member] = fromSdk(schemas[index], member);
      });
      if (requiredCount > 0) entry.required = names.slice(0, requiredCount);
      return name;
    }
    default:
      throw new Error(`unhandled SDK schema kind ${kind} (${name})`);
  }
}

/** Adds members the SDK knows but the (older) smithy model lacks, recursively, without constraints. */
function mergeSdkMembers(schema: unknown, seen = new Set<string>()): void {
  const resolved = unwrap(Array.isArray(schema) && schema.length === 2 ? schema[0] : schema);
  if (typeof resolved === "number") return;
  const [kind, , name] = resolved;
  if (seen.has(name)) return;
  seen.add(name);
  if (kind === 1 || kind === 2) {
    mergeSdkMembers(resolved[kind === 1 ? 4 : 5], seen);
    return;
  }
  if (kind !== 3) return;
  const shape = shapes[name];
  const names = resolved[4] as string[];
  const schemas = resolved[5] as unknown[];
  names.forEach((member, index) => {
    if (shape?.type === "structure" && !(member in shape.members)) {
      shape.members[member] = fromSdk(schemas[index], member);
      added.push(`${name}.${member}`);
    }
    mergeSdkMembers(schemas[index], seen);
  });
}
const added: string[] = [];

// ---- the actions ---------------------------------------------------------------------------------------

const sdkSchemas = sdk as unknown as Record<string, unknown>;
const actions: Record<string, { input: string; output?: string; source: "smithy" | "sdk" }> = {};
for (const action of COGNITO_IDP_ACTION_NAMES) {
  const operation = smithy[`${NS}${action}`];
  const sdkOperation = sdkSchemas[`${action}$`] as SdkSchemaArray | undefined;
  if (operation?.input) {
    const input = fromSmithy(operation.input.target);
    const output =
      operation.output && operation.output.target !== "smithy.api#Unit"
        ? short(operation.output.target)
        : undefined;
    actions[action] = { input, ...(output ? { output } : {}), source: "smithy" };
    if (sdkOperation) mergeSdkMembers(sdkOperation[4]);
  } else if (sdkOperation) {
    const input = fromSdk(sdkOperation[4]);
    const outputSchema = unwrap(sdkOperation[5]);
    const output = typeof outputSchema === "number" ? undefined : outputSchema[2];
    actions[action] = { input, ...(output ? { output } : {}), source: "sdk" };
  } else {
    throw new Error(`no input shape for ${action} in either source`);
  }
}

// ---- Cognate extensions -------------------------------------------------------------------------------
// LambdaConfig names where trigger code is. Besides Lambda ARNs, Cognate accepts http(s):// webhook URLs and
// file:// module paths (docs/triggers.md), so those members get a wider pattern than ArnType.

const TRIGGER_LOCATION = "CognateTriggerLocationType";
const arnPattern = (shapes.ArnType as { pattern?: string }).pattern ?? "^arn:.+$";
shapes[TRIGGER_LOCATION] = {
  type: "string",
  min: 8,
  max: 2048,
  pattern: `^(?:${arnPattern.replace(/^\^/, "").replace(/\$$/, "")}|https?://[^\\s]+|file://[^\\s]+)$`,
};
for (const name of [
  "LambdaConfigType",
  "PreTokenGenerationVersionConfigType",
  "CustomSMSLambdaVersionConfigType",
  "CustomEmailLambdaVersionConfigType",
  "InboundFederationLambdaType",
]) {
  const shape = shapes[name];
  if (shape?.type !== "structure") continue;
  for (const [member, target] of Object.entries(shape.members)) {
    if (
      member !== "KMSKeyID" &&
      (target === "ArnType" || (member === "LambdaArn" && target === "sdk.String"))
    ) {
      shape.members[member] = TRIGGER_LOCATION;
    }
  }
}

// DomainType's pattern is the prefix-domain rule (one DNS label), yet the same member carries a custom
// domain's full host name ("auth.example.com"), which Cognito accepts: the service does not apply the
// model's pattern or 63-character limit at the protocol level, and checks each kind in CreateUserPoolDomain
// (prefix: Cognito's "contains an invalid character" message; custom: a host name of at most 253
// characters). So the wire only keeps the lower bound; domain/oauth2/user-pool-domain.ts checks the rest.
shapes.DomainType = { type: "string", min: 1, max: 253 };

const sortedShapes = Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)));
const model = {
  comment: "Generated by scripts/gen-cognito-idp-model.ts; do not edit.",
  actions,
  shapes: sortedShapes,
};
writeFileSync(OUT, `${JSON.stringify(model)}\n`);
const bySource = Object.values(actions).reduce<Record<string, number>>((count, a) => {
  count[a.source] = (count[a.source] ?? 0) + 1;
  return count;
}, {});
process.stdout.write(
  `wrote ${Object.keys(actions).length} actions (${JSON.stringify(bySource)}), ${Object.keys(shapes).length} shapes\n` +
    `members added from the SDK to smithy structures: ${added.join(", ") || "none"}\n` +
    `SDK string members given a smithy shape by name: ${[...borrowed].join(", ") || "none"}\n`,
);
