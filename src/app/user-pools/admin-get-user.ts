import { adminUserView } from "../../domain/user/user-view.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { type MfaView, mfaView } from "../mfa/mfa-view.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminGetUserInput {
  UserPoolId: string;
  Username: string;
}

/** The user named by username, alias or sub, with their MFA settings. */
export const adminGetUser =
  (
    deps: Pick<AppDependencies, "storage">,
  ): UseCase<AdminGetUserInput, ReturnType<typeof adminUserView> & MfaView> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    const mfa = await deps.storage.mfa.findMfa(pool.id, user.sub);
    return { ...adminUserView(user), ...mfaView(mfa) };
  };
