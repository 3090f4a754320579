import { NotAuthorizedException } from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { saveUser } from "../users/user-writes.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminConfirmSignUpInput {
  UserPoolId: string;
  Username: string;
  ClientMetadata?: Record<string, string>;
}

/** Confirms an UNCONFIRMED user without a code; it verifies no attribute (as Cognito). */
export const adminConfirmSignUp =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<AdminConfirmSignUpInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    if (user.status !== "UNCONFIRMED") {
      throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
    }
    await saveUser(deps.storage, pool, { ...user, status: "CONFIRMED", lastModifiedAt: deps.clock.now() });
    return {};
  };
