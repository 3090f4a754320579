import { AliasExistsException, UsernameExistsException } from "../../domain/errors.js";
import { activeAliases } from "../../domain/user/sign-in-identity.js";
import type { AliasKind, User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { DuplicateKeyError, type StorageRepositories } from "../../ports/storage.js";

// Shared user writes: every save recomputes the user's aliases from the pool's rules, so an email that
// stops being verified stops being a sign-in alias; collisions become Cognito's exceptions.

/** Names the alias another user holds, in Cognito's words. */
async function aliasTaken(
  repositories: Pick<StorageRepositories, "users">,
  pool: UserPool,
  user: User,
): Promise<Error> {
  let kind: AliasKind = "email";
  try {
    for (const alias of activeAliases(pool.settings, user)) {
      const holder = await repositories.users.findUserByAlias(pool.id, alias);
      if (holder && holder.sub !== user.sub) {
        kind = alias.kind;
        break;
      }
    }
  } catch {
    // Inside a PostgreSQL transaction the failed write aborted it; keep the generic wording.
  }
  const asUsername =
    Array.isArray(pool.settings.UsernameAttributes) && pool.settings.UsernameAttributes.length > 0;
  return asUsername
    ? new UsernameExistsException(`An account with the given ${kind} already exists.`)
    : new AliasExistsException(`An account with the ${kind} already exists.`);
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
      if (error.constraint === "user_aliases_uq") throw await aliasTaken(repositories, pool, user);
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
    if (error instanceof DuplicateKeyError) throw await aliasTaken(repositories, pool, user);
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
