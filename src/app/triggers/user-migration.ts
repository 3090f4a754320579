import {
  AliasExistsException,
  NotAuthorizedException,
  UserLambdaValidationException,
  UserNotFoundException,
} from "../../domain/errors.js";
import type { DeliveryDestination } from "../../domain/messages/delivery-destination.js";
import { activeAliases } from "../../domain/user/sign-in-identity.js";
import type { User, UserStatus } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import type { AppDependencies } from "../dependencies.js";
import { newUserIdentity } from "../users/new-user.js";
import { hidesUserExistence } from "../users/user-existence.js";
import { insertNewUser, saveUser } from "../users/user-writes.js";
import {
  optionalMaps,
  readBoolean,
  readString,
  readStringArray,
  readStringMap,
  type StringMap,
  unrecognizable,
} from "./trigger-event.js";

// UserMigration: runs when someone signs in with a password (UserMigration_Authentication) or asks for a
// password reset (UserMigration_ForgotPassword) under a name the pool does not know. Sent: the name as
// typed, the password (sign-in only), InitiateAuth's ClientMetadata as `validationData` (ForgotPassword's
// as `clientMetadata`). Its answer creates the user:
// - userAttributes (required): the new user's attributes, checked against the schema;
// - finalUserStatus: CONFIRMED (sign-in default: the password typed becomes the user's password, hashed
//   and with its SRP verifier, so later sign-ins, SRP included, need no trigger) or RESET_REQUIRED (no
//   password kept; the user must reset it). ForgotPassword always creates a RESET_REQUIRED user;
// - messageAction SUPPRESS: no welcome message; otherwise the invitation template is sent (sign-in only)
//   through desiredDeliveryMediums (default SMS), with {####} left empty: the user keeps their password;
// - forceAliasCreation: a verified email or phone held by another user moves to the new one.
// enableSMSMFA is accepted and ignored (SMS MFA is not implemented yet).
// A function that throws means "no such user": UserNotFoundException "Exception migrating user in app
// client <id>" (NotAuthorizedException "Incorrect username or password." when the client hides user
// existence), as Cognito answers. Timeouts and malformed answers keep the usual trigger errors.

export type UserMigrationSource = "UserMigration_Authentication" | "UserMigration_ForgotPassword";

export interface UserMigrationInput {
  pool: UserPool;
  client: UserPoolClient;
  source: UserMigrationSource;
  userName: string;
  password?: string;
  validationData?: StringMap | undefined;
  clientMetadata?: StringMap | undefined;
}

type Deps = Pick<AppDependencies, "triggers" | "storage" | "random" | "clock" | "passwords" | "codes">;

const STATUSES: readonly UserStatus[] = ["CONFIRMED", "RESET_REQUIRED"];

async function invokeMigration(deps: Deps, input: UserMigrationInput): Promise<Record<string, unknown>> {
  const event = deps.triggers.event(
    {
      pool: input.pool,
      triggerSource: input.source,
      userName: input.userName,
      clientId: input.client.clientId,
    },
    {
      ...(input.password !== undefined ? { password: input.password } : {}),
      ...optionalMaps({ validationData: input.validationData, clientMetadata: input.clientMetadata }),
    },
    {
      userAttributes: null,
      forceAliasCreation: null,
      enableSMSMFA: null,
      finalUserStatus: null,
      messageAction: null,
      desiredDeliveryMediums: null,
    },
  );
  try {
    return await deps.triggers.invoke(input.pool, "UserMigration", event);
  } catch (error) {
    if (!(error instanceof UserLambdaValidationException)) throw error;
    throw hidesUserExistence(input.client)
      ? new NotAuthorizedException("Incorrect username or password.")
      : new UserNotFoundException(`Exception migrating user in app client ${input.client.clientId}`);
  }
}

async function insertMigrated(deps: Deps, pool: UserPool, user: User, key: string, force: boolean) {
  try {
    await insertNewUser(deps.storage, pool, user, key);
  } catch (error) {
    if (!(error instanceof AliasExistsException) || !force) throw error;
    for (const alias of activeAliases(pool.settings, user)) {
      const holder = await deps.storage.users.findUserByAlias(pool.id, alias);
      if (!holder) continue;
      const unverified = { ...holder.attributes, [`${alias.kind}_verified`]: "false" };
      await saveUser(deps.storage, pool, {
        ...holder,
        attributes: unverified,
        lastModifiedAt: deps.clock.now(),
      });
    }
    await insertNewUser(deps.storage, pool, user, key);
  }
}

function welcomeDestinations(user: User, mediums: readonly string[]): DeliveryDestination[] {
  const out: DeliveryDestination[] = [];
  const { email, phone_number: phone } = user.attributes;
  if (mediums.includes("EMAIL") && email)
    out.push({ medium: "EMAIL", attributeName: "email", destination: email });
  if (mediums.includes("SMS") && phone)
    out.push({ medium: "SMS", attributeName: "phone_number", destination: phone });
  return out;
}

/** Runs the trigger and creates the user it describes; undefined when the pool has no such trigger. */
export async function runUserMigration(deps: Deps, input: UserMigrationInput): Promise<User | undefined> {
  const { pool } = input;
  if (!deps.triggers.configured(pool, "UserMigration")) return undefined;
  const response = await invokeMigration(deps, input);
  const returned = readStringMap(response, "userAttributes");
  if (!returned) throw unrecognizable();
  const finalStatus = readString(response, "finalUserStatus");
  if (finalStatus !== undefined && !STATUSES.includes(finalStatus as UserStatus)) throw unrecognizable();
  const messageAction = readString(response, "messageAction");
  if (messageAction !== undefined && messageAction !== "SUPPRESS" && messageAction !== "RESEND") {
    throw unrecognizable();
  }
  const mediums = readStringArray(response, "desiredDeliveryMediums") ?? ["SMS"];
  const force = readBoolean(response, "forceAliasCreation") ?? false;
  readBoolean(response, "enableSMSMFA");

  const sub = deps.random.uuid();
  const identity = newUserIdentity({
    pool,
    typedUsername: input.userName,
    sub,
    attributes: Object.entries(returned)
      .filter(([name]) => name !== "sub" && name !== "username")
      .map(([Name, Value]) => ({ Name, Value })),
    writer: "create-by-admin",
  });
  const signIn = input.source === "UserMigration_Authentication";
  const status: UserStatus = signIn
    ? ((finalStatus as UserStatus | undefined) ?? "CONFIRMED")
    : "RESET_REQUIRED";
  const credentials =
    status === "CONFIRMED" && input.password !== undefined
      ? await deps.passwords.newCredentials(
          pool,
          { username: identity.username, password: null, passwordHistory: [] },
          input.password,
          { checkHistory: false },
        )
      : undefined;
  const now = deps.clock.now();
  const user: User = {
    userPoolId: pool.id,
    sub,
    username: identity.username,
    status,
    enabled: true,
    attributes: identity.attributes,
    password: credentials?.password ?? null,
    passwordHistory: [],
    temporaryPasswordExpiresAt: null,
    tokensRevokedAt: null,
    createdAt: now,
    lastModifiedAt: now,
  };
  await insertMigrated(deps, pool, user, identity.usernameKey, force);
  if (signIn && messageAction !== "SUPPRESS") {
    for (const destination of welcomeDestinations(user, mediums)) {
      await deps.codes.deliver({
        pool,
        user,
        kind: "AdminCreateUser",
        code: "",
        destination,
        clientId: input.client.clientId,
      });
    }
  }
  return user;
}
