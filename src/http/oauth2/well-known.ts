import type { FastifyInstance } from "fastify";
import type { Jwks } from "../../app/tokens/signing-keys.js";

// GET /{userPoolId}/.well-known/jwks.json: every key still valid for the pool, {"keys":[{alg,e,kid,kty,n,use}]}.
// The pool's keys are created by the first request if it has none yet. Unknown pool: 404 JSON.
// Cached by clients for 5 minutes: rotation publishes new keys at once and verifiers (jose,
// aws-jwt-verify) re-fetch on an unknown kid, so a short max-age is only a bound on staleness.
// The OIDC discovery document will live here too.

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
