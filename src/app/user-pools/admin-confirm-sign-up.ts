import { NotAuthorizedException } from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { runPostConfirmation } from "../triggers/post-confirmation.js";
import { isTriggerFailure } from "../triggers/triggers.js";
import { requireUser } from "../users/user-directory.js";
import { saveUser } from "../users/user-writes.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminConfirmSignUpInput {
  UserPoolId: string;
  Username: string;
  ClientMetadata?: Record<string, string>;
}

/**
 * Confirms an UNCONFIRMED user without a code; it verifies no attribute (as Cognito). PostConfirmation
 * (PostConfirmation_ConfirmSignUp) follows; when it fails the user is put back as UNCONFIRMED.
 */
export const adminConfirmSignUp =
  (deps: Pick<AppDependencies, "storage" | "clock" | "triggers">): UseCase<AdminConfirmSignUpInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    if (user.status !== "UNCONFIRMED") {
      throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
    }
    const confirmed = { ...user, status: "CONFIRMED" as const, lastModifiedAt: deps.clock.now() };
    await saveUser(deps.storage, pool, confirmed);
    try {
      await runPostConfirmation(deps, {
        pool,
        source: "PostConfirmation_ConfirmSignUp",
        user: confirmed,
        clientMetadata: input.ClientMetadata,
      });
    } catch (error) {
      if (isTriggerFailure(error)) await saveUser(deps.storage, pool, user);
      throw error;
    }
    return {};
  };
