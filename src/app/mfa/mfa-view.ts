import { enabledFactors, type UserMfaState } from "../../domain/mfa/user-mfa.js";

// GetUser and AdminGetUser's MFA members: UserMFASettingList (the factors turned on),
// PreferredMfaSetting, and the legacy MFAOptions (SMS to phone_number when SMS MFA is on).
// Members with nothing to say are left out, as Cognito does.

export interface MfaView {
  MFAOptions?: Array<{ DeliveryMedium: "SMS"; AttributeName: "phone_number" }>;
  PreferredMfaSetting?: string;
  UserMFASettingList?: string[];
}

export function mfaView(state: UserMfaState | undefined): MfaView {
  const factors = enabledFactors(state);
  return {
    ...(state?.enabled.SMS_MFA
      ? { MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }] }
      : {}),
    ...(state?.preferred ? { PreferredMfaSetting: state.preferred } : {}),
    ...(factors.length > 0 ? { UserMFASettingList: factors } : {}),
  };
}
