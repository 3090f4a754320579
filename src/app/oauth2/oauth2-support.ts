import { createHash, timingSafeEqual } from "node:crypto";
import { customScopesOf, splitCustomScope } from "../../domain/oauth2/resource-server.js";
import { isStandardScope } from "../../domain/oauth2/scopes.js";
import { issuerFor } from "../../domain/tokens/issuer.js";
import type { StorageRepositories } from "../../ports/storage.js";
import type { AppDependencies } from "../dependencies.js";

// Helpers shared by the OAuth 2.0 use cases: what they depend on, code hashing, PKCE S256, scope lookups.

/** Everything the OAuth engine and endpoints use. */
export type OAuth2Dependencies = Pick<
  AppDependencies,
  "storage" | "clock" | "random" | "secretBox" | "deployment" | "tokens" | "triggers"
>;

const sha256 = (value: string) => createHash("sha256").update(value, "ascii").digest();

/** Codes are stored as their SHA-256: a database leak yields no redeemable code. */
export const hashAuthorizationCode = (code: string) => sha256(code).toString("base64url");

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) must equal the challenge (compared in constant time). */
export function pkceMatches(verifier: string, challenge: string): boolean {
  const expected = Buffer.from(sha256(verifier).toString("base64url"), "ascii");
  const given = Buffer.from(challenge, "ascii");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const issuerOf = (deps: Pick<AppDependencies, "deployment">, userPoolId: string) =>
  issuerFor(deps.deployment.publicUrl, userPoolId);

/** Which of `candidates`' custom scopes still exist in the pool (one read per resource server named). */
export async function existingCustomScopes(
  storage: Pick<StorageRepositories, "resourceServers">,
  userPoolId: string,
  candidates: readonly string[],
): Promise<(scope: string) => boolean> {
  const identifiers = new Set(
    candidates.flatMap((scope) => {
      const split = isStandardScope(scope) ? undefined : splitCustomScope(scope);
      return split ? [split.identifier] : [];
    }),
  );
  const servers = await Promise.all(
    [...identifiers].map((identifier) => storage.resourceServers.findResourceServer(userPoolId, identifier)),
  );
  const existing = customScopesOf(servers.flatMap((server) => (server ? [server] : [])));
  return (scope) => existing.has(scope);
}

/** A client setting that is a list of strings ([] when absent). */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
