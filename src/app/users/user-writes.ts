import { AliasExistsException, UsernameExistsException } from "../../domain/errors.js";
import { activeAliases } from "../../domain/user/sign-in-identity.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { DuplicateKeyError, type StorageRepositories } from "../../ports/storage.js";

// Shared user writes: every save recomputes the user's aliases from the pool's rules, so an email that
// stops being verified stops being a sign-in alias; collisions become Cognito's exceptions.

function aliasTaken(pool: UserPool): Error {
  const asUsername =
    Array.isArray(pool.settings.UsernameAttributes) && pool.settings.UsernameAttributes.length > 0;
  return asUsername
    ? new UsernameExistsException("An account with the given email already exists.")
    : new AliasExistsException("An account with the email already exists.");
}

/** Inserts a new user; a taken username or alias becomes UsernameExistsException / AliasExistsException. */
export async function insertNewUser(
  repositories: Pick<StorageRepositories, "users">,
  pool: UserPool,
  user: User,
  usernameKey: string,
): Promise<void> {
  try {
    await repositories.users.insertUser({ user, usernameKey, aliases: activeAliases(pool.settings, user) });
  } catch (error) {
    if (error instanceof DuplicateKeyError) {
      if (error.constraint === "user_aliases_uq") throw aliasTaken(pool);
      throw new UsernameExistsException("User already exists");
    }
    throw error;
  }
}

/** Saves every mutable field and the aliases that follow from them. */
export async function saveUser(
  repositories: Pick<StorageRepositories, "users">,
  pool: UserPool,
  user: User,
): Promise<void> {
  try {
    await repositories.users.saveUser(user, activeAliases(pool.settings, user));
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw aliasTaken(pool);
    throw error;
  }
}

/**
 * Ends every session of a user at once: refresh-token families are revoked, and access tokens issued
 * before now are refused by Cognate's own endpoints (GetUser and the rest).
 */
export async function revokeAllSessions(
  repositories: Pick<StorageRepositories, "users" | "refreshTokens">,
  user: User,
  now: Date,
): Promise<User> {
  await repositories.refreshTokens.revokeFamiliesOfUser(user.userPoolId, user.sub, now);
  return { ...user, tokensRevokedAt: now, lastModifiedAt: now };
}
