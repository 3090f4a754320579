import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import {
  CLIENT_SECRET_PURPOSE,
  type UserPoolClientSettings,
} from "../../domain/user-pool-client/user-pool-client.js";
import { DuplicateKeyError, type Storage } from "../../ports/storage.js";
import { isPlainObject, type JsonObject } from "../../shared/json.js";
import { type DumpCounts, dumpPurpose } from "./dump-format.js";
import { DumpError, type Reseal, requireString } from "./dump-records.js";

// The slow, careful writes of an import: one user at a time (after a batch met a collision) and app
// clients with their secrets.

export interface PendingUser {
  line: number;
  user: User;
}

export interface WriteSummary {
  imported: DumpCounts;
  skipped: DumpCounts;
}

export async function insertOneUser(
  storage: Storage,
  pools: Map<string, UserPool>,
  item: PendingUser,
  rowsOf: (item: PendingUser, pool: UserPool) => Parameters<Storage["users"]["insertUser"]>[0],
  summary: WriteSummary,
  problem: (line: number, message: string) => void,
): Promise<void> {
  const pool = pools.get(item.user.userPoolId) as UserPool;
  if (await storage.users.findUserBySub(pool.id, item.user.sub)) {
    summary.skipped.users++;
    return;
  }
  try {
    await storage.users.insertUser(rowsOf(item, pool));
    summary.imported.users++;
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    problem(
      item.line,
      `user ${item.user.username}: the username, email or phone number is taken by another user of ${pool.id}`,
    );
  }
}

export async function importClient(
  storage: Storage,
  reseal: Reseal,
  pool: UserPool,
  record: Record<string, unknown>,
  line: number,
  summary: WriteSummary,
): Promise<void> {
  const clientId = requireString(record, "clientId", line);
  if (await storage.userPoolClients.findClientById(clientId)) {
    summary.skipped.clients++;
    return;
  }
  if (!isPlainObject(record.settings) || typeof record.settings.ClientName !== "string") {
    throw new DumpError(line, "client settings must be an object with a ClientName");
  }
  const secrets = (Array.isArray(record.secrets) ? record.secrets : [])
    .filter(isPlainObject)
    .map((secret) => {
      const secretId = requireString(secret, "secretId", line);
      if (!reseal.dump) throw new DumpError(line, "a client secret in a dump without secrets");
      const value = reseal.dump.open(
        requireString(secret, "value", line),
        dumpPurpose.clientSecret(clientId, secretId),
      );
      return {
        secretId,
        clientId,
        sealedValue: reseal.master.seal(value, CLIENT_SECRET_PURPOSE),
        createdAt: new Date(requireString(secret, "createdAt", line)),
      };
    });
  const [first, ...rest] = secrets;
  await storage.userPoolClients.insertClient(
    {
      clientId,
      userPoolId: pool.id,
      settings: record.settings as UserPoolClientSettings,
      createdAt: new Date(requireString(record, "createdAt", line)),
      lastModifiedAt: new Date(requireString(record, "lastModifiedAt", line)),
    },
    first,
  );
  for (const secret of rest) await storage.userPoolClients.addClientSecret(secret, rest.length + 1);
  summary.imported.clients++;
}

/** A resource server or a domain, unless one with the same identifier or domain name is already there. */
export async function importOauthRecord(
  storage: Storage,
  pool: UserPool,
  record: Record<string, unknown>,
  line: number,
  summary: WriteSummary,
): Promise<void> {
  const createdAt = new Date(requireString(record, "createdAt", line));
  const lastModifiedAt = new Date(requireString(record, "lastModifiedAt", line));
  if (record.type === "resourceServer") {
    const identifier = requireString(record, "identifier", line);
    if (await storage.resourceServers.findResourceServer(pool.id, identifier)) {
      summary.skipped.resourceServers++;
      return;
    }
    const scopes = (Array.isArray(record.scopes) ? record.scopes : []).filter(isPlainObject).map((scope) => ({
      ScopeName: String(scope.ScopeName ?? ""),
      ScopeDescription: String(scope.ScopeDescription ?? ""),
    }));
    const server = {
      userPoolId: pool.id,
      identifier,
      name: requireString(record, "name", line),
      scopes,
      createdAt,
      lastModifiedAt,
    };
    await storage.resourceServers.insertResourceServer(server, Number.MAX_SAFE_INTEGER);
    summary.imported.resourceServers++;
    return;
  }
  const domain = requireString(record, "domain", line);
  if (await storage.userPoolDomains.findUserPoolDomain(domain)) {
    summary.skipped.domains++;
    return;
  }
  if (record.kind !== "prefix" && record.kind !== "custom")
    throw new DumpError(line, `unknown domain kind "${String(record.kind)}"`);
  await storage.userPoolDomains.insertUserPoolDomain({
    domain,
    userPoolId: pool.id,
    kind: record.kind,
    managedLoginVersion: typeof record.managedLoginVersion === "number" ? record.managedLoginVersion : 1,
    customDomainConfig: isPlainObject(record.customDomainConfig)
      ? (record.customDomainConfig as JsonObject)
      : null,
    createdAt,
    lastModifiedAt,
  });
  summary.imported.domains++;
}
