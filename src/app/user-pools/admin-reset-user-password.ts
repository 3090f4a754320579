import { InvalidParameterException, NotAuthorizedException } from "../../domain/errors.js";
import type { DeliveryDestination } from "../../domain/messages/delivery-destination.js";
import type { User, UserStatus } from "../../domain/user/user.js";
import type { UserPoolSettings } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { revokeAllSessions, saveUser } from "../users/user-writes.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface AdminResetUserPasswordInput {
  UserPoolId: string;
  Username: string;
  ClientMetadata?: Record<string, string>;
}

// AdminResetUserPassword: the user's password stops working (status RESET_REQUIRED, sign-in answers
// PasswordResetRequiredException) and a ForgotPassword code goes to the verified email or phone chosen
// by AccountRecoverySetting; the user finishes with ConfirmForgotPassword. Every session ends.
// - no verified destination: InvalidParameterException (Cognito's ForgotPassword wording);
// - RecoveryMechanisms [admin_only]: there is no self-service recovery to start, so it is refused;
// - users who never had a permanent password (UNCONFIRMED, FORCE_CHANGE_PASSWORD, EXTERNAL_PROVIDER):
//   NotAuthorizedException "User password cannot be reset in the current state.".

const NOT_RESETTABLE: readonly UserStatus[] = ["UNCONFIRMED", "FORCE_CHANGE_PASSWORD", "EXTERNAL_PROVIDER"];

type Mechanism = "verified_email" | "verified_phone_number" | "admin_only";

/** RecoveryMechanisms by priority; without the setting Cognito's legacy order (phone, then email). */
function recoveryMechanisms(settings: UserPoolSettings): Mechanism[] {
  const setting = settings.AccountRecoverySetting;
  const list =
    setting && typeof setting === "object" && !Array.isArray(setting)
      ? setting.RecoveryMechanisms
      : undefined;
  if (!Array.isArray(list) || list.length === 0) return ["verified_phone_number", "verified_email"];
  return list
    .flatMap((entry) =>
      entry && typeof entry === "object" && !Array.isArray(entry) && typeof entry.Name === "string"
        ? [{ name: entry.Name as Mechanism, priority: Number(entry.Priority ?? 0) }]
        : [],
    )
    .sort((a, b) => a.priority - b.priority)
    .map((entry) => entry.name);
}

function recoveryDestination(mechanisms: Mechanism[], user: User): DeliveryDestination | undefined {
  const { attributes } = user;
  for (const mechanism of mechanisms) {
    if (mechanism === "verified_phone_number" && attributes.phone_number) {
      if (attributes.phone_number_verified === "true") {
        return { medium: "SMS", attributeName: "phone_number", destination: attributes.phone_number };
      }
    }
    if (mechanism === "verified_email" && attributes.email && attributes.email_verified === "true") {
      return { medium: "EMAIL", attributeName: "email", destination: attributes.email };
    }
  }
  return undefined;
}

export const adminResetUserPassword =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "codes">,
  ): UseCase<AdminResetUserPasswordInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    if (NOT_RESETTABLE.includes(user.status)) {
      throw new NotAuthorizedException("User password cannot be reset in the current state.");
    }
    const mechanisms = recoveryMechanisms(pool.settings);
    if (mechanisms.includes("admin_only")) {
      throw new InvalidParameterException(
        "Account recovery is admin_only in this user pool; set a password with AdminSetUserPassword.",
      );
    }
    const destination = recoveryDestination(mechanisms, user);
    if (!destination) {
      throw new InvalidParameterException(
        "Cannot reset password for the user as there is no registered/verified email or phone_number",
      );
    }
    const { reset, code } = await deps.storage.transaction(async (repositories) => {
      const now = deps.clock.now();
      const revoked = await revokeAllSessions(repositories, user, now);
      const updated: User = {
        ...revoked,
        status: "RESET_REQUIRED",
        lastModifiedAt: nextModificationTime(now, user.lastModifiedAt),
      };
      await saveUser(repositories, pool, updated);
      return { reset: updated, code: await deps.codes.issue(repositories, pool, updated, "forgot-password") };
    });
    await deps.codes.deliver({
      pool,
      user: reset,
      kind: "ForgotPassword",
      code,
      destination,
      ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
    });
    return {};
  };
