// The claims of Cognito's ID and access tokens (developer guide "Understanding the ID/access token", and
// public captures of real tokens). Times are whole seconds since the epoch.
// - Both: sub, iss, origin_jti (the sign-in's refresh-token family), event_id, token_use, auth_time (the
//   original sign-in, unchanged by refresh), exp, iat, jti (fresh per token), cognito:groups when any.
// - ID: aud (the client id), cognito:username, cognito:roles / cognito:preferred_role, the readable
//   attributes, nonce when the authorization request had one. at_hash is added after the access token is
//   signed.
// - Access: client_id, scope (space-separated), username, device_key when the device is tracked, and
//   `version: 2` in tokens from the OAuth endpoints (hosted UI captures carry it; API-flow captures don't).
// Member order follows the captures; it carries no meaning.

import type { JsonObject } from "../../shared/json.js";
import type { GroupClaims } from "./group-claims.js";

/** What both tokens of one issuance share. */
export interface SessionClaims {
  issuer: string;
  sub: string;
  username: string;
  clientId: string;
  originJti: string;
  eventId: string;
  authTime: number;
  issuedAt: number;
  groups: GroupClaims;
}

export interface AccessTokenClaimsInput extends SessionClaims {
  jti: string;
  expiresAt: number;
  scopes: readonly string[];
  deviceKey?: string;
  /** Tokens from the OAuth endpoints carry `version: 2`. */
  oauth: boolean;
}

export interface IdTokenClaimsInput extends SessionClaims {
  jti: string;
  expiresAt: number;
  /** Already filtered and typed (attributeClaims). */
  attributes: JsonObject;
  nonce?: string;
}

export function buildAccessTokenClaims(input: AccessTokenClaimsInput): JsonObject {
  const claims: JsonObject = { sub: input.sub };
  if (input.deviceKey !== undefined) claims.device_key = input.deviceKey;
  const groups = input.groups["cognito:groups"];
  if (groups !== undefined) claims["cognito:groups"] = groups;
  claims.iss = input.issuer;
  if (input.oauth) claims.version = 2;
  claims.client_id = input.clientId;
  claims.origin_jti = input.originJti;
  claims.event_id = input.eventId;
  claims.token_use = "access";
  claims.scope = input.scopes.join(" ");
  claims.auth_time = input.authTime;
  claims.exp = input.expiresAt;
  claims.iat = input.issuedAt;
  claims.jti = input.jti;
  claims.username = input.username;
  return claims;
}

export function buildIdTokenClaims(input: IdTokenClaimsInput): JsonObject {
  const claims: JsonObject = { sub: input.sub };
  const {
    "cognito:groups": groups,
    "cognito:roles": roles,
    "cognito:preferred_role": preferred,
  } = input.groups;
  if (groups !== undefined) claims["cognito:groups"] = groups;
  if (preferred !== undefined) claims["cognito:preferred_role"] = preferred;
  claims.iss = input.issuer;
  claims["cognito:username"] = input.username;
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  claims.origin_jti = input.originJti;
  if (roles !== undefined) claims["cognito:roles"] = roles;
  claims.aud = input.clientId;
  claims.event_id = input.eventId;
  claims.token_use = "id";
  claims.auth_time = input.authTime;
  claims.exp = input.expiresAt;
  claims.iat = input.issuedAt;
  claims.jti = input.jti;
  return { ...claims, ...input.attributes, ...claims };
}
