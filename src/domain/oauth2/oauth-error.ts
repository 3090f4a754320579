// OAuth 2.0 / OIDC protocol errors (RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1, RFC 7009, OIDC Core §3.1.2.6).
// The wire adapter picks the status: invalid_client 401, invalid_token 401, insufficient_scope 403,
// everything else 400.

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "unsupported_token_type"
  | "access_denied"
  | "server_error"
  | "login_required"
  | "invalid_token"
  | "insufficient_scope";

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = "OAuthError";
  }
}

export const oauthError = (error: OAuthErrorCode, description: string) => new OAuthError(error, description);
