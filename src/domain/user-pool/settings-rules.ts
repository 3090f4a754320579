import type { JsonObject } from "../../shared/json.js";
import { FeatureUnavailableInTierException, InvalidParameterException } from "../errors.js";
import { DEFAULT_USER_POOL_TIER } from "./defaults.js";
import { objectField, stringArrayField, stringField, stringMapField } from "./json-fields.js";

// Cross-field rules Cognito checks when a pool is created or updated:
// - UsernameAttributes and AliasAttributes are mutually exclusive (creation only; update cannot set them).
// - Every attribute in UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate must also be
//   in AutoVerifiedAttributes.
// - Threat protection (UserPoolAddOns.AdvancedSecurityMode AUDIT or ENFORCED) needs the PLUS tier.
// - A pool carries at most 50 tags.

export const MAX_TAGS = 50;

export function checkCreateOnlyRules(settings: JsonObject): void {
  const usernameAttributes = stringArrayField(settings, "UsernameAttributes") ?? [];
  const aliasAttributes = stringArrayField(settings, "AliasAttributes") ?? [];
  if (usernameAttributes.length > 0 && aliasAttributes.length > 0) {
    throw new InvalidParameterException(
      "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
    );
  }
}

export function checkTagLimit(tags: Record<string, string>): void {
  if (Object.keys(tags).length > MAX_TAGS) {
    throw new InvalidParameterException(`A user pool can have at most ${MAX_TAGS} tags.`);
  }
}

export function checkSettingsRules(settings: JsonObject): void {
  const updateSettings = objectField(settings, "UserAttributeUpdateSettings");
  const requireVerification =
    (updateSettings && stringArrayField(updateSettings, "AttributesRequireVerificationBeforeUpdate")) ?? [];
  const autoVerified = stringArrayField(settings, "AutoVerifiedAttributes") ?? [];
  if (requireVerification.some((attribute) => !autoVerified.includes(attribute))) {
    throw new InvalidParameterException(
      "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes",
    );
  }

  const tier = stringField(settings, "UserPoolTier") ?? DEFAULT_USER_POOL_TIER;
  const addOns = objectField(settings, "UserPoolAddOns");
  const securityMode = addOns && stringField(addOns, "AdvancedSecurityMode");
  if (tier !== "PLUS" && securityMode !== undefined && securityMode !== "OFF") {
    throw new FeatureUnavailableInTierException(
      `The following features need to be disabled for the ${tier} pricing tier configured: Threat Protection`,
    );
  }

  checkTagLimit(stringMapField(settings, "UserPoolTags") ?? {});
}
