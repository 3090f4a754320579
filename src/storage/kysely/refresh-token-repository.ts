import type { Kysely, Selectable } from "kysely";
import type { RefreshTokenFamily, StoredRefreshToken } from "../../domain/tokens/refresh-token.js";
import type { RefreshTokenRepository } from "../../ports/session-repositories.js";
import type { Storage } from "../../ports/storage.js";
import { refreshTokenWithHolderRead, tokenFromRow } from "./refresh-token-read.js";
import { reusableCompiledQuery, reusableQuery } from "./reusable-query.js";
import type { Database, RefreshTokenFamiliesTable, RefreshTokensTable } from "./schema.js";

type InTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

function tokenRow(token: StoredRefreshToken): RefreshTokensTable {
  return {
    token_hash: token.tokenHash,
    family_id: token.familyId,
    user_pool_id: token.userPoolId,
    client_id: token.clientId,
    sub: token.sub,
    scopes: token.scopes.join(" "),
    device_key: token.deviceKey,
    auth_time: token.authTime.getTime(),
    created_at: token.createdAt.getTime(),
    expires_at: token.expiresAt.getTime(),
    rotated_at: token.rotatedAt?.getTime() ?? null,
  };
}

const TOKEN_COLUMNS = [
  "token_hash",
  "family_id",
  "user_pool_id",
  "client_id",
  "sub",
  "scopes",
  "device_key",
  "auth_time",
  "created_at",
  "expires_at",
  "rotated_at",
] as const satisfies readonly (keyof RefreshTokensTable)[];
const FAMILY_COLUMNS = [
  "family_id",
  "user_pool_id",
  "client_id",
  "sub",
  "revoked_at",
  "created_at",
] as const satisfies readonly (keyof RefreshTokenFamiliesTable)[];

// A column added to the schema but not to these lists fails the typecheck here.
type Unlisted<Row, Columns extends readonly unknown[]> = Exclude<keyof Row, Columns[number]>;
const everyColumnListed: [Unlisted<RefreshTokensTable, typeof TOKEN_COLUMNS>] extends [never]
  ? [Unlisted<RefreshTokenFamiliesTable, typeof FAMILY_COLUMNS>] extends [never]
    ? true
    : never
  : never = true;
void everyColumnListed;

const valuesOf = <Row>(columns: readonly (keyof Row)[], row: Row): unknown[] =>
  columns.map((column) => row[column]);

const rowOf = <Row>(columns: readonly (keyof Row)[], values: readonly unknown[]): Row =>
  Object.fromEntries(columns.map((column, index) => [column, values[index]])) as Row;

function familyFromRow(row: Selectable<RefreshTokenFamiliesTable>): RefreshTokenFamily {
  return {
    familyId: row.family_id,
    userPoolId: row.user_pool_id,
    clientId: row.client_id,
    sub: row.sub,
    revokedAt: row.revoked_at === null ? null : new Date(Number(row.revoked_at)),
  };
}

