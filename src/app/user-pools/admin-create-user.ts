import { UnsupportedUserStateException } from "../../domain/errors.js";
import type { DeliveryDestination } from "../../domain/messages/delivery-destination.js";
import type { AttributeInput } from "../../domain/user/attributes.js";
import type { User } from "../../domain/user/user.js";
import { listedUserView } from "../../domain/user/user-view.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { attributeMap, runPreSignUp } from "../triggers/pre-sign-up.js";
import { isTriggerFailure } from "../triggers/triggers.js";
import { newUserIdentity } from "../users/new-user.js";
import { generateTemporaryPassword, temporaryPasswordValidityDays } from "../users/temporary-password.js";
import { requireUser } from "../users/user-directory.js";
import { insertNewUser, saveUser } from "../users/user-writes.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminCreateUserInput {
  UserPoolId: string;
  Username: string;
  UserAttributes?: AttributeInput[];
  ValidationData?: AttributeInput[];
  TemporaryPassword?: string;
  ForceAliasCreation?: boolean;
  MessageAction?: "RESEND" | "SUPPRESS";
  DesiredDeliveryMediums?: Array<"SMS" | "EMAIL">;
  ClientMetadata?: Record<string, string>;
}

// AdminCreateUser: a FORCE_CHANGE_PASSWORD user with a given or generated temporary password that expires
// after TemporaryPasswordValidityDays, invited by the pool's invitation template through each desired
// medium the user has an attribute for (SMS by default). MessageAction RESEND re-invites an existing
// FORCE_CHANGE_PASSWORD user with a new temporary password; SUPPRESS sends nothing.
// Triggers: PreSignUp (PreSignUp_AdminCreateUser, with ValidationData and ClientMetadata) before a new
// user is written; its answer is ignored, as Cognito does. The invitation goes through CustomMessage
// (CustomMessage_AdminCreateUser) or a custom sender; if that trigger fails the new user is removed.

type Deps = Pick<
  AppDependencies,
  "storage" | "clock" | "random" | "passwords" | "messageSender" | "codes" | "triggers"
>;

function invitationDestinations(user: User, mediums: readonly string[]): DeliveryDestination[] {
  const destinations: DeliveryDestination[] = [];
  if (mediums.includes("EMAIL") && user.attributes.email) {
    destinations.push({ medium: "EMAIL", attributeName: "email", destination: user.attributes.email });
  }
  if (mediums.includes("SMS") && user.attributes.phone_number) {
    destinations.push({
      medium: "SMS",
      attributeName: "phone_number",
      destination: user.attributes.phone_number,
    });
  }
  return destinations;
}

async function invite(deps: Deps, pool: UserPool, user: User, password: string, input: AdminCreateUserInput) {
  if (input.MessageAction === "SUPPRESS") return;
  for (const destination of invitationDestinations(user, input.DesiredDeliveryMediums ?? ["SMS"])) {
    await deps.codes.deliver({ pool, user, kind: "AdminCreateUser", code: password, destination });
  }
}

async function temporaryCredentials(
  deps: Deps,
  pool: UserPool,
  user: Pick<User, "username">,
  given?: string,
) {
  const password = given ?? generateTemporaryPassword(pool, deps.random);
  const credentials = await deps.passwords.newCredentials(
    pool,
    { username: user.username, password: null, passwordHistory: [] },
    password,
    { checkHistory: false },
  );
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + temporaryPasswordValidityDays(pool) * 86_400_000);
  return { password, credentials: credentials.password, expiresAt, now };
}

export const adminCreateUser =
  (deps: Deps): UseCase<AdminCreateUserInput, { User: ReturnType<typeof listedUserView> }> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);

    if (input.MessageAction === "RESEND") {
      const existing = await requireUser(deps.storage.users, pool, input.Username);
      if (existing.status !== "FORCE_CHANGE_PASSWORD") {
        throw new UnsupportedUserStateException(
          `Resend not possible. ${existing.username} status is ${existing.status} instead of FORCE_CHANGE_PASSWORD`,
        );
      }
      const fresh = await temporaryCredentials(deps, pool, existing, input.TemporaryPassword);
      const user: User = {
        ...existing,
        password: fresh.credentials,
        temporaryPasswordExpiresAt: fresh.expiresAt,
        lastModifiedAt: fresh.now,
      };
      await saveUser(deps.storage, pool, user);
      await invite(deps, pool, user, fresh.password, input);
      return { User: listedUserView(user) };
    }

    const sub = deps.random.uuid();
    const identity = newUserIdentity({
      pool,
      typedUsername: input.Username,
      sub,
      attributes: input.UserAttributes ?? [],
      writer: "create-by-admin",
    });
    const fresh = await temporaryCredentials(deps, pool, identity, input.TemporaryPassword);
    await runPreSignUp(deps, {
      pool,
      source: "PreSignUp_AdminCreateUser",
      userName: identity.username,
      userAttributes: identity.attributes,
      validationData: attributeMap(input.ValidationData),
      clientMetadata: input.ClientMetadata,
    });
    const user: User = {
      userPoolId: pool.id,
      sub,
      username: identity.username,
      status: "FORCE_CHANGE_PASSWORD",
      enabled: true,
      attributes: identity.attributes,
      password: fresh.credentials,
      passwordHistory: [],
      temporaryPasswordExpiresAt: fresh.expiresAt,
      tokensRevokedAt: null,
      createdAt: fresh.now,
      lastModifiedAt: fresh.now,
    };
    await insertNewUser(deps.storage, pool, user, identity.usernameKey);
    try {
      await invite(deps, pool, user, fresh.password, input);
    } catch (error) {
      if (isTriggerFailure(error)) await deps.storage.users.deleteUser(pool.id, sub);
      throw error;
    }
    return { User: listedUserView(user) };
  };
