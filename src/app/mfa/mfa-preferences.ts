import { InvalidParameterException } from "../../domain/errors.js";
import { emptyMfaState, type MfaFactor, type UserMfaState } from "../../domain/mfa/user-mfa.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";

// SetUserMFAPreference and AdminSetUserMFAPreference. Each settings structure given turns its factor on or
// off and may make it the preferred one (only one is preferred; turning the preferred factor off, or
// PreferredMfa false on it, leaves none preferred). Turning a factor on needs its means: a phone number
// for SMS, an email address for email, a verified software token for TOTP.
// Admin reset (docs/mfa.md): AdminSetUserMFAPreference turning SOFTWARE_TOKEN_MFA off also forgets the
// TOTP secret and the recovery codes, so a lost authenticator is replaced by a fresh setup.

export interface FactorSettings {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

export interface MfaPreferenceInput {
  SMSMfaSettings?: FactorSettings;
  SoftwareTokenMfaSettings?: FactorSettings;
  EmailMfaSettings?: FactorSettings;
}

const SETTINGS_OF: Array<[keyof MfaPreferenceInput, MfaFactor]> = [
  ["SMSMfaSettings", "SMS_MFA"],
  ["SoftwareTokenMfaSettings", "SOFTWARE_TOKEN_MFA"],
  ["EmailMfaSettings", "EMAIL_OTP"],
];

function checkMeans(factor: MfaFactor, user: User, state: UserMfaState): void {
  if (factor === "SMS_MFA" && !user.attributes.phone_number) {
    throw new InvalidParameterException("User does not have delivery config set to turn on SMS_MFA");
  }
  if (factor === "EMAIL_OTP" && !user.attributes.email) {
    throw new InvalidParameterException("User does not have delivery config set to turn on EMAIL_OTP");
  }
  if (factor === "SOFTWARE_TOKEN_MFA" && !state.totpSecretSealed) {
    throw new InvalidParameterException("User has not verified software token mfa");
  }
}

export async function setMfaPreference(
  deps: Pick<AppDependencies, "storage" | "clock">,
  pool: UserPool,
  user: User,
  input: MfaPreferenceInput,
  how: { admin: boolean },
): Promise<void> {
  const now = deps.clock.now();
  await deps.storage.transaction(async (repositories) => {
    const current =
      (await repositories.mfa.findMfa(pool.id, user.sub)) ?? emptyMfaState(pool.id, user.sub, now);
    const next: UserMfaState = { ...current, enabled: { ...current.enabled }, updatedAt: now };
    let resetTotp = false;
    for (const [member, factor] of SETTINGS_OF) {
      const settings = input[member];
      if (!settings) continue;
      const preferred = settings.PreferredMfa === true;
      const enabled = settings.Enabled ?? (preferred || current.enabled[factor]);
      if (preferred && !enabled) {
        throw new InvalidParameterException(`${factor} cannot be preferred while it is disabled.`);
      }
      if (enabled) checkMeans(factor, user, next);
      next.enabled[factor] = enabled;
      if (preferred) next.preferred = factor;
      else if (next.preferred === factor) next.preferred = null;
      if (how.admin && factor === "SOFTWARE_TOKEN_MFA" && !enabled) resetTotp = true;
    }
    if (resetTotp) {
      next.totpSecretSealed = null;
      next.totpPendingSecretSealed = null;
      next.totpDeviceName = null;
      next.totpLastStep = null;
      await repositories.mfa.replaceRecoveryCodes(pool.id, user.sub, [], now);
    }
    await repositories.mfa.saveMfa(next, { resetTotpStep: resetTotp });
  });
}
