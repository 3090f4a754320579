import { InvalidParameterException } from "../../domain/errors.js";
import type { CodeDeliveryDetails } from "../../domain/messages/delivery-destination.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { destinationOf, pendingValue, requireContact } from "../users/attribute-verification.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface GetUserAttributeVerificationCodeInput {
  AccessToken: string;
  AttributeName: string;
  ClientMetadata?: Record<string, string>;
}

// GetUserAttributeVerificationCode: a fresh code (the previous one stops working) for email or
// phone_number, sent with the VerifyUserAttribute message to the value it verifies: the value waiting
// for verification under AttributesRequireVerificationBeforeUpdate, else the current one (verified or
// not; auto-verification is not required). Other names, or an attribute the user has no value for, are
// InvalidParameterException.

export const getUserAttributeVerificationCode =
  (
    deps: Pick<AppDependencies, "storage" | "tokens" | "codes">,
  ): UseCase<GetUserAttributeVerificationCodeInput, { CodeDeliveryDetails: CodeDeliveryDetails }> =>
  async (_context, input) => {
    const { user, pool, token } = await requireSignedInUser(deps, input.AccessToken);
    const contact = requireContact(input.AttributeName);
    const value = pendingValue(user, contact) ?? user.attributes[contact];
    if (!value) {
      throw new InvalidParameterException(`The user has no ${contact} to verify.`);
    }
    const code = await deps.codes.issue(deps.storage, pool, user, `verify-${contact}`);
    const details = await deps.codes.deliver({
      pool,
      user,
      kind: "VerifyUserAttribute",
      code,
      destination: destinationOf(contact, value),
      clientId: token.clientId,
      ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
    });
    return { CodeDeliveryDetails: details };
  };
