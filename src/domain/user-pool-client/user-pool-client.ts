import type { JsonObject } from "../../shared/json.js";
import { ResourceNotFoundException } from "../errors.js";

/** An app client's configuration with Cognito's field names; ids, secrets and dates live outside it. */
export type UserPoolClientSettings = JsonObject & { ClientName: string };

export interface UserPoolClient {
  clientId: string;
  userPoolId: string;
  settings: UserPoolClientSettings;
  createdAt: Date;
  lastModifiedAt: Date;
}

/** A client secret as stored: the value is sealed with the master key. */
export interface StoredClientSecret {
  secretId: string;
  clientId: string;
  sealedValue: string;
  createdAt: Date;
}

/** The SecretBox purpose every client secret is sealed under. */
export const CLIENT_SECRET_PURPOSE = "client-secret";
/** Cognito keeps at most two active secrets per app client (for rotation). */
export const MAX_CLIENT_SECRETS = 2;

export type TimeUnit = "seconds" | "minutes" | "hours" | "days";

export interface TokenValidityUnits {
  AccessToken?: TimeUnit;
  IdToken?: TimeUnit;
  RefreshToken?: TimeUnit;
}

export interface AnalyticsConfiguration {
  ApplicationId?: string;
  ApplicationArn?: string;
  RoleArn?: string;
  ExternalId?: string;
  UserDataShared: boolean;
}

export interface RefreshTokenRotation {
  Feature: "ENABLED" | "DISABLED";
  RetryGracePeriodSeconds?: number;
}

/**
 * The typed view of the stored settings document. Optional members are absent when Cognito would leave
 * them out of DescribeUserPoolClient; the others always have a value (Cognito's default when not given).
 */
export interface ClientSettings {
  ClientName: string;
  RefreshTokenValidity: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits: TokenValidityUnits;
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  ExplicitAuthFlows?: string[];
  SupportedIdentityProviders?: string[];
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient: boolean;
  AnalyticsConfiguration?: AnalyticsConfiguration;
  PreventUserExistenceErrors?: "LEGACY" | "ENABLED";
  EnableTokenRevocation: boolean;
  EnablePropagateAdditionalUserContextData: boolean;
  AuthSessionValidity: number;
  RefreshTokenRotation?: RefreshTokenRotation;
}

/** A JSON round trip drops undefined members, so the result is a plain JSON document. */
export function toStoredSettings(settings: ClientSettings): UserPoolClientSettings {
  return JSON.parse(JSON.stringify(settings)) as UserPoolClientSettings;
}

/** Only these use cases write the document, so reading it back as ClientSettings is sound. */
export function fromStoredSettings(stored: UserPoolClientSettings): ClientSettings {
  return stored as unknown as ClientSettings;
}

/** Cognito's answer for a client id that is not in the pool. */
export const userPoolClientNotFound = (clientId: string) =>
  new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
