// Resource servers and their custom scopes (CreateResourceServer and friends).
// - Identifier is unique in the pool; a pool has at most 25 resource servers (Cognito's default quota).
// - Scope names are unique within a server; a scope is granted as "<identifier>/<scope name>".
// - The model already bounds lengths and patterns (identifier, name, scope name, description, 100 scopes).

import { InvalidParameterException, ResourceNotFoundException } from "../errors.js";

export const MAX_RESOURCE_SERVERS_PER_POOL = 25;

export interface ResourceServerScope {
  ScopeName: string;
  ScopeDescription: string;
}

export interface ResourceServer {
  userPoolId: string;
  identifier: string;
  name: string;
  scopes: ResourceServerScope[];
  createdAt: Date;
  lastModifiedAt: Date;
}

/** Cognito's ResourceServerType. */
export interface ResourceServerView {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes: ResourceServerScope[];
}

export const resourceServerView = (server: ResourceServer): ResourceServerView => ({
  UserPoolId: server.userPoolId,
  Identifier: server.identifier,
  Name: server.name,
  Scopes: server.scopes.map((scope) => ({
    ScopeName: scope.ScopeName,
    ScopeDescription: scope.ScopeDescription,
  })),
});

/** Scopes as given, with duplicates refused (Cognito stores each scope name once). */
export function checkResourceServerScopes(scopes: readonly ResourceServerScope[]): ResourceServerScope[] {
  const seen = new Set<string>();
  for (const scope of scopes) {
    if (seen.has(scope.ScopeName)) {
      throw new InvalidParameterException(`Duplicate scope name ${scope.ScopeName} in the resource server.`);
    }
    seen.add(scope.ScopeName);
  }
  return scopes.map((scope) => ({ ScopeName: scope.ScopeName, ScopeDescription: scope.ScopeDescription }));
}

export const resourceServerExists = (identifier: string) =>
  new InvalidParameterException(
    `A resource server with identifier ${identifier} already exists in this user pool.`,
  );

export const resourceServerNotFound = (identifier: string) =>
  new ResourceNotFoundException(`Resource server ${identifier} does not exist.`);

/** Every "<identifier>/<scope>" a set of servers defines. */
export function customScopesOf(servers: readonly ResourceServer[]): Set<string> {
  return new Set(
    servers.flatMap((server) => server.scopes.map((scope) => `${server.identifier}/${scope.ScopeName}`)),
  );
}

/** "<identifier>/<name>" split at the last slash (identifiers may hold slashes, scope names may not). */
export function splitCustomScope(scope: string): { identifier: string; scopeName: string } | undefined {
  const slash = scope.lastIndexOf("/");
  if (slash <= 0 || slash === scope.length - 1) return undefined;
  return { identifier: scope.slice(0, slash), scopeName: scope.slice(slash + 1) };
}
