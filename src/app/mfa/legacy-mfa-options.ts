import { InvalidParameterException } from "../../domain/errors.js";
import type { MfaPreferenceInput } from "./mfa-preferences.js";

// SetUserSettings and AdminSetUserSettings predate SetUserMFAPreference; Cognito keeps them for SMS MFA
// only. An SMS option turns SMS MFA on (as the preferred factor, which is how it behaved then); an empty
// list turns it off. Any other medium is refused rather than silently ignored.

export interface MfaOptionInput {
  DeliveryMedium?: string;
  AttributeName?: string;
}

export function preferenceFromMfaOptions(options: MfaOptionInput[]): MfaPreferenceInput {
  for (const option of options) {
    if (option.DeliveryMedium !== "SMS" || (option.AttributeName ?? "phone_number") !== "phone_number") {
      throw new InvalidParameterException(
        "Only SMS with the phone_number attribute can be set through MFAOptions; use SetUserMFAPreference for other factors.",
      );
    }
  }
  return options.length > 0
    ? { SMSMfaSettings: { Enabled: true, PreferredMfa: true } }
    : { SMSMfaSettings: { Enabled: false } };
}
