import { UserNotFoundException } from "../../domain/errors.js";
import { signInLookups, usernameKey } from "../../domain/user/sign-in-identity.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserRepository } from "../../ports/user-repository.js";

/** Finds the user a person or an admin names: by username (or sub), then by the pool's aliases. */
export async function findUserByIdentifier(
  users: UserRepository,
  pool: UserPool,
  identifier: string,
): Promise<User | undefined> {
  for (const lookup of signInLookups(pool.settings, identifier)) {
    const found =
      lookup.by === "username"
        ? await users.findUserByUsername(pool.id, lookup.key)
        : await users.findUserByAlias(pool.id, lookup.alias);
    if (found) return found;
  }
  // In email/phone-as-username pools the username is the sub; admins may name users that way too.
  if (/^[0-9a-f-]{36}$/i.test(identifier)) return users.findUserBySub(pool.id, identifier.toLowerCase());
  return undefined;
}

/** Admin calls name a user by username or alias; Cognito answers UserNotFoundException when none matches. */
export async function requireUser(users: UserRepository, pool: UserPool, identifier: string): Promise<User> {
  const user = await findUserByIdentifier(users, pool, identifier);
  if (!user) throw new UserNotFoundException("User does not exist.");
  return user;
}

export { usernameKey };
