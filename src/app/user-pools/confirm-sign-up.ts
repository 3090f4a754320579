import {
  AliasExistsException,
  CodeMismatchException,
  NotAuthorizedException,
  UserNotFoundException,
} from "../../domain/errors.js";
import { chooseVerificationDestination } from "../../domain/messages/delivery-destination.js";
import { activeAliases } from "../../domain/user/sign-in-identity.js";
import type { User } from "../../domain/user/user.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { sealSignUpSession } from "../passwordless/sign-up-session.js";
import { runPostConfirmation } from "../triggers/post-confirmation.js";
import { isTriggerFailure } from "../triggers/triggers.js";
import { checkSecretHash, requirePublicClient } from "../users/public-client.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import { hidesUserExistence } from "../users/user-existence.js";
import { saveUser } from "../users/user-writes.js";

export interface ConfirmSignUpInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ConfirmationCode: string;
  ForceAliasCreation?: boolean;
  ClientMetadata?: Record<string, string>;
}

// ConfirmSignUp: the code sent at sign-up confirms the user and verifies the attribute it went to.
// - already confirmed → NotAuthorizedException "User cannot be confirmed. Current status is CONFIRMED";
// - the newly verified email/phone may be another user's alias: AliasExistsException, unless
//   ForceAliasCreation moves the alias (the other user's attribute becomes unverified);
// - unknown users answer like a wrong code when the client hides user existence;
// - then PostConfirmation (PostConfirmation_ConfirmSignUp, with ClientMetadata); when it fails the user
//   is put back as it was (UNCONFIRMED; the code is spent, so a new one must be requested).

function autoVerified(settings: Record<string, unknown>): string[] {
  const value = settings.AutoVerifiedAttributes;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export const confirmSignUp =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "secretBox" | "codes" | "triggers" | "random">,
  ): UseCase<ConfirmSignUpInput, { Session?: string }> =>
  async (_context, input) => {
    const target = await requirePublicClient(deps.storage, input.ClientId);
    const { pool, client } = target;
    const user = await findUserByIdentifier(deps.storage.users, pool, input.Username);
    await checkSecretHash(deps, target, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
    if (!user) {
      if (hidesUserExistence(client)) {
        throw new CodeMismatchException("Invalid verification code provided, please try again.");
      }
      throw new UserNotFoundException("Username/client id combination not found.");
    }
    if (user.status !== "UNCONFIRMED") {
      throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
    }

    const confirmed = await deps.storage.transaction(async (repositories) => {
      await deps.codes.consume(repositories, pool, user, "confirm-sign-up", input.ConfirmationCode);
      const now = deps.clock.now();
      const destination = chooseVerificationDestination(autoVerified(pool.settings), user.attributes);
      const attributes = { ...user.attributes };
      if (destination) attributes[`${destination.attributeName}_verified`] = "true";
      const confirmed: User = { ...user, status: "CONFIRMED", attributes, lastModifiedAt: now };

      for (const alias of activeAliases(pool.settings, confirmed)) {
        const holder = await repositories.users.findUserByAlias(pool.id, alias);
        if (!holder || holder.sub === user.sub) continue;
        if (!input.ForceAliasCreation) {
          throw new AliasExistsException(
            `An account with the ${alias.kind === "email" ? "email" : "phone number"} already exists.`,
          );
        }
        const unverified = { ...holder.attributes, [`${alias.kind}_verified`]: "false" };
        await saveUser(repositories, pool, { ...holder, attributes: unverified, lastModifiedAt: now });
      }
      await saveUser(repositories, pool, confirmed);
      return confirmed;
    });
    try {
      await runPostConfirmation(deps, {
        pool,
        source: "PostConfirmation_ConfirmSignUp",
        user: confirmed,
        clientId: client.clientId,
        clientMetadata: input.ClientMetadata,
      });
    } catch (error) {
      if (isTriggerFailure(error)) await saveUser(deps.storage, pool, user);
      throw error;
    }
    // A client that may use USER_AUTH gets a Session to sign the new user in without another code.
    const flows = client.settings.ExplicitAuthFlows;
    if (Array.isArray(flows) && flows.includes("ALLOW_USER_AUTH")) {
      return { Session: sealSignUpSession(deps, target, confirmed) };
    }
    return {};
  };
