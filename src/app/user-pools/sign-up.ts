import { InvalidParameterException, NotAuthorizedException } from "../../domain/errors.js";
import {
  type CodeDeliveryDetails,
  chooseVerificationDestination,
} from "../../domain/messages/delivery-destination.js";
import type { AttributeInput } from "../../domain/user/attributes.js";
import type { User } from "../../domain/user/user.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { runPostConfirmation } from "../triggers/post-confirmation.js";
import { attributeMap, runPreSignUp } from "../triggers/pre-sign-up.js";
import { isTriggerFailure } from "../triggers/triggers.js";
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
// Triggers: PreSignUp before anything is written (it may auto-confirm and auto-verify); then either the
// code (CustomMessage / custom sender at delivery) or, for an auto-confirmed user, PostConfirmation. A
// trigger failing after the user was written removes the user again, so a failed SignUp leaves nothing.

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
    deps: Pick<
      AppDependencies,
      "storage" | "clock" | "random" | "secretBox" | "passwords" | "codes" | "triggers"
    >,
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
    const credentials = await deps.passwords.newCredentials(
      pool,
      { username: identity.username, password: null, passwordHistory: [] },
      input.Password,
      { checkHistory: false },
    );
    const decision = await runPreSignUp(deps, {
      pool,
      source: "PreSignUp_SignUp",
      userName: identity.username,
      clientId: client.clientId,
      userAttributes: identity.attributes,
      validationData: attributeMap(input.ValidationData),
      clientMetadata: input.ClientMetadata,
    });
    const attributes = { ...identity.attributes };
    if (decision.autoVerifyEmail && attributes.email) attributes.email_verified = "true";
    if (decision.autoVerifyPhone && attributes.phone_number) attributes.phone_number_verified = "true";
    const now = deps.clock.now();
    const user: User = {
      userPoolId: pool.id,
      sub,
      username: identity.username,
      status: decision.autoConfirmUser ? "CONFIRMED" : "UNCONFIRMED",
      enabled: true,
      attributes,
      password: credentials.password,
      passwordHistory: credentials.passwordHistory,
      temporaryPasswordExpiresAt: null,
      tokensRevokedAt: null,
      createdAt: now,
      lastModifiedAt: now,
    };

    const destination = decision.autoConfirmUser
      ? undefined
      : chooseVerificationDestination(autoVerifiedAttributes(pool.settings), user.attributes);
    const code = await deps.storage.transaction(async (repositories) => {
      await insertNewUser(repositories, pool, user, identity.usernameKey);
      return destination ? deps.codes.issue(repositories, pool, user, "confirm-sign-up") : undefined;
    });
    const clientMetadata = input.ClientMetadata;
    let delivery: CodeDeliveryDetails | undefined;
    try {
      if (decision.autoConfirmUser) {
        await runPostConfirmation(deps, {
          pool,
          source: "PostConfirmation_ConfirmSignUp",
          user,
          clientId: client.clientId,
          clientMetadata,
        });
      } else if (destination && code) {
        delivery = await deps.codes.deliver({
          pool,
          user,
          kind: "SignUp",
          code,
          destination,
          clientId: client.clientId,
          clientMetadata,
        });
      }
    } catch (error) {
      if (isTriggerFailure(error)) await deps.storage.users.deleteUser(pool.id, sub);
      throw error;
    }
    return {
      UserConfirmed: decision.autoConfirmUser,
      UserSub: sub,
      ...(delivery ? { CodeDeliveryDetails: delivery } : {}),
    };
  };
