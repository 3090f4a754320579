import type { ClientInput } from "./user-pool-clients-setup.js";

// Every app-client rule CreateUserPoolClient enforces, with Cognito's exception and message; the pool the
// rows run against has the custom attribute "tier" and the resource server "my-api" with the scope "read".

const oauth = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ["openid"] };
/** What CreateUserPoolClient refuses: [what, input, exception name, message (POOL is the pool id)]. */
export const rejections: [string, Partial<ClientInput>, string, string | RegExp][] = [
  [
    "access token under 5 minutes",
    { AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: "minutes" } },
    "InvalidParameterException",
    "Invalid range for token validity.",
  ],
  [
    "access token over 1 day",
    { AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: "days" } },
    "InvalidParameterException",
    "Invalid range for token validity.",
  ],
  [
    "ID token over 1 day (hours by default)",
    { IdTokenValidity: 25 },
    "InvalidParameterException",
    "Invalid range for token validity.",
  ],
  [
    "ID token under 5 minutes",
    { IdTokenValidity: 299, TokenValidityUnits: { IdToken: "seconds" } },
    "InvalidParameterException",
    "Invalid range for token validity.",
  ],
  [
    "refresh token under 60 minutes",
    { RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: "minutes" } },
    "InvalidParameterException",
    "Invalid range for token validity.",
  ],
  [
    "refresh token over 10 years",
    { RefreshTokenValidity: 3651 },
    "InvalidParameterException",
    "Invalid range for token validity.",
  ],
  [
    "legacy and ALLOW_ flow names mixed",
    { ExplicitAuthFlows: ["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    "InvalidParameterException",
    "Auth flow name with prefix 'ALLOW' cannot be used with legacy auth flow names.",
  ],
  [
    "ALLOW_ flows without refresh",
    { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] },
    "InvalidParameterException",
    "REFRESH_TOKEN_AUTH should always be allowed.",
  ],
  [
    "an unknown read attribute",
    { ReadAttributes: ["email", "custom:nope"] },
    "InvalidParameterException",
    "Invalid read attributes specified while creating a client",
  ],
  [
    "a custom attribute without its prefix",
    { ReadAttributes: ["tier"] },
    "InvalidParameterException",
    "Invalid read attributes specified while creating a client",
  ],
  [
    "email_verified as a write attribute",
    { WriteAttributes: ["email_verified"] },
    "InvalidParameterException",
    "Invalid write attributes specified while creating a client",
  ],
  [
    "sub as a write attribute",
    { WriteAttributes: ["sub"] },
    "InvalidParameterException",
    "Invalid write attributes specified while creating a client",
  ],
  [
    "an identity provider the pool does not have",
    { SupportedIdentityProviders: ["COGNITO", "Google"] },
    "InvalidParameterException",
    "The provider Google does not exist for User Pool POOL",
  ],
  [
    "an http callback URL",
    { CallbackURLs: ["http://example.com/cb"] },
    "InvalidParameterException",
    "http://example.com/cb cannot use the HTTP protocol.",
  ],
  [
    "an http callback on a localhost look-alike",
    { CallbackURLs: ["http://localhost.evil.com/"] },
    "InvalidParameterException",
    "http://localhost.evil.com/ cannot use the HTTP protocol.",
  ],
  [
    "a callback URL with a fragment",
    { CallbackURLs: ["https://example.com/cb#top"] },
    "InvalidParameterException",
    "https://example.com/cb#top cannot use fragment",
  ],
  [
    "a callback URL with an empty fragment",
    { CallbackURLs: ["https://example.com/#"] },
    "InvalidParameterException",
    "https://example.com/# cannot use fragment",
  ],
  [
    "a relative callback URL",
    { CallbackURLs: ["example.com/cb"] },
    "InvalidParameterException",
    "example.com/cb is not a valid URL.",
  ],
  [
    "an http sign-out URL",
    { LogoutURLs: ["http://example.com"] },
    "InvalidParameterException",
    "http://example.com cannot use the HTTP protocol.",
  ],
  [
    "a default redirect URI outside the callbacks",
    { CallbackURLs: ["https://a.example"], DefaultRedirectURI: "https://b.example" },
    "InvalidParameterException",
    "The default redirect URI https://b.example is not in the callback URIs list.",
  ],
  [
    "client_credentials with code",
    {
      ...oauth,
      GenerateSecret: true,
      AllowedOAuthFlows: ["client_credentials", "code"],
      CallbackURLs: ["https://a.example"],
    },
    "InvalidOAuthFlowException",
    "client_credentials flow can not be selected along with code flow or implicit flow.",
  ],
  [
    "client_credentials without a secret",
    { AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: ["my-api/read"] },
    "InvalidOAuthFlowException",
    "client_credentials flow can not be selected if client does not have a client secret.",
  ],
  [
    "client_credentials with a standard scope",
    {
      GenerateSecret: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthScopes: ["my-api/read", "openid"],
    },
    "InvalidOAuthFlowException",
    "openid is not supported with client_credentials flow",
  ],
  [
    "OAuth on without flows",
    { ...oauth, CallbackURLs: ["https://a.example"] },
    "InvalidOAuthFlowException",
    "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
  ],
  [
    "OAuth on without scopes",
    {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      CallbackURLs: ["https://a.example"],
    },
    "InvalidOAuthFlowException",
    "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
  ],
  [
    "the code flow without callback URLs",
    { ...oauth, AllowedOAuthFlows: ["code"] },
    "InvalidOAuthFlowException",
    "CallbackUrls can not be empty when code flow or implicit flow is selected",
  ],
  [
    "an unknown scope",
    {
      ...oauth,
      AllowedOAuthFlows: ["code"],
      CallbackURLs: ["https://a.example"],
      AllowedOAuthScopes: ["openid", "bogus"],
    },
    "ScopeDoesNotExistException",
    "Invalid scope requested: bogus",
  ],
  [
    "a scope with an empty resource server",
    {
      ...oauth,
      AllowedOAuthFlows: ["implicit"],
      CallbackURLs: ["https://a.example"],
      AllowedOAuthScopes: ["/read"],
    },
    "ScopeDoesNotExistException",
    "Invalid scope requested: /read",
  ],
  [
    "a custom scope its resource server does not define",
    {
      ...oauth,
      AllowedOAuthFlows: ["code"],
      CallbackURLs: ["https://a.example"],
      AllowedOAuthScopes: ["openid", "my-api/read", "my-api/delete"],
    },
    "ScopeDoesNotExistException",
    "Invalid scope requested: my-api/delete",
  ],
  [
    "a custom scope of a resource server that does not exist",
    {
      ...oauth,
      AllowedOAuthFlows: ["code"],
      CallbackURLs: ["https://a.example"],
      AllowedOAuthScopes: ["openid", "other-api/read"],
    },
    "ScopeDoesNotExistException",
    "Invalid scope requested: other-api/read",
  ],
  [
    "analytics with an application id and no role",
    { AnalyticsConfiguration: { ApplicationId: "abc123" } },
    "InvalidParameterException",
    "Invalid analytics configuration given, either <application arn> or <application id, role arn, external id> are valid",
  ],
  [
    "analytics with both an application ARN and id",
    {
      AnalyticsConfiguration: {
        ApplicationArn: "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc",
        ApplicationId: "abc",
        RoleArn: "arn:aws:iam::123456789012:role/r",
      },
    },
    "InvalidParameterException",
    "Invalid analytics configuration given, either <application arn> or <application id, role arn, external id> are valid",
  ],
  [
    "a retry grace period over 60 seconds",
    { RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 61 } },
    "InvalidParameterException",
    "1 validation error detected: Value '61' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60",
  ],
  [
    "an unknown rotation feature",
    { RefreshTokenRotation: { Feature: "MAYBE" as "ENABLED" } },
    "InvalidParameterException",
    "1 validation error detected: Value 'MAYBE' at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
  ],
  [
    "context data propagation without a secret",
    { EnablePropagateAdditionalUserContextData: true },
    "InvalidParameterException",
    "EnablePropagateAdditionalUserContextData can only be enabled for an app client that has a client secret.",
  ],
  [
    "GenerateSecret with a ClientSecret",
    { GenerateSecret: true, ClientSecret: "a".repeat(30) },
    "InvalidParameterException",
    "GenerateSecret cannot be true when a ClientSecret is provided.",
  ],
  [
    "a custom secret under 24 characters",
    { ClientSecret: "tooShort123" },
    "InvalidParameterException",
    "1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: Member must have length greater than or equal to 24",
  ],
  [
    "an auth session validity over 15 minutes",
    { AuthSessionValidity: 16 },
    "InvalidParameterException",
    /^1 validation error detected: Value '16' at 'authSessionValidity' failed to satisfy constraint: Member must have value less than or equal to 15/,
  ],
];
