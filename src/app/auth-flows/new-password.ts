import { InvalidParameterException, NotAuthorizedException } from "../../domain/errors.js";
import { type AttributeInput, checkAttributeWrites } from "../../domain/user/attributes.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { mfaStepOrTokens } from "../mfa/mfa-step.js";
import { schemaOf } from "../users/new-user.js";
import { saveUser } from "../users/user-writes.js";
import { openChallengeSession } from "./auth-session.js";
import type { AuthResponse, SignInDependencies, SignInOptions, SignInTarget } from "./sign-in.js";

// NEW_PASSWORD_REQUIRED: a user with a temporary password (AdminCreateUser) must choose a new one.
// - ChallengeParameters: USER_ID_FOR_SRP, userAttributes (JSON of the current attributes, without the
//   verified flags) and requiredAttributes (JSON array of "userAttributes.<name>" still missing);
// - the answer: NEW_PASSWORD, USERNAME and userAttributes.<name> for each missing required attribute;
//   the new password follows the policy; the user becomes CONFIRMED and gets tokens (or an MFA challenge).

const ATTRIBUTE_PREFIX = "userAttributes.";

function missingRequired(pool: UserPool, attributes: Record<string, string>): string[] {
  return schemaOf(pool)
    .filter((attribute) => attribute.Required && attribute.Name !== "sub" && !attributes[attribute.Name])
    .map((attribute) => attribute.Name);
}

export function newPasswordChallengeParameters(pool: UserPool, user: User): Record<string, string> {
  const visible = Object.fromEntries(
    Object.entries(user.attributes).filter(
      ([name]) => !name.endsWith("_verified") && !name.startsWith("dev:"),
    ),
  );
  return {
    USER_ID_FOR_SRP: user.username,
    userAttributes: JSON.stringify(visible),
    requiredAttributes: JSON.stringify(
      missingRequired(pool, user.attributes).map((name) => ATTRIBUTE_PREFIX + name),
    ),
  };
}

export async function respondToNewPasswordRequired(
  deps: SignInDependencies,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string>,
  options: SignInOptions = {},
): Promise<AuthResponse> {
  const state = openChallengeSession(deps, target, session, "NEW_PASSWORD_REQUIRED");
  const user = state.sub ? await deps.storage.users.findUserBySub(target.pool.id, state.sub) : undefined;
  if (user?.status !== "FORCE_CHANGE_PASSWORD")
    throw new NotAuthorizedException("Invalid session for the user.");
  const newPassword = responses.NEW_PASSWORD;
  if (!newPassword) throw new InvalidParameterException("Missing required parameter NEW_PASSWORD");

  const writes: AttributeInput[] = Object.entries(responses)
    .filter(([name]) => name.startsWith(ATTRIBUTE_PREFIX))
    .map(([name, value]) => ({ Name: name.slice(ATTRIBUTE_PREFIX.length), Value: value }));
  const accepted = checkAttributeWrites(schemaOf(target.pool), writes, "update-by-user");
  const attributes = { ...user.attributes, ...accepted };
  const missing = missingRequired(target.pool, attributes);
  if (missing.length > 0) {
    throw new InvalidParameterException(`Invalid attributes given, ${missing.join(", ")} is missing`);
  }

  const credentials = await deps.passwords.newCredentials(target.pool, user, newPassword, {
    checkHistory: true,
  });
  const now = deps.clock.now();
  const confirmed: User = {
    ...user,
    status: "CONFIRMED",
    attributes,
    password: credentials.password,
    passwordHistory: credentials.passwordHistory,
    temporaryPasswordExpiresAt: null,
    lastModifiedAt: now,
  };
  await saveUser(deps.storage, target.pool, confirmed);
  // A second factor still follows a new password (Cognito asks for MFA after NEW_PASSWORD_REQUIRED).
  // The DEVICE_KEY presented at the start rides on the Session to the tokens (src/app/devices).
  const withDevice = state.deviceKey ? { ...options, deviceKey: state.deviceKey } : options;
  return mfaStepOrTokens(deps, target, confirmed, withDevice, "TokenGeneration_NewPasswordChallenge");
}
