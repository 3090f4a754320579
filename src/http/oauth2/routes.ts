import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createDiscovery } from "../../app/oauth2/discovery.js";
import { createIntrospection } from "../../app/oauth2/introspect.js";
import { createLogout } from "../../app/oauth2/logout.js";
import type { OAuth2Dependencies } from "../../app/oauth2/oauth2-support.js";
import { createRevocation } from "../../app/oauth2/revoke.js";
import { createTokenEndpoint } from "../../app/oauth2/token-endpoint.js";
import { createUserInfo } from "../../app/oauth2/user-info.js";
import { poolOfHost } from "../../app/oauth2/user-pool-domains.js";
import { OAuthError } from "../../domain/oauth2/oauth-error.js";
import { clearSsoSession } from "../hosted-ui/routes.js";
import { sendLogoutPage } from "./logout-page.js";
import { presentedClient, readForm, readQuery, sendJson, sendOAuthError } from "./oauth2-wire.js";
import { atRootAndIssuerPath, createPoolFromRequest, type PoolFromRequest } from "./pool-from-request.js";
import { registerDiscoveryRoutes } from "./well-known.js";

// The OAuth 2.0 / OIDC endpoints, each at the root of a pool's domain and under the issuer path
// (pool-from-request.ts): POST /oauth2/token, GET|POST /oauth2/userInfo, POST /oauth2/revoke,
// POST /oauth2/introspect, GET /logout, plus the discovery documents. /oauth2/authorize and the sign-in
// pages belong to the hosted UI, which drives app/oauth2/authorization-engine.ts; /logout ends its SSO
// session for the pool (clearSsoSession) before answering.

export interface OAuth2RouteDependencies {
  app: OAuth2Dependencies;
  /** COGNATE_DOMAIN_SUFFIX: prefix domains answer at "{prefix}.{suffix}". */
  domainSuffix: string;
}

/** The resolver the hosted UI shares, built from the same storage and suffix. */
export const createOAuth2PoolResolver = (
  deps: Pick<OAuth2RouteDependencies, "app" | "domainSuffix">,
): PoolFromRequest => createPoolFromRequest({ poolOfHost: poolOfHost(deps.app.storage, deps.domainSuffix) });

const noPool = () => new OAuthError("invalid_request", "No user pool answers at this address.");

const bearerToken = (request: FastifyRequest, form: Record<string, string> | undefined) => {
  const header = request.headers.authorization;
  if (header !== undefined) return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  return form?.access_token;
};

export function registerOAuth2Routes(app: FastifyInstance, deps: OAuth2RouteDependencies): void {
  const poolOf = createOAuth2PoolResolver(deps);
  const token = createTokenEndpoint(deps.app);
  const userInfo = createUserInfo(deps.app);
  const revoke = createRevocation(deps.app);
  const introspect = createIntrospection(deps.app);
  const logout = createLogout(deps.app);

  registerDiscoveryRoutes(app, { discovery: createDiscovery(deps.app) });

  const post = (
    path: string,
    handle: (request: FastifyRequest, reply: FastifyReply, userPoolId: string) => Promise<unknown>,
  ) => {
    for (const route of atRootAndIssuerPath(path)) {
      app.post(route, async (request, reply) => {
        try {
          const pool = await poolOf(request);
          if (!pool) throw noPool();
          return await handle(request, reply, pool.userPoolId);
        } catch (error) {
          return sendOAuthError(request, reply, error);
        }
      });
    }
  };

  post("/oauth2/token", async (request, reply, userPoolId) => {
    const params = readForm(request);
    const response = await token(userPoolId, { params, client: presentedClient(request, params) });
    return sendJson(reply, 200, response);
  });

  post("/oauth2/revoke", async (request, reply, userPoolId) => {
    const params = readForm(request);
    await revoke(userPoolId, params, presentedClient(request, params));
    return reply.code(200).header("cache-control", "no-store").send();
  });

  post("/oauth2/introspect", async (request, reply, userPoolId) => {
    const params = readForm(request);
    return sendJson(reply, 200, await introspect(userPoolId, params, presentedClient(request, params)));
  });

  const userInfoHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      const pool = await poolOf(request);
      if (!pool) throw noPool();
      const form =
        request.method === "POST" && request.headers.authorization === undefined
          ? readForm(request)
          : undefined;
      const accessToken = bearerToken(request, form);
      if (!accessToken) {
        reply.header("www-authenticate", 'Bearer realm="cognate"');
        return sendJson(reply, 401, {
          error: "invalid_request",
          error_description: "The request has no access token.",
        });
      }
      return sendJson(reply, 200, await userInfo(pool.userPoolId, accessToken));
    } catch (error) {
      return sendOAuthError(request, reply, error);
    }
  };
  for (const path of ["/oauth2/userInfo", "/oauth2/userinfo"]) {
    for (const route of atRootAndIssuerPath(path)) {
      app.get(route, userInfoHandler);
      app.post(route, userInfoHandler);
    }
  }

  for (const route of atRootAndIssuerPath("/logout")) {
    app.get(route, async (request, reply) => {
      try {
        const pool = await poolOf(request);
        const query = readQuery(request);
        if (!pool || !query)
          return sendLogoutPage(reply, 400, "Sign-out failed", "This sign-out link is not valid.");
        const decision = await logout(pool.userPoolId, query, `${pool.basePath}/oauth2/authorize`);
        if (decision.kind === "error")
          return sendLogoutPage(reply, decision.status, "Sign-out failed", decision.message);
        await clearSsoSession(request, reply, pool.userPoolId);
        if (decision.kind === "signed-out") {
          return sendLogoutPage(
            reply,
            200,
            "Signed out",
            "You have been signed out. You can close this page.",
          );
        }
        return reply
          .code(302)
          .header("cache-control", "no-store")
          .header("location", decision.location)
          .send();
      } catch (error) {
        request.log.error({ err: error }, "unexpected error at /logout");
        return sendLogoutPage(reply, 500, "Sign-out failed", "Something went wrong. Please try again.");
      }
    });
  }
}
