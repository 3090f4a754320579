import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { userPoolNotFound } from "../../domain/user-pool/user-pool.js";
import { permittedAttributeNames } from "../../domain/user-pool-client/attribute-permissions.js";
import type { ClientContext } from "../../domain/user-pool-client/client-defaults.js";
import {
  type UserPoolClient,
  userPoolClientNotFound,
} from "../../domain/user-pool-client/user-pool-client.js";
import type { StorageRepositories } from "../../ports/storage.js";

/** Identity providers an app client may name; the pool's own providers join this list when they exist. */
export const KNOWN_IDENTITY_PROVIDERS: readonly string[] = ["COGNITO"];

export async function findUserPoolOrThrow(
  storage: Pick<StorageRepositories, "userPools">,
  userPoolId: string,
): Promise<UserPool> {
  const pool = await storage.userPools.findUserPool(userPoolId);
  if (!pool) throw userPoolNotFound(userPoolId);
  return pool;
}

/** Cognito reports an unknown pool before an unknown client. */
export async function findClientOrThrow(
  storage: Pick<StorageRepositories, "userPools" | "userPoolClients">,
  userPoolId: string,
  clientId: string,
): Promise<{ pool: UserPool; client: UserPoolClient }> {
  const pool = await findUserPoolOrThrow(storage, userPoolId);
  const client = await storage.userPoolClients.findClient(userPoolId, clientId);
  if (!client) throw userPoolClientNotFound(clientId);
  return { pool, client };
}

/** Every "<identifier>/<name>" scope the pool's resource servers define (AllowedOAuthScopes may name these). */
export async function customScopesOfPool(
  storage: Pick<StorageRepositories, "resourceServers">,
  userPoolId: string,
): Promise<Set<string>> {
  const scopes = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await storage.resourceServers.listResourceServers(userPoolId, {
      limit: 50,
      ...(cursor ? { cursor } : {}),
    });
    for (const server of page.items) {
      for (const scope of server.scopes) scopes.add(`${server.identifier}/${scope.ScopeName}`);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return scopes;
}

/** What the app-client rules need to know about the pool. */
export function clientContextFor(
  pool: UserPool,
  operation: ClientContext["operation"],
  hasClientSecret: boolean,
): ClientContext {
  return {
    operation,
    userPoolId: pool.id,
    permittedAttributes: permittedAttributeNames(pool.settings.SchemaAttributes),
    knownIdentityProviders: KNOWN_IDENTITY_PROVIDERS,
    hasClientSecret,
  };
}
