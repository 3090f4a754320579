import { oauthError } from "../../domain/oauth2/oauth-error.js";
import { OPENID, parseScopeParameter, resolveClientCredentialsScopes } from "../../domain/oauth2/scopes.js";
import { refreshFailureMessage } from "../../domain/tokens/token-errors.js";
import { mintClientAccessToken } from "../tokens/mint-tokens.js";
import {
  customizeClientCredentialsClaims,
  preTokenGenerationCustomizer,
} from "../triggers/pre-token-generation.js";
import { authenticateClient, type PresentedClient } from "./client-authentication.js";
import { exchangeAuthorizationCode } from "./exchange-code.js";
import { existingCustomScopes, type OAuth2Dependencies, stringList } from "./oauth2-support.js";

// POST /oauth2/token (Cognito's token endpoint, RFC 6749 §4.1.3, §4.4, §6).
// - grant_type missing: invalid_request. The client authenticates first (client-authentication.ts); then an
//   unknown grant_type is unsupported_grant_type, and a client not enabled for OAuth, or without the grant
//   in AllowedOAuthFlows, is unauthorized_client (refresh_token needs only OAuth enabled).
// - authorization_code: exchange-code.ts.
// - refresh_token: the shared refresh engine (rotation when the client's RefreshTokenRotation is ENABLED,
//   reuse detection, revocation); any refusal is invalid_grant with Cognito's wording. The ID token comes
//   back unless the session was an OAuth grant without openid.
// - client_credentials: needs a client secret; custom scopes only (domain/oauth2/scopes.ts); an access
//   token for the client itself, nothing else.

export interface TokenRequest {
  params: Readonly<Record<string, string>>;
  client: PresentedClient;
}

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: "Bearer";
  expires_in: number;
}

const GRANTS = ["authorization_code", "refresh_token", "client_credentials"];

/** The scope claim of a token this server just signed (its payload is ours, so no check is needed). */
function scopesOfOwnToken(jwt: string): string[] {
  const payload: unknown = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
  const scope =
    typeof payload === "object" && payload !== null ? (payload as { scope?: unknown }).scope : undefined;
  return typeof scope === "string" && scope !== "" ? scope.split(" ") : [];
}

/** API sign-ins carry only the self-service scope and always had an ID token; OAuth grants need openid. */
const keepsIdToken = (scopes: readonly string[]) =>
  scopes.includes(OPENID) || (scopes.length === 1 && scopes[0] === "aws.cognito.signin.user.admin");

export function createTokenEndpoint(deps: OAuth2Dependencies) {
  const authenticate = authenticateClient(deps);
  const exchange = exchangeAuthorizationCode(deps);
  const mintForClient = mintClientAccessToken({ ...deps, signingKeys: deps.tokens.signingKeys });

  return async (userPoolId: string, request: TokenRequest): Promise<TokenResponse> => {
    const { params } = request;
    const grantType = params.grant_type;
    if (!grantType) throw oauthError("invalid_request", "grant_type is missing.");
    const { client, hasSecret } = await authenticate(userPoolId, request.client);
    const pool = await deps.storage.userPools.findUserPool(userPoolId);
    if (!pool) throw oauthError("invalid_client", "Client authentication failed.");
    if (!GRANTS.includes(grantType))
      throw oauthError("unsupported_grant_type", `Unsupported grant_type ${grantType}.`);
    if (client.settings.AllowedOAuthFlowsUserPoolClient !== true) {
      throw oauthError("unauthorized_client", "The app client is not enabled for OAuth flows.");
    }
    const flows = stringList(client.settings.AllowedOAuthFlows);

    if (grantType === "authorization_code") {
      if (!flows.includes("code"))
        throw oauthError("unauthorized_client", "The app client may not use the code grant.");
      return exchange(userPoolId, client, params);
    }

    if (grantType === "refresh_token") {
      const refreshToken = params.refresh_token;
      if (!refreshToken) throw oauthError("invalid_request", "refresh_token is missing.");
      const rotation = client.settings.RefreshTokenRotation;
      const rotationSettings =
        typeof rotation === "object" && rotation !== null && !Array.isArray(rotation) ? rotation : {};
      const grace = rotationSettings.RetryGracePeriodSeconds;
      const refreshed = await deps.tokens.refreshTokens({
        refreshToken,
        client,
        rotate: {
          enabled: rotationSettings.Feature === "ENABLED",
          graceSeconds: typeof grace === "number" ? grace : 0,
        },
        oauth: true,
        customizeClaims: preTokenGenerationCustomizer(deps, {
          pool,
          client,
          source: "TokenGeneration_RefreshTokens",
        }),
      });
      if (!refreshed.ok) throw oauthError("invalid_grant", refreshFailureMessage(refreshed.reason));
      const result = refreshed.result;
      const response: TokenResponse = {
        access_token: result.AccessToken,
        token_type: "Bearer",
        expires_in: result.ExpiresIn,
      };
      if (keepsIdToken(scopesOfOwnToken(result.AccessToken))) response.id_token = result.IdToken;
      if (result.RefreshToken !== undefined) response.refresh_token = result.RefreshToken;
      return response;
    }

    if (!flows.includes("client_credentials") || !hasSecret) {
      throw oauthError("unauthorized_client", "The app client may not use the client_credentials grant.");
    }
    const requested = parseScopeParameter(params.scope);
    const allowed = stringList(client.settings.AllowedOAuthScopes);
    const exists = await existingCustomScopes(deps.storage, userPoolId, requested ?? allowed);
    const scopes = resolveClientCredentialsScopes(requested, allowed, exists);
    if (!scopes.ok) throw oauthError("invalid_scope", scopes.description);
    const minted = await mintForClient({
      pool,
      client,
      scopes: scopes.scopes,
      customizeClaims: (claims) => customizeClientCredentialsClaims(deps, { pool, client }, claims),
    });
    return { access_token: minted.accessToken, token_type: "Bearer", expires_in: minted.expiresIn };
  };
}
