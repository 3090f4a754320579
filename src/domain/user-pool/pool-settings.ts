import type { JsonObject } from "../../shared/json.js";
import { InvalidParameterException } from "../errors.js";
import {
  DEFAULT_DELETION_PROTECTION,
  DEFAULT_EMAIL_OPTION,
  DEFAULT_EMAIL_SENDING_ACCOUNT,
  DEFAULT_MFA_CONFIGURATION,
  DEFAULT_MINIMUM_PASSWORD_LENGTH,
  DEFAULT_TEMPORARY_PASSWORD_VALIDITY_DAYS,
  DEFAULT_USER_POOL_TIER,
  defaultPasswordPolicy,
  defaultSignInPolicy,
} from "./defaults.js";
import { arrayField, booleanField, compact, numberField, objectField, stringField } from "./json-fields.js";
import { buildSchema } from "./schema-attributes.js";
import { checkCreateOnlyRules, checkSettingsRules } from "./settings-rules.js";
import { MFA_ONLY_FIELDS, type UserPoolSettings } from "./user-pool.js";

// Turns a CreateUserPool / UpdateUserPool request into stored settings with Cognito's defaults applied.
// - UpdateUserPool replaces the configuration: a field it omits returns to its default (as on create).
// - Set only at creation, kept by UpdateUserPool: the schema, UsernameAttributes, AliasAttributes,
//   UsernameConfiguration, and the MFA-only settings of SetUserPoolMfaConfig.
// - Kept by UpdateUserPool when omitted: PoolName, UserPoolTags, UserAttributeUpdateSettings, and the
//   newer structures the model does not describe yet (DcrConfiguration, KeyConfiguration,
//   IssuerConfiguration, AcrConfiguration), which are stored as given.

/** Request fields copied as given (after the model validator has checked their shape). */
const COPIED_FIELDS = [
  "AutoVerifiedAttributes",
  "SmsVerificationMessage",
  "EmailVerificationMessage",
  "EmailVerificationSubject",
  "SmsAuthenticationMessage",
  "DeviceConfiguration",
  "UserPoolAddOns",
  "AccountRecoverySetting",
];
const KEPT_WHEN_OMITTED = [
  "UserPoolTags",
  "DcrConfiguration",
  "KeyConfiguration",
  "IssuerConfiguration",
  "AcrConfiguration",
];
const SET_AT_CREATION = [
  "SchemaAttributes",
  "AliasAttributes",
  "UsernameAttributes",
  "UsernameConfiguration",
];

/** Policies and the temporary-password lifetime, which Cognito keeps in two places. */
function buildPolicies(input: JsonObject): { policies: JsonObject; temporaryPasswordDays: number } {
  const policies = objectField(input, "Policies");
  const passwordPolicy = policies && objectField(policies, "PasswordPolicy");
  const adminCreateUser = objectField(input, "AdminCreateUserConfig");
  const legacyDays = adminCreateUser && numberField(adminCreateUser, "UnusedAccountValidityDays");
  const days = passwordPolicy && numberField(passwordPolicy, "TemporaryPasswordValidityDays");
  // 0 means "not set" for both fields.
  if (days && legacyDays) {
    throw new InvalidParameterException(
      "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays",
    );
  }
  const temporaryPasswordDays = days || legacyDays || DEFAULT_TEMPORARY_PASSWORD_VALIDITY_DAYS;
  const password = passwordPolicy
    ? compact({
        MinimumLength: numberField(passwordPolicy, "MinimumLength") ?? DEFAULT_MINIMUM_PASSWORD_LENGTH,
        RequireUppercase: booleanField(passwordPolicy, "RequireUppercase") ?? false,
        RequireLowercase: booleanField(passwordPolicy, "RequireLowercase") ?? false,
        RequireNumbers: booleanField(passwordPolicy, "RequireNumbers") ?? false,
        RequireSymbols: booleanField(passwordPolicy, "RequireSymbols") ?? false,
        PasswordHistorySize: numberField(passwordPolicy, "PasswordHistorySize"),
        TemporaryPasswordValidityDays: temporaryPasswordDays,
      })
    : { ...defaultPasswordPolicy(), TemporaryPasswordValidityDays: temporaryPasswordDays };
  const signIn = (policies && objectField(policies, "SignInPolicy")) ?? defaultSignInPolicy();
  return { policies: { PasswordPolicy: password, SignInPolicy: signIn }, temporaryPasswordDays };
}

