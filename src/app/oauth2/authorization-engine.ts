import { AUTHORIZATION_CODE_LIFETIME_MS } from "../../domain/oauth2/authorization-code.js";
import {
  checkPkceParameters,
  checkPrompt,
  isRegisteredRedirectUri,
  MAX_PARAMETER_LENGTH,
  type ResponseMode,
  responseLocation,
} from "../../domain/oauth2/authorization-request.js";
import {
  attributesForScopes,
  OPENID,
  parseScopeParameter,
  resolveUserScopes,
} from "../../domain/oauth2/scopes.js";
import { readableAttributesOf } from "../../domain/tokens/attribute-claims.js";
import type { User } from "../../domain/user/user.js";
import { preTokenGenerationCustomizer } from "../triggers/pre-token-generation.js";
import type {
  AuthorizationCompletion,
  AuthorizationEngine,
  AuthorizationRequest,
  AuthorizationValidation,
} from "./authorization-contract.js";
import {
  existingCustomScopes,
  hashAuthorizationCode,
  issuerOf,
  type OAuth2Dependencies,
  stringList,
} from "./oauth2-support.js";

// The authorization endpoint's rules, for the hosted UI (which owns the pages and the sign-in).
// validate, in order (domain/oauth2/authorization-request.ts has the details):
//  1. client_id names a client of this pool, and redirect_uri (or its DefaultRedirectURI) is one of its
//     CallbackURLs exactly; otherwise an error page: nothing is ever redirected to an unverified URI.
//  2. From here errors are redirected (query, or fragment for response_type=token) with state and iss:
//     OAuth disabled for the client or the grant not allowed: unauthorized_client; response_type missing:
//     invalid_request, unknown: unsupported_response_type; PKCE malformed, or missing for a public client's
//     code grant: invalid_request; bad prompt or over-long parameters: invalid_request; an identity
//     provider the client does not support: invalid_request; scopes: invalid_scope (domain/oauth2/scopes).
// complete: a code (random UUID, stored as its hash, 5 minutes, bound to client, redirect_uri, PKCE, nonce,
// scopes, user and auth_time, with the refresh-token family its redemption will create), or implicit tokens
// in the fragment (access token, ID token only with openid, never a refresh token).

const FREE_FORM = ["state", "nonce", "login_hint", "lang", "identity_provider", "idp_identifier"];

