import type { MessageKind } from "../../domain/messages/message-kind.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import { eventUserAttributes, optionalMaps, readString, type StringMap } from "./trigger-event.js";

// CustomMessage: runs before every email or SMS Cognate sends, for each source: CustomMessage_SignUp,
// _AdminCreateUser, _ResendCode, _ForgotPassword, _UpdateUserAttribute, _VerifyUserAttribute,
// _Authentication. Sent: the user's attributes, codeParameter "{####}", linkParameter "{##Click Here##}",
// usernameParameter "{username}" (AdminCreateUser only, else null), ClientMetadata.
// Its emailSubject, emailMessage and smsMessage replace the pool's templates; Cognate then fills in the
// placeholders. As in Cognito, a message that lacks a placeholder its kind needs ({####}, or a {##…##}
// link for CONFIRM_WITH_LINK email; and {username} for invitations) is ignored in favour of the template.
// Not run when a custom sender trigger delivers that channel.

export const CODE_PARAMETER = "{####}";
export const LINK_PARAMETER = "{##Click Here##}";
export const USERNAME_PARAMETER = "{username}";

export interface CustomMessageInput {
  pool: UserPool;
  kind: MessageKind;
  user: User;
  clientId?: string | undefined;
  clientMetadata?: StringMap | undefined;
}

export interface CustomizedMessage {
  emailSubject?: string;
  emailMessage?: string;
  smsMessage?: string;
}

/** Whether `message` carries what a message of `kind` must (link-style emails need a link instead). */
export function hasRequiredPlaceholders(message: string, kind: MessageKind, linkStyle: boolean): boolean {
  const code = linkStyle ? /\{##[\s\S]*?##\}/.test(message) : message.includes(CODE_PARAMETER);
  return code && (kind !== "AdminCreateUser" || message.includes(USERNAME_PARAMETER));
}

export async function runCustomMessage(
  deps: Pick<AppDependencies, "triggers">,
  input: CustomMessageInput,
): Promise<CustomizedMessage> {
  if (!deps.triggers.configured(input.pool, "CustomMessage")) return {};
  const event = deps.triggers.event(
    {
      pool: input.pool,
      triggerSource: `CustomMessage_${input.kind}`,
      userName: input.user.username,
      clientId: input.clientId,
    },
    {
      userAttributes: eventUserAttributes(input.pool, input.user),
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      usernameParameter: input.kind === "AdminCreateUser" ? USERNAME_PARAMETER : null,
      ...optionalMaps({ clientMetadata: input.clientMetadata }),
    },
    { smsMessage: null, emailMessage: null, emailSubject: null },
  );
  const response = await deps.triggers.invoke(input.pool, "CustomMessage", event);
  const out: CustomizedMessage = {};
  const emailSubject = readString(response, "emailSubject");
  const emailMessage = readString(response, "emailMessage");
  const smsMessage = readString(response, "smsMessage");
  if (emailSubject) out.emailSubject = emailSubject;
  if (emailMessage) out.emailMessage = emailMessage;
  if (smsMessage) out.smsMessage = smsMessage;
  return out;
}
