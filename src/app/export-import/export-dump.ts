import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { userPoolNotFound } from "../../domain/user-pool/user-pool.js";
import { CLIENT_SECRET_PURPOSE } from "../../domain/user-pool-client/user-pool-client.js";
import type { SecretBox } from "../../ports/secret-box.js";
import type { Page, PageRequest } from "../../ports/storage.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies } from "../dependencies.js";
import { SIGNING_KEY_PURPOSE } from "../tokens/signing-keys.js";
import { SRP_VERIFIER_PURPOSE } from "../users/passwords.js";
import {
  DUMP_FORMAT,
  DUMP_VERSION,
  type DumpCounts,
  type DumpRecord,
  dumpPurpose,
  emptyCounts,
  isoOrNull,
  SECRET_KINDS,
  type UserRecord,
} from "./dump-format.js";
import { securityRecords } from "./mfa-records.js";

// `cognate export`: every pool (or one), streamed record by record through keyset pages of PAGE_SIZE, so
// memory stays flat whatever the number of users. Secrets are opened with the master key and sealed again
// under the export passphrase; without one they are left out and flagged (see dump-format.ts).

export type ExportDependencies = Pick<AppDependencies, "storage" | "secretBox" | "clock" | "deployment">;

export interface ExportOptions {
  userPoolId?: string;
  /** The passphrase box and what the header needs to reopen it; absent, secrets are left out. */
  secrets?: { kdf: JsonObject; check: string; box: SecretBox };
  /** Called after each page of users: users written so far, and the total to expect. */
  onProgress?(done: number, total: number): void;
}

const PAGE_SIZE = 500;

async function* pages<T>(fetch: (page: PageRequest) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor === undefined ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, cursor });
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}

function userRecord(deps: ExportDependencies, options: ExportOptions, user: User): UserRecord {
  const stored = user.password;
  const verifier =
    stored?.srpVerifierSealed && options.secrets
      ? options.secrets.box.seal(
          deps.secretBox.open(stored.srpVerifierSealed, SRP_VERIFIER_PURPOSE),
          dumpPurpose.srpVerifier(user.userPoolId, user.sub),
        )
      : null;
  return {
    type: "user",
    userPoolId: user.userPoolId,
    sub: user.sub,
    username: user.username,
    status: user.status,
    enabled: user.enabled,
    attributes: user.attributes,
    ...(user.pendingAttributes && Object.keys(user.pendingAttributes).length > 0
      ? { pendingAttributes: user.pendingAttributes }
      : {}),
    password: stored
      ? {
          hash: stored.hash,
          srpSaltHex: verifier ? stored.srpSaltHex : null,
          srpVerifier: verifier,
          changedAt: stored.changedAt.toISOString(),
        }
      : null,
    ...(stored?.srpVerifierSealed && !options.secrets
      ? { secretsOmitted: ["srpVerifier"] as ["srpVerifier"] }
      : {}),
    passwordHistory: user.passwordHistory,
    temporaryPasswordExpiresAt: isoOrNull(user.temporaryPasswordExpiresAt),
    tokensRevokedAt: isoOrNull(user.tokensRevokedAt),
    createdAt: user.createdAt.toISOString(),
    lastModifiedAt: user.lastModifiedAt.toISOString(),
  };
}

