import { NotAuthorizedException } from "../../domain/errors.js";
import { readableAttributesOf } from "../../domain/tokens/attribute-claims.js";
import { INVALID_ACCESS_TOKEN } from "../../domain/tokens/token-errors.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import type { StorageRepositories } from "../../ports/storage.js";
import type { SignedInUser } from "./signed-in-user.js";

// What a signed-in user may read and write about themselves is decided by the app client their access
// token was issued to:
// - reads: its ReadAttributes, or (when it has none) the standard attributes with the verified flags;
// - writes: its WriteAttributes, or (when it has none) every attribute except the `*_verified` flags,
//   the rule SignUp applies; a write (or delete) outside them is NotAuthorizedException
//   "A client attempted to write unauthorized attribute".
// - a token of a client deleted since is no longer honoured ("Invalid Access Token").

export async function clientOfToken(
  storage: Pick<StorageRepositories, "userPoolClients">,
  signedIn: SignedInUser,
): Promise<UserPoolClient> {
  const client = await storage.userPoolClients.findClient(signedIn.pool.id, signedIn.token.clientId);
  if (!client) throw new NotAuthorizedException(INVALID_ACCESS_TOKEN);
  return client;
}

export const readableBy = (client: UserPoolClient): ReadonlySet<string> =>
  readableAttributesOf(client.settings);

function mayWrite(client: UserPoolClient, name: string): boolean {
  const write = client.settings.WriteAttributes;
  if (!Array.isArray(write) || write.length === 0) return !name.endsWith("_verified");
  return write.includes(name);
}

/** Throws unless the client may write (or delete) every one of `names`. */
export function requireWritableBy(client: UserPoolClient, names: readonly string[]): void {
  for (const name of names) {
    if (!mayWrite(client, name)) {
      throw new NotAuthorizedException("A client attempted to write unauthorized attribute");
    }
  }
}
