import { InvalidParameterException, NotAuthorizedException } from "../../domain/errors.js";
import {
  type AttributeInput,
  type AttributeWriter,
  checkAttributeWrites,
  checkRequiredAttributes,
} from "../../domain/user/attributes.js";
import {
  aliasAttributes,
  looksLikeEmail,
  looksLikePhone,
  usernameAttributes,
  usernameKey,
} from "../../domain/user/sign-in-identity.js";
import type { SchemaAttribute } from "../../domain/user-pool/schema-attributes.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";

// The identity of a new user (SignUp, AdminCreateUser):
// - in email/phone-as-username pools the typed name must be an email or phone number; it becomes that
//   attribute and the internal username is the new `sub`;
// - in alias pools the username may not look like an enabled alias (Cognito's messages);
// - attributes are checked against the schema, and for SignUp against the client's WriteAttributes.

export function schemaOf(pool: UserPool): SchemaAttribute[] {
  const schema = pool.settings.SchemaAttributes;
  return Array.isArray(schema) ? (schema as unknown as SchemaAttribute[]) : [];
}

export interface NewUserIdentity {
  username: string;
  usernameKey: string;
  attributes: Record<string, string>;
}

/** The attributes a client may write (its WriteAttributes, or everything writable when unset). */
function clientMayWrite(client: UserPoolClient, name: string): boolean {
  const write = client.settings.WriteAttributes;
  if (!Array.isArray(write) || write.length === 0) return !name.endsWith("_verified");
  return write.includes(name);
}

export function newUserIdentity(input: {
  pool: UserPool;
  typedUsername: string;
  sub: string;
  attributes: readonly AttributeInput[];
  writer: Extract<AttributeWriter, "create-by-user" | "create-by-admin">;
  client?: UserPoolClient;
}): NewUserIdentity {
  const { pool, typedUsername, sub, writer, client } = input;
  if (client) {
    for (const attribute of input.attributes) {
      if (!clientMayWrite(client, attribute.Name)) {
        throw new NotAuthorizedException("A client attempted to write unauthorized attribute");
      }
    }
  }
  const attributes = checkAttributeWrites(schemaOf(pool), input.attributes, writer);
  const asUsername = usernameAttributes(pool.settings);
  let username = typedUsername;
  if (asUsername.length > 0) {
    if (asUsername.includes("email") && looksLikeEmail(typedUsername)) {
      attributes.email = typedUsername;
    } else if (asUsername.includes("phone_number") && looksLikePhone(typedUsername)) {
      attributes.phone_number = typedUsername;
    } else {
      const what = asUsername.map((kind) => (kind === "email" ? "an email" : "a phone number")).join(" or ");
      throw new InvalidParameterException(
        asUsername.length > 1
          ? "Username should be either an email or a phone number."
          : `Username should be ${what}.`,
      );
    }
    // Re-check the derived attribute's format (the typed name may be a malformed email).
    checkAttributeWrites(schemaOf(pool), [{ Name: "email", Value: attributes.email ?? "" }], writer);
    username = sub;
  } else {
    const aliases = aliasAttributes(pool.settings);
    if (aliases.includes("email") && looksLikeEmail(typedUsername)) {
      throw new InvalidParameterException(
        "Username cannot be of email format, since user pool is configured for email alias.",
      );
    }
    if (aliases.includes("phone_number") && looksLikePhone(typedUsername)) {
      throw new InvalidParameterException(
        "Username cannot be of phone number format, since user pool is configured for phone number alias.",
      );
    }
  }
  checkRequiredAttributes(schemaOf(pool), attributes);
  return { username, usernameKey: usernameKey(pool.settings, username), attributes };
}
