import type { User } from "../../domain/user/user.js";
import { objectField, stringArrayField } from "../../domain/user-pool/json-fields.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { StorageRepositories } from "../../ports/storage.js";
import { passkeysEnabled } from "./relying-party.js";

// Which first factors of choice-based sign-in (USER_AUTH) a pool allows and a user can use:
// - the pool's SignInPolicy.AllowedFirstAuthFactors (PASSWORD by default) — PASSWORD there allows both
//   PASSWORD and PASSWORD_SRP challenges;
// - PASSWORD needs a password (PASSWORD_SRP also its SRP verifier, which every password set here has);
// - EMAIL_OTP needs a verified email, SMS_OTP a verified phone number;
// - WEB_AUTHN needs at least one registered passkey.

export type FirstFactor = "PASSWORD" | "PASSWORD_SRP" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN";
export const FIRST_FACTORS: readonly FirstFactor[] = [
  "PASSWORD",
  "PASSWORD_SRP",
  "EMAIL_OTP",
  "SMS_OTP",
  "WEB_AUTHN",
];
export type AuthFactor = "PASSWORD" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN";

export const isFirstFactor = (name: string | undefined): name is FirstFactor =>
  FIRST_FACTORS.includes(name as FirstFactor);

export function allowedAuthFactors(pool: UserPool): AuthFactor[] {
  const policies = objectField(pool.settings, "Policies");
  const signIn = policies && objectField(policies, "SignInPolicy");
  const listed = (signIn && stringArrayField(signIn, "AllowedFirstAuthFactors")) ?? ["PASSWORD"];
  return (["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"] as const).filter((factor) =>
    factor === "WEB_AUTHN" ? listed.includes(factor) && passkeysEnabled(pool) : listed.includes(factor),
  );
}

/** The pool's factors as USER_AUTH challenges (PASSWORD giving PASSWORD and PASSWORD_SRP). */
export function allowedFirstFactors(pool: UserPool): FirstFactor[] {
  return allowedAuthFactors(pool).flatMap((factor): FirstFactor[] =>
    factor === "PASSWORD" ? ["PASSWORD", "PASSWORD_SRP"] : [factor],
  );
}

/** The auth factors a user has set up, whatever the pool allows (ConfiguredUserAuthFactors). */
export async function configuredAuthFactors(
  storage: Pick<StorageRepositories, "passkeys">,
  user: User,
): Promise<AuthFactor[]> {
  const factors: AuthFactor[] = [];
  if (user.password) factors.push("PASSWORD");
  if (user.attributes.email && user.attributes.email_verified === "true") factors.push("EMAIL_OTP");
  if (user.attributes.phone_number && user.attributes.phone_number_verified === "true")
    factors.push("SMS_OTP");
  if ((await storage.passkeys.countPasskeysOfUser(user.userPoolId, user.sub)) > 0) factors.push("WEB_AUTHN");
  return factors;
}

/** The challenges a user may pick from: allowed by the pool and set up by the user. */
export async function availableFirstFactors(
  storage: Pick<StorageRepositories, "passkeys">,
  pool: UserPool,
  user: User,
): Promise<FirstFactor[]> {
  const configured = await configuredAuthFactors(storage, user);
  return allowedFirstFactors(pool).filter((factor) => {
    if (factor === "PASSWORD_SRP")
      return configured.includes("PASSWORD") && !!user.password?.srpVerifierSealed;
    return configured.includes(factor);
  });
}