export function createAuthorizationEngine(deps: OAuth2Dependencies): AuthorizationEngine {
  const redirectError = (
    request: { redirectUri: string; state?: string; userPoolId: string },
    mode: ResponseMode,
    error: string,
    description?: string,
  ): AuthorizationValidation => ({
    ok: false,
    kind: "redirect",
    location: responseLocation(request.redirectUri, mode, [
      ["error", error],
      ["error_description", description],
      ["state", request.state],
      ["iss", issuerOf(deps, request.userPoolId)],
    ]),
  });
  const page = (status: number, message: string): AuthorizationValidation => ({
    ok: false,
    kind: "page",
    status,
    message,
  });

  async function validate(
    userPoolId: string,
    query: Record<string, string | undefined>,
  ): Promise<AuthorizationValidation> {
    const clientId = query.client_id;
    if (!clientId) return page(400, "The request has no client_id.");
    const [pool, client] = await Promise.all([
      deps.storage.userPools.findUserPool(userPoolId),
      deps.storage.userPoolClients.findClient(userPoolId, clientId),
    ]);
    if (!pool || !client) return page(400, "The app client does not exist in this user pool.");
    const settings = client.settings;
    const callbackUrls = stringList(settings.CallbackURLs);
    const fallback =
      typeof settings.DefaultRedirectURI === "string" ? settings.DefaultRedirectURI : undefined;
    const redirectUri = query.redirect_uri ?? fallback;
    if (redirectUri === undefined) return page(400, "The request has no redirect_uri.");
    if (!isRegisteredRedirectUri(redirectUri, callbackUrls)) {
      return page(400, "redirect_mismatch: the redirect_uri is not registered for this app client.");
    }

    const state = query.state;
    const mode: ResponseMode = query.response_type === "token" ? "fragment" : "query";
    const fail = (error: string, description?: string) =>
      redirectError({ redirectUri, state, userPoolId }, mode, error, description);

    const tooLong = FREE_FORM.find((name) => (query[name]?.length ?? 0) > MAX_PARAMETER_LENGTH);
    if (tooLong) return fail("invalid_request", `${tooLong} is too long.`);
    if (settings.AllowedOAuthFlowsUserPoolClient !== true) {
      return fail("unauthorized_client", "The app client is not enabled for OAuth flows.");
    }
    const responseType = query.response_type;
    if (!responseType) return fail("invalid_request", "response_type is missing.");
    if (responseType !== "code" && responseType !== "token") return fail("unsupported_response_type");
    const flows = stringList(settings.AllowedOAuthFlows);
    if (!flows.includes(responseType === "code" ? "code" : "implicit")) {
      return fail("unauthorized_client", `The app client may not use response_type=${responseType}.`);
    }

    const pkce = checkPkceParameters(query.code_challenge, query.code_challenge_method);
    if (!pkce.ok) return fail("invalid_request", pkce.description);
    if (responseType === "code" && pkce.challenge === undefined) {
      const secrets = await deps.storage.userPoolClients.listClientSecrets(client.clientId);
      if (secrets.length === 0)
        return fail("invalid_request", "PKCE (code_challenge, S256) is required for public clients.");
    }
    const prompt = checkPrompt(query.prompt);
    if (!prompt.ok) return fail("invalid_request", prompt.description);
    const identityProvider = query.identity_provider;
    if (
      identityProvider !== undefined &&
      !stringList(settings.SupportedIdentityProviders).includes(identityProvider)
    ) {
      return fail(
        "invalid_request",
        `The identity provider ${identityProvider} is not enabled for this app client.`,
      );
    }

    const requested = parseScopeParameter(query.scope);
    const allowed = stringList(settings.AllowedOAuthScopes);
    const exists = await existingCustomScopes(deps.storage, userPoolId, requested ?? allowed);
    const scopes = resolveUserScopes(requested, allowed, exists);
    if (!scopes.ok) return fail("invalid_scope", scopes.description);

    // Optional members are left out when the request had none, so the UI can tell "absent" from "".
    const optional: Partial<AuthorizationRequest> = {
      state,
      nonce: query.nonce,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: pkce.challenge === undefined ? undefined : "S256",
      prompt: prompt.prompt,
      identityProvider,
      idpIdentifier: query.idp_identifier,
      lang: query.lang,
      loginHint: query.login_hint,
    };
    const present = Object.entries(optional).filter(([, value]) => value !== undefined);
    const request: AuthorizationRequest = {
      pool,
      client,
      responseType,
      redirectUri,
      scopes: scopes.scopes,
      ...(Object.fromEntries(present) as Partial<AuthorizationRequest>),
    };
    return { ok: true, request };
  }

  async function issueCode(request: AuthorizationRequest, user: User, authTime: Date): Promise<string> {
    const code = deps.random.uuid();
    const now = deps.clock.now();
    await deps.storage.authorizationCodes.insertAuthorizationCode({
      codeHash: hashAuthorizationCode(code),
      userPoolId: request.pool.id,
      clientId: request.client.clientId,
      sub: user.sub,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      codeChallenge: request.codeChallenge ?? null,
      nonce: request.nonce ?? null,
      authTime,
      familyId: deps.random.uuid(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + AUTHORIZATION_CODE_LIFETIME_MS),
      consumedAt: null,
      replayedAt: null,
    });
    // Opportunistic housekeeping (about one call in 256) keeps the table small without a scheduler; an
    // hour's grace keeps replays of recent codes detectable.
    if (deps.random.bytes(1)[0] === 0) {
      await deps.storage.authorizationCodes.deleteExpiredAuthorizationCodes(
        new Date(now.getTime() - 3_600_000),
      );
    }
    return code;
  }

  async function implicitTokens(request: AuthorizationRequest, user: User, authTime: Date) {
    const groups = await deps.storage.groups.groupsOfUser(request.pool.id, user.sub);
    // A refresh token is stored (it anchors the family that revocation and GlobalSignOut act on) but
    // never handed out: the implicit grant returns none.
    const result = await deps.tokens.issueTokens({
      user,
      pool: request.pool,
      client: request.client,
      groups,
      scopes: request.scopes,
      authTime,
      withRefreshToken: true,
      nonce: request.nonce,
      oauth: true,
      includeAtHash: true,
      readableAttributes: attributesForScopes(request.scopes, readableAttributesOf(request.client.settings)),
      customizeClaims: preTokenGenerationCustomizer(deps, {
        pool: request.pool,
        client: request.client,
        source: "TokenGeneration_HostedAuth",
        user,
        groups,
      }),
    });
    return result;
  }

  async function complete(
    request: AuthorizationRequest,
    user: User,
    authTime: Date,
  ): Promise<AuthorizationCompletion> {
    const iss = issuerOf(deps, request.pool.id);
    const mode: ResponseMode = request.responseType === "token" ? "fragment" : "query";
    if (user.userPoolId !== request.pool.id || !user.enabled) {
      return {
        location: responseLocation(request.redirectUri, mode, [
          ["error", "access_denied"],
          ["state", request.state],
          ["iss", iss],
        ]),
      };
    }
    if (request.responseType === "code") {
      const code = await issueCode(request, user, authTime);
      return {
        location: responseLocation(request.redirectUri, "query", [
          ["code", code],
          ["state", request.state],
          ["iss", iss],
        ]),
      };
    }
    const tokens = await implicitTokens(request, user, authTime);
    return {
      location: responseLocation(request.redirectUri, "fragment", [
        ["access_token", tokens.AccessToken],
        ["id_token", request.scopes.includes(OPENID) ? tokens.IdToken : undefined],
        ["token_type", "Bearer"],
        ["expires_in", String(tokens.ExpiresIn)],
        ["state", request.state],
        ["iss", iss],
      ]),
    };
  }

  return {
    validate,
    complete,
    loginRequired(request) {
      return responseLocation(request.redirectUri, request.responseType === "token" ? "fragment" : "query", [
        ["error", "login_required"],
        ["state", request.state],
        ["iss", issuerOf(deps, request.pool.id)],
      ]);
    },
  };
}
