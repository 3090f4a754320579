import type { FastifyRequest } from "fastify";

// Which user pool a request to the OAuth endpoints or the hosted UI is for:
// - under the issuer path, /{userPoolId}/…: that pool (routes name the segment :userPoolId), always;
// - at the root of a pool's domain: the pool whose domain the Host is, a prefix domain as
//   "{prefix}.{COGNATE_DOMAIN_SUFFIX}" or a custom domain as given (request.hostname: no port, and
//   X-Forwarded-Host only when fastify is told to trust the proxy).
// basePath is what the request's pool lives under ("" at a domain root), for building links and
// redirects that stay on the same host and path. Whether the pool exists is the use cases' question.

export interface ResolvedPool {
  userPoolId: string;
  basePath: string;
}

export type PoolFromRequest = (request: FastifyRequest) => Promise<ResolvedPool | undefined>;

const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const MAX_POOL_ID_LENGTH = 55;

export interface PoolFromRequestDependencies {
  /** The pool whose domain this host is (app/oauth2/user-pool-domains.ts poolOfHost). */
  poolOfHost(host: string): Promise<string | undefined>;
}

export function createPoolFromRequest(deps: PoolFromRequestDependencies): PoolFromRequest {
  return async (request) => {
    const params = request.params as Record<string, unknown> | undefined;
    const fromPath = params?.userPoolId;
    if (typeof fromPath === "string") {
      return fromPath.length <= MAX_POOL_ID_LENGTH && POOL_ID.test(fromPath)
        ? { userPoolId: fromPath, basePath: `/${fromPath}` }
        : undefined;
    }
    const userPoolId = request.hostname ? await deps.poolOfHost(request.hostname) : undefined;
    return userPoolId === undefined ? undefined : { userPoolId, basePath: "" };
  };
}

/** A route's two mount points: the domain root and the issuer path. */
export const atRootAndIssuerPath = (path: string): [string, string] => [path, `/:userPoolId${path}`];
