import { groupPageLimit } from "../../domain/group/group-limits.js";
import { type ListUsersFilter, parseListUsersFilter } from "../../domain/user/list-users-filter.js";
import { usernameKey } from "../../domain/user/sign-in-identity.js";
import { listedUserView } from "../../domain/user/user-view.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserFilter } from "../../ports/user-repository.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { readPage } from "./page-token.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface ListUsersInput {
  UserPoolId: string;
  AttributesToGet?: string[];
  Limit?: number;
  PaginationToken?: string;
  Filter?: string;
}
export interface ListUsersOutput {
  Users: ReturnType<typeof listedUserView>[];
  PaginationToken?: string;
}

// ListUsers: the pool's users in creation order, 60 a page unless Limit (1–60) says fewer.
// - Filter (see list-users-filter.ts) is applied by storage; values are matched as stored, except
//   `username` (the pool's case rule), `cognito:user_status` (case-insensitive) and `status`
//   ("Enabled"/"Disabled", case-sensitive, also as a prefix);
// - AttributesToGet narrows each user's Attributes to those names (empty or absent: all);
// - PaginationToken is a sealed storage cursor bound to the pool and the filter it was issued for.

type StorageFilter = { kind: "all" } | { kind: "none" } | { kind: "filter"; filter: UserFilter };

const ENABLED_STATES = ["Enabled", "Disabled"] as const;

function storageFilter(pool: UserPool, filter: ListUsersFilter | undefined): StorageFilter {
  if (!filter) return { kind: "all" };
  const { attribute, operator } = filter;
  if (attribute === "status") {
    const matches = ENABLED_STATES.filter((state) =>
      operator === "=" ? state === filter.value : state.startsWith(filter.value),
    );
    if (matches.length === 2) return { kind: "all" };
    const [state] = matches;
    if (!state) return { kind: "none" };
    return { kind: "filter", filter: { attribute, operator: "=", value: state } };
  }
  const value =
    attribute === "username"
      ? usernameKey(pool.settings, filter.value)
      : attribute === "cognito:user_status"
        ? filter.value.toUpperCase()
        : filter.value;
  return { kind: "filter", filter: { attribute, operator, value } };
}

export const listUsers =
  (deps: Pick<AppDependencies, "storage" | "secretBox">): UseCase<ListUsersInput, ListUsersOutput> =>
  async (context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const limit = groupPageLimit(input.Limit);
    const parsed = parseListUsersFilter(input.Filter);
    const resolved = storageFilter(pool, parsed);
    const only =
      input.AttributesToGet && input.AttributesToGet.length > 0 ? new Set(input.AttributesToGet) : undefined;
    const filterKey = parsed ? JSON.stringify([parsed.attribute, parsed.operator, parsed.value]) : "";
    const page = await readPage(
      deps.secretBox,
      {
        purpose: `cognito-idp:ListUsers:PaginationToken:${pool.id}:${filterKey}`,
        limit,
        nextToken: input.PaginationToken,
        requestId: context.requestId,
      },
      async (request) =>
        resolved.kind === "none"
          ? { items: [] }
          : deps.storage.users.listUsers(
              pool.id,
              resolved.kind === "filter" ? { filter: resolved.filter, page: request } : { page: request },
            ),
    );
    const output: ListUsersOutput = { Users: page.items.map((user) => listedUserView(user, only)) };
    if (page.nextToken !== undefined) output.PaginationToken = page.nextToken;
    return output;
  };
