import { readFile } from "node:fs/promises";
import type { CompromisedPasswordList } from "../../domain/auth/password-policy.js";

// The shipped list of the 10,000 most common passwords (see common-passwords-10k.NOTICE.md), read once
// at start-up into a Set. Matching ignores case: "Dragon" is as guessable as "dragon". The build must
// copy the .txt next to this module (or pass another file).

export const COMMON_PASSWORDS_FILE = new URL("./common-passwords-10k.txt", import.meta.url);

export interface LoadedPasswordList extends CompromisedPasswordList {
  readonly size: number;
}

export function passwordListFromText(text: string): LoadedPasswordList {
  const entries = new Set<string>();
  for (const line of text.split("\n")) {
    const entry = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (entry.length > 0) entries.add(entry.toLowerCase());
  }
  return { size: entries.size, contains: (password) => entries.has(password.toLowerCase()) };
}

export async function loadCommonPasswordList(
  file: string | URL = COMMON_PASSWORDS_FILE,
): Promise<LoadedPasswordList> {
  return passwordListFromText(await readFile(file, "utf8"));
}
