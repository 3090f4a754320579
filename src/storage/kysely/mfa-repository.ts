import type { Kysely, Selectable } from "kysely";
import { isMfaFactor, type UserMfaState } from "../../domain/mfa/user-mfa.js";
import type { MfaRepository } from "../../ports/mfa-repository.js";
import { reusableQuery } from "./reusable-query.js";
import type { Database, UserMfaTable } from "./schema.js";

export const mfaStateFromRow = (row: Selectable<UserMfaTable>): UserMfaState => ({
  userPoolId: row.user_pool_id,
  sub: row.sub,
  totpSecretSealed: row.totp_secret_sealed,
  totpPendingSecretSealed: row.totp_pending_secret_sealed,
  totpDeviceName: row.totp_device_name,
  totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
  enabled: {
    SMS_MFA: Number(row.sms_enabled) === 1,
    SOFTWARE_TOKEN_MFA: Number(row.totp_enabled) === 1,
    EMAIL_OTP: Number(row.email_enabled) === 1,
  },
  preferred: isMfaFactor(row.preferred) ? row.preferred : null,
  updatedAt: new Date(Number(row.updated_at)),
});

const RETAIN_MS = 24 * 3600_000;
/** The longest Session (AuthSessionValidity 15 minutes): closeChallenge dates its cleanup from the expiry. */
const SESSION_SPAN_MS = 15 * 60_000;

