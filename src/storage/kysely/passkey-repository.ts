import type { Kysely, Selectable } from "kysely";
import type { Passkey } from "../../domain/passwordless/passkey.js";
import type { PasskeyRepository } from "../../ports/passkey-repository.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import { withWriteErrors } from "./errors.js";
import { keysetPage } from "./keyset-page.js";
import type { Database, WebAuthnCredentialsTable } from "./schema.js";

type InTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

function passkeyFromRow(row: Selectable<WebAuthnCredentialsTable>): Passkey {
  return {
    userPoolId: row.user_pool_id,
    sub: row.sub,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    signCount: Number(row.sign_count),
    transports: JSON.parse(row.transports_json) as string[],
    friendlyName: row.friendly_name,
    relyingPartyId: row.relying_party_id,
    authenticatorAttachment: row.authenticator_attachment,
    createdAt: new Date(Number(row.created_at)),
  };
}

export function kyselyPasskeyRepository(
  db: Kysely<Database>,
  options: { dialect: "sqlite" | "postgres"; inTransaction: InTransaction },
): PasskeyRepository {
  const countOf = async (trx: Kysely<Database>, userPoolId: string, sub: string) => {
    const row = await trx
      .selectFrom("webauthn_credentials")
      .select((eb) => eb.fn.countAll<number | string>().as("count"))
      .where("user_pool_id", "=", userPoolId)
      .where("sub", "=", sub)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };
  return {
    async insertPasskey(passkey, maxPerUser) {
      try {
        return await withWriteErrors(() =>
          options.inTransaction(async (trx) => {
            // Lock the user row so two concurrent registrations cannot both see room for one more.
            let lock = trx.selectFrom("users").select("sub").where("sub", "=", passkey.sub);
            if (options.dialect === "postgres") lock = lock.forUpdate();
            await lock.execute();
            if ((await countOf(trx, passkey.userPoolId, passkey.sub)) >= maxPerUser)
              return "limit-reached" as const;
            await trx
              .insertInto("webauthn_credentials")
              .values({
                user_pool_id: passkey.userPoolId,
                credential_id: passkey.credentialId,
                sub: passkey.sub,
                public_key: passkey.publicKey,
                sign_count: passkey.signCount,
                transports_json: JSON.stringify(passkey.transports),
                friendly_name: passkey.friendlyName,
                relying_party_id: passkey.relyingPartyId,
                authenticator_attachment: passkey.authenticatorAttachment,
                created_at: passkey.createdAt.getTime(),
              })
              .execute();
            return "added" as const;
          }),
        );
      } catch (error) {
        if (error instanceof DuplicateKeyError) return "duplicate";
        throw error;
      }
    },

    async findPasskey(userPoolId, credentialId) {
      const row = await db
        .selectFrom("webauthn_credentials")
        .selectAll()
        .where("user_pool_id", "=", userPoolId)
        .where("credential_id", "=", credentialId)
        .executeTakeFirst();
      return row ? passkeyFromRow(row) : undefined;
    },

    listPasskeysOfUser: (userPoolId, sub, page) =>
      keysetPage(
        db
          .selectFrom("webauthn_credentials")
          .selectAll()
          .where("user_pool_id", "=", userPoolId)
          .where("sub", "=", sub),
        "credential_id",
        page,
        passkeyFromRow,
      ),

    countPasskeysOfUser: (userPoolId, sub) => countOf(db, userPoolId, sub),

    async listPasskeysOfPool(userPoolId, subs) {
      if (subs?.length === 0) return [];
      let query = db.selectFrom("webauthn_credentials").selectAll().where("user_pool_id", "=", userPoolId);
      if (subs) query = query.where("sub", "in", [...subs]);
      const rows = await query.orderBy("created_at").orderBy("credential_id").execute();
      return rows.map(passkeyFromRow);
    },

    async updateSignCount(userPoolId, credentialId, signCount) {
      const result = await db
        .updateTable("webauthn_credentials")
        .set({ sign_count: signCount })
        .where("user_pool_id", "=", userPoolId)
        .where("credential_id", "=", credentialId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async deletePasskey(userPoolId, sub, credentialId) {
      const result = await db
        .deleteFrom("webauthn_credentials")
        .where("user_pool_id", "=", userPoolId)
        .where("sub", "=", sub)
        .where("credential_id", "=", credentialId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async saveChallenge(challenge) {
      await db
        .deleteFrom("webauthn_challenges")
        .where("sub", "=", challenge.sub)
        .where("expires_at", "<=", challenge.createdAt.getTime())
        .execute();
      await withWriteErrors(() =>
        db
          .insertInto("webauthn_challenges")
          .values({
            challenge_hash: challenge.challengeHash,
            user_pool_id: challenge.userPoolId,
            sub: challenge.sub,
            client_id: challenge.clientId,
            purpose: challenge.purpose,
            expires_at: challenge.expiresAt.getTime(),
            created_at: challenge.createdAt.getTime(),
          })
          .execute(),
      );
    },

    async consumeChallenge({ userPoolId, sub, purpose, challengeHash, now }) {
      // A single DELETE … RETURNING: of concurrent callers exactly one gets the row.
      const row = await db
        .deleteFrom("webauthn_challenges")
        .where("challenge_hash", "=", challengeHash)
        .where("user_pool_id", "=", userPoolId)
        .where("sub", "=", sub)
        .where("purpose", "=", purpose)
        .where("expires_at", ">", now.getTime())
        .returning("client_id")
        .executeTakeFirst();
      return row ? { clientId: row.client_id } : undefined;
    },
  };
}
