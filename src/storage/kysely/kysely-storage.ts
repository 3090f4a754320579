import { type Kysely, sql } from "kysely";
import type { Storage, StorageRepositories } from "../../ports/storage.js";
import { kyselyAuthorizationCodeRepository } from "./authorization-code-repository.js";
import { kyselyGroupRepository } from "./group-repository.js";
import { kyselySsoSessionRepository, kyselyUiCustomizationRepository } from "./hosted-ui-repositories.js";
import { kyselyOneTimeCodeRepository } from "./one-time-code-repository.js";
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
    refreshTokens: kyselyRefreshTokenRepository(db, inTransaction),
    signingKeys: kyselySigningKeyRepository(db),
    ssoSessions: kyselySsoSessionRepository(db),
    uiCustomizations: kyselyUiCustomizationRepository(db),
    userImportJobs: kyselyUserImportJobRepository(db, inTransaction),
    authorizationCodes: kyselyAuthorizationCodeRepository(db),
    resourceServers: kyselyResourceServerRepository(db, { dialect, inTransaction }),
    userPoolDomains: kyselyUserPoolDomainRepository(db),
  };
}

/** One repository implementation for both engines; the dialect only changes locking details. */
export function createKyselyStorage(
  db: Kysely<Database>,
  dialect: Storage["dialect"],
  onClose: () => Promise<void>,
): Storage {
  const root = repositoriesOn(db, dialect, (work) => db.transaction().execute(work));
  let closed = false;
  return {
    ...root,
    dialect,
    transaction(work) {
      return db.transaction().execute((trx) => work(repositoriesOn(trx, dialect, (inner) => inner(trx))));
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
