import {
  AliasExistsException,
  InvalidParameterException,
  UsernameExistsException,
} from "../../domain/errors.js";
import type { DeliveryDestination } from "../../domain/messages/delivery-destination.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool, UserPoolSettings } from "../../domain/user-pool/user-pool.js";
import type { StorageRepositories } from "../../ports/storage.js";
import { saveUser } from "./user-writes.js";

// Self-service changes to the two verifiable attributes, email and phone_number:
// - a new value is stored unverified (`*_verified` "false") and, when the attribute is auto-verified,
//   a verification code goes to the new value;
// - with UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate naming the attribute and
//   the current value verified, the new value waits instead: the old one stays the attribute, the alias,
//   the token claim and verified until VerifyUserAttribute proves the new one, which then replaces it;
// - the waiting value is kept in User.pendingAttributes, apart from the attributes: no read path shows
//   it and no alias or token claim is built from it;
// - writing the current value again (or deleting the attribute) drops a waiting value;
// - a value that changes without a new code kills the outstanding code, so an old code cannot verify it.

export const CONTACTS = ["email", "phone_number"] as const;
export type Contact = (typeof CONTACTS)[number];

export const isContact = (name: string): name is Contact => (CONTACTS as readonly string[]).includes(name);
export const pendingValue = (user: Pick<User, "pendingAttributes">, contact: Contact) =>
  user.pendingAttributes?.[contact];

/** The pending values without `contact` (undefined once none is left). */
export function withoutPending(
  pending: Readonly<Record<string, string>> | undefined,
  contact: Contact,
): Record<string, string> | undefined {
  if (!pending || pending[contact] === undefined) return pending && { ...pending };
  const { [contact]: _dropped, ...rest } = pending;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export const autoVerifiedAttributes = (settings: UserPoolSettings) =>
  stringList(settings.AutoVerifiedAttributes);

function heldUntilVerified(settings: UserPoolSettings, contact: Contact): boolean {
  const update = settings.UserAttributeUpdateSettings;
  const held =
    update && typeof update === "object" && !Array.isArray(update)
      ? stringList(update.AttributesRequireVerificationBeforeUpdate)
      : [];
  return held.includes(contact);
}

export const destinationOf = (contact: Contact, value: string): DeliveryDestination =>
  contact === "email"
    ? { medium: "EMAIL", attributeName: "email", destination: value }
    : { medium: "SMS", attributeName: "phone_number", destination: value };

/** The attribute named in GetUserAttributeVerificationCode / VerifyUserAttribute. */
export function requireContact(name: string): Contact {
  if (!isContact(name)) {
    throw new InvalidParameterException(`Only email and phone_number can be verified, not ${name}.`);
  }
  return name;
}

export interface SelfServiceWrites {
  attributes: Record<string, string>;
  pendingAttributes: Record<string, string> | undefined;
  /** Codes to send, each to the value it verifies. */
  codesFor: Array<{ contact: Contact; value: string }>;
  /** Contacts whose outstanding code must stop working. */
  staleCodes: Contact[];
}

/** Applies checked writes (name → value, "" deletes) to a user's attributes. */
export function applySelfServiceWrites(
  settings: UserPoolSettings,
  user: Pick<User, "attributes" | "pendingAttributes">,
  writes: Readonly<Record<string, string>>,
): SelfServiceWrites {
  const current = user.attributes;
  const attributes = { ...current };
  let pendingAttributes = user.pendingAttributes && { ...user.pendingAttributes };
  for (const [name, value] of Object.entries(writes)) {
    if (isContact(name)) continue;
    if (value === "") delete attributes[name];
    else attributes[name] = value;
  }
  const codesFor: SelfServiceWrites["codesFor"] = [];
  const staleCodes: Contact[] = [];
  for (const contact of CONTACTS) {
    const written = writes[contact];
    if (written === undefined) continue;
    const flag = `${contact}_verified`;
    const waiting = pendingAttributes?.[contact];
    pendingAttributes = withoutPending(pendingAttributes, contact);
    if (written === current[contact]) {
      if (waiting !== undefined) staleCodes.push(contact);
      continue;
    }
    if (written === "") {
      delete attributes[contact];
      delete attributes[flag];
      staleCodes.push(contact);
      continue;
    }
    if (heldUntilVerified(settings, contact) && current[contact] && current[flag] === "true") {
      pendingAttributes = { ...pendingAttributes, [contact]: written };
      codesFor.push({ contact, value: written });
      continue;
    }
    attributes[contact] = written;
    attributes[flag] = "false";
    if (autoVerifiedAttributes(settings).includes(contact)) codesFor.push({ contact, value: written });
    else staleCodes.push(contact);
  }
  return { attributes, pendingAttributes, codesFor, staleCodes };
}

/** The user once `contact` is proved: a waiting value replaces the old one, and it is verified. */
export function afterVerification(user: User, contact: Contact, value: string): User {
  const { pendingAttributes: _old, ...rest } = user;
  const pendingAttributes = withoutPending(user.pendingAttributes, contact);
  return {
    ...rest,
    attributes: { ...user.attributes, [contact]: value, [`${contact}_verified`]: "true" },
    ...(pendingAttributes ? { pendingAttributes } : {}),
  };
}

/**
 * saveUser for self-service changes: a value that is already another user's alias (or, in pools where
 * email or phone is the username, anyone's value) is AliasExistsException, as these actions answer.
 */
export async function saveSelfServiceUser(
  repositories: Pick<StorageRepositories, "users">,
  pool: UserPool,
  user: User,
): Promise<void> {
  try {
    await saveUser(repositories, pool, user);
  } catch (error) {
    if (error instanceof UsernameExistsException) throw new AliasExistsException(error.message);
    throw error;
  }
}
