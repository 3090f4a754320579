import { InvalidParameterException } from "../../domain/errors.js";
import type { DeliveryDestination } from "../../domain/messages/delivery-destination.js";
import type { User } from "../../domain/user/user.js";
import type { UserPoolSettings } from "../../domain/user-pool/user-pool.js";

// Where a password-reset code goes (ForgotPassword, AdminResetUserPassword), from the pool's
// AccountRecoverySetting.RecoveryMechanisms:
// - the mechanisms in Priority order (1 first); the first the user qualifies for wins, and only one is
//   used: verified_phone_number needs phone_number with phone_number_verified "true", verified_email
//   needs email with email_verified "true";
// - admin_only (alone by Cognito's rules) qualifies nobody: users cannot reset their own password;
// - no setting: Cognito's legacy order, a verified phone number first, then a verified email;
// - nothing qualifies: InvalidParameterException with Cognito's wording.
// Not modelled: with the setting present Cognito skips SMS for users with SMS MFA (no MFA yet).

export type RecoveryMechanism = "verified_email" | "verified_phone_number" | "admin_only";

const LEGACY: readonly RecoveryMechanism[] = ["verified_phone_number", "verified_email"];

export function recoveryMechanisms(settings: UserPoolSettings): RecoveryMechanism[] {
  const setting = settings.AccountRecoverySetting;
  const list =
    setting && typeof setting === "object" && !Array.isArray(setting)
      ? setting.RecoveryMechanisms
      : undefined;
  if (!Array.isArray(list) || list.length === 0) return [...LEGACY];
  return list
    .flatMap((entry) =>
      entry && typeof entry === "object" && !Array.isArray(entry) && typeof entry.Name === "string"
        ? [{ name: entry.Name as RecoveryMechanism, priority: Number(entry.Priority ?? 0) }]
        : [],
    )
    .sort((a, b) => a.priority - b.priority)
    .map((entry) => entry.name);
}

export const noRecoveryDestination = () =>
  new InvalidParameterException(
    "Cannot reset password for the user as there is no registered/verified email or phone_number",
  );

/** The destination of the user's reset code, or undefined when no mechanism qualifies. */
export function recoveryDestination(
  settings: UserPoolSettings,
  user: Pick<User, "attributes">,
): DeliveryDestination | undefined {
  const { attributes } = user;
  for (const mechanism of recoveryMechanisms(settings)) {
    if (
      mechanism === "verified_phone_number" &&
      attributes.phone_number &&
      attributes.phone_number_verified === "true"
    ) {
      return { medium: "SMS", attributeName: "phone_number", destination: attributes.phone_number };
    }
    if (mechanism === "verified_email" && attributes.email && attributes.email_verified === "true") {
      return { medium: "EMAIL", attributeName: "email", destination: attributes.email };
    }
  }
  return undefined;
}