/** LambdaConfig: PreTokenGeneration mirrors PreTokenGenerationConfig.LambdaArn, as the docs require. */
function buildLambdaConfig(input: JsonObject): JsonObject {
  const lambda = { ...(objectField(input, "LambdaConfig") ?? {}) };
  const versioned = objectField(lambda, "PreTokenGenerationConfig");
  const versionedArn = versioned && stringField(versioned, "LambdaArn");
  const legacyArn = stringField(lambda, "PreTokenGeneration");
  if (versionedArn !== undefined && legacyArn !== undefined && versionedArn !== legacyArn) {
    throw new InvalidParameterException(
      "PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same Lambda function.",
    );
  }
  if (versionedArn !== undefined) lambda.PreTokenGeneration = versionedArn;
  return lambda;
}

/** The fields UpdateUserPool resets to their defaults when omitted (and CreateUserPool defaults). */
function configurableSettings(input: JsonObject, region: string): JsonObject {
  const { policies, temporaryPasswordDays } = buildPolicies(input);
  const adminCreateUser = objectField(input, "AdminCreateUserConfig") ?? {};
  const email = objectField(input, "EmailConfiguration") ?? {};
  const sms = objectField(input, "SmsConfiguration");
  const verification = objectField(input, "VerificationMessageTemplate") ?? {};
  const settings: JsonObject = {
    Policies: policies,
    DeletionProtection: stringField(input, "DeletionProtection") ?? DEFAULT_DELETION_PROTECTION,
    LambdaConfig: buildLambdaConfig(input),
    MfaConfiguration: stringField(input, "MfaConfiguration") ?? DEFAULT_MFA_CONFIGURATION,
    VerificationMessageTemplate: {
      ...verification,
      DefaultEmailOption: stringField(verification, "DefaultEmailOption") ?? DEFAULT_EMAIL_OPTION,
    },
    EmailConfiguration: {
      ...email,
      EmailSendingAccount: stringField(email, "EmailSendingAccount") ?? DEFAULT_EMAIL_SENDING_ACCOUNT,
    },
    AdminCreateUserConfig: compact({
      AllowAdminCreateUserOnly: booleanField(adminCreateUser, "AllowAdminCreateUserOnly") ?? false,
      UnusedAccountValidityDays: temporaryPasswordDays,
      InviteMessageTemplate: objectField(adminCreateUser, "InviteMessageTemplate"),
    }),
    UserPoolTier: stringField(input, "UserPoolTier") ?? DEFAULT_USER_POOL_TIER,
  };
  if (sms) settings.SmsConfiguration = { ...sms, SnsRegion: stringField(sms, "SnsRegion") ?? region };
  for (const field of COPIED_FIELDS) if (input[field] !== undefined) settings[field] = input[field]!;
  return settings;
}

function userAttributeUpdateSettings(input: JsonObject): JsonObject | undefined {
  const supplied = objectField(input, "UserAttributeUpdateSettings");
  if (!supplied) return undefined;
  return {
    AttributesRequireVerificationBeforeUpdate:
      arrayField(supplied, "AttributesRequireVerificationBeforeUpdate") ?? [],
  };
}

/** CreateUserPool: the stored settings for a new pool. */
export function createUserPoolSettings(input: JsonObject, region: string): UserPoolSettings {
  const settings: JsonObject = {
    ...configurableSettings(input, region),
    SchemaAttributes: buildSchema(arrayField(input, "Schema")),
    UserAttributeUpdateSettings: userAttributeUpdateSettings(input) ?? {
      AttributesRequireVerificationBeforeUpdate: [],
    },
  };
  for (const field of [...SET_AT_CREATION, ...KEPT_WHEN_OMITTED]) {
    if (field !== "SchemaAttributes" && input[field] !== undefined) settings[field] = input[field]!;
  }
  const result = { ...settings, PoolName: stringField(input, "PoolName") ?? "" };
  checkCreateOnlyRules(result);
  checkSettingsRules(result);
  return result;
}

/** UpdateUserPool: the new settings of an existing pool. */
export function updateUserPoolSettings(
  existing: UserPoolSettings,
  input: JsonObject,
  region: string,
): UserPoolSettings {
  const settings: JsonObject = configurableSettings(input, region);
  for (const field of [...SET_AT_CREATION, ...MFA_ONLY_FIELDS]) {
    if (existing[field] !== undefined) settings[field] = existing[field]!;
  }
  for (const field of KEPT_WHEN_OMITTED) {
    const value = input[field] ?? existing[field];
    if (value !== undefined) settings[field] = value;
  }
  const updateSettings = userAttributeUpdateSettings(input) ?? existing.UserAttributeUpdateSettings;
  if (updateSettings !== undefined) settings.UserAttributeUpdateSettings = updateSettings;
  const result = { ...settings, PoolName: stringField(input, "PoolName") ?? existing.PoolName };
  checkSettingsRules(result);
  return result;
}
