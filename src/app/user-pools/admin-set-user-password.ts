import type { User } from "../../domain/user/user.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { temporaryPasswordValidityDays } from "../users/temporary-password.js";
import { requireUser } from "../users/user-directory.js";
import { revokeAllSessions, saveUser } from "../users/user-writes.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface AdminSetUserPasswordInput {
  UserPoolId: string;
  Username: string;
  Password: string;
  Permanent?: boolean;
}

// AdminSetUserPassword:
// - the password must meet the pool's policy (InvalidPasswordException);
// - Permanent true: status CONFIRMED (also from UNCONFIRMED, RESET_REQUIRED or EXTERNAL_PROVIDER), and the
//   password may not repeat one of the last PasswordHistorySize passwords;
// - Permanent false (the default): a temporary password, status FORCE_CHANGE_PASSWORD, usable for
//   TemporaryPasswordValidityDays; history is not checked for temporary passwords (as AdminCreateUser);
// - either way every session of the user ends.

export const adminSetUserPassword =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "passwords">,
  ): UseCase<AdminSetUserPasswordInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    const permanent = input.Permanent === true;
    const credentials = await deps.passwords.newCredentials(pool, user, input.Password, {
      checkHistory: permanent,
    });
    await deps.storage.transaction(async (repositories) => {
      const now = deps.clock.now();
      const revoked = await revokeAllSessions(repositories, user, now);
      const updated: User = {
        ...revoked,
        status: permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
        password: credentials.password,
        passwordHistory: credentials.passwordHistory,
        temporaryPasswordExpiresAt: permanent
          ? null
          : new Date(now.getTime() + temporaryPasswordValidityDays(pool) * 86_400_000),
        lastModifiedAt: nextModificationTime(now, user.lastModifiedAt),
      };
      await saveUser(repositories, pool, updated);
    });
    return {};
  };
