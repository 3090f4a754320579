import { DuplicateKeyError } from "../../ports/storage.js";

/** Turns a unique-constraint failure from either driver into the port's DuplicateKeyError. */
export function translateWriteError(error: unknown): unknown {
  if (typeof error !== "object" || error === null) return error;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === "23505") return new DuplicateKeyError(typeof constraint === "string" ? constraint : "unique");
  if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") {
    return new DuplicateKeyError(typeof message === "string" ? message : "unique");
  }
  return error;
}

export async function withWriteErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw translateWriteError(error);
  }
}
