import { InvalidParameterException } from "../../domain/errors.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import {
  type AuthResponse,
  afterPasswordVerified,
  failSignIn,
  guardLockout,
  type SignInDependencies,
  type SignInTarget,
  unknownUserError,
} from "./sign-in.js";

// USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH: the password travels (over TLS) and
// is checked against the argon2id hash. Unknown users cost the same hashing time as real ones.

export async function passwordSignIn(
  deps: SignInDependencies,
  target: SignInTarget,
  parameters: Record<string, string>,
): Promise<AuthResponse> {
  const username = parameters.USERNAME;
  const password = parameters.PASSWORD;
  if (!username) throw new InvalidParameterException("Missing required parameter USERNAME");
  if (password === undefined) throw new InvalidParameterException("Missing required parameter PASSWORD");
  const user = await findUserByIdentifier(deps.storage.users, target.pool, username);
  if (!user) {
    await deps.passwords.verifyAgainstNothing(password);
    throw unknownUserError(target.client);
  }
  await guardLockout(deps, user);
  if (!(await deps.passwords.verify(user, password))) return failSignIn(deps, user);
  return afterPasswordVerified(deps, target, user);
}
