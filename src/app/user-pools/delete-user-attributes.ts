import { checkAttributeDeletes } from "../../domain/user/attributes.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { isContact, withoutPending } from "../users/attribute-verification.js";
import { schemaOf } from "../users/new-user.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { clientOfToken, requireWritableBy } from "../users/token-client.js";
import { saveUser } from "../users/user-writes.js";
import { nextModificationTime } from "./user-pool-lookup.js";

export interface DeleteUserAttributesInput {
  UserAttributeNames: string[];
  AccessToken: string;
}

// DeleteUserAttributes, the signed-in user removing their own attributes:
// - each name must be writable by the token's client (NotAuthorizedException), then a schema attribute
//   that is neither Required nor immutable nor developer-only (one InvalidParameterException listing
//   every problem); names the user has no value for are fine;
// - deleting email/phone_number drops its `*_verified` flag (and with it the sign-in alias), a value
//   waiting for verification, and the outstanding verification code.

export const deleteUserAttributes =
  (deps: Pick<AppDependencies, "storage" | "clock" | "tokens">): UseCase<DeleteUserAttributesInput, object> =>
  async (_context, input) => {
    const signedIn = await requireSignedInUser(deps, input.AccessToken);
    const { user, pool } = signedIn;
    requireWritableBy(await clientOfToken(deps.storage, signedIn), input.UserAttributeNames);
    const names = checkAttributeDeletes(schemaOf(pool), input.UserAttributeNames, false);
    const attributes = { ...user.attributes };
    const contacts = names.filter(isContact);
    for (const name of names) delete attributes[name];
    let pendingAttributes = user.pendingAttributes;
    for (const contact of contacts) {
      delete attributes[`${contact}_verified`];
      pendingAttributes = withoutPending(pendingAttributes, contact);
    }
    const lastModifiedAt = nextModificationTime(deps.clock.now(), user.lastModifiedAt);
    await deps.storage.transaction(async (repositories) => {
      await saveUser(repositories, pool, { ...user, attributes, pendingAttributes, lastModifiedAt });
      for (const contact of contacts) {
        await repositories.oneTimeCodes.deleteCodes(pool.id, user.sub, `verify-${contact}`);
      }
    });
    return {};
  };
