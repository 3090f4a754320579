import { CognitoError, UsernameExistsException } from "../../domain/errors.js";
import { emptyMfaState } from "../../domain/mfa/user-mfa.js";
import type { User } from "../../domain/user/user.js";
import type { CsvRecord } from "../../domain/user-import/csv.js";
import { readCsvUserRow } from "../../domain/user-import/csv-user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { StorageRepositories } from "../../ports/storage.js";
import type { ImportLogEntry } from "../../ports/user-import-jobs.js";
import type { AppDependencies } from "../dependencies.js";
import { newUserIdentity } from "../users/new-user.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import { insertNewUser } from "../users/user-writes.js";

// One batch of CSV rows → users. Rows are checked first (format, schema, an existing username is SKIPPED,
// as is a name repeated inside the batch); the new users are then written in one transaction, so a batch
// costs one commit. If that transaction meets a collision (an email alias another user holds, a concurrent
// sign-up), the batch is written again one user at a time to tell which rows fail.

type Outcome = Pick<ImportLogEntry, "outcome" | "message">;
type RowDependencies = Pick<AppDependencies, "storage" | "clock" | "random">;

const SUCCEEDED: Outcome = { outcome: "SUCCEEDED", message: "The import succeeded." };
const SKIPPED: Outcome = { outcome: "SKIPPED", message: "The user already exists." };

interface Prepared {
  index: number;
  user: User;
  usernameKey: string;
  /** cognito:mfa_enabled: SMS MFA on (Cognito's meaning), so the user's phone_number must be there. */
  mfaEnabled: boolean;
}

async function insertImported(repositories: StorageRepositories, pool: UserPool, item: Prepared) {
  await insertNewUser(repositories, pool, item.user, item.usernameKey);
  if (!item.mfaEnabled) return;
  const state = emptyMfaState(pool.id, item.user.sub, item.user.createdAt);
  await repositories.mfa.saveMfa({
    ...state,
    enabled: { ...state.enabled, SMS_MFA: true },
    preferred: "SMS_MFA",
  });
}

function failureOf(error: unknown): Outcome {
  if (error instanceof UsernameExistsException) return SKIPPED;
  if (error instanceof CognitoError) return { outcome: "FAILED", message: error.message };
  throw error;
}

export async function importRows(
  deps: RowDependencies,
  pool: UserPool,
  header: readonly string[],
  autoVerified: readonly string[],
  records: readonly CsvRecord[],
): Promise<ImportLogEntry[]> {
  const outcomes: Outcome[] = [];
  const prepared: Prepared[] = [];
  const namesInBatch = new Set<string>();
  for (const [index, record] of records.entries()) {
    const row = readCsvUserRow(header, record.fields, autoVerified);
    if (!row.ok) {
      outcomes[index] = { outcome: "FAILED", message: row.message };
      continue;
    }
    if (
      namesInBatch.has(row.username) ||
      (await findUserByIdentifier(deps.storage.users, pool, row.username))
    ) {
      outcomes[index] = SKIPPED;
      continue;
    }
    namesInBatch.add(row.username);
    const sub = deps.random.uuid();
    try {
      const identity = newUserIdentity({
        pool,
        typedUsername: row.username,
        sub,
        attributes: row.attributes,
        writer: "create-by-admin",
      });
      const now = deps.clock.now();
      const user: User = {
        userPoolId: pool.id,
        sub,
        username: identity.username,
        status: "RESET_REQUIRED",
        enabled: true,
        attributes: identity.attributes,
        password: null,
        passwordHistory: [],
        temporaryPasswordExpiresAt: null,
        tokensRevokedAt: null,
        createdAt: now,
        lastModifiedAt: now,
      };
      if (row.mfaEnabled && !user.attributes.phone_number) {
        outcomes[index] = {
          outcome: "FAILED",
          message: "The User Record sets cognito:mfa_enabled to true but has no phone_number for SMS MFA.",
        };
        continue;
      }
      prepared.push({ index, user, usernameKey: identity.usernameKey, mfaEnabled: row.mfaEnabled });
    } catch (error) {
      outcomes[index] = failureOf(error);
    }
  }

  try {
    await deps.storage.transaction(async (repositories) => {
      for (const item of prepared) await insertImported(repositories, pool, item);
    });
    for (const item of prepared) outcomes[item.index] = SUCCEEDED;
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    for (const item of prepared) {
      try {
        await deps.storage.transaction((repositories) => insertImported(repositories, pool, item));
        outcomes[item.index] = SUCCEEDED;
      } catch (single) {
        outcomes[item.index] = failureOf(single);
      }
    }
  }
  const at = deps.clock.now();
  return records.map((record, index) => ({
    lineNumber: record.lineNumber,
    ...(outcomes[index] ?? { outcome: "FAILED", message: "The user couldn't be imported." }),
    at,
  }));
}
