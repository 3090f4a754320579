import { InvalidCursorError } from "../../ports/storage.js";

/** Keyset cursor over (created_at, id): stable under concurrent inserts, O(log n) per page. */
export interface Keyset {
  createdAt: number;
  id: string;
}

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.createdAt, keyset.id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): Keyset {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, id] = parsed as unknown[];
      if (typeof createdAt === "number" && Number.isSafeInteger(createdAt) && typeof id === "string") {
        return { createdAt, id };
      }
    }
  } catch {
    // fall through to the rejection below
  }
  throw new InvalidCursorError();
}
