import type { FastifyInstance, FastifyReply } from "fastify";
import type { Jwks } from "../../app/tokens/signing-keys.js";
import type { JsonObject } from "../../shared/json.js";

// GET /{userPoolId}/.well-known/jwks.json: every key still valid for the pool, {"keys":[{alg,e,kid,kty,n,use}]}.
// The pool's keys are created by the first request if it has none yet. Unknown pool: 404 JSON.
// Cached by clients for 5 minutes: rotation publishes new keys at once and verifiers (jose,
// aws-jwt-verify) re-fetch on an unknown kid, so a short max-age is only a bound on staleness.
// GET /{userPoolId}/.well-known/openid-configuration (OIDC Discovery) and
// /.well-known/oauth-authorization-server/{userPoolId} (RFC 8414 §3's form for an issuer with a path):
// the pool's provider metadata (domain/oauth2/discovery.ts), cached like the JWKS. Unknown pool: 404 JSON.

export interface WellKnownDependencies {
  jwks(userPoolId: string): Promise<Jwks | undefined>;
}

const JWKS_CACHE_CONTROL = "public, max-age=300";
/** Cognito pool ids are at most 55 characters: anything longer names no pool, without a lookup. */
const MAX_POOL_ID_LENGTH = 55;

export function registerWellKnownRoutes(app: FastifyInstance, deps: WellKnownDependencies): void {
  app.get<{ Params: { userPoolId: string } }>(
    "/:userPoolId/.well-known/jwks.json",
    async (request, reply) => {
      const { userPoolId } = request.params;
      const jwks = userPoolId.length <= MAX_POOL_ID_LENGTH ? await deps.jwks(userPoolId) : undefined;
      reply.header("content-type", "application/json");
      if (!jwks) {
        reply.header("cache-control", "no-store");
        return reply.code(404).send(JSON.stringify({ message: `User pool ${userPoolId} does not exist.` }));
      }
      reply.header("cache-control", JWKS_CACHE_CONTROL);
      return reply.code(200).send(JSON.stringify(jwks));
    },
  );
}

export interface DiscoveryDependencies {
  /** The pool's metadata; undefined when the pool does not exist. */
  discovery(userPoolId: string): Promise<JsonObject | undefined>;
}

export function registerDiscoveryRoutes(app: FastifyInstance, deps: DiscoveryDependencies): void {
  const handler = async (userPoolId: string, reply: FastifyReply) => {
    const document = userPoolId.length <= MAX_POOL_ID_LENGTH ? await deps.discovery(userPoolId) : undefined;
    reply.header("content-type", "application/json");
    if (!document) {
      reply.header("cache-control", "no-store");
      return reply.code(404).send(JSON.stringify({ message: `User pool ${userPoolId} does not exist.` }));
    }
    reply.header("cache-control", JWKS_CACHE_CONTROL);
    return reply.code(200).send(JSON.stringify(document));
  };
  app.get<{ Params: { userPoolId: string } }>(
    "/:userPoolId/.well-known/openid-configuration",
    (request, reply) => handler(request.params.userPoolId, reply),
  );
  app.get<{ Params: { userPoolId: string } }>(
    "/.well-known/oauth-authorization-server/:userPoolId",
    (request, reply) => handler(request.params.userPoolId, reply),
  );
}
