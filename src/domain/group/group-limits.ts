import { LimitExceededException } from "../errors.js";
import { constraintViolation } from "../user-pool-client/constraint-message.js";

// Group quotas and page sizes:
// - ListGroups, AdminListGroupsForUser and ListUsersInGroup return at most 60 items a page, 60 when
//   Limit is absent. The model allows Limit 0, but a page of nothing cannot advance, so 0 is refused.
// - A user belongs to at most 100 groups (Cognito's hard quota); joining a 101st is LimitExceededException.
//   Re-adding a group the user is already in changes nothing and is always allowed.

export const MAX_GROUP_PAGE = 60;
export const MAX_GROUPS_PER_USER = 100;

export function groupPageLimit(limit: number | null | undefined): number {
  if (limit === undefined || limit === null) return MAX_GROUP_PAGE;
  if (!Number.isInteger(limit) || limit < 1) {
    throw constraintViolation("limit", limit, "Member must have value greater than or equal to 1");
  }
  if (limit > MAX_GROUP_PAGE) {
    throw constraintViolation(
      "limit",
      limit,
      `Member must have value less than or equal to ${MAX_GROUP_PAGE}`,
    );
  }
  return limit;
}

export function checkRoomForAnotherGroup(groupsOfUser: number): void {
  if (groupsOfUser >= MAX_GROUPS_PER_USER) {
    throw new LimitExceededException(
      `The user is already a member of ${MAX_GROUPS_PER_USER} groups, the most a user can belong to.`,
    );
  }
}
