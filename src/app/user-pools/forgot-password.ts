import { NotAuthorizedException, UserNotFoundException } from "../../domain/errors.js";
import type { CodeDeliveryDetails } from "../../domain/messages/delivery-destination.js";
import type { User, UserStatus } from "../../domain/user/user.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { runUserMigration } from "../triggers/user-migration.js";
import { noRecoveryDestination, recoveryDestination } from "../users/account-recovery.js";
import { checkSecretHash, requirePublicClient } from "../users/public-client.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import { hidesUserExistence, simulatedDelivery } from "../users/user-existence.js";

export interface ForgotPasswordInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ClientMetadata?: Record<string, string>;
}

// ForgotPassword: a password-reset code (valid 1 h; a new one replaces the old) for the user named by
// username or alias, sent to the destination AccountRecoverySetting picks (account-recovery.ts):
// - nothing qualifies (no verified email or phone, or admin_only): InvalidParameterException
//   "Cannot reset password for the user as there is no registered/verified email or phone_number";
// - unknown user: UserNotFoundException "Username/client id combination not found.", or simulated
//   CodeDeliveryDetails when the client hides user existence;
// - disabled: NotAuthorizedException "User is disabled."; users who never set a password of their own
//   (FORCE_CHANGE_PASSWORD, EXTERNAL_PROVIDER): "User password cannot be reset in the current state.";
// - the current password keeps working until ConfirmForgotPassword (only AdminResetUserPassword
//   disables it);
// - an unknown name with a UserMigration trigger runs it (UserMigration_ForgotPassword, ClientMetadata as
//   clientMetadata, no password): the user it returns is created RESET_REQUIRED with no password and no
//   welcome message, and gets the reset code like any other user. A function that throws means "no such
//   user" (UserNotFoundException "Exception migrating user in app client <id>", or the simulated delivery
//   when the client hides user existence).

const NO_OWN_PASSWORD: readonly UserStatus[] = ["FORCE_CHANGE_PASSWORD", "EXTERNAL_PROVIDER"];

export const forgotPassword =
  (
    deps: Pick<
      AppDependencies,
      "storage" | "secretBox" | "secretHasher" | "codes" | "triggers" | "random" | "clock" | "passwords"
    >,
  ): UseCase<ForgotPasswordInput, { CodeDeliveryDetails: CodeDeliveryDetails }> =>
  async (_context, input) => {
    const target = await requirePublicClient(deps.storage, input.ClientId);
    const { pool, client } = target;
    const found = await findUserByIdentifier(deps.storage.users, pool, input.Username);
    await checkSecretHash(
      deps,
      target,
      [input.Username, ...(found ? [found.username] : [])],
      input.SecretHash,
    );
    let user: User | undefined = found;
    if (!user) {
      try {
        user = await runUserMigration(deps, {
          pool,
          client,
          source: "UserMigration_ForgotPassword",
          userName: input.Username,
          clientMetadata: input.ClientMetadata,
        });
      } catch (error) {
        // The migration's "no such user" under PreventUserExistenceErrors: answer as for any unknown name.
        if (!(error instanceof NotAuthorizedException && hidesUserExistence(client))) throw error;
      }
    }
    if (!user) {
      if (hidesUserExistence(client)) {
        return { CodeDeliveryDetails: simulatedDelivery(deps.secretHasher, pool, input.Username) };
      }
      throw new UserNotFoundException("Username/client id combination not found.");
    }
    if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
    if (NO_OWN_PASSWORD.includes(user.status)) {
      throw new NotAuthorizedException("User password cannot be reset in the current state.");
    }
    const destination = recoveryDestination(pool.settings, user);
    if (!destination) throw noRecoveryDestination();
    const code = await deps.codes.issue(deps.storage, pool, user, "forgot-password");
    const details = await deps.codes.deliver({
      pool,
      user,
      kind: "ForgotPassword",
      code,
      destination,
      clientId: client.clientId,
      clientMetadata: input.ClientMetadata,
    });
    return { CodeDeliveryDetails: details };
  };
