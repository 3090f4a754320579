import type { User } from "../../domain/user/user.js";
import type { AppDependencies } from "../dependencies.js";

// An administrator's full MFA reset (`cognate user reset-mfa`): every factor off, the TOTP secret,
// recovery codes, live MFA codes and wrong-code counts forgotten. The user's next sign-in asks for no
// second factor, or for MFA_SETUP when the pool's MFA is ON.

export async function resetUserMfa(deps: Pick<AppDependencies, "storage">, user: User): Promise<void> {
  await deps.storage.transaction(async (repositories) => {
    await repositories.mfa.deleteMfa(user.userPoolId, user.sub);
    await repositories.oneTimeCodes.deleteCodes(user.userPoolId, user.sub, "mfa-sms");
    await repositories.oneTimeCodes.deleteCodes(user.userPoolId, user.sub, "mfa-email");
  });
}
