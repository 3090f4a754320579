import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { LambdaHandler } from "../../../examples/triggers/lib/serve-as-webhook.mjs";

// A temporary COGNATE_TRIGGERS_DIR: functions are written as modules (with an optional
// `{name}.lambda.json`), and the examples are exposed under a function name by a one-line re-export, so
// the example keeps resolving its own imports (bcryptjs, better-sqlite3, nodemailer) from the repository.

export const EXAMPLES_DIR = resolve("examples/triggers");
export const ACCOUNT = "000000000000";

export interface TriggersDir {
  dir: string;
  /** The Lambda ARN that resolves to `{dir}/{name}.mjs`. */
  arn(name: string): string;
  /** Writes `{name}.mjs` with `source`, and `{name}.lambda.json` when settings are given. */
  write(name: string, source: string, settings?: FunctionSettings): string;
  /** Exposes examples/triggers/{file} as function `name`. */
  example(name: string, file: string, settings?: FunctionSettings): string;
  remove(): void;
}

export interface FunctionSettings {
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables: Record<string, string> };
}

export function createTriggersDir(region = "us-east-1"): TriggersDir {
  const dir = mkdtempSync(join(tmpdir(), "cognate-triggers-"));
  const arn = (name: string) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
  const write = (name: string, source: string, settings?: FunctionSettings) => {
    writeFileSync(join(dir, `${name}.mjs`), source);
    if (settings) writeFileSync(join(dir, `${name}.lambda.json`), JSON.stringify(settings));
    return arn(name);
  };
  return {
    dir,
    arn,
    write,
    example: (name, file, settings) =>
      write(
        name,
        `export { handler } from ${JSON.stringify(pathToFileURL(join(EXAMPLES_DIR, file)).href)};\n`,
        settings,
      ),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** An example's handler, for serving it as a webhook in the test process. */
export async function exampleHandler(file: string): Promise<LambdaHandler> {
  const module = await import(pathToFileURL(join(EXAMPLES_DIR, file)).href);
  return module.handler as LambdaHandler;
}
