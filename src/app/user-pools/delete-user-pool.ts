import { InvalidParameterException } from "../../domain/errors.js";
import { stringField } from "../../domain/user-pool/json-fields.js";
import { userPoolNotFound } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface DeleteUserPoolInput {
  UserPoolId: string;
}
export type DeleteUserPoolOutput = Record<string, never>;

/** Deletes the pool and everything in it, unless deletion protection is on. */
export const deleteUserPool =
  (deps: Pick<AppDependencies, "storage">): UseCase<DeleteUserPoolInput, DeleteUserPoolOutput> =>
  async (_context, input) => {
    await deps.storage.transaction(async ({ userPools }) => {
      const pool = await requireUserPool(userPools, input.UserPoolId);
      if (stringField(pool.settings, "DeletionProtection") === "ACTIVE") {
        throw new InvalidParameterException(
          "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
        );
      }
      if (!(await userPools.deleteUserPool(pool.id))) throw userPoolNotFound(pool.id);
    });
    return {};
  };
