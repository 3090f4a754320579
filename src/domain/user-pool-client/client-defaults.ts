// Builds an app client's settings from a CreateUserPoolClient or UpdateUserPoolClient request.
// Cognito's defaults, for a member the request leaves out:
// - RefreshTokenValidity 30 (days); TokenValidityUnits {}; AccessTokenValidity/IdTokenValidity absent (1 hour).
// - ExplicitAuthFlows: the three default flows on create, absent after an update (see explicit-auth-flows.ts).
// - AllowedOAuthFlowsUserPoolClient false; EnableTokenRevocation true; EnablePropagateAdditionalUserContextData
//   false; AuthSessionValidity 3 (minutes).
// - Lists, DefaultRedirectURI, AnalyticsConfiguration, PreventUserExistenceErrors (LEGACY in effect) and
//   RefreshTokenRotation: absent. An empty list is stored as absent.
// UpdateUserPoolClient replaces the configuration: what the request leaves out goes back to the default,
// except ClientName (kept), and RefreshTokenValidity, EnableTokenRevocation and AuthSessionValidity, which
// Cognito keeps when an update omits them.

import { checkAttributePermissions } from "./attribute-permissions.js";
import { checkDefaultRedirectUri, checkRedirectUrls } from "./callback-url-rules.js";
import {
  type AnalyticsConfigurationInput,
  checkIdentityProviders,
  checkPropagateUserContextData,
  type RefreshTokenRotationInput,
  resolveAnalyticsConfiguration,
  resolveRefreshTokenRotation,
} from "./client-option-rules.js";
import { resolveExplicitAuthFlows, uniqueInOrder } from "./explicit-auth-flows.js";
import { checkOAuthSettings } from "./oauth-rules.js";
import { resolveTokenValidity } from "./token-validity.js";
import type { ClientSettings, TokenValidityUnits } from "./user-pool-client.js";

export const DEFAULT_AUTH_SESSION_VALIDITY = 3;

/** The configurable members of CreateUserPoolClient and UpdateUserPoolClient (shapes already validated). */
export interface ClientConfigurationInput {
  ClientName?: string;
  RefreshTokenValidity?: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: TokenValidityUnits;
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  ExplicitAuthFlows?: string[];
  SupportedIdentityProviders?: string[];
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  AnalyticsConfiguration?: AnalyticsConfigurationInput;
  PreventUserExistenceErrors?: "LEGACY" | "ENABLED";
  EnableTokenRevocation?: boolean;
  EnablePropagateAdditionalUserContextData?: boolean;
  AuthSessionValidity?: number;
  RefreshTokenRotation?: RefreshTokenRotationInput;
}

export interface ClientContext {
  operation: "create" | "update";
  userPoolId: string;
  /** Names ReadAttributes/WriteAttributes may use (attribute-permissions.ts). */
  permittedAttributes: ReadonlySet<string>;
  /** Identity providers the pool knows (COGNITO until identity providers exist). */
  knownIdentityProviders: readonly string[];
  hasClientSecret: boolean;
  /** The pool's resource-server scopes; when given, AllowedOAuthScopes may name no other custom scope. */
  knownCustomScopes?: ReadonlySet<string>;
  /** The client's current settings, for an update. */
  previous?: ClientSettings;
}

/** A list as stored: duplicates dropped, empty or missing stored as absent. */
const listOrAbsent = (values: readonly string[] | null | undefined) =>
  values && values.length > 0 ? uniqueInOrder(values) : undefined;

export function buildClientSettings(input: ClientConfigurationInput, context: ClientContext): ClientSettings {
  const previous = context.previous;
  const clientName = input.ClientName ?? previous?.ClientName ?? "";
  const validity = resolveTokenValidity(
    {
      RefreshTokenValidity: input.RefreshTokenValidity ?? undefined,
      AccessTokenValidity: input.AccessTokenValidity ?? undefined,
      IdTokenValidity: input.IdTokenValidity ?? undefined,
      TokenValidityUnits: input.TokenValidityUnits ?? undefined,
    },
    previous,
  );
  const explicitAuthFlows = resolveExplicitAuthFlows(input.ExplicitAuthFlows ?? undefined, context.operation);

  const read = listOrAbsent(input.ReadAttributes);
  const write = listOrAbsent(input.WriteAttributes);
  checkAttributePermissions(context.permittedAttributes, read ?? [], write ?? [], context.operation);

  const providers = listOrAbsent(input.SupportedIdentityProviders);
  checkIdentityProviders(providers ?? [], context.knownIdentityProviders, context.userPoolId);

  const callbackUrls = listOrAbsent(input.CallbackURLs);
  const logoutUrls = listOrAbsent(input.LogoutURLs);
  checkRedirectUrls(callbackUrls ?? []);
  checkRedirectUrls(logoutUrls ?? []);
  const defaultRedirectUri = input.DefaultRedirectURI ?? undefined;
  if (defaultRedirectUri !== undefined) checkDefaultRedirectUri(defaultRedirectUri, callbackUrls ?? []);

  const flows = listOrAbsent(input.AllowedOAuthFlows);
  const scopes = listOrAbsent(input.AllowedOAuthScopes);
  const allowedOAuthFlowsUserPoolClient = input.AllowedOAuthFlowsUserPoolClient ?? false;
  checkOAuthSettings({
    allowedOAuthFlowsUserPoolClient,
    flows: flows ?? [],
    scopes: scopes ?? [],
    callbackUrls: callbackUrls ?? [],
    hasClientSecret: context.hasClientSecret,
    ...(context.knownCustomScopes ? { knownCustomScopes: context.knownCustomScopes } : {}),
  });

  const propagate = input.EnablePropagateAdditionalUserContextData ?? false;
  checkPropagateUserContextData(propagate, context.hasClientSecret);

  return {
    ClientName: clientName,
    ...validity,
    ReadAttributes: read,
    WriteAttributes: write,
    ExplicitAuthFlows: explicitAuthFlows,
    SupportedIdentityProviders: providers,
    CallbackURLs: callbackUrls,
    LogoutURLs: logoutUrls,
    DefaultRedirectURI: defaultRedirectUri,
    AllowedOAuthFlows: flows,
    AllowedOAuthScopes: scopes,
    AllowedOAuthFlowsUserPoolClient: allowedOAuthFlowsUserPoolClient,
    AnalyticsConfiguration: input.AnalyticsConfiguration
      ? resolveAnalyticsConfiguration(input.AnalyticsConfiguration)
      : undefined,
    PreventUserExistenceErrors: input.PreventUserExistenceErrors ?? undefined,
    EnableTokenRevocation: input.EnableTokenRevocation ?? previous?.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: propagate,
    AuthSessionValidity:
      input.AuthSessionValidity ?? previous?.AuthSessionValidity ?? DEFAULT_AUTH_SESSION_VALIDITY,
    RefreshTokenRotation: input.RefreshTokenRotation
      ? resolveRefreshTokenRotation(input.RefreshTokenRotation)
      : undefined,
  };
}
