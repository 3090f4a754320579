import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import { eventUserAttributes, optionalMaps, type StringMap } from "./trigger-event.js";

// PreAuthentication: runs when a known user starts signing in (password, SRP and custom auth), before the
// password is checked. Sent: the user's attributes; InitiateAuth's ClientMetadata arrives as
// `validationData` (Cognito's documented mapping). Its response changes nothing; throwing denies the
// sign-in with UserLambdaValidationException and counts no failed attempt.

export interface PreAuthenticationInput {
  pool: UserPool;
  user: User;
  clientId: string;
  validationData?: StringMap;
}

export async function runPreAuthentication(
  deps: Pick<AppDependencies, "triggers">,
  input: PreAuthenticationInput,
): Promise<void> {
  if (!deps.triggers.configured(input.pool, "PreAuthentication")) return;
  const event = deps.triggers.event(
    {
      pool: input.pool,
      triggerSource: "PreAuthentication_Authentication",
      userName: input.user.username,
      clientId: input.clientId,
    },
    {
      userAttributes: eventUserAttributes(input.pool, input.user),
      ...optionalMaps({ validationData: input.validationData }),
    },
    {},
  );
  await deps.triggers.invoke(input.pool, "PreAuthentication", event);
}
