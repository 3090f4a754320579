// OAuth 2.0 settings of an app client (flows, scopes, and what they require).
// InvalidOAuthFlowException:
// - client_credentials with code or implicit: "client_credentials flow can not be selected along with code
//   flow or implicit flow."
// - client_credentials on a client without a secret: "client_credentials flow can not be selected if client
//   does not have a client secret."
// - AllowedOAuthFlowsUserPoolClient true without flows or scopes: "AllowedOAuthFlows and AllowedOAuthScopes
//   are required if user pool client is allowed to use OAuth flows."
// - code or implicit without callback URLs: "CallbackUrls can not be empty when code flow or implicit flow is
//   selected"
// - a standard scope with client_credentials: "<scope> is not supported with client_credentials flow"
// ScopeDoesNotExistException:
// - a scope that is neither standard (openid, email, phone, profile, aws.cognito.signin.user.admin) nor
//   shaped like a resource-server scope "<identifier>/<name>": "Invalid scope requested: <scope>";
// - a "<identifier>/<name>" scope that no resource server of the pool defines: the same message (checked
//   when the caller passes the pool's custom scopes, as CreateUserPoolClient/UpdateUserPoolClient do).
// Flows and scopes are stored even when AllowedOAuthFlowsUserPoolClient is false (Cognito accepts that).

import { InvalidOAuthFlowException, ScopeDoesNotExistException } from "../errors.js";

export const STANDARD_OAUTH_SCOPES: readonly string[] = [
  "openid",
  "email",
  "phone",
  "profile",
  "aws.cognito.signin.user.admin",
];

export interface OAuthSettings {
  allowedOAuthFlowsUserPoolClient: boolean;
  flows: readonly string[];
  scopes: readonly string[];
  callbackUrls: readonly string[];
  hasClientSecret: boolean;
  /** The pool's resource-server scopes ("<identifier>/<name>"); when given, other custom scopes are refused. */
  knownCustomScopes?: ReadonlySet<string>;
}

/** A resource-server scope: a non-empty identifier, a slash, a non-empty scope name. */
function looksLikeCustomScope(scope: string): boolean {
  const slash = scope.lastIndexOf("/");
  return slash > 0 && slash < scope.length - 1;
}

export function checkOAuthSettings(settings: OAuthSettings): void {
  const { flows, scopes } = settings;
  const clientCredentials = flows.includes("client_credentials");
  const browserFlow = flows.includes("code") || flows.includes("implicit");
  if (clientCredentials && browserFlow) {
    throw new InvalidOAuthFlowException(
      "client_credentials flow can not be selected along with code flow or implicit flow.",
    );
  }
  if (clientCredentials && !settings.hasClientSecret) {
    throw new InvalidOAuthFlowException(
      "client_credentials flow can not be selected if client does not have a client secret.",
    );
  }
  if (settings.allowedOAuthFlowsUserPoolClient && (flows.length === 0 || scopes.length === 0)) {
    throw new InvalidOAuthFlowException(
      "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
    );
  }
  if (browserFlow && settings.callbackUrls.length === 0) {
    throw new InvalidOAuthFlowException(
      "CallbackUrls can not be empty when code flow or implicit flow is selected",
    );
  }
  for (const scope of scopes) {
    const standard = STANDARD_OAUTH_SCOPES.includes(scope);
    if (standard && clientCredentials) {
      throw new InvalidOAuthFlowException(`${scope} is not supported with client_credentials flow`);
    }
    const unknownCustom =
      !standard && settings.knownCustomScopes !== undefined && !settings.knownCustomScopes.has(scope);
    if ((!standard && !looksLikeCustomScope(scope)) || unknownCustom) {
      throw new ScopeDoesNotExistException(`Invalid scope requested: ${scope}`);
    }
  }
}
