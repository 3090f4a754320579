import type { User } from "./user.js";

// The user as the API shows it: AdminGetUser/GetUser (UserAttributes) and ListUsers/ListUsersInGroup
// (Attributes). `sub` always comes first; developer-only attributes only for admin (signed) reads; a
// client's ReadAttributes, when given, narrows what self-service reads return.

export interface UserAttributeView {
  Name: string;
  Value: string;
}

function visibleAttributes(
  user: User,
  options: { admin: boolean; readable?: ReadonlySet<string> },
): UserAttributeView[] {
  const list: UserAttributeView[] = [{ Name: "sub", Value: user.sub }];
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name.startsWith("dev:") && !options.admin) continue;
    if (options.readable && !options.readable.has(name)) continue;
    list.push({ Name: name, Value: value });
  }
  return list;
}

/** AdminGetUser's shape (MFA fields are added by the MFA work). */
export function adminUserView(user: User) {
  return {
    Username: user.username,
    UserAttributes: visibleAttributes(user, { admin: true }),
    UserCreateDate: user.createdAt,
    UserLastModifiedDate: user.lastModifiedAt,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** ListUsers' UserType; `only` is AttributesToGet when the caller gave it. */
export function listedUserView(user: User, only?: ReadonlySet<string>) {
  const attributes = visibleAttributes(user, { admin: true });
  return {
    Username: user.username,
    Attributes: only ? attributes.filter((attribute) => only.has(attribute.Name)) : attributes,
    UserCreateDate: user.createdAt,
    UserLastModifiedDate: user.lastModifiedAt,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** GetUser's shape, for the user holding an access token. */
export function selfUserView(user: User, readable?: ReadonlySet<string>) {
  return {
    Username: user.username,
    UserAttributes: visibleAttributes(user, { admin: false, readable }),
  };
}
