import fc from "fast-check";
import model from "../../../src/http/cognito-json/model/cognito-idp.model.json" with { type: "json" };
import { USER_POOL_ACTIONS } from "../../../src/http/cognito-json/user-pools.actions.js";

// Request bodies for the fuzz test: shaped by the model, then mutated (wrong types, huge strings, unicode,
// nulls, deep nesting, extra fields, non-object and invalid JSON).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Shape {
  type: string;
  members?: Record<string, string>;
  required?: string[];
  member?: string;
  key?: string;
  value?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
const shapes = model.shapes as unknown as Record<string, Shape>;
const actions = model.actions as Record<string, { input: string }>;

export const implemented = Object.entries(USER_POOL_ACTIONS)
  .filter(([, definition]) => definition.status !== "missing")
  .map(([name]) => name);
/** About 2,400 requests per backend in all, at most 30 per action. */
export const RUNS_PER_ACTION = Math.max(8, Math.min(30, Math.floor(2400 / Math.max(1, implemented.length))));

// ---- bodies shaped by the model ------------------------------------------------------------------------

/** Candidates for pattern-constrained strings; each shape uses those its pattern and length accept. */
const SAMPLE_STRINGS = [
  "us-east-1_AbC123xyz",
  "abc",
  "x",
  "1",
  "123456",
  "email",
  "noreply@example.com",
  "+15555550100",
  "abcdefghijklmnop",
  "https://example.com/callback",
  "example-domain",
  "arn:aws:lambda:us-east-1:123456789012:function:fuzz",
  "arn:aws:s3:::bucket",
  "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
  "Your code is {####}.",
  "Hello {username}, your code is {####}.",
  "Click {##Verify Email##} to verify.",
];

function stringArbitrary(shape: Shape, known: Record<string, fc.Arbitrary<string>>, member: string) {
  if (shape.enum) return fc.constantFrom(...shape.enum);
  const own = known[member];
  const maxLength = Math.min(shape.max ?? 40, 40);
  const minLength = Math.min(shape.min ?? 0, maxLength);
  if (shape.pattern) {
    let regex: RegExp | undefined;
    try {
      regex = new RegExp(shape.pattern, "u");
    } catch {
      regex = undefined;
    }
    const fitting = regex
      ? SAMPLE_STRINGS.filter(
          (sample) =>
            regex.test(sample) && sample.length >= (shape.min ?? 0) && sample.length <= (shape.max ?? 1e9),
        )
      : [];
    const fallback = fitting.length > 0 ? fc.constantFrom(...fitting) : fc.string({ minLength, maxLength });
    return own ? fc.oneof(own, fallback) : fallback;
  }
  const generated = fc.string({ minLength, maxLength, unit: "grapheme" });
  return own ? fc.oneof(own, generated) : generated;
}

/** A value of the shape that mostly satisfies its constraints; real ids (known) are mixed in by member name. */
function valid(
  name: string,
  depth: number,
  known: Record<string, fc.Arbitrary<string>>,
  member = "",
): fc.Arbitrary<Json> {
  const shape = shapes[name]!;
  switch (shape.type) {
    case "structure": {
      const entries = Object.entries(shape.members ?? {});
      const required = shape.required ?? [];
      const chosen = depth > 3 ? entries.filter(([key]) => required.includes(key)) : entries;
      const record: Record<string, fc.Arbitrary<Json>> = {};
      for (const [key, target] of chosen) record[key] = valid(target, depth + 1, known, key);
      return fc.record(record, {
        requiredKeys: required.filter((key) => key in record),
      }) as fc.Arbitrary<Json>;
    }
    case "list":
      return fc.array(valid(shape.member!, depth + 1, known), {
        minLength: shape.min ?? 0,
        maxLength: Math.max(shape.min ?? 0, Math.min(shape.max ?? 3, 3)),
      });
    case "map":
      return fc.dictionary(
        stringArbitrary(shapes[shape.key!]!, {}, "") as fc.Arbitrary<string>,
        valid(shape.value!, depth + 1, known),
        { maxKeys: 3 },
      );
    case "string":
      return stringArbitrary(shape, known, member);
    case "integer":
    case "long":
    case "number":
      return fc.integer({ min: shape.min ?? -5, max: Math.min(shape.max ?? 1000, 2 ** 31 - 1) });
    case "double":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "timestamp":
      return fc.integer({ min: 0, max: 2_000_000_000 });
    case "blob":
      return fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString("base64"));
    default:
      return fc.jsonValue() as fc.Arbitrary<Json>;
  }
}

