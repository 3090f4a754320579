import { InvalidParameterException } from "../../domain/errors.js";
import { runPreAuthentication } from "../triggers/pre-authentication.js";
import { runUserMigration } from "../triggers/user-migration.js";
import { upgradeStoredPassword } from "../users/password-upgrade.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import {
  type AuthResponse,
  afterPasswordVerified,
  failSignIn,
  guardLockout,
  refuseUserWithoutPassword,
  type SignInDependencies,
  type SignInOptions,
  type SignInTarget,
  unknownUserError,
} from "./sign-in.js";

// USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH: the password travels (over TLS) and
// is checked against the argon2id hash. Unknown users cost the same hashing time as real ones, unless the
// pool has a UserMigration trigger: then the trigger decides, and the user it describes is created with
// this password (later sign-ins, SRP included, find the user and call no trigger). Known users go through
// PreAuthentication before the password is checked.

export async function passwordSignIn(
  deps: SignInDependencies,
  target: SignInTarget,
  parameters: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const username = parameters.USERNAME;
  const password = parameters.PASSWORD;
  if (!username) throw new InvalidParameterException("Missing required parameter USERNAME");
  if (password === undefined) throw new InvalidParameterException("Missing required parameter PASSWORD");
  const user = await findUserByIdentifier(deps.storage.users, target.pool, username);
  if (!user) {
    const migrated = await runUserMigration(deps, {
      pool: target.pool,
      client: target.client,
      source: "UserMigration_Authentication",
      userName: username,
      password,
      validationData: options.validationData,
    });
    if (migrated) return afterPasswordVerified(deps, target, migrated, options);
    await deps.passwords.verifyAgainstNothing(password);
    throw unknownUserError(target.client);
  }
  await guardLockout(deps, user);
  await runPreAuthentication(deps, {
    pool: target.pool,
    user,
    clientId: target.client.clientId,
    validationData: options.validationData,
  });
  refuseUserWithoutPassword(user);
  if (!(await deps.passwords.verify(user, password))) return failSignIn(deps, user);
  // Imported (foreign) hashes become argon2id, and users without one get an SRP verifier.
  const current = await upgradeStoredPassword(deps, target.pool, user, password);
  return afterPasswordVerified(deps, target, current, options);
}
