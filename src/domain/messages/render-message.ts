import { htmlToText } from "./html-to-text.js";
import type { EmailTemplate } from "./select-template.js";

/*
 * Fills Cognito's placeholders:
 * - {####}: the code (for invitations, the temporary password);
 * - {username}: the user name, only when one is given (invitations);
 * - {##text##}: a link to `linkUrl` showing "text" (CONFIRM_WITH_LINK emails); required for link templates.
 * Values are HTML-escaped in the HTML body and kept raw in the text body and SMS.
 * Subjects are sent as written: Cognito does not fill placeholders in them.
 */

export interface MessageValues {
  code: string;
  username?: string;
  /** The confirmation link target, for CONFIRM_WITH_LINK templates. */
  linkUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  htmlBody: string;
  textBody: string;
}

const PLACEHOLDERS = /\{####\}|\{username\}|\{##([\s\S]*?)##\}/g;

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

type Piece = { kind: "code" } | { kind: "username" } | { kind: "link"; label: string };

function fill(template: string, values: MessageValues, write: (piece: Piece) => string | undefined): string {
  return template.replace(PLACEHOLDERS, (match, label: string | undefined) => {
    if (match === "{####}") return write({ kind: "code" }) ?? match;
    if (match === "{username}")
      return values.username === undefined ? match : (write({ kind: "username" }) ?? match);
    return write({ kind: "link", label: label ?? "" }) ?? match;
  });
}

export function renderEmail(template: EmailTemplate, values: MessageValues): RenderedEmail {
  if (template.style === "link" && values.linkUrl === undefined) {
    throw new Error("renderEmail: a CONFIRM_WITH_LINK template needs values.linkUrl");
  }
  const linkUrl = values.linkUrl ?? "";
  const htmlBody = fill(template.body, values, (piece) => {
    if (piece.kind === "code") return escapeHtml(values.code);
    if (piece.kind === "username") return escapeHtml(values.username ?? "");
    return values.linkUrl === undefined ? undefined : `<a href="${escapeHtml(linkUrl)}">${piece.label}</a>`;
  });

  // The text part: values go in after the HTML is flattened, so a value that looks like markup survives.
  const raw: string[] = [];
  const marker = (value: string): string => `\uE000${raw.push(value) - 1}\uE001`;
  const marked = fill(template.body, values, (piece) => {
    if (piece.kind === "code") return marker(values.code);
    if (piece.kind === "username") return marker(values.username ?? "");
    return values.linkUrl === undefined ? undefined : `<a href="${marker(linkUrl)}">${piece.label}</a>`;
  });
  const textBody = htmlToText(marked).replace(
    /\uE000(\d+)\uE001/g,
    (_m, index: string) => raw[Number(index)] ?? "",
  );

  return { subject: template.subject, htmlBody, textBody };
}

export function renderSms(template: string, values: MessageValues): string {
  return fill(template, values, (piece) => {
    if (piece.kind === "code") return values.code;
    if (piece.kind === "username") return values.username ?? "";
    return undefined;
  });
}
