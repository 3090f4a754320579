import type { CodeDeliveryDetails } from "../../domain/messages/delivery-destination.js";
import {
  type AttributeInput,
  checkAttributeWrites,
  checkRequiredAttributes,
} from "../../domain/user/attributes.js";
import type { User } from "../../domain/user/user.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import {
  applySelfServiceWrites,
  destinationOf,
  saveSelfServiceUser,
} from "../users/attribute-verification.js";
import { schemaOf } from "../users/new-user.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { clientOfToken, requireWritableBy } from "../users/token-client.js";
import { nextModificationTime } from "./user-pool-lookup.js";

export interface UpdateUserAttributesInput {
  UserAttributes: AttributeInput[];
  AccessToken: string;
  ClientMetadata?: Record<string, string>;
}

export interface UpdateUserAttributesOutput {
  CodeDeliveryDetailsList?: CodeDeliveryDetails[];
}

// UpdateUserAttributes, the signed-in user changing their own attributes:
// - every name must be writable by the token's client (NotAuthorizedException "A client attempted to
//   write unauthorized attribute"), then fit the schema (mutable, not developer-only, valid value);
// - an empty value deletes the attribute; Required attributes cannot be emptied;
// - email/phone_number changes follow attribute-verification.ts: unverified plus a code when
//   auto-verified, or held until verified under AttributesRequireVerificationBeforeUpdate; the codes'
//   CodeDeliveryDetails are returned in CodeDeliveryDetailsList (omitted when none was sent);
// - a new value that another user holds as an alias is AliasExistsException.

export const updateUserAttributes =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "tokens" | "codes">,
  ): UseCase<UpdateUserAttributesInput, UpdateUserAttributesOutput> =>
  async (_context, input) => {
    const signedIn = await requireSignedInUser(deps, input.AccessToken);
    const { user, pool } = signedIn;
    const client = await clientOfToken(deps.storage, signedIn);
    requireWritableBy(
      client,
      input.UserAttributes.map((attribute) => attribute.Name),
    );
    const schema = schemaOf(pool);
    const writes = checkAttributeWrites(schema, input.UserAttributes, "update-by-user");
    const { attributes, pendingAttributes, codesFor, staleCodes } = applySelfServiceWrites(
      pool.settings,
      user,
      writes,
    );
    checkRequiredAttributes(schema, attributes);

    const updated: User = {
      ...user,
      attributes,
      pendingAttributes,
      lastModifiedAt: nextModificationTime(deps.clock.now(), user.lastModifiedAt),
    };
    const issued = await deps.storage.transaction(async (repositories) => {
      await saveSelfServiceUser(repositories, pool, updated);
      for (const contact of staleCodes) {
        await repositories.oneTimeCodes.deleteCodes(pool.id, user.sub, `verify-${contact}`);
      }
      const codes: Array<{ code: string } & (typeof codesFor)[number]> = [];
      for (const target of codesFor) {
        const code = await deps.codes.issue(repositories, pool, updated, `verify-${target.contact}`);
        codes.push({ ...target, code });
      }
      return codes;
    });
    const details: CodeDeliveryDetails[] = [];
    for (const { contact, value, code } of issued) {
      details.push(
        await deps.codes.deliver({
          pool,
          user: updated,
          kind: "UpdateUserAttribute",
          code,
          destination: destinationOf(contact, value),
          clientId: client.clientId,
          ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
        }),
      );
    }
    return details.length > 0 ? { CodeDeliveryDetailsList: details } : {};
  };