export function kyselyRefreshTokenRepository(
  db: Kysely<Database>,
  { dialect, inTransaction }: { dialect: Storage["dialect"]; inTransaction: InTransaction },
): RefreshTokenRepository {
  const revokeFamilyOn = async (trx: Kysely<Database>, familyId: string, at: Date) => {
    await trx
      .updateTable("refresh_token_families")
      .set({ revoked_at: at.getTime() })
      .where("family_id", "=", familyId)
      .where("revoked_at", "is", null)
      .execute();
  };
  const familyRevocation = reusableQuery(db, (familyId: string) =>
    db.selectFrom("refresh_token_families").select("revoked_at").where("family_id", "=", familyId),
  );
  const tokenWithFamily = reusableQuery(db, (tokenHash: string) =>
    db
      .selectFrom("refresh_tokens")
      .innerJoin("refresh_token_families", "refresh_token_families.family_id", "refresh_tokens.family_id")
      .selectAll("refresh_tokens")
      .select([
        "refresh_token_families.revoked_at as family_revoked_at",
        "refresh_token_families.created_at as family_created_at",
      ])
      .where("refresh_tokens.token_hash", "=", tokenHash),
  );

  const findWithHolder = refreshTokenWithHolderRead(db, dialect);

  // Every sign-in inserts a family and its first token: compiled once (reusable-query.ts), as the reads.
  // The template's arguments are the rows' values, in the column orders below.
  const insertToken = reusableCompiledQuery((...values: unknown[]) =>
    db.insertInto("refresh_tokens").values(rowOf<RefreshTokensTable>(TOKEN_COLUMNS, values)),
  );
  const insertFamily = reusableCompiledQuery((...values: unknown[]) =>
    db.insertInto("refresh_token_families").values(rowOf<RefreshTokenFamiliesTable>(FAMILY_COLUMNS, values)),
  );
  const insertFamilyAndToken = reusableCompiledQuery((...values: unknown[]) =>
    db
      .with("family", (cte) =>
        cte
          .insertInto("refresh_token_families")
          .values(rowOf<RefreshTokenFamiliesTable>(FAMILY_COLUMNS, values)),
      )
      .insertInto("refresh_tokens")
      .values(rowOf<RefreshTokensTable>(TOKEN_COLUMNS, values.slice(FAMILY_COLUMNS.length))),
  );

  return {
    async insertRefreshToken(token, family) {
      const tokenValues = valuesOf(TOKEN_COLUMNS, tokenRow(token));
      if (!family) {
        await db.executeQuery(insertToken(...tokenValues));
        return;
      }
      const familyValues = valuesOf(FAMILY_COLUMNS, {
        family_id: family.familyId,
        user_pool_id: family.userPoolId,
        client_id: family.clientId,
        sub: family.sub,
        revoked_at: family.revokedAt?.getTime() ?? null,
        created_at: token.createdAt.getTime(),
      });
      if (dialect === "postgres") {
        // One statement is atomic on its own: one round trip instead of begin, two inserts and commit.
        await db.executeQuery(insertFamilyAndToken(...familyValues, ...tokenValues));
        return;
      }
      await inTransaction(async (trx) => {
        await trx.executeQuery(insertFamily(...familyValues));
        await trx.executeQuery(insertToken(...tokenValues));
      });
    },

    async findRefreshToken(tokenHash) {
      const [row] = await tokenWithFamily(tokenHash);
      if (!row) return undefined;
      const token = tokenFromRow(row);
      return {
        token,
        family: familyFromRow({
          family_id: row.family_id,
          user_pool_id: row.user_pool_id,
          client_id: row.client_id,
          sub: row.sub,
          revoked_at: row.family_revoked_at,
          created_at: row.family_created_at,
        }),
      };
    },

    findRefreshTokenWithHolder(tokenHash) {
      return findWithHolder(tokenHash);
    },

    rotateRefreshToken(oldHash, replacement, now, graceMs) {
      return inTransaction(async (trx) => {
        // Claim the rotation with one conditional UPDATE: only one concurrent caller can flip rotated_at.
        const claimed = await trx
          .updateTable("refresh_tokens")
          .set({ rotated_at: now.getTime() })
          .where("token_hash", "=", oldHash)
          .where("rotated_at", "is", null)
          .executeTakeFirst();
        if (claimed.numUpdatedRows > 0n) {
          await trx.executeQuery(insertToken(...valuesOf(TOKEN_COLUMNS, tokenRow(replacement))));
          return { outcome: "rotated" as const };
        }
        const previous = await trx
          .selectFrom("refresh_tokens")
          .select(["rotated_at", "family_id"])
          .where("token_hash", "=", oldHash)
          .executeTakeFirst();
        if (!previous) return { outcome: "reuse-detected" as const };
        const rotatedAt = Number(previous.rotated_at);
        if (graceMs > 0 && now.getTime() - rotatedAt <= graceMs) {
          await trx.executeQuery(insertToken(...valuesOf(TOKEN_COLUMNS, tokenRow(replacement))));
          return { outcome: "within-grace" as const };
        }
        await revokeFamilyOn(trx, previous.family_id, now);
        return { outcome: "reuse-detected" as const };
      });
    },

    async revokeFamily(familyId, at) {
      await revokeFamilyOn(db, familyId, at);
    },

    async revokeFamiliesOfUser(userPoolId, sub, at) {
      await db
        .updateTable("refresh_token_families")
        .set({ revoked_at: at.getTime() })
        .where("user_pool_id", "=", userPoolId)
        .where("sub", "=", sub)
        .where("revoked_at", "is", null)
        .execute();
    },

    async revokeFamiliesOfDevice(userPoolId, sub, deviceKey, at) {
      // The user's families (by index), narrowed to those holding a token of this device.
      const families = db
        .selectFrom("refresh_token_families as f")
        .innerJoin("refresh_tokens as t", "t.family_id", "f.family_id")
        .select("f.family_id")
        .where("f.user_pool_id", "=", userPoolId)
        .where("f.sub", "=", sub)
        .where("t.device_key", "=", deviceKey);
      await db
        .updateTable("refresh_token_families")
        .set({ revoked_at: at.getTime() })
        .where("family_id", "in", families)
        .where("revoked_at", "is", null)
        .execute();
    },

    async isFamilyRevoked(familyId) {
      const [row] = await familyRevocation(familyId);
      return row === undefined || row.revoked_at !== null;
    },
  };
}
