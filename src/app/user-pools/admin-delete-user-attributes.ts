import { checkAttributeDeletes } from "../../domain/user/attributes.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { schemaOf } from "../users/new-user.js";
import { requireUser } from "../users/user-directory.js";
import { saveUser } from "../users/user-writes.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface AdminDeleteUserAttributesInput {
  UserPoolId: string;
  Username: string;
  UserAttributeNames: string[];
}

// AdminDeleteUserAttributes: removes the named attributes. Unknown, `sub`, Required and immutable names
// are refused together in one schema error (checkAttributeDeletes); names the user has no value for are
// fine. Deleting email/phone_number also drops its `*_verified` flag, and with it the sign-in alias.
// Existing tokens are untouched (Cognito: the next ID token lacks the attributes).

export const adminDeleteUserAttributes =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<AdminDeleteUserAttributesInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    const names = checkAttributeDeletes(schemaOf(pool), input.UserAttributeNames, true);
    const attributes = { ...user.attributes };
    for (const name of names) {
      delete attributes[name];
      if (name === "email" || name === "phone_number") delete attributes[`${name}_verified`];
    }
    const lastModifiedAt = nextModificationTime(deps.clock.now(), user.lastModifiedAt);
    const pendingAttributes = Object.fromEntries(
      Object.entries(user.pendingAttributes ?? {}).filter(([name]) => !names.includes(name)),
    );
    await saveUser(deps.storage, pool, { ...user, attributes, pendingAttributes, lastModifiedAt });
    return {};
  };