async function* poolRecords(
  deps: ExportDependencies,
  options: ExportOptions,
  pool: UserPool,
  counts: DumpCounts,
  progress: { done: number; total: number },
): AsyncGenerator<DumpRecord> {
  const { storage } = deps;
  const box = options.secrets?.box;
  counts.userPools++;
  yield {
    type: "userPool",
    id: pool.id,
    settings: pool.settings,
    createdAt: pool.createdAt.toISOString(),
    lastModifiedAt: pool.lastModifiedAt.toISOString(),
  };
  if (box) {
    for (const key of await storage.signingKeys.listSigningKeys(pool.id, deps.clock.now())) {
      counts.signingKeys++;
      yield {
        type: "signingKey",
        userPoolId: pool.id,
        kid: key.kid,
        use: key.use,
        algorithm: key.algorithm,
        privateJwk: box.seal(
          deps.secretBox.open(key.privateKeySealed, SIGNING_KEY_PURPOSE),
          dumpPurpose.signingKey(key.kid),
        ),
        publicJwk: key.publicJwk,
        createdAt: key.createdAt.toISOString(),
        retiredAt: isoOrNull(key.retiredAt),
        expiresAt: isoOrNull(key.expiresAt),
      };
    }
  }
  for await (const clients of pages((page) => storage.userPoolClients.listClients(pool.id, page))) {
    for (const client of clients) {
      const secrets = await storage.userPoolClients.listClientSecrets(client.clientId);
      counts.clients++;
      yield {
        type: "client",
        userPoolId: pool.id,
        clientId: client.clientId,
        settings: client.settings,
        createdAt: client.createdAt.toISOString(),
        lastModifiedAt: client.lastModifiedAt.toISOString(),
        secrets: box
          ? secrets.map((secret) => ({
              secretId: secret.secretId,
              createdAt: secret.createdAt.toISOString(),
              value: box.seal(
                deps.secretBox.open(secret.sealedValue, CLIENT_SECRET_PURPOSE),
                dumpPurpose.clientSecret(client.clientId, secret.secretId),
              ),
            }))
          : [],
        ...(!box && secrets.length > 0 ? { secretsOmitted: ["clientSecrets"] as ["clientSecrets"] } : {}),
      };
    }
  }
  const groupNames: string[] = [];
  for await (const groups of pages((page) => storage.groups.listGroups(pool.id, page))) {
    for (const group of groups) {
      counts.groups++;
      groupNames.push(group.groupName);
      yield {
        type: "group",
        userPoolId: pool.id,
        groupName: group.groupName,
        description: group.description,
        roleArn: group.roleArn,
        precedence: group.precedence,
        createdAt: group.createdAt.toISOString(),
        lastModifiedAt: group.lastModifiedAt.toISOString(),
      };
    }
  }
  for await (const servers of pages((page) => storage.resourceServers.listResourceServers(pool.id, page))) {
    for (const server of servers) {
      counts.resourceServers++;
      yield {
        type: "resourceServer",
        userPoolId: pool.id,
        identifier: server.identifier,
        name: server.name,
        scopes: server.scopes,
        createdAt: server.createdAt.toISOString(),
        lastModifiedAt: server.lastModifiedAt.toISOString(),
      };
    }
  }
  for (const kind of ["prefix", "custom"] as const) {
    const domain = await storage.userPoolDomains.findUserPoolDomainOfPool(pool.id, kind);
    if (!domain) continue;
    counts.domains++;
    yield {
      type: "domain",
      userPoolId: pool.id,
      domain: domain.domain,
      kind: domain.kind,
      managedLoginVersion: domain.managedLoginVersion,
      customDomainConfig: domain.customDomainConfig,
      createdAt: domain.createdAt.toISOString(),
      lastModifiedAt: domain.lastModifiedAt.toISOString(),
    };
  }
  for await (const users of pages((page) => storage.users.listUsers(pool.id, { page }))) {
    for (const user of users) {
      counts.users++;
      yield userRecord(deps, options, user);
    }
    yield* securityRecords(storage, deps.secretBox, box, pool, users, counts);
    progress.done += users.length;
    options.onProgress?.(progress.done, progress.total);
  }
  for (const groupName of groupNames) {
    for await (const members of pages((page) => storage.groups.listUsersInGroup(pool.id, groupName, page))) {
      for (const member of members) {
        counts.memberships++;
        yield { type: "membership", userPoolId: pool.id, groupName, sub: member.sub };
      }
    }
  }
}

/** The dump as NDJSON lines (each ends with "\n"). */
export async function* exportDump(
  deps: ExportDependencies,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const pools: UserPool[] = [];
  if (options.userPoolId !== undefined) {
    const pool = await deps.storage.userPools.findUserPool(options.userPoolId);
    if (!pool) throw userPoolNotFound(options.userPoolId);
    pools.push(pool);
  } else {
    for await (const page of pages((request) => deps.storage.userPools.listUserPools(request)))
      pools.push(...page);
  }
  const progress = { done: 0, total: 0 };
  for (const pool of pools) progress.total += await deps.storage.users.countUsers(pool.id);

  const header: DumpRecord = {
    type: "header",
    format: DUMP_FORMAT,
    version: DUMP_VERSION,
    exportedAt: deps.clock.now().toISOString(),
    region: deps.deployment.region,
    accountId: deps.deployment.accountId,
    secrets: options.secrets
      ? { included: true, kdf: options.secrets.kdf, check: options.secrets.check }
      : { included: false, omitted: [...SECRET_KINDS] },
  };
  yield `${JSON.stringify(header)}\n`;
  const counts = emptyCounts();
  for (const pool of pools) {
    for await (const record of poolRecords(deps, options, pool, counts, progress)) {
      yield `${JSON.stringify(record)}\n`;
    }
  }
  yield `${JSON.stringify({ type: "end", counts })}\n`;
}
