import { InvalidParameterException } from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import {
  afterVerification,
  pendingValue,
  requireContact,
  saveSelfServiceUser,
} from "../users/attribute-verification.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { nextModificationTime } from "./user-pool-lookup.js";

export interface VerifyUserAttributeInput {
  AccessToken: string;
  AttributeName: string;
  Code: string;
}

// VerifyUserAttribute: the code from UpdateUserAttributes or GetUserAttributeVerificationCode proves
// email or phone_number:
// - a value waiting under AttributesRequireVerificationBeforeUpdate replaces the old one now;
// - the attribute becomes verified (`*_verified` "true"), and in alias pools a sign-in alias;
// - a value another user already holds as an alias is AliasExistsException;
// - wrong, expired or used codes: CodeMismatchException / ExpiredCodeException / LimitExceededException
//   (codes.ts). The code is spent before the save, so wrong guesses count even when the save fails.

export const verifyUserAttribute =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "tokens" | "codes">,
  ): UseCase<VerifyUserAttributeInput, object> =>
  async (_context, input) => {
    const { user, pool } = await requireSignedInUser(deps, input.AccessToken);
    const contact = requireContact(input.AttributeName);
    const value = pendingValue(user, contact) ?? user.attributes[contact];
    if (!value) throw new InvalidParameterException(`The user has no ${contact} to verify.`);
    await deps.codes.consume(deps.storage, pool, user, `verify-${contact}`, input.Code);
    await saveSelfServiceUser(deps.storage, pool, {
      ...afterVerification(user, contact, value),
      lastModifiedAt: nextModificationTime(deps.clock.now(), user.lastModifiedAt),
    });
    return {};
  };
