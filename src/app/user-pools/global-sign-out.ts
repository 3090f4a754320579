import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { revokeAllSessions, saveUser } from "../users/user-writes.js";

export interface GlobalSignOutInput {
  AccessToken: string;
}

/**
 * Signs the caller out everywhere: every refresh token of the user stops working, and Cognate's
 * token-authorised actions refuse the user's access tokens ("Access Token has been revoked"), this one
 * included. Tokens already given to other services stay valid until they expire, as in Cognito; the
 * hosted UI session cookie is not touched (that is /logout).
 */
export const globalSignOut =
  (deps: Pick<AppDependencies, "storage" | "clock" | "tokens">): UseCase<GlobalSignOutInput, object> =>
  async (_context, input) => {
    const { user, pool } = await requireSignedInUser(deps, input.AccessToken);
    await deps.storage.transaction(async (repositories) => {
      const revoked = await revokeAllSessions(repositories, user, deps.clock.now());
      await saveUser(repositories, pool, revoked);
    });
    return {};
  };
