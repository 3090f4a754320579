import { activeAliases, usernameKey } from "../../domain/user/sign-in-identity.js";
import type { UserPool, UserPoolSettings } from "../../domain/user-pool/user-pool.js";
import type { ForeignPasswordHashes } from "../../ports/foreign-password-hashes.js";
import type { SecretBox } from "../../ports/secret-box.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import { isPlainObject, type JsonObject } from "../../shared/json.js";
import type { AppDependencies } from "../dependencies.js";
import {
  DUMP_FORMAT,
  DUMP_VERSION,
  type DumpCounts,
  emptyCounts,
  READABLE_DUMP_VERSIONS,
} from "./dump-format.js";
import {
  DumpError,
  groupFromRecord,
  type Reseal,
  requireString,
  signingKeyFromRecord,
  userFromRecord,
} from "./dump-records.js";
import { importClient, importOauthRecord, insertOneUser, type PendingUser } from "./import-writes.js";
import { importSecurityRecord } from "./mfa-records.js";

// `cognate import`: reads a dump line by line and writes it, keeping every id. It can be run again: what
// already exists (same pool id, client id, group name, sub, kid) is skipped, so an interrupted import is
// finished by importing the same file again. Users are written USER_BATCH at a time in one transaction; a
// batch that meets a taken username or alias is redone one user at a time, and the user that collides is
// reported (onProblem) and counted as failed. Memory holds one batch, whatever the dump's size.

export type ImportDependencies = Pick<AppDependencies, "storage" | "secretBox" | "deployment"> & {
  foreignHashes?: ForeignPasswordHashes;
};

export interface ImportOptions {
  /** Opens a dump's sealed secrets (from the header's kdf and check); throws on a wrong passphrase. */
  unlockSecrets?(kdf: JsonObject, check: string): SecretBox;
  onProgress?(imported: DumpCounts): void;
  /** A record that could not be imported; the import goes on. */
  onProblem?(lineNumber: number, message: string): void;
}

export interface ImportSummary {
  imported: DumpCounts;
  skipped: DumpCounts;
  failed: number;
  /** The dump was exported without a passphrase: SRP verifiers and secrets were not in it. */
  secretsOmitted: boolean;
  /** The end record was read (the dump was not cut short). */
  complete: boolean;
}

const USER_BATCH = 500;

