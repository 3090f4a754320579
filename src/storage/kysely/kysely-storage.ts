import { type Kysely, sql } from "kysely";
import type { Storage, StorageRepositories } from "../../ports/storage.js";
import { kyselyAuditLogRepository } from "./audit-log-repository.js";
import { kyselyAuthorizationCodeRepository } from "./authorization-code-repository.js";
import { kyselyDeviceRepository } from "./device-repository.js";
import { kyselyGroupRepository } from "./group-repository.js";
import { kyselySsoSessionRepository, kyselyUiCustomizationRepository } from "./hosted-ui-repositories.js";
import { kyselyMfaRepository } from "./mfa-repository.js";
import { kyselyOneTimeCodeRepository } from "./one-time-code-repository.js";
import { kyselyPasskeyRepository } from "./passkey-repository.js";
import { createReadCache, type ReadCacheOptions, withReadCache } from "./read-cache.js";
import { kyselyRefreshTokenRepository } from "./refresh-token-repository.js";
import { kyselyResourceServerRepository } from "./resource-server-repository.js";
import type { Database } from "./schema.js";
import { kyselySigningKeyRepository } from "./signing-key-repository.js";
import { kyselyUserImportJobRepository } from "./user-import-job-repository.js";
import { kyselyUserPoolClientRepository } from "./user-pool-client-repository.js";
import { kyselyUserPoolDomainRepository } from "./user-pool-domain-repository.js";
import { kyselyUserPoolRepository } from "./user-pool-repository.js";
import { kyselyUserRepository } from "./user-repository.js";

type InTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

function repositoriesOn(
  db: Kysely<Database>,
  dialect: Storage["dialect"],
  inTransaction: InTransaction,
): StorageRepositories {
  return {
    userPools: kyselyUserPoolRepository(db),
    userPoolClients: kyselyUserPoolClientRepository(db, { dialect, inTransaction }),
    users: kyselyUserRepository(db, inTransaction),
    groups: kyselyGroupRepository(db),
    oneTimeCodes: kyselyOneTimeCodeRepository(db),
    refreshTokens: kyselyRefreshTokenRepository(db, { dialect, inTransaction }),
    signingKeys: kyselySigningKeyRepository(db),
    ssoSessions: kyselySsoSessionRepository(db),
    uiCustomizations: kyselyUiCustomizationRepository(db),
    userImportJobs: kyselyUserImportJobRepository(db, inTransaction),
    authorizationCodes: kyselyAuthorizationCodeRepository(db),
    resourceServers: kyselyResourceServerRepository(db, { dialect, inTransaction }),
    userPoolDomains: kyselyUserPoolDomainRepository(db),
    devices: kyselyDeviceRepository(db),
    mfa: kyselyMfaRepository(db),
    passkeys: kyselyPasskeyRepository(db, { dialect, inTransaction }),
    auditLog: kyselyAuditLogRepository(db),
  };
}

/** One repository implementation for both engines; the dialect only changes locking details. */
export function createKyselyStorage(
  db: Kysely<Database>,
  dialect: Storage["dialect"],
  onClose: () => Promise<void>,
  readCache?: ReadCacheOptions,
): Storage {
  const uncached = repositoriesOn(db, dialect, (work) => db.transaction().execute(work));
  const cache = readCache && createReadCache(readCache);
  const cacheSigningKeys = readCache?.cacheSigningKeys ?? false;
  const root = cache
    ? withReadCache(uncached, cache, { cacheReads: true, cacheSigningKeys, onWrite: cache.invalidate })
    : uncached;
  let closed = false;
  return {
    ...root,
    dialect,
    transaction(work) {
      if (!cache) {
        return db.transaction().execute((trx) => work(repositoriesOn(trx, dialect, (inner) => inner(trx))));
      }
      // A transaction's writes reach the cache again when it ends (committed or rolled back).
      let wrote = false;
      const onWrite = () => {
        wrote = true;
        cache.invalidate();
      };
      return db
        .transaction()
        .execute((trx) =>
          work(
            withReadCache(
              repositoriesOn(trx, dialect, (inner) => inner(trx)),
              cache,
              { cacheReads: false, cacheSigningKeys, onWrite },
            ),
          ),
        )
        .finally(() => {
          if (wrote) cache.invalidate();
        });
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await onClose();
    },
  };
}
