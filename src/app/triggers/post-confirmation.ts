import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import { eventUserAttributes, optionalMaps, type StringMap } from "./trigger-event.js";

// PostConfirmation: runs after a user is confirmed (ConfirmSignUp, AdminConfirmSignUp, a sign-up that
// PreSignUp auto-confirmed: PostConfirmation_ConfirmSignUp) and after a password reset is confirmed
// (ConfirmForgotPassword: PostConfirmation_ConfirmForgotPassword). Sent: the user's current attributes and
// ClientMetadata. Its response changes nothing. Throwing fails the call; the caller puts the user back.

export type PostConfirmationSource =
  | "PostConfirmation_ConfirmSignUp"
  | "PostConfirmation_ConfirmForgotPassword";

export interface PostConfirmationInput {
  pool: UserPool;
  source: PostConfirmationSource;
  user: User;
  clientId?: string;
  clientMetadata?: StringMap;
}

export async function runPostConfirmation(
  deps: Pick<AppDependencies, "triggers">,
  input: PostConfirmationInput,
): Promise<void> {
  if (!deps.triggers.configured(input.pool, "PostConfirmation")) return;
  const event = deps.triggers.event(
    {
      pool: input.pool,
      triggerSource: input.source,
      userName: input.user.username,
      clientId: input.clientId,
    },
    {
      userAttributes: eventUserAttributes(input.pool, input.user),
      ...optionalMaps({ clientMetadata: input.clientMetadata }),
    },
    {},
  );
  await deps.triggers.invoke(input.pool, "PostConfirmation", event);
}
