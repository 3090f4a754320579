import { adminUserView } from "../../domain/user/user-view.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminGetUserInput {
  UserPoolId: string;
  Username: string;
}

/** The user named by username, alias or sub (MFA fields come with the MFA work). */
export const adminGetUser =
  (deps: Pick<AppDependencies, "storage">): UseCase<AdminGetUserInput, ReturnType<typeof adminUserView>> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    return adminUserView(user);
  };
