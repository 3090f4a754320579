import type { JsonObject } from "../../shared/json.js";
import type { MessageKind } from "./message-kind.js";
import { type MessageValues, type RenderedEmail, renderEmail, renderSms } from "./render-message.js";
import { selectEmailTemplate, selectSmsTemplate } from "./select-template.js";

/** The email a pool sends for `kind`: its template (or Cognito's default) with the values filled in. */
export function composeEmail(settings: JsonObject, kind: MessageKind, values: MessageValues): RenderedEmail {
  return renderEmail(selectEmailTemplate(settings, kind), values);
}

/** The SMS text a pool sends for `kind`. */
export function composeSms(settings: JsonObject, kind: MessageKind, values: MessageValues): string {
  return renderSms(selectSmsTemplate(settings, kind), values);
}

/** True when the pool sends a link rather than a code in this kind's email (CONFIRM_WITH_LINK). */
export function emailUsesLink(settings: JsonObject, kind: MessageKind): boolean {
  return selectEmailTemplate(settings, kind).style === "link";
}
