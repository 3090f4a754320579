import type { JsonObject } from "../../shared/json.js";

// Cognito's defaults for a pool created (or updated) without the field; docs/user-pools.md gives the
// evidence for each. Fields not listed here (AccountRecoverySetting, UsernameConfiguration,
// AutoVerifiedAttributes, DeviceConfiguration, UserPoolAddOns, SmsConfiguration, …) stay absent.

export const DEFAULT_MINIMUM_PASSWORD_LENGTH = 8;
export const DEFAULT_TEMPORARY_PASSWORD_VALIDITY_DAYS = 7;

/** The password policy of a pool created without `Policies.PasswordPolicy`. */
export const defaultPasswordPolicy = (): JsonObject => ({
  MinimumLength: DEFAULT_MINIMUM_PASSWORD_LENGTH,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: DEFAULT_TEMPORARY_PASSWORD_VALIDITY_DAYS,
});

export const defaultSignInPolicy = (): JsonObject => ({ AllowedFirstAuthFactors: ["PASSWORD"] });

export const DEFAULT_MFA_CONFIGURATION = "OFF";
export const DEFAULT_DELETION_PROTECTION = "INACTIVE";
export const DEFAULT_EMAIL_SENDING_ACCOUNT = "COGNITO_DEFAULT";
export const DEFAULT_EMAIL_OPTION = "CONFIRM_WITH_CODE";
export const DEFAULT_USER_POOL_TIER = "ESSENTIALS";
export const DEFAULT_WEB_AUTHN_USER_VERIFICATION = "preferred";