export async function importDump(
  deps: ImportDependencies,
  lines: AsyncIterable<string>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const { storage } = deps;
  const summary: ImportSummary = {
    imported: emptyCounts(),
    skipped: emptyCounts(),
    failed: 0,
    secretsOmitted: false,
    complete: false,
  };
  const pools = new Map<string, UserPool>();
  const reseal: Reseal = { master: deps.secretBox, dump: undefined };
  let batch: PendingUser[] = [];
  let memberships: Array<{ line: number; userPoolId: string; groupName: string; sub: string }> = [];
  let lineNumber = 0;
  let headerSeen = false;

  const problem = (line: number, message: string) => {
    summary.failed++;
    options.onProblem?.(line, message);
  };
  const poolOf = (record: Record<string, unknown>, line: number): UserPool => {
    const pool = pools.get(requireString(record, "userPoolId", line));
    if (!pool) throw new DumpError(line, "a record before its userPool record");
    return pool;
  };

  const flushUsers = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    const rowsOf = (item: PendingUser, pool: UserPool) => ({
      user: item.user,
      usernameKey: usernameKey(pool.settings, item.user.username),
      aliases: activeAliases(pool.settings, item.user),
    });
    try {
      await storage.transaction(async (repositories) => {
        for (const item of pending) {
          await repositories.users.insertUser(rowsOf(item, pools.get(item.user.userPoolId) as UserPool));
        }
      });
      summary.imported.users += pending.length;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      for (const item of pending) await insertOneUser(storage, pools, item, rowsOf, summary, problem);
    }
    options.onProgress?.(summary.imported);
  };

  const flushMemberships = async () => {
    if (memberships.length === 0) return;
    const pending = memberships;
    memberships = [];
    const at = new Date();
    try {
      await storage.transaction(async (repositories) => {
        for (const m of pending)
          await repositories.groups.addUserToGroup(m.userPoolId, m.groupName, m.sub, at);
      });
      summary.imported.memberships += pending.length;
    } catch {
      for (const m of pending) {
        try {
          await storage.groups.addUserToGroup(m.userPoolId, m.groupName, m.sub, at);
          summary.imported.memberships++;
        } catch {
          problem(
            m.line,
            `membership of ${m.sub} in ${m.groupName}: the user or the group is not in the pool`,
          );
        }
      }
    }
  };

  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === "") continue;
    let record: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isPlainObject(parsed)) throw new Error("not an object");
      record = parsed;
    } catch {
      throw new DumpError(lineNumber, "not a JSON object (is this a `cognate export` dump?)");
    }
    const type = record.type;
    if (!headerSeen) {
      if (type !== "header" || record.format !== DUMP_FORMAT) {
        throw new DumpError(
          lineNumber,
          "the first line is not a cognate-dump header (is this a `cognate export` dump?)",
        );
      }
      if (typeof record.version !== "number" || !READABLE_DUMP_VERSIONS.includes(record.version)) {
        throw new DumpError(
          lineNumber,
          `dump format version ${String(record.version)}; this Cognate reads versions 1 to ${DUMP_VERSION}`,
        );
      }
      if (record.region !== deps.deployment.region) {
        throw new DumpError(
          lineNumber,
          `the dump comes from region ${String(record.region)} (pool ids carry it); start Cognate with COGNATE_REGION=${String(record.region)} to import it`,
        );
      }
      const secrets = isPlainObject(record.secrets) ? record.secrets : {};
      if (secrets.included === true) {
        if (!options.unlockSecrets) {
          throw new DumpError(
            lineNumber,
            "this dump's secrets are sealed with a passphrase: pass it with --passphrase-file",
          );
        }
        reseal.dump = options.unlockSecrets(
          (isPlainObject(secrets.kdf) ? secrets.kdf : {}) as JsonObject,
          String(secrets.check ?? ""),
        );
      } else {
        summary.secretsOmitted = true;
      }
      headerSeen = true;
      continue;
    }
    if (type !== "user") await flushUsers();
    if (type !== "membership") await flushMemberships();
    switch (type) {
      case "userPool": {
        const id = requireString(record, "id", lineNumber);
        if (!id.startsWith(`${deps.deployment.region}_`))
          throw new DumpError(lineNumber, `pool id ${id} is not of region ${deps.deployment.region}`);
        const existing = await storage.userPools.findUserPool(id);
        if (existing) {
          summary.skipped.userPools++;
          pools.set(id, existing);
          break;
        }
        if (!isPlainObject(record.settings) || typeof record.settings.PoolName !== "string") {
          throw new DumpError(lineNumber, "userPool settings must be an object with a PoolName");
        }
        const pool: UserPool = {
          id,
          settings: record.settings as UserPoolSettings,
          createdAt: new Date(requireString(record, "createdAt", lineNumber)),
          lastModifiedAt: new Date(requireString(record, "lastModifiedAt", lineNumber)),
        };
        await storage.userPools.insertUserPool(pool);
        pools.set(id, pool);
        summary.imported.userPools++;
        break;
      }
      case "signingKey": {
        const pool = poolOf(record, lineNumber);
        const key = signingKeyFromRecord(record, lineNumber, reseal);
        const known = await storage.signingKeys.listSigningKeys(pool.id, new Date(0));
        if (known.some((existing) => existing.kid === key.kid)) summary.skipped.signingKeys++;
        else {
          await storage.signingKeys.insertSigningKey(key);
          summary.imported.signingKeys++;
        }
        break;
      }
      case "client":
        await importClient(storage, reseal, poolOf(record, lineNumber), record, lineNumber, summary);
        break;
      case "group": {
        const group = groupFromRecord(record, lineNumber);
        poolOf(record, lineNumber);
        if (await storage.groups.findGroup(group.userPoolId, group.groupName)) summary.skipped.groups++;
        else {
          await storage.groups.insertGroup(group);
          summary.imported.groups++;
        }
        break;
      }
      case "resourceServer":
      case "domain":
        await importOauthRecord(storage, poolOf(record, lineNumber), record, lineNumber, summary);
        break;
      case "user": {
        poolOf(record, lineNumber);
        batch.push({
          line: lineNumber,
          user: userFromRecord(record, lineNumber, reseal, deps.foreignHashes),
        });
        if (batch.length >= USER_BATCH) await flushUsers();
        break;
      }
      case "mfa":
      case "device":
      case "passkey":
        await importSecurityRecord(
          storage,
          reseal,
          poolOf(record, lineNumber),
          record,
          lineNumber,
          summary,
          problem,
        );
        break;
      case "membership":
        poolOf(record, lineNumber);
        memberships.push({
          line: lineNumber,
          userPoolId: requireString(record, "userPoolId", lineNumber),
          groupName: requireString(record, "groupName", lineNumber),
          sub: requireString(record, "sub", lineNumber),
        });
        if (memberships.length >= USER_BATCH) await flushMemberships();
        break;
      case "end":
        summary.complete = true;
        break;
      default:
        throw new DumpError(lineNumber, `unknown record type "${String(type)}" (a newer Cognate's dump?)`);
    }
  }
  await flushUsers();
  await flushMemberships();
  if (!headerSeen) throw new DumpError(0, "the dump is empty");
  return summary;
}