export function kyselyMfaRepository(db: Kysely<Database>): MfaRepository {
  const mfaOfUser = reusableQuery(db, (userPoolId: string, sub: string) =>
    db.selectFrom("user_mfa").selectAll().where("sub", "=", sub).where("user_pool_id", "=", userPoolId),
  );
  // Rows stay a day after their Session expired (they feed the daily cap), then go.
  const forgetOldChallenges = async (now: Date) => {
    await db
      .deleteFrom("mfa_challenge_attempts")
      .where("expires_at", "<", now.getTime() - RETAIN_MS)
      .execute();
  };
  return {
    async findMfa(userPoolId, sub) {
      const [row] = await mfaOfUser(userPoolId, sub);
      return row ? mfaStateFromRow(row) : undefined;
    },

    async saveMfa(state, options = {}) {
      const values = {
        sub: state.sub,
        user_pool_id: state.userPoolId,
        totp_secret_sealed: state.totpSecretSealed,
        totp_pending_secret_sealed: state.totpPendingSecretSealed,
        totp_device_name: state.totpDeviceName,
        totp_last_step: state.totpLastStep,
        sms_enabled: state.enabled.SMS_MFA ? 1 : 0,
        totp_enabled: state.enabled.SOFTWARE_TOKEN_MFA ? 1 : 0,
        email_enabled: state.enabled.EMAIL_OTP ? 1 : 0,
        preferred: state.preferred,
        updated_at: state.updatedAt.getTime(),
      };
      const { sub: _sub, user_pool_id: _pool, totp_last_step: step, ...changes } = values;
      await db
        .insertInto("user_mfa")
        .values(values)
        .onConflict((conflict) =>
          conflict
            .column("sub")
            .doUpdateSet(options.resetTotpStep ? { ...changes, totp_last_step: step } : changes),
        )
        .execute();
    },

    async acceptTotpStep(userPoolId, sub, step) {
      const updated = await db
        .updateTable("user_mfa")
        .set({ totp_last_step: step })
        .where("sub", "=", sub)
        .where("user_pool_id", "=", userPoolId)
        .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },

    async deleteMfa(userPoolId, sub) {
      await db.deleteFrom("mfa_challenge_attempts").where("sub", "=", sub).execute();
      await db
        .deleteFrom("mfa_recovery_codes")
        .where("sub", "=", sub)
        .where("user_pool_id", "=", userPoolId)
        .execute();
      await db.deleteFrom("user_mfa").where("sub", "=", sub).where("user_pool_id", "=", userPoolId).execute();
    },

    async listMfaOfPool(userPoolId, subs) {
      if (subs?.length === 0) return [];
      let query = db.selectFrom("user_mfa").selectAll().where("user_pool_id", "=", userPoolId);
      if (subs) query = query.where("sub", "in", [...subs]);
      return (await query.orderBy("sub").execute()).map(mfaStateFromRow);
    },

    async listRecoveryCodesOfUsers(userPoolId, subs) {
      if (subs.length === 0) return [];
      const rows = await db
        .selectFrom("mfa_recovery_codes")
        .selectAll()
        .where("user_pool_id", "=", userPoolId)
        .where("sub", "in", [...subs])
        .orderBy("sub")
        .orderBy("code_hash")
        .execute();
      return rows.map((row) => ({
        sub: row.sub,
        codeHash: row.code_hash,
        createdAt: new Date(Number(row.created_at)),
      }));
    },

    async replaceRecoveryCodes(userPoolId, sub, codeHashes, at) {
      await db
        .deleteFrom("mfa_recovery_codes")
        .where("sub", "=", sub)
        .where("user_pool_id", "=", userPoolId)
        .execute();
      if (codeHashes.length === 0) return;
      await db
        .insertInto("mfa_recovery_codes")
        .values(
          codeHashes.map((codeHash) => ({
            sub,
            user_pool_id: userPoolId,
            code_hash: codeHash,
            created_at: at.getTime(),
          })),
        )
        .execute();
    },

    async consumeRecoveryCode(userPoolId, sub, codeHash) {
      const deleted = await db
        .deleteFrom("mfa_recovery_codes")
        .where("sub", "=", sub)
        .where("user_pool_id", "=", userPoolId)
        .where("code_hash", "=", codeHash)
        .executeTakeFirst();
      return Number(deleted.numDeletedRows) === 1;
    },

    async countRecoveryCodes(userPoolId, sub) {
      const row = await db
        .selectFrom("mfa_recovery_codes")
        .select((eb) => eb.fn.countAll().as("count"))
        .where("sub", "=", sub)
        .where("user_pool_id", "=", userPoolId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async recordChallengeFailure(challengeId, sub, expiresAt, now) {
      await forgetOldChallenges(now);
      const row = await db
        .insertInto("mfa_challenge_attempts")
        .values({ challenge_id: challengeId, sub, failures: 1, closed: 0, expires_at: expiresAt.getTime() })
        .onConflict((conflict) =>
          conflict
            .column("challenge_id")
            .doUpdateSet((eb) => ({ failures: eb("mfa_challenge_attempts.failures", "+", 1) })),
        )
        .returning(["failures", "closed"])
        .executeTakeFirstOrThrow();
      return { failures: Number(row.failures), closed: Number(row.closed) === 1 };
    },

    async releaseChallengeFailure(challengeId) {
      await db
        .updateTable("mfa_challenge_attempts")
        .set((eb) => ({ failures: eb("failures", "-", 1) }))
        .where("challenge_id", "=", challengeId)
        .where("failures", ">", 0)
        .execute();
    },

    async findChallenge(challengeId) {
      const row = await db
        .selectFrom("mfa_challenge_attempts")
        .select(["failures", "closed"])
        .where("challenge_id", "=", challengeId)
        .executeTakeFirst();
      return row ? { failures: Number(row.failures), closed: Number(row.closed) === 1 } : undefined;
    },

    async countRecentChallengeFailures(sub, since) {
      const row = await db
        .selectFrom("mfa_challenge_attempts")
        .select((eb) => eb.fn.sum<number | string | null>("failures").as("total"))
        .where("sub", "=", sub)
        .where("expires_at", ">", since.getTime())
        .executeTakeFirst();
      return Number(row?.total ?? 0);
    },

    async closeChallenge(challengeId, sub, expiresAt) {
      await forgetOldChallenges(new Date(expiresAt.getTime() - SESSION_SPAN_MS));
      const row = await db
        .insertInto("mfa_challenge_attempts")
        .values({ challenge_id: challengeId, sub, failures: 0, closed: 1, expires_at: expiresAt.getTime() })
        .onConflict((conflict) =>
          conflict
            .column("challenge_id")
            .doUpdateSet({ closed: 1 })
            .where("mfa_challenge_attempts.closed", "=", 0),
        )
        .returning("challenge_id")
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
