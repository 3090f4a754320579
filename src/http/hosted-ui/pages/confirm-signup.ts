import { secretHashFor } from "../../../app/hosted-ui/hosted-sign-in.js";
import type { AuthorizationRequest } from "../../../app/oauth2/authorization-contract.js";
import { confirmSignUp } from "../../../app/user-pools/confirm-sign-up.js";
import { resendConfirmationCode } from "../../../app/user-pools/resend-confirmation-code.js";
import { findUserByIdentifier } from "../../../app/users/user-directory.js";
import { poolMfaMode } from "../../../domain/mfa/mfa-policy.js";
import type { HostedUi, PageRequest } from "../context.js";
import { pageHref } from "../context.js";
import { messageForError, type UiMessage } from "../error-messages.js";
import {
  checkAuthorization,
  clearFlowNote,
  type FlowNote,
  finishSignIn,
  formTargetsFor,
  formToken,
  guardPost,
  NOTICES,
  readFlowNote,
  renderTarget,
  requestContext,
  writeFlowNote,
} from "../flow.js";
import { readForm } from "../form.js";
import type { MessageId } from "../i18n/catalogue.js";
import { sendPage, sendRedirect } from "../render.js";
import { type FieldSpec, formView, minimumPasswordLength, usernameSpec } from "../view-models.js";

// The code confirmation page (/confirm) after sign-up, or after signing in to an unconfirmed account:
// ConfirmSignUp with the code, and "send a new code" (ResendConfirmationCode, /resendCode). When this
// browser is the one that just signed up (or proved the password), confirming signs the person in, as
// Cognito's hosted UI does; otherwise the sign-in page follows.

function intro(page: PageRequest, note: FlowNote | undefined): string {
  if (!note?.destination) return page.t("confirm.sent_generic");
  const id: MessageId = note.medium === "SMS" ? "confirm.sent_sms" : "confirm.sent_email";
  return page.t(id, { destination: note.destination });
}

function showConfirm(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  options: { username?: string; problem?: UiMessage; status?: number; notice?: MessageId } = {},
) {
  const { t } = page;
  const username = options.username ?? page.query.username ?? "";
  const note = readFlowNote(hostedUi, page, "signup", username || undefined);
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
  ];
  const { fields, alerts } = formView(
    t,
    specs,
    options.problem,
    options.notice ?? NOTICES[page.query.notice ?? ""],
  );
  const hidden = username ? [{ name: "username", value: username }] : [];
  return sendPage(hostedUi, renderTarget(page, authorization.client.clientId), {
    template: "confirm-signup",
    titleId: "confirm.title",
    status: options.status ?? 200,
    formTargets: formTargetsFor(authorization),
    data: {
      heading: t("confirm.heading"),
      intro: intro(page, note),
      alerts,
      formAction: pageHref(page, "/confirm"),
      csrfToken: formToken(hostedUi, page),
      hidden,
      fields,
      submitLabel: t("confirm.submit"),
      resend: {
        formAction: pageHref(page, "/resendCode"),
        prompt: t("confirm.resend_prompt"),
        submitLabel: t("confirm.resend_submit"),
      },
      signIn: { href: pageHref(page, "/login"), text: t("common.back_to_sign_in") },
    },
  });
}

/**
 * A fresh code. The note keeps the user's sub (which lets confirming sign in) only for a browser that
 * proved the password: the one that signed up, or that just typed the right password.
 */
async function resend(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  username: string,
  provenSub?: string,
) {
  const secretHash = await secretHashFor(hostedUi.app, authorization, username);
  const result = await resendConfirmationCode(hostedUi.app)(requestContext(page.request), {
    ClientId: authorization.client.clientId,
    Username: username,
    ...(secretHash ? { SecretHash: secretHash } : {}),
  });
  const sub = provenSub ?? readFlowNote(hostedUi, page, "signup", username)?.sub;
  writeFlowNote(hostedUi, page, {
    kind: "signup",
    userPoolId: authorization.pool.id,
    clientId: authorization.client.clientId,
    username,
    ...(sub ? { sub } : {}),
    medium: result.CodeDeliveryDetails.DeliveryMedium,
    destination: result.CodeDeliveryDetails.Destination,
  });
}

/** From the sign-in page: the password was right but the account is unconfirmed. */
export async function startConfirmation(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  username: string,
) {
  const user = await findUserByIdentifier(hostedUi.app.storage.users, authorization.pool, username);
  try {
    await resend(hostedUi, page, authorization, username, user?.sub);
  } catch (error) {
    const problem = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    return showConfirm(hostedUi, page, authorization, { username, problem, status: 400 });
  }
  return sendRedirect(hostedUi, page.reply, pageHref(page, "/confirm", { username }), true);
}

export async function confirmPage(hostedUi: HostedUi, page: PageRequest) {
  const authorization = await checkAuthorization(hostedUi, page, false);
  if (!authorization) return page.reply;
  return showConfirm(hostedUi, page, authorization);
}

export async function submitConfirm(hostedUi: HostedUi, page: PageRequest) {
  const form = readForm(page.request);
  if (!(await guardPost(hostedUi, page, form))) return page.reply;
  const authorization = await checkAuthorization(hostedUi, page, true);
  if (!authorization) return page.reply;
  const username = (form.username ?? "").trim();
  const code = (form.code ?? "").trim();
  if (username === "" || code === "") {
    const problem: UiMessage =
      username === ""
        ? { id: "login.missing_fields", field: "username" }
        : { id: "confirm.missing_code", field: "code" };
    return showConfirm(hostedUi, page, authorization, { username, problem, status: 400 });
  }
  try {
    const secretHash = await secretHashFor(hostedUi.app, authorization, username);
    await confirmSignUp(hostedUi.app)(requestContext(page.request), {
      ClientId: authorization.client.clientId,
      Username: username,
      ConfirmationCode: code,
      ...(secretHash ? { SecretHash: secretHash } : {}),
    });
  } catch (error) {
    const problem = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    return showConfirm(hostedUi, page, authorization, { username, problem, status: 400 });
  }
  const note = readFlowNote(hostedUi, page, "signup", username);
  clearFlowNote(page);
  const user = note?.sub
    ? await hostedUi.app.storage.users.findUserBySub(authorization.pool.id, note.sub)
    : undefined;
  // With MFA required, confirming is not a sign-in: the password page leads on to the second factor.
  const mfaRequired = poolMfaMode(authorization.pool.settings) === "ON";
  if (user && user.status === "CONFIRMED" && user.enabled && !mfaRequired) {
    return finishSignIn(hostedUi, page, authorization, user, hostedUi.app.clock.now());
  }
  return sendRedirect(
    hostedUi,
    page.reply,
    pageHref(page, "/login", { notice: "account_confirmed", username }),
    true,
  );
}

export async function submitResend(hostedUi: HostedUi, page: PageRequest) {
  const form = readForm(page.request);
  if (!(await guardPost(hostedUi, page, form))) return page.reply;
  const authorization = await checkAuthorization(hostedUi, page, true);
  if (!authorization) return page.reply;
  const username = (form.username ?? "").trim();
  if (username === "") {
    return showConfirm(hostedUi, page, authorization, {
      problem: { id: "login.missing_fields", field: "username" },
      status: 400,
    });
  }
  try {
    await resend(hostedUi, page, authorization, username);
  } catch (error) {
    const problem = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    return showConfirm(hostedUi, page, authorization, { username, problem, status: 400 });
  }
  return sendRedirect(
    hostedUi,
    page.reply,
    pageHref(page, "/confirm", { username, notice: "code_resent" }),
    true,
  );
}
