import type { UserPoolSettings } from "../user-pool/user-pool.js";
import type { AliasKind, User, UserAlias } from "./user.js";

// How a pool names its users:
// - UsernameAttributes [email|phone_number]: people sign up and in with that value; the internal username
//   is the `sub`, and the email/phone is unique among all users, verified or not.
// - AliasAttributes [email|phone_number|preferred_username]: a username plus aliases; an email or phone
//   becomes a sign-in alias only once verified, preferred_username at once; each alias is unique.
// - UsernameConfiguration.CaseSensitive false: usernames compare case-insensitively (emails always do).

function stringList(settings: UserPoolSettings, key: string): string[] {
  const value = settings[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export function usernameAttributes(settings: UserPoolSettings): AliasKind[] {
  return stringList(settings, "UsernameAttributes") as AliasKind[];
}

export function aliasAttributes(settings: UserPoolSettings): AliasKind[] {
  return stringList(settings, "AliasAttributes") as AliasKind[];
}

export function isCaseSensitive(settings: UserPoolSettings): boolean {
  const configuration = settings.UsernameConfiguration;
  if (configuration && typeof configuration === "object" && !Array.isArray(configuration)) {
    return configuration.CaseSensitive !== false;
  }
  return true;
}

/** The key usernames are compared by in this pool. */
export function usernameKey(settings: UserPoolSettings, username: string): string {
  return isCaseSensitive(settings) ? username : username.toLowerCase();
}

export function normaliseAliasValue(kind: AliasKind, value: string): string {
  return kind === "email" ? value.toLowerCase() : value;
}

export const looksLikeEmail = (value: string) => value.includes("@");
export const looksLikePhone = (value: string) => /^\+[0-9]+$/.test(value);

/** The aliases a user holds right now, given the pool's rules and the user's verified flags. */
export function activeAliases(settings: UserPoolSettings, user: Pick<User, "attributes">): UserAlias[] {
  const aliases: UserAlias[] = [];
  const asUsername = usernameAttributes(settings);
  const asAlias = aliasAttributes(settings);
  for (const kind of ["email", "phone_number", "preferred_username"] as const) {
    const value = user.attributes[kind];
    if (!value) continue;
    const verified = kind === "preferred_username" || user.attributes[`${kind}_verified`] === "true";
    if (asUsername.includes(kind) || (asAlias.includes(kind) && verified)) {
      aliases.push({ kind, value: normaliseAliasValue(kind, value) });
    }
  }
  return aliases;
}

export type UserLookup = { by: "username"; key: string } | { by: "alias"; alias: UserAlias };

/** Where to look for the user someone names at sign-in, in order. */
export function signInLookups(settings: UserPoolSettings, identifier: string): UserLookup[] {
  const lookups: UserLookup[] = [{ by: "username", key: usernameKey(settings, identifier) }];
  const kinds = [...usernameAttributes(settings), ...aliasAttributes(settings)];
  for (const kind of kinds) {
    const fits =
      kind === "email"
        ? looksLikeEmail(identifier)
        : kind === "phone_number"
          ? looksLikePhone(identifier)
          : true;
    if (fits) lookups.push({ by: "alias", alias: { kind, value: normaliseAliasValue(kind, identifier) } });
  }
  return lookups;
}
