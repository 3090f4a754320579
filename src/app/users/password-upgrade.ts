import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import { saveUser } from "./user-writes.js";

// At a successful password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, the hosted UI), the
// plaintext is at hand once: a user imported with a foreign hash (bcrypt, scrypt, PBKDF2, other argon2
// parameters) or without an SRP verifier gets Cognate's argon2id hash and an SRP verifier, so SRP sign-in
// works from then on. Until then SRP sign-in fails as for a wrong password, as Cognito's migration flow
// does when it never sees the password: the client signs in once with USER_PASSWORD_AUTH.
// The password's age (changedAt), the status and lastModifiedAt stay as they were.

export type PasswordUpgradeDependencies = Pick<AppDependencies, "storage" | "passwords">;

/** Returns the user as stored afterwards (unchanged when nothing needed upgrading). */
export async function upgradeStoredPassword(
  deps: PasswordUpgradeDependencies,
  pool: UserPool,
  user: User,
  password: string,
): Promise<User> {
  if (!deps.passwords.needsUpgrade(user)) return user;
  const upgraded: User = { ...user, password: await deps.passwords.rehash(pool, user, password) };
  await saveUser(deps.storage, pool, upgraded);
  return upgraded;
}
