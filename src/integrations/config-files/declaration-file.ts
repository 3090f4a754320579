import { readFile } from "node:fs/promises";
import { parse, YAMLParseError } from "yaml";

// Reads a `cognate apply` file: YAML 1.2 (JSON is valid YAML, so .json files read the same way).
// Errors name the file and, for syntax errors, the line and column.

export class DeclarationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeclarationFileError";
  }
}

export async function readDeclarationFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DeclarationFileError(
      code === "ENOENT" ? `${path} does not exist` : `cannot read ${path} (${(error as Error).message})`,
    );
  }
  try {
    // Plain data only: no custom tags, and merge keys as YAML 1.1 files commonly use them.
    return parse(text, { merge: true, prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      throw new DeclarationFileError(
        `${path}${at ? `:${at.line}:${at.col}` : ""} is not valid YAML or JSON: ${error.message.split("\n")[0]}`,
      );
    }
    throw error;
  }
}
