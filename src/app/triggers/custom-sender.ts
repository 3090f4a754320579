import type { MessageKind } from "../../domain/messages/message-kind.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import { encryptTriggerCode } from "./code-encryption.js";
import { kmsKeyIdOf } from "./trigger-config.js";
import { eventUserAttributes, optionalMaps, type StringMap } from "./trigger-event.js";

// CustomEmailSender / CustomSMSSender: when configured, the trigger delivers the message instead of
// Cognate (sources CustomEmailSender_<kind> / CustomSMSSender_<kind>: SignUp, ResendCode, ForgotPassword,
// UpdateUserAttribute, VerifyUserAttribute, AdminCreateUser, Authentication).
// Sent: type customEmailSenderRequestV1 / customSMSSenderRequestV1, the code (or temporary password)
// encrypted (see code-encryption.ts), the user's attributes (the destination is among them) and
// ClientMetadata. Nothing in its answer is read.
// Unlike Cognito, which invokes these asynchronously and retries (so a user can get the same code
// twice), Cognate invokes once and waits: a failure reaches the caller as Cognito's trigger errors.

export type SenderChannel = "email" | "sms";

export interface CustomSenderInput {
  pool: UserPool;
  channel: SenderChannel;
  kind: MessageKind;
  user: User;
  code: string;
  clientId?: string | undefined;
  clientMetadata?: StringMap | undefined;
}

const TRIGGER = { email: "CustomEmailSender", sms: "CustomSMSSender" } as const;

export function customSenderConfigured(
  deps: Pick<AppDependencies, "triggers">,
  pool: UserPool,
  channel: SenderChannel,
): boolean {
  return deps.triggers.configured(pool, TRIGGER[channel]);
}

export async function runCustomSender(
  deps: Pick<AppDependencies, "triggers" | "random">,
  input: CustomSenderInput,
): Promise<void> {
  const trigger = TRIGGER[input.channel];
  const code = encryptTriggerCode(
    deps.triggers.secretFor(input.pool),
    kmsKeyIdOf(input.pool) ?? "",
    input.code,
    deps.random.bytes(12),
  );
  const event = deps.triggers.event(
    {
      pool: input.pool,
      triggerSource: `${trigger}_${input.kind}`,
      userName: input.user.username,
      clientId: input.clientId,
    },
    {
      type: input.channel === "email" ? "customEmailSenderRequestV1" : "customSMSSenderRequestV1",
      code,
      userAttributes: eventUserAttributes(input.pool, input.user),
      ...optionalMaps({ clientMetadata: input.clientMetadata }),
    },
    {},
  );
  await deps.triggers.invoke(input.pool, trigger, event, { ignoreOutput: true });
}
