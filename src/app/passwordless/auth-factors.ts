import { enabledFactors } from "../../domain/mfa/user-mfa.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { StorageRepositories } from "../../ports/storage.js";
import { allowedAuthFactors, configuredAuthFactors } from "./first-factors.js";

// GetUserAuthFactors / AdminGetUserAuthFactors: the user's MFA settings (as GetUser reports them) and the
// first factors they can use with USER_AUTH: set up by the user and allowed by the pool's SignInPolicy.

export interface UserAuthFactorsView {
  Username: string;
  PreferredMfaSetting?: string;
  UserMFASettingList?: string[];
  ConfiguredUserAuthFactors: string[];
}

export async function userAuthFactors(
  storage: Pick<StorageRepositories, "passkeys" | "mfa">,
  pool: UserPool,
  user: User,
): Promise<UserAuthFactorsView> {
  const mfa = await storage.mfa.findMfa(pool.id, user.sub);
  const allowed = allowedAuthFactors(pool);
  const configured = (await configuredAuthFactors(storage, user)).filter((factor) =>
    allowed.includes(factor),
  );
  const view: UserAuthFactorsView = { Username: user.username, ConfiguredUserAuthFactors: configured };
  const enabled = enabledFactors(mfa);
  if (mfa?.preferred && enabled.includes(mfa.preferred)) view.PreferredMfaSetting = mfa.preferred;
  if (enabled.length > 0) view.UserMFASettingList = enabled;
  return view;
}