// ---- mutations -----------------------------------------------------------------------------------------

/** Every path to a value inside a JSON tree, the root excluded. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [];
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, index) => index)
    : Object.keys(value);
  return keys.flatMap((key) => {
    const child = (value as Record<string | number, Json>)[key] as Json;
    return [[...prefix, key], ...paths(child, [...prefix, key])];
  });
}

function replaceAt(root: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let cursor = copy;
  for (const step of path.slice(0, -1)) cursor = cursor[step] as Record<string | number, Json>;
  cursor[path[path.length - 1]!] = replacement;
  return copy;
}

const DEEP = 2_000;
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(null, true, 0, -1, 2 ** 53, 1.5, "", [], {}, [null], { "": null }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.string({ unit: "grapheme-composite", maxLength: 50 }),
  fc.constantFrom("\u0000", "\ud800", "😀".repeat(200), "x".repeat(150_000), " ".repeat(5_000), "__proto__"),
  fc.nat(DEEP).map((depth) => JSON.parse(`${"[".repeat(depth + 1)}${"]".repeat(depth + 1)}`) as Json),
);

export type Body = {
  kind: "shaped" | "mutated" | "extended" | "deep" | "not an object" | "not JSON";
  text: string;
};
const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** A request body: valid-looking, mutated at one path, extended with extra fields, or not even JSON. */
export function bodies(action: string, known: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Body> {
  const base = valid(actions[action]!.input, 0, known);
  const mutated = fc.tuple(base, fc.nat(), hostileValue).map(([body, pick, replacement]) => {
    const all = paths(body);
    return JSON.stringify(all.length === 0 ? body : replaceAt(body, all[pick % all.length]!, replacement));
  });
  const extended = fc
    .tuple(base, fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 4 }))
    .map(([body, extra]) => JSON.stringify({ ...extra, ...(body as object) }));
  const deep = fc.nat(50_000).map((depth) => `{"X":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`);
  const notAnObject = fc.constantFrom("[]", "1", '"s"', "null", "true", "[{}]", "-0.5e3");
  const notJson = fc
    .oneof(
      fc.string({ maxLength: 40 }),
      base.map((body) => JSON.stringify(body).slice(0, -1)),
      fc.constantFrom("{", "{]", '{"a":}', "\u0000", "{'a':1}", "\ufeff{}", '{"a":1}}'),
    )
    .filter((text) => text.trim() !== "" && !isJson(text));
  const tagged = (kind: Body["kind"], arbitrary: fc.Arbitrary<string>) =>
    arbitrary.map((text): Body => ({ kind, text }));
  return fc.oneof(
    {
      arbitrary: tagged(
        "shaped",
        base.map((body) => JSON.stringify(body)),
      ),
      weight: 3,
    },
    { arbitrary: tagged("mutated", mutated), weight: 4 },
    { arbitrary: tagged("extended", extended), weight: 1 },
    { arbitrary: tagged("deep", deep), weight: 1 },
    { arbitrary: tagged("not an object", notAnObject), weight: 1 },
    { arbitrary: tagged("not JSON", notJson), weight: 1 },
  );
}

/** Counterexamples print shortened: a 150 kB body would drown the report. */
export function abbreviated(body: Body) {
  const { text } = body;
  const shown = text.length > 400 ? `${text.slice(0, 400)}… (${text.length} chars)` : text;
  return { ...body, [fc.toStringMethod]: () => `${body.kind}: ${JSON.stringify(shown)}` };
}
