import { InvalidParameterException, NotAuthorizedException } from "../../domain/errors.js";
import {
  type CodeDeliveryDetails,
  chooseVerificationDestination,
} from "../../domain/messages/delivery-destination.js";
import type { AttributeInput } from "../../domain/user/attributes.js";
import type { User } from "../../domain/user/user.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { newUserIdentity } from "../users/new-user.js";
import { checkSecretHash, requirePublicClient } from "../users/public-client.js";
import { insertNewUser } from "../users/user-writes.js";

export interface SignUpInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  Password?: string;
  UserAttributes?: AttributeInput[];
  ValidationData?: AttributeInput[];
  ClientMetadata?: Record<string, string>;
}

export interface SignUpOutput {
  UserConfirmed: boolean;
  UserSub: string;
  CodeDeliveryDetails?: CodeDeliveryDetails;
}

// SignUp: a new UNCONFIRMED user with a password (argon2id + SRP verifier), then a confirmation code to
// the auto-verified attribute (phone first, as Cognito). The user and its code are written in one
// transaction; the message goes out after the commit.

function autoVerifiedAttributes(settings: Record<string, unknown>): string[] {
  const value = settings.AutoVerifiedAttributes;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function adminCreateOnly(settings: Record<string, unknown>): boolean {
  const config = settings.AdminCreateUserConfig;
  return Boolean(
    config &&
      typeof config === "object" &&
      (config as Record<string, unknown>).AllowAdminCreateUserOnly === true,
  );
}

export const signUp =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "random" | "secretBox" | "passwords" | "codes">,
  ): UseCase<SignUpInput, SignUpOutput> =>
  async (_context, input) => {
    const target = await requirePublicClient(deps.storage, input.ClientId);
    const { pool, client } = target;
    await checkSecretHash(deps, target, [input.Username], input.SecretHash);
    if (adminCreateOnly(pool.settings))
      throw new NotAuthorizedException("SignUp is not permitted for this user pool");
    if (input.Password === undefined) {
      throw new InvalidParameterException(
        "Password is required: passwordless sign-up is not enabled for this user pool.",
      );
    }

    const sub = deps.random.uuid();
    const identity = newUserIdentity({
      pool,
      typedUsername: input.Username,
      sub,
      attributes: input.UserAttributes ?? [],
      writer: "create-by-user",
      client,
    });
    const now = deps.clock.now();
    const credentials = await deps.passwords.newCredentials(
      pool,
      { username: identity.username, password: null, passwordHistory: [] },
      input.Password,
      { checkHistory: false },
    );
    const user: User = {
      userPoolId: pool.id,
      sub,
      username: identity.username,
      status: "UNCONFIRMED",
      enabled: true,
      attributes: identity.attributes,
      password: credentials.password,
      passwordHistory: credentials.passwordHistory,
      temporaryPasswordExpiresAt: null,
      tokensRevokedAt: null,
      createdAt: now,
      lastModifiedAt: now,
    };

    const destination = chooseVerificationDestination(autoVerifiedAttributes(pool.settings), user.attributes);
    const code = await deps.storage.transaction(async (repositories) => {
      await insertNewUser(repositories, pool, user, identity.usernameKey);
      return destination ? deps.codes.issue(repositories, pool, user, "confirm-sign-up") : undefined;
    });
    const delivery =
      destination && code
        ? await deps.codes.deliver({
            pool,
            user,
            kind: "SignUp",
            code,
            destination,
            clientId: client.clientId,
          })
        : undefined;
    return { UserConfirmed: false, UserSub: sub, ...(delivery ? { CodeDeliveryDetails: delivery } : {}) };
  };
