// The /oauth2/userInfo answer (Cognito developer guide, "The user attributes endpoint").
// - sub and username, then the user's attributes that the access token's scopes and the app client's
//   read permissions allow (see attributesForScopes).
// - Values stay the strings Cognito stores, verified flags included ("true"), as Cognito's endpoint
//   answers; developer-only attributes never appear.

import type { JsonObject } from "../../shared/json.js";

export function userInfoClaims(
  user: { sub: string; username: string; attributes: Readonly<Record<string, string>> },
  allowedAttributes: ReadonlySet<string>,
): JsonObject {
  const claims: JsonObject = { sub: user.sub };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === "sub" || name.startsWith("dev:")) continue;
    if (allowedAttributes.has(name)) claims[name] = value;
  }
  claims.username = user.username;
  return claims;
}
