import type { Group } from "../../domain/group/group.js";
import type { SigningKey } from "../../domain/tokens/signing-key.js";
import type { User, UserStatus } from "../../domain/user/user.js";
import type { ForeignPasswordHashes } from "../../ports/foreign-password-hashes.js";
import type { SecretBox } from "../../ports/secret-box.js";
import { isPlainObject } from "../../shared/json.js";
import { SIGNING_KEY_PURPOSE } from "../tokens/signing-keys.js";
import { SRP_VERIFIER_PURPOSE } from "../users/passwords.js";
import {
  dateOrNull,
  dumpPurpose,
  type GroupRecord,
  type SigningKeyRecord,
  type UserRecord,
} from "./dump-format.js";

// Turning dump records back into stored shapes, with the checks that make a bad line fail with its line
// number instead of a database error: required fields and types, known statuses, verifiable password hashes.
// Secrets are opened with the passphrase box and sealed again with this instance's master key.

export class DumpError extends Error {
  constructor(
    readonly lineNumber: number,
    message: string,
  ) {
    super(`line ${lineNumber}: ${message}`);
    this.name = "DumpError";
  }
}

const STATUSES: readonly string[] = [
  "UNCONFIRMED",
  "CONFIRMED",
  "FORCE_CHANGE_PASSWORD",
  "RESET_REQUIRED",
  "EXTERNAL_PROVIDER",
  "ARCHIVED",
  "COMPROMISED",
  "UNKNOWN",
];

export interface Reseal {
  master: SecretBox;
  /** The passphrase box; undefined when the dump carries no secrets. */
  dump: SecretBox | undefined;
}

export function requireString(record: Record<string, unknown>, field: string, line: number): string {
  const value = record[field];
  if (typeof value !== "string" || value === "")
    throw new DumpError(line, `"${field}" must be a non-empty string`);
  return value;
}

function requireDate(record: Record<string, unknown>, field: string, line: number): Date {
  const date = new Date(requireString(record, field, line));
  if (Number.isNaN(date.getTime())) throw new DumpError(line, `"${field}" is not an ISO-8601 date`);
  return date;
}

function stringMap(value: unknown, field: string, line: number): Record<string, string> {
  if (!isPlainObject(value) || Object.values(value).some((item) => typeof item !== "string")) {
    throw new DumpError(line, `"${field}" must be an object of strings`);
  }
  return value as Record<string, string>;
}

/** True when this instance can verify the hash at sign-in. */
export function verifiableHash(hash: string, foreign: ForeignPasswordHashes | undefined): boolean {
  return /^\$argon2(id|i|d)\$/.test(hash) || foreign?.formatOf(hash) !== undefined;
}

export function userFromRecord(
  raw: Record<string, unknown>,
  line: number,
  reseal: Reseal,
  foreign: ForeignPasswordHashes | undefined,
): User {
  const record = raw as unknown as UserRecord;
  const userPoolId = requireString(raw, "userPoolId", line);
  const sub = requireString(raw, "sub", line);
  const username = requireString(raw, "username", line);
  if (!STATUSES.includes(record.status))
    throw new DumpError(line, `unknown user status "${String(record.status)}"`);
  let password: User["password"] = null;
  if (record.password) {
    const stored = record.password;
    if (typeof stored.hash !== "string" || !verifiableHash(stored.hash, foreign)) {
      throw new DumpError(
        line,
        `the password hash of ${username} is not in a format Cognate verifies (argon2, bcrypt, scrypt or PBKDF2 PHC/MCF strings)`,
      );
    }
    let verifierSealed: string | null = null;
    if (stored.srpVerifier && reseal.dump && stored.srpSaltHex) {
      const verifier = reseal.dump.open(stored.srpVerifier, dumpPurpose.srpVerifier(userPoolId, sub));
      verifierSealed = reseal.master.seal(verifier, SRP_VERIFIER_PURPOSE);
    }
    password = {
      hash: stored.hash,
      srpSaltHex: verifierSealed ? stored.srpSaltHex : null,
      srpVerifierSealed: verifierSealed,
      changedAt: stored.changedAt
        ? requireDate(stored as unknown as Record<string, unknown>, "changedAt", line)
        : new Date(),
    };
  }
  const history = Array.isArray(record.passwordHistory)
    ? record.passwordHistory.filter((h) => typeof h === "string")
    : [];
  const pending = record.pendingAttributes
    ? stringMap(record.pendingAttributes, "pendingAttributes", line)
    : undefined;
  return {
    userPoolId,
    sub,
    username,
    status: record.status as UserStatus,
    enabled: record.enabled !== false,
    attributes: stringMap(record.attributes ?? {}, "attributes", line),
    ...(pending && Object.keys(pending).length > 0 ? { pendingAttributes: pending } : {}),
    password,
    passwordHistory: history,
    temporaryPasswordExpiresAt: dateOrNull(record.temporaryPasswordExpiresAt),
    tokensRevokedAt: dateOrNull(record.tokensRevokedAt),
    createdAt: requireDate(raw, "createdAt", line),
    lastModifiedAt: requireDate(raw, "lastModifiedAt", line),
  };
}

export function groupFromRecord(raw: Record<string, unknown>, line: number): Group {
  const record = raw as unknown as GroupRecord;
  return {
    userPoolId: requireString(raw, "userPoolId", line),
    groupName: requireString(raw, "groupName", line),
    description: typeof record.description === "string" ? record.description : null,
    roleArn: typeof record.roleArn === "string" ? record.roleArn : null,
    precedence: typeof record.precedence === "number" ? record.precedence : null,
    createdAt: requireDate(raw, "createdAt", line),
    lastModifiedAt: requireDate(raw, "lastModifiedAt", line),
  };
}

export function signingKeyFromRecord(raw: Record<string, unknown>, line: number, reseal: Reseal): SigningKey {
  const record = raw as unknown as SigningKeyRecord;
  if (!reseal.dump) throw new DumpError(line, "a signing key in a dump without secrets");
  const kid = requireString(raw, "kid", line);
  if (record.use !== "id" && record.use !== "access")
    throw new DumpError(line, `unknown key use "${String(record.use)}"`);
  const privateJwk = reseal.dump.open(requireString(raw, "privateJwk", line), dumpPurpose.signingKey(kid));
  return {
    kid,
    userPoolId: requireString(raw, "userPoolId", line),
    use: record.use,
    algorithm: "RS256",
    privateKeySealed: reseal.master.seal(privateJwk, SIGNING_KEY_PURPOSE),
    publicJwk: stringMap(record.publicJwk, "publicJwk", line),
    createdAt: requireDate(raw, "createdAt", line),
    retiredAt: dateOrNull(record.retiredAt),
    expiresAt: dateOrNull(record.expiresAt),
  };
}
