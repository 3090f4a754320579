import { access } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Where a LambdaConfig value says the code is:
// - http:// or https:// URL → a webhook;
// - file:// URL → that module file;
// - arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}] → {triggersDir}/{name}.mjs, .js or
//   .cjs, the first that exists (the qualifier, a version or alias, is ignored: there is one version).

const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:[0-9]*:function:([A-Za-z0-9_-]+)(?::[^:]+)?$/;
const EXTENSIONS = [".mjs", ".js", ".cjs"];

export type FunctionLocation =
  | { kind: "webhook"; url: URL }
  | { kind: "module"; functionName: string; candidates: string[]; arn: string };

export function parseLocation(location: string, triggersDir: string): FunctionLocation | undefined {
  if (/^https?:\/\//i.test(location)) {
    try {
      return { kind: "webhook", url: new URL(location) };
    } catch {
      return undefined;
    }
  }
  if (/^file:\/\//i.test(location)) {
    let path: string;
    try {
      path = fileURLToPath(location);
    } catch {
      return undefined;
    }
    const name = path.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
    return { kind: "module", functionName: name, candidates: [path], arn: location };
  }
  const match = LAMBDA_ARN.exec(location);
  if (!match?.[1]) return undefined;
  const name = match[1];
  const dir = isAbsolute(triggersDir) ? triggersDir : resolve(triggersDir);
  return {
    kind: "module",
    functionName: name,
    candidates: EXTENSIONS.map((extension) => join(dir, `${name}${extension}`)),
    arn: location,
  };
}

/** The first candidate file that exists, or undefined. */
export async function findModuleFile(candidates: readonly string[]): Promise<string | undefined> {
  for (const candidate of candidates) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next extension
    }
  }
  return undefined;
}
