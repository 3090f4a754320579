import { secretHashFor } from "../../../app/hosted-ui/hosted-sign-in.js";
import type { AuthorizationRequest } from "../../../app/oauth2/authorization-contract.js";
import type { HostedUi, PageRequest } from "../context.js";
import { pageHref } from "../context.js";
import { messageForError, type UiMessage } from "../error-messages.js";
import {
  checkAuthorization,
  type FlowNote,
  formTargetsFor,
  formToken,
  guardPost,
  NOTICES,
  readFlowNote,
  renderTarget,
} from "../flow.js";
import { readForm } from "../form.js";
import type { MessageId, Translate } from "../i18n/catalogue.js";
import { sendPage } from "../render.js";
import { type FieldSpec, formView, minimumPasswordLength, usernameSpec } from "../view-models.js";
import type { PageTemplate } from "../views/index.js";
import type { ViewData } from "../views/template.js";

// The pages that ask for a code sent by email or SMS: confirming a sign-up (/confirm) and resetting a
// password (/confirmforgotPassword). What they share lives here: the code field, the "sent to …" intro,
// the page around the form, reading a post (CSRF and authorization checks, the missing-field problems),
// and turning a failure the person can fix into the form again with its message.

/** How a code page is shown again: for which name, with which problem and status. */
export interface CodeFormOptions {
  username?: string;
  problem?: UiMessage;
  status?: number;
}

/** What sets one code page apart; the rest of the page is the same on both. */
export interface CodePage {
  template: PageTemplate;
  titleId: MessageId;
  headingId: MessageId;
  /** The flow note that says where the code went. */
  noteKind: FlowNote["kind"];
  /** The intro when the note names where the code went, by medium; `generic` without one. */
  sentIds: { generic: MessageId; sms: MessageId; email: MessageId };
  /** The page path the form posts to. */
  action: string;
  submitLabelId: MessageId;
  /** Fields after the username and code. */
  moreFields?(t: Translate, authorization: AuthorizationRequest): FieldSpec[];
  /** The page's own view-model data (its other forms and links), for the name the code is for. */
  extra(page: PageRequest, authorization: AuthorizationRequest, username: string): ViewData;
}

function codeSentIntro(page: PageRequest, note: FlowNote | undefined, ids: CodePage["sentIds"]) {
  if (!note?.destination) return page.t(ids.generic);
  return page.t(note.medium === "SMS" ? ids.sms : ids.email, { destination: note.destination });
}

/**
 * Sends a code page: the form with its problem (or the notice another page sent), and a way back to
 * sign-in. A name the page already knows goes along as a hidden field instead of a username field.
 */
export function sendCodePage(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  codePage: CodePage,
  options: CodeFormOptions = {},
) {
  const { t } = page;
  const username = options.username ?? page.query.username ?? "";
  const note = readFlowNote(hostedUi, page, codePage.noteKind, username || undefined);
  const specs: FieldSpec[] = [
    ...(username ? [] : [usernameSpec(t, authorization.pool)]),
    {
      name: "code",
      label: t("field.code"),
      autocomplete: "one-time-code",
      inputMode: "numeric",
      hintId: "hint.code",
      maxLength: 32,
    },
    ...(codePage.moreFields?.(t, authorization) ?? []),
  ];
  const { fields, alerts } = formView(t, specs, options.problem, NOTICES[page.query.notice ?? ""]);
  return sendPage(hostedUi, renderTarget(page, authorization.client.clientId), {
    template: codePage.template,
    titleId: codePage.titleId,
    status: options.status ?? 200,
    formTargets: formTargetsFor(authorization),
    data: {
      heading: t(codePage.headingId),
      intro: codeSentIntro(page, note, codePage.sentIds),
      alerts,
      formAction: pageHref(page, codePage.action),
      csrfToken: formToken(hostedUi, page),
      hidden: username ? [{ name: "username", value: username }] : [],
      fields,
      submitLabel: t(codePage.submitLabelId),
      ...codePage.extra(page, authorization, username),
      signIn: { href: pageHref(page, "/login"), text: t("common.back_to_sign_in") },
    },
  });
}

/** GET of a code page: the page, once the authorization request it carries checks out. */
export async function serveCodePage(hostedUi: HostedUi, page: PageRequest, codePage: CodePage) {
  const authorization = await checkAuthorization(hostedUi, page, false);
  if (!authorization) return page.reply;
  return sendCodePage(hostedUi, page, authorization, codePage);
}

export interface CodeFormPost {
  form: Record<string, string>;
  authorization: AuthorizationRequest;
  /** Trimmed, "" when missing; likewise the code. */
  username: string;
  code: string;
}

/** A posted code form, or undefined when the answer is already sent (a forged post, a bad request). */
export async function readCodeFormPost(
  hostedUi: HostedUi,
  page: PageRequest,
): Promise<CodeFormPost | undefined> {
  const form = readForm(page.request);
  if (!(await guardPost(hostedUi, page, form))) return undefined;
  const authorization = await checkAuthorization(hostedUi, page, true);
  if (!authorization) return undefined;
  return { form, authorization, username: (form.username ?? "").trim(), code: (form.code ?? "").trim() };
}

/** The first field the post left empty: the username, then the code. */
export function missingCodeFormField(post: CodeFormPost): UiMessage | undefined {
  if (post.username === "") return { id: "login.missing_fields", field: "username" };
  if (post.code === "") return { id: "confirm.missing_code", field: "code" };
  return undefined;
}

/** The ClientId, Username and (for a client with a secret) SecretHash the public actions ask for. */
export async function appClientFields(
  hostedUi: HostedUi,
  authorization: AuthorizationRequest,
  username: string,
) {
  const secretHash = await secretHashFor(hostedUi.app, authorization, username);
  return {
    ClientId: authorization.client.clientId,
    Username: username,
    ...(secretHash ? { SecretHash: secretHash } : {}),
  };
}

/** Runs a page's action: a failure the person can fix comes back as its message to show; any other is thrown. */
export async function problemFrom(
  authorization: AuthorizationRequest,
  action: () => Promise<unknown>,
): Promise<UiMessage | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    const problem = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    return problem;
  }
}
