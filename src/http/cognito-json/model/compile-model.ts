// Turns cognito-idp.model.json (written by scripts/gen-cognito-idp-model.ts) into a graph of checkable nodes,
// with every pattern compiled once.

/** The JSON file's layout. */
export interface ModelFile {
  actions: Record<string, { input: string; output?: string }>;
  shapes: Record<string, ShapeDefinition>;
}

type ShapeDefinition =
  | { type: "structure"; members: Record<string, string>; required?: string[]; sensitive?: boolean }
  | { type: "list"; member: string; min?: number; max?: number; sensitive?: boolean }
  | { type: "map"; key: string; value: string; min?: number; max?: number; sensitive?: boolean }
  | { type: "string"; min?: number; max?: number; pattern?: string; enum?: string[]; sensitive?: boolean }
  | { type: NumberKind; min?: number; max?: number }
  | { type: "blob"; min?: number; max?: number; sensitive?: boolean }
  | { type: "boolean" | "timestamp" | "document" };

export type NumberKind = "integer" | "long" | "double" | "number";

export interface CompiledPattern {
  /** As AWS prints it: the smithy pattern without its leading ^ and trailing $. */
  display: string;
  /** Undefined when the pattern does not compile as an ECMAScript regex; then it is not enforced. */
  regex: RegExp | undefined;
  /** At most one unbounded quantifier: matching time stays linear, so any length may be tested. */
  linear: boolean;
}

export interface Member {
  name: string;
  /** The name as AWS writes it in a validation path: first letter lower-cased. */
  pathName: string;
  required: boolean;
  node: ShapeNode;
}

export type ShapeNode =
  | { kind: "structure"; name: string; members: Member[]; sensitive: boolean }
  | { kind: "list"; member: ShapeNode; min?: number; max?: number; sensitive: boolean }
  | { kind: "map"; key: ShapeNode; value: ShapeNode; min?: number; max?: number; sensitive: boolean }
  | {
      kind: "string";
      min?: number;
      max?: number;
      pattern?: CompiledPattern;
      enumValues?: readonly string[];
      enumSet?: ReadonlySet<string>;
      sensitive: boolean;
    }
  | { kind: "number"; numberKind: NumberKind; min?: number; max?: number }
  | { kind: "blob"; min?: number; max?: number; sensitive: boolean }
  | { kind: "boolean" | "timestamp" | "document" };

const UNBOUNDED_QUANTIFIER = /(?<!\\)(?:[*+]|\{\d+,\})/g;

/** Compiles a smithy pattern for ECMAScript; Java's leading inline `(?s)` becomes the `s` flag. */
export function compilePattern(pattern: string): CompiledPattern {
  const display = pattern.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");
  const dotAll = pattern.includes("(?s)");
  const source = pattern.replaceAll("(?s)", "");
  const flags = dotAll ? "us" : "u";
  let regex: RegExp | undefined;
  for (const candidate of [flags, flags.replace("u", "")]) {
    try {
      regex = new RegExp(source, candidate);
      break;
    } catch {
      // try the next flag set; without a regex the pattern is skipped rather than rejecting every value
    }
  }
  return { display, regex, linear: (source.match(UNBOUNDED_QUANTIFIER)?.length ?? 0) <= 1 };
}

const bounds = (definition: { min?: number; max?: number }) => ({
  ...(definition.min !== undefined ? { min: definition.min } : {}),
  ...(definition.max !== undefined ? { max: definition.max } : {}),
});

/** Builds the node graph for every action's input; recursive shapes become cycles in the graph. */
export function compileModel(model: ModelFile): Map<string, ShapeNode> {
  const nodes = new Map<string, ShapeNode>();

  const resolve = (name: string): ShapeNode => {
    const existing = nodes.get(name);
    if (existing) return existing;
    const definition = model.shapes[name];
    if (!definition) throw new Error(`cognito-idp model: unknown shape ${name}`);
    switch (definition.type) {
      case "structure": {
        const members: Member[] = [];
        const node: ShapeNode = {
          kind: "structure",
          name,
          members,
          sensitive: definition.sensitive === true,
        };
        nodes.set(name, node); // before the members: a member may lead back here
        const required = new Set(definition.required ?? []);
        for (const [member, target] of Object.entries(definition.members)) {
          members.push({
            name: member,
            pathName: member.charAt(0).toLowerCase() + member.slice(1),
            required: required.has(member),
            node: resolve(target),
          });
        }
        return node;
      }
      case "list":
        return remember(name, {
          kind: "list",
          member: resolve(definition.member),
          ...bounds(definition),
          sensitive: definition.sensitive === true,
        });
      case "map":
        return remember(name, {
          kind: "map",
          key: resolve(definition.key),
          value: resolve(definition.value),
          ...bounds(definition),
          sensitive: definition.sensitive === true,
        });
      case "string":
        return remember(name, {
          kind: "string",
          ...bounds(definition),
          ...(definition.pattern !== undefined ? { pattern: compilePattern(definition.pattern) } : {}),
          ...(definition.enum ? { enumValues: definition.enum, enumSet: new Set(definition.enum) } : {}),
          sensitive: definition.sensitive === true,
        });
      case "blob":
        return remember(name, {
          kind: "blob",
          ...bounds(definition),
          sensitive: definition.sensitive === true,
        });
      case "boolean":
      case "timestamp":
      case "document":
        return remember(name, { kind: definition.type });
      default:
        return remember(name, { kind: "number", numberKind: definition.type, ...bounds(definition) });
    }
  };
  const remember = (name: string, node: ShapeNode) => {
    nodes.set(name, node);
    return node;
  };

  const inputs = new Map<string, ShapeNode>();
  for (const [action, { input }] of Object.entries(model.actions)) inputs.set(action, resolve(input));
  return inputs;
}
