// cognito:groups, cognito:roles and cognito:preferred_role.
// - cognito:groups: every group of the user, in the order given (storage: precedence, nulls last, then name);
//   left out when the user is in no group.
// - cognito:roles: the distinct RoleArns of those groups, same order; left out when none has a role.
// - cognito:preferred_role: the role of the group with the lowest Precedence among groups with a role
//   (null ranks after every number). When several groups share that precedence with different roles, there
//   is no preferred role (CreateGroup's documentation); with the same role, that role.

import type { Group } from "../group/group.js";

export interface GroupClaims {
  "cognito:groups"?: string[];
  "cognito:roles"?: string[];
  "cognito:preferred_role"?: string;
}

const rank = (precedence: number | null) => precedence ?? Number.POSITIVE_INFINITY;

export function preferredRole(groups: readonly Group[]): string | undefined {
  const withRole = groups.filter((group) => group.roleArn !== null);
  if (withRole.length === 0) return undefined;
  const best = Math.min(...withRole.map((group) => rank(group.precedence)));
  const roles = new Set(withRole.filter((group) => rank(group.precedence) === best).map((g) => g.roleArn));
  return roles.size === 1 ? ([...roles][0] ?? undefined) : undefined;
}

export function groupClaims(groups: readonly Group[]): GroupClaims {
  if (groups.length === 0) return {};
  const claims: GroupClaims = { "cognito:groups": groups.map((group) => group.groupName) };
  const roles = [...new Set(groups.flatMap((group) => (group.roleArn === null ? [] : [group.roleArn])))];
  if (roles.length > 0) claims["cognito:roles"] = roles;
  const preferred = preferredRole(groups);
  if (preferred !== undefined) claims["cognito:preferred_role"] = preferred;
  return claims;
}
