import { NotAuthorizedException, UserNotFoundException } from "../../domain/errors.js";
import type { CodeDeliveryDetails } from "../../domain/messages/delivery-destination.js";
import type { UserStatus } from "../../domain/user/user.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
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
//   disables it).

const NO_OWN_PASSWORD: readonly UserStatus[] = ["FORCE_CHANGE_PASSWORD", "EXTERNAL_PROVIDER"];

export const forgotPassword =
  (
    deps: Pick<AppDependencies, "storage" | "secretBox" | "secretHasher" | "codes">,
  ): UseCase<ForgotPasswordInput, { CodeDeliveryDetails: CodeDeliveryDetails }> =>
  async (_context, input) => {
    const target = await requirePublicClient(deps.storage, input.ClientId);
    const { pool, client } = target;
    const user = await findUserByIdentifier(deps.storage.users, pool, input.Username);
    await checkSecretHash(deps, target, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
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
    });
    return { CodeDeliveryDetails: details };
  };
