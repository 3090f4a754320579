import { selfUserView } from "../../domain/user/user-view.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { type MfaView, mfaView } from "../mfa/mfa-view.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { clientOfToken, readableBy } from "../users/token-client.js";

export interface GetUserInput {
  AccessToken: string;
}

/**
 * The signed-in user's username and attributes, narrowed to what the token's app client may read
 * (its ReadAttributes, or the standard attributes and verified flags), and the user's MFA settings.
 */
export const getUser =
  (
    deps: Pick<AppDependencies, "storage" | "tokens">,
  ): UseCase<GetUserInput, ReturnType<typeof selfUserView> & MfaView> =>
  async (_context, input) => {
    const signedIn = await requireSignedInUser(deps, input.AccessToken);
    const client = await clientOfToken(deps.storage, signedIn);
    return { ...selfUserView(signedIn.user, readableBy(client)), ...mfaView(signedIn.token.mfa) };
  };
