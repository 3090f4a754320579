import {
  UnauthorizedException,
  UnsupportedOperationException,
  UnsupportedTokenTypeException,
} from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { hashRefreshToken, looksLikeRefreshToken } from "../tokens/opaque-tokens.js";
import { requirePublicClient } from "../users/public-client.js";
import { verifyClientSecret } from "./client-secrets.js";

export interface RevokeTokenInput {
  Token: string;
  ClientId: string;
  ClientSecret?: string;
}

// RevokeToken ends the session a refresh token belongs to: its whole family (the sign-in and every token
// refreshed or rotated from it) stops working, and Cognate's endpoints refuse the access tokens minted
// from it. Other sessions of the user are untouched.
// - A client with a secret must send it as ClientSecret: UnauthorizedException otherwise.
// - EnableTokenRevocation false: UnsupportedOperationException.
// - An ID or access token (a JWT) is not revocable: UnsupportedTokenTypeException.
// - A refresh token of another client: UnauthorizedException (RFC 7009 §2.1: the token must belong to
//   the client asking).
// - Unknown, malformed or already revoked tokens succeed, as RFC 7009 asks and Cognito does for a
//   repeated revocation.

const looksLikeJwt = (value: string) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);

export const revokeToken =
  (deps: Pick<AppDependencies, "storage" | "clock" | "secretBox">): UseCase<RevokeTokenInput, object> =>
  async (_context, input) => {
    const { client, hasSecret } = await requirePublicClient(deps.storage, input.ClientId);
    if (hasSecret) {
      const presented = input.ClientSecret;
      if (presented === undefined || !(await verifyClientSecret(deps)(client.clientId, presented))) {
        throw new UnauthorizedException(`Invalid client secret for client ${client.clientId}`);
      }
    }
    if (client.settings.EnableTokenRevocation === false) {
      throw new UnsupportedOperationException("Token revocation is not enabled for this app client.");
    }
    if (looksLikeJwt(input.Token)) {
      throw new UnsupportedTokenTypeException("Only refresh tokens can be revoked.");
    }
    if (!looksLikeRefreshToken(input.Token)) return {};
    const found = await deps.storage.refreshTokens.findRefreshToken(hashRefreshToken(input.Token));
    if (!found) return {};
    if (found.token.clientId !== client.clientId) {
      throw new UnauthorizedException("The token was not issued to this client.");
    }
    await deps.storage.refreshTokens.revokeFamily(found.token.familyId, deps.clock.now());
    return {};
  };
