// The access token of grant_type=client_credentials (machine to machine), in the shape of Cognito's: the
// app client is the subject (sub = client_id), there is no user, so no username, groups, origin_jti or
// event_id; scope holds the granted custom scopes; version 2 as every token from the OAuth endpoints.
// auth_time is the issue time. Member order follows public captures of Cognito's M2M tokens.

import type { JsonObject } from "../../shared/json.js";

export interface ClientAccessTokenClaimsInput {
  issuer: string;
  clientId: string;
  scopes: readonly string[];
  jti: string;
  issuedAt: number;
  expiresAt: number;
}

export function buildClientAccessTokenClaims(input: ClientAccessTokenClaimsInput): JsonObject {
  return {
    sub: input.clientId,
    token_use: "access",
    scope: input.scopes.join(" "),
    auth_time: input.issuedAt,
    iss: input.issuer,
    exp: input.expiresAt,
    iat: input.issuedAt,
    version: 2,
    jti: input.jti,
    client_id: input.clientId,
  };
}
