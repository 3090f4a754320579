import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import { eventUserAttributes, optionalMaps, type StringMap } from "./trigger-event.js";

// PostAuthentication: runs after a user proved who they are, before tokens are minted (password, SRP,
// custom auth, the new-password challenge). Sent: the user's attributes, `newDeviceUsed` (true when the
// pool tracks devices and this sign-in gets a new device key) and RespondToAuthChallenge's ClientMetadata.
// Its response changes nothing; throwing fails the sign-in: no tokens are issued.

export interface PostAuthenticationInput {
  pool: UserPool;
  user: User;
  clientId: string;
  clientMetadata?: StringMap;
  newDeviceUsed?: boolean;
}

export async function runPostAuthentication(
  deps: Pick<AppDependencies, "triggers">,
  input: PostAuthenticationInput,
): Promise<void> {
  if (!deps.triggers.configured(input.pool, "PostAuthentication")) return;
  const event = deps.triggers.event(
    {
      pool: input.pool,
      triggerSource: "PostAuthentication_Authentication",
      userName: input.user.username,
      clientId: input.clientId,
    },
    {
      userAttributes: eventUserAttributes(input.pool, input.user),
      newDeviceUsed: input.newDeviceUsed ?? false,
      ...optionalMaps({ clientMetadata: input.clientMetadata }),
    },
    {},
  );
  await deps.triggers.invoke(input.pool, "PostAuthentication", event);
}
