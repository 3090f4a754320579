// The smaller app-client options.
// - SupportedIdentityProviders: each must be COGNITO or an identity provider configured in the pool; none can
//   be configured yet, so only COGNITO is accepted. Otherwise InvalidParameterException
//   "The provider <name> does not exist for User Pool <pool id>".
// - AnalyticsConfiguration: either ApplicationArn alone, or ApplicationId with RoleArn (ExternalId optional).
//   Otherwise InvalidParameterException "Invalid analytics configuration given, either <application arn> or
//   <application id, role arn, external id> are valid". UserDataShared defaults to false.
// - RefreshTokenRotation: Feature ENABLED|DISABLED (required), RetryGracePeriodSeconds 0–60; smithy-style
//   InvalidParameterException otherwise (the bundled model does not carry these constraints).
// - EnablePropagateAdditionalUserContextData can only be true on a client with a secret.

import { InvalidParameterException } from "../errors.js";
import { constraintViolation } from "./constraint-message.js";
import type { AnalyticsConfiguration, RefreshTokenRotation } from "./user-pool-client.js";

export function checkIdentityProviders(
  providers: readonly string[],
  knownProviders: readonly string[],
  userPoolId: string,
): void {
  for (const provider of providers) {
    if (!knownProviders.includes(provider)) {
      throw new InvalidParameterException(
        `The provider ${provider} does not exist for User Pool ${userPoolId}`,
      );
    }
  }
}

export interface AnalyticsConfigurationInput {
  ApplicationId?: string;
  ApplicationArn?: string;
  RoleArn?: string;
  ExternalId?: string;
  UserDataShared?: boolean;
}

export function resolveAnalyticsConfiguration(input: AnalyticsConfigurationInput): AnalyticsConfiguration {
  const byArn = Boolean(input.ApplicationArn) && !input.ApplicationId && !input.RoleArn && !input.ExternalId;
  const byId = !input.ApplicationArn && Boolean(input.ApplicationId) && Boolean(input.RoleArn);
  if (!byArn && !byId) {
    throw new InvalidParameterException(
      "Invalid analytics configuration given, either <application arn> or <application id, role arn, external id> are valid",
    );
  }
  const resolved: AnalyticsConfiguration = { UserDataShared: input.UserDataShared ?? false };
  if (input.ApplicationId) resolved.ApplicationId = input.ApplicationId;
  if (input.ApplicationArn) resolved.ApplicationArn = input.ApplicationArn;
  if (input.RoleArn) resolved.RoleArn = input.RoleArn;
  if (input.ExternalId) resolved.ExternalId = input.ExternalId;
  return resolved;
}

export interface RefreshTokenRotationInput {
  Feature?: string;
  RetryGracePeriodSeconds?: number;
}

export function resolveRefreshTokenRotation(input: RefreshTokenRotationInput): RefreshTokenRotation {
  const feature = input.Feature;
  if (feature === undefined) {
    throw constraintViolation("refreshTokenRotation.feature", null, "Member must not be null");
  }
  if (feature !== "ENABLED" && feature !== "DISABLED") {
    throw constraintViolation(
      "refreshTokenRotation.feature",
      feature,
      "Member must satisfy enum value set: [ENABLED, DISABLED]",
    );
  }
  const resolved: RefreshTokenRotation = { Feature: feature };
  const grace = input.RetryGracePeriodSeconds;
  if (grace !== undefined) {
    if (!Number.isInteger(grace) || grace < 0) {
      throw constraintViolation(
        "refreshTokenRotation.retryGracePeriodSeconds",
        grace,
        "Member must have value greater than or equal to 0",
      );
    }
    if (grace > 60) {
      throw constraintViolation(
        "refreshTokenRotation.retryGracePeriodSeconds",
        grace,
        "Member must have value less than or equal to 60",
      );
    }
    resolved.RetryGracePeriodSeconds = grace;
  }
  return resolved;
}

export function checkPropagateUserContextData(enabled: boolean, hasClientSecret: boolean): void {
  if (enabled && !hasClientSecret) {
    throw new InvalidParameterException(
      "EnablePropagateAdditionalUserContextData can only be enabled for an app client that has a client secret.",
    );
  }
}
