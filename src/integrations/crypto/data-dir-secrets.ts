import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface AdminCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

function writePrivate(path: string, content: string): void {
  // "wx" fails if another node created it first; the caller then reads the winner's file.
  writeFileSync(path, content, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
}

/** Returns the configured master key, or the one kept in the data dir (generated on first start). */
export function loadOrCreateMasterKey(
  dataDir: string,
  configured: string | undefined,
): { key: Buffer; generated: boolean; fromFile: boolean } {
  if (configured) return { key: Buffer.from(configured, "base64"), generated: false, fromFile: false };
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "master.key");
  let generated = false;
  if (!existsSync(path)) {
    try {
      writePrivate(path, `${randomBytes(32).toString("base64")}\n`);
      generated = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
  return { key, generated, fromFile: true };
}

/** Returns the configured admin credentials, or the pair kept in the data dir (generated on first start). */
export function loadOrCreateAdminCredentials(
  dataDir: string,
  configured: { accessKeyId: string | undefined; secretAccessKey: string | undefined },
): { credentials: AdminCredentials; generated: boolean } {
  if (configured.accessKeyId && configured.secretAccessKey) {
    return {
      credentials: { accessKeyId: configured.accessKeyId, secretAccessKey: configured.secretAccessKey },
      generated: false,
    };
  }
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "admin-credentials.json");
  let generated = false;
  if (!existsSync(path)) {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const idBytes = randomBytes(16);
    const accessKeyId = `AKIA${Array.from(idBytes, (byte) => alphabet[byte % 32]).join("")}`;
    const secretAccessKey = randomBytes(30).toString("base64");
    try {
      writePrivate(path, `${JSON.stringify({ accessKeyId, secretAccessKey }, null, 2)}\n`);
      generated = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<AdminCredentials>;
  if (typeof parsed.accessKeyId !== "string" || typeof parsed.secretAccessKey !== "string") {
    throw new Error(`${path} is damaged: it must hold accessKeyId and secretAccessKey`);
  }
  return {
    credentials: { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey },
    generated,
  };
}
