import { InvalidParameterException } from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import { failSignIn, guardLockout, type SignInDependencies } from "../auth-flows/sign-in.js";
import type { UseCase } from "../dependencies.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { revokeAllSessions, saveUser } from "../users/user-writes.js";
import { nextModificationTime } from "./user-pool-lookup.js";

export interface ChangePasswordInput {
  PreviousPassword?: string;
  ProposedPassword: string;
  AccessToken: string;
}

// ChangePassword, the signed-in user choosing a new password:
// - PreviousPassword is required when the user has a password (InvalidParameterException otherwise);
// - a wrong one is NotAuthorizedException "Incorrect username or password." and counts toward the same
//   lockout as sign-in failures; while locked out the answer is "Password attempts exceeded";
// - the new password must meet the pool's policy and may not repeat one of the last PasswordHistorySize;
// - then every session of the user ends, the caller's included: refresh tokens stop working and
//   Cognate's own endpoints refuse the old access tokens. Cognito itself leaves existing tokens alive;
//   Cognate is stricter on purpose (docs/self-service.md).

export const changePassword =
  (deps: SignInDependencies): UseCase<ChangePasswordInput, object> =>
  async (_context, input) => {
    const { user, pool } = await requireSignedInUser(deps, input.AccessToken);
    if (user.password) {
      if (input.PreviousPassword === undefined) {
        throw new InvalidParameterException("PreviousPassword is required to change the password.");
      }
      await guardLockout(deps, user);
      if (!(await deps.passwords.verify(user, input.PreviousPassword))) await failSignIn(deps, user);
    }
    const credentials = await deps.passwords.newCredentials(pool, user, input.ProposedPassword, {
      checkHistory: true,
    });
    await deps.storage.transaction(async (repositories) => {
      const now = deps.clock.now();
      const revoked = await revokeAllSessions(repositories, user, now);
      const updated: User = {
        ...revoked,
        password: credentials.password,
        passwordHistory: credentials.passwordHistory,
        temporaryPasswordExpiresAt: null,
        lastModifiedAt: nextModificationTime(now, user.lastModifiedAt),
      };
      await saveUser(repositories, pool, updated);
      await repositories.users.clearFailedSignIns(pool.id, user.sub);
    });
    return {};
  };
