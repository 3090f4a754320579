import type { JsonObject } from "../../shared/json.js";
import { DEFAULT_WEB_AUTHN_USER_VERIFICATION } from "./defaults.js";
import { booleanField, compact, objectField, stringField } from "./json-fields.js";
import type { UserPoolSettings } from "./user-pool.js";

// Get/SetUserPoolMfaConfig views of a pool's settings (configuration only; enforcement lives elsewhere).
// - MfaConfiguration, SmsAuthenticationMessage and SmsConfiguration are the pool's own fields, so
//   DescribeUserPool and GetUserPoolMfaConfig always agree on them.
// - TOTP, email-MFA and WebAuthn settings are kept on the pool but shown only by these two actions.
// - SetUserPoolMfaConfig changes only what it is given; a structure it omits keeps its current value.
// - WebAuthnConfiguration.UserVerification defaults to "preferred".

export function mfaConfigOf(settings: UserPoolSettings): JsonObject {
  const smsMessage = stringField(settings, "SmsAuthenticationMessage");
  const smsConfiguration = objectField(settings, "SmsConfiguration");
  const sms =
    smsMessage !== undefined || smsConfiguration !== undefined
      ? compact({ SmsAuthenticationMessage: smsMessage, SmsConfiguration: smsConfiguration })
      : undefined;
  return compact({
    SmsMfaConfiguration: sms,
    SoftwareTokenMfaConfiguration: objectField(settings, "SoftwareTokenMfaConfiguration"),
    EmailMfaConfiguration: objectField(settings, "EmailMfaConfiguration"),
    MfaConfiguration: stringField(settings, "MfaConfiguration") ?? "OFF",
    WebAuthnConfiguration: objectField(settings, "WebAuthnConfiguration"),
  });
}

export function applyMfaConfig(
  settings: UserPoolSettings,
  input: JsonObject,
  region: string,
): UserPoolSettings {
  const next: UserPoolSettings = { ...settings };
  const mfa = stringField(input, "MfaConfiguration");
  if (mfa !== undefined) next.MfaConfiguration = mfa;

  const sms = objectField(input, "SmsMfaConfiguration");
  if (sms) {
    const message = stringField(sms, "SmsAuthenticationMessage");
    if (message !== undefined) next.SmsAuthenticationMessage = message;
    const smsConfiguration = objectField(sms, "SmsConfiguration");
    if (smsConfiguration) {
      next.SmsConfiguration = {
        ...smsConfiguration,
        SnsRegion: stringField(smsConfiguration, "SnsRegion") ?? region,
      };
    }
  }

  const totp = objectField(input, "SoftwareTokenMfaConfiguration");
  if (totp) next.SoftwareTokenMfaConfiguration = { Enabled: booleanField(totp, "Enabled") ?? false };

  const email = objectField(input, "EmailMfaConfiguration");
  if (email) next.EmailMfaConfiguration = compact({ Message: email.Message, Subject: email.Subject });

  const webAuthn = objectField(input, "WebAuthnConfiguration");
  if (webAuthn) {
    next.WebAuthnConfiguration = compact({
      RelyingPartyId: stringField(webAuthn, "RelyingPartyId"),
      UserVerification: stringField(webAuthn, "UserVerification") ?? DEFAULT_WEB_AUTHN_USER_VERIFICATION,
      // SINGLE_FACTOR or MULTI_FACTOR_WITH_USER_VERIFICATION (passkeys as a second factor); kept as given.
      FactorConfiguration: stringField(webAuthn, "FactorConfiguration"),
    });
  }
  return next;
}
