import type { DeliveryDestination } from "../../domain/messages/delivery-destination.js";
import {
  type AttributeInput,
  checkAttributeWrites,
  checkRequiredAttributes,
} from "../../domain/user/attributes.js";
import type { User } from "../../domain/user/user.js";
import type { UserPoolSettings } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { schemaOf } from "../users/new-user.js";
import { requireUser } from "../users/user-directory.js";
import { saveUser } from "../users/user-writes.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface AdminUpdateUserAttributesInput {
  UserPoolId: string;
  Username: string;
  UserAttributes: AttributeInput[];
  ClientMetadata?: Record<string, string>;
}

// AdminUpdateUserAttributes, as Cognito applies an admin's change:
// - every write is checked against the schema; admins may write developer-only attributes and the
//   `*_verified` flags, never `sub` or an immutable attribute;
// - an empty value deletes the attribute; Required attributes cannot be emptied;
// - a new email/phone_number is applied at once and marked unverified, unless the same call sets its
//   `*_verified` to "true"; when the attribute is in AutoVerifiedAttributes a verification code is sent
//   (UpdateUserAttribute message, code purpose verify-<attribute>);
// - deleting an email/phone_number deletes its `*_verified` flag too;
// - an email/phone that becomes a taken alias is AliasExistsException (saveUser).
// Not done: AttributesRequireVerificationBeforeUpdate (Cognito keeps the old value until the new one is
// verified); Cognate applies the new value at once, unverified.

const CONTACTS = ["phone_number", "email"] as const;
type Contact = (typeof CONTACTS)[number];

function autoVerified(settings: UserPoolSettings): string[] {
  const value = settings.AutoVerifiedAttributes;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The user's attributes after the writes, and the contacts that now need a verification code. */
function applyAdminWrites(
  settings: UserPoolSettings,
  current: Record<string, string>,
  writes: Record<string, string>,
): { attributes: Record<string, string>; toVerify: Contact[] } {
  const attributes = { ...current };
  for (const [name, value] of Object.entries(writes)) {
    if (value === "") delete attributes[name];
    else attributes[name] = value;
  }
  const toVerify: Contact[] = [];
  for (const contact of CONTACTS) {
    const flag = `${contact}_verified`;
    const written = writes[contact];
    if (written === undefined || written === current[contact]) continue;
    if (written === "") {
      delete attributes[flag];
    } else if (writes[flag] !== "true") {
      attributes[flag] = "false";
      if (autoVerified(settings).includes(contact)) toVerify.push(contact);
    }
  }
  return { attributes, toVerify };
}

const destinationOf = (contact: Contact, value: string): DeliveryDestination =>
  contact === "email"
    ? { medium: "EMAIL", attributeName: "email", destination: value }
    : { medium: "SMS", attributeName: "phone_number", destination: value };

export const adminUpdateUserAttributes =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "codes">,
  ): UseCase<AdminUpdateUserAttributesInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    const schema = schemaOf(pool);
    const writes = checkAttributeWrites(schema, input.UserAttributes, "update-by-admin");
    const { attributes, toVerify } = applyAdminWrites(pool.settings, user.attributes, writes);
    checkRequiredAttributes(schema, attributes);

    // An admin write replaces any value a user left waiting for verification.
    const pendingAttributes = Object.fromEntries(
      Object.entries(user.pendingAttributes ?? {}).filter(([name]) => !(name in writes)),
    );
    const updated: User = {
      ...user,
      attributes,
      pendingAttributes,
      lastModifiedAt: nextModificationTime(deps.clock.now(), user.lastModifiedAt),
    };
    const codes = await deps.storage.transaction(async (repositories) => {
      await saveUser(repositories, pool, updated);
      const issued: Array<{ contact: Contact; code: string }> = [];
      for (const contact of toVerify) {
        issued.push({
          contact,
          code: await deps.codes.issue(repositories, pool, updated, `verify-${contact}`),
        });
      }
      return issued;
    });
    for (const { contact, code } of codes) {
      const destination = destinationOf(contact, attributes[contact] as string);
      await deps.codes.deliver({
        pool,
        user: updated,
        kind: "UpdateUserAttribute",
        code,
        destination,
        ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
      });
    }
    return {};
  };
