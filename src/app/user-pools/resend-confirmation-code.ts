import { InvalidParameterException, UserNotFoundException } from "../../domain/errors.js";
import {
  type CodeDeliveryDetails,
  chooseVerificationDestination,
} from "../../domain/messages/delivery-destination.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { checkSecretHash, requirePublicClient } from "../users/public-client.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import { hidesUserExistence, simulatedDelivery } from "../users/user-existence.js";

export interface ResendConfirmationCodeInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ClientMetadata?: Record<string, string>;
}

/** A fresh sign-up code (the old one stops working) to the auto-verified attribute. */
export const resendConfirmationCode =
  (
    deps: Pick<AppDependencies, "storage" | "secretBox" | "secretHasher" | "codes">,
  ): UseCase<ResendConfirmationCodeInput, { CodeDeliveryDetails: CodeDeliveryDetails }> =>
  async (_context, input) => {
    const target = await requirePublicClient(deps.storage, input.ClientId);
    const { pool, client } = target;
    const user = await findUserByIdentifier(deps.storage.users, pool, input.Username);
    await checkSecretHash(deps, target, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
    if (!user) {
      if (hidesUserExistence(client)) {
        return { CodeDeliveryDetails: simulatedDelivery(deps.secretHasher, pool, input.Username) };
      }
      throw new UserNotFoundException("Username/client id combination not found.");
    }
    if (user.status !== "UNCONFIRMED") throw new InvalidParameterException("User is already confirmed.");
    const auto = Array.isArray(pool.settings.AutoVerifiedAttributes)
      ? pool.settings.AutoVerifiedAttributes
      : [];
    const destination = chooseVerificationDestination(
      auto.filter((item): item is string => typeof item === "string"),
      user.attributes,
    );
    if (!destination) throw new InvalidParameterException("Auto verification not turned on.");
    const code = await deps.codes.issue(deps.storage, pool, user, "confirm-sign-up");
    const details = await deps.codes.deliver({
      pool,
      user,
      kind: "ResendCode",
      code,
      destination,
      clientId: client.clientId,
      clientMetadata: input.ClientMetadata,
    });
    return { CodeDeliveryDetails: details };
  };
