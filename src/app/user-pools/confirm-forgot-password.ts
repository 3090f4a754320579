import { CodeMismatchException, UserNotFoundException } from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { runPostConfirmation } from "../triggers/post-confirmation.js";
import { isTriggerFailure } from "../triggers/triggers.js";
import { checkSecretHash, requirePublicClient } from "../users/public-client.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import { hidesUserExistence } from "../users/user-existence.js";
import { revokeAllSessions, saveUser } from "../users/user-writes.js";
import { nextModificationTime } from "./user-pool-lookup.js";

export interface ConfirmForgotPasswordInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ConfirmationCode: string;
  Password: string;
  ClientMetadata?: Record<string, string>;
}

// ConfirmForgotPassword: the code from ForgotPassword or AdminResetUserPassword sets a new password.
// - The password is checked first (policy, then history), so a rejected password does not spend the code.
// - Wrong, expired or used codes: CodeMismatchException / ExpiredCodeException / LimitExceededException.
// - The user becomes CONFIRMED (from RESET_REQUIRED, FORCE_CHANGE_PASSWORD or UNCONFIRMED too), the
//   lockout streak is cleared, and every session ends: old refresh and access tokens stop working.
// - Unknown users answer like a wrong code when the client hides user existence, else
//   UserNotFoundException "Username/client id combination not found.".
// - PostConfirmation runs after the save (PostConfirmation_ConfirmForgotPassword, with ClientMetadata);
//   if it fails, the user gets back their previous password and status (the code stays spent and the
//   sessions stay ended) and the call answers with the trigger's exception.

export const confirmForgotPassword =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "secretBox" | "passwords" | "codes" | "triggers">,
  ): UseCase<ConfirmForgotPasswordInput, object> =>
  async (_context, input) => {
    const target = await requirePublicClient(deps.storage, input.ClientId);
    const { pool, client } = target;
    const user = await findUserByIdentifier(deps.storage.users, pool, input.Username);
    await checkSecretHash(deps, target, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
    if (!user) {
      if (hidesUserExistence(client)) {
        throw new CodeMismatchException("Invalid verification code provided, please try again.");
      }
      throw new UserNotFoundException("Username/client id combination not found.");
    }
    const credentials = await deps.passwords.newCredentials(pool, user, input.Password, {
      checkHistory: true,
    });
    await deps.codes.consume(deps.storage, pool, user, "forgot-password", input.ConfirmationCode);
    const updated = await deps.storage.transaction(async (repositories) => {
      const now = deps.clock.now();
      const revoked = await revokeAllSessions(repositories, user, now);
      const next: User = {
        ...revoked,
        status: "CONFIRMED",
        password: credentials.password,
        passwordHistory: credentials.passwordHistory,
        temporaryPasswordExpiresAt: null,
        lastModifiedAt: nextModificationTime(now, user.lastModifiedAt),
      };
      await saveUser(repositories, pool, next);
      await repositories.users.clearFailedSignIns(pool.id, user.sub);
      return next;
    });
    try {
      await runPostConfirmation(deps, {
        pool,
        source: "PostConfirmation_ConfirmForgotPassword",
        user: updated,
        clientId: client.clientId,
        ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
      });
    } catch (error) {
      if (isTriggerFailure(error)) {
        await saveUser(deps.storage, pool, { ...user, tokensRevokedAt: updated.tokensRevokedAt });
      }
      throw error;
    }
    return {};
  };
