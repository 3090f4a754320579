// A pool's OpenID Provider metadata (OIDC Discovery 1.0 §3; RFC 8414 uses the same members).
// Cognito's published members come first, with its values: RS256 only, public subjects, response types
// code and token, client_secret_basic and client_secret_post, scopes openid/email/phone/profile. Cognito's
// document lacks the revocation and end-session endpoints (clients patch them in by hand); Cognate lists
// them, plus introspection (RFC 7662), PKCE S256 and RFC 9207's iss parameter.
// Endpoints live under the issuer path, which every pool has whether or not it has a domain.

import type { JsonObject } from "../../shared/json.js";

const CLAIMS = [
  "sub",
  "iss",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "nonce",
  "at_hash",
  "token_use",
  "cognito:username",
  "cognito:groups",
  "cognito:roles",
  "cognito:preferred_role",
  "identities",
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "email",
  "email_verified",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
];

const CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"];

export function discoveryDocument(issuer: string): JsonObject {
  const endpoint = (path: string) => `${issuer}${path}`;
  return {
    authorization_endpoint: endpoint("/oauth2/authorize"),
    id_token_signing_alg_values_supported: ["RS256"],
    issuer,
    jwks_uri: endpoint("/.well-known/jwks.json"),
    response_types_supported: ["code", "token"],
    scopes_supported: ["openid", "email", "phone", "profile"],
    subject_types_supported: ["public"],
    token_endpoint: endpoint("/oauth2/token"),
    token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    userinfo_endpoint: endpoint("/oauth2/userInfo"),
    end_session_endpoint: endpoint("/logout"),
    revocation_endpoint: endpoint("/oauth2/revoke"),
    revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    introspection_endpoint: endpoint("/oauth2/introspect"),
    introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    grant_types_supported: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
    response_modes_supported: ["query", "fragment"],
    code_challenge_methods_supported: ["S256"],
    claims_supported: CLAIMS,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    claims_parameter_supported: false,
    authorization_response_iss_parameter_supported: true,
  };
}
