import { secretHashFor } from "../../../app/hosted-ui/hosted-sign-in.js";
import type { AuthorizationRequest } from "../../../app/oauth2/authorization-contract.js";
import { confirmForgotPassword } from "../../../app/user-pools/confirm-forgot-password.js";
import { forgotPassword } from "../../../app/user-pools/forgot-password.js";
import type { HostedUi, PageRequest } from "../context.js";
import { pageHref } from "../context.js";
import { messageForError, type UiMessage } from "../error-messages.js";
import {
  checkAuthorization,
  clearFlowNote,
  type FlowNote,
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
import {
  type FieldSpec,
  formView,
  minimumPasswordLength,
  newPasswordSpec,
  passwordRules,
  usernameSpec,
} from "../view-models.js";

// Forgot password (/forgotPassword: ForgotPassword sends a code) and reset (/confirmforgotPassword:
// ConfirmForgotPassword with the code and a new password typed twice), then the sign-in page. With
// PreventUserExistenceErrors=ENABLED an unknown name goes through the same pages as a real one.

function showForgot(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  options: { username?: string; problem?: UiMessage; status?: number } = {},
) {
  const { t } = page;
  const { fields, alerts } = formView(
    t,
    [usernameSpec(t, authorization.pool, options.username ?? page.query.username ?? "")],
    options.problem,
  );
  return sendPage(hostedUi, renderTarget(page, authorization.client.clientId), {
    template: "forgot-password",
    titleId: "forgot.title",
    status: options.status ?? 200,
    formTargets: formTargetsFor(authorization),
    data: {
      heading: t("forgot.heading"),
      intro: t("forgot.intro"),
      alerts,
      formAction: pageHref(page, "/forgotPassword"),
      csrfToken: formToken(hostedUi, page),
      hidden: [],
      fields,
      submitLabel: t("forgot.submit"),
      signIn: { href: pageHref(page, "/login"), text: t("common.back_to_sign_in") },
    },
  });
}

export async function forgotPage(hostedUi: HostedUi, page: PageRequest) {
  const authorization = await checkAuthorization(hostedUi, page, false);
  if (!authorization) return page.reply;
  return showForgot(hostedUi, page, authorization);
}

/** Sends a reset code and moves on to the reset page; `required`: the sign-in said a reset is required. */
export async function startReset(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  username: string,
  required: boolean,
) {
  try {
    const secretHash = await secretHashFor(hostedUi.app, authorization, username);
    const result = await forgotPassword(hostedUi.app)(requestContext(page.request), {
      ClientId: authorization.client.clientId,
      Username: username,
      ...(secretHash ? { SecretHash: secretHash } : {}),
    });
    writeFlowNote(hostedUi, page, {
      kind: "forgot",
      userPoolId: authorization.pool.id,
      clientId: authorization.client.clientId,
      username,
      medium: result.CodeDeliveryDetails.DeliveryMedium,
      destination: result.CodeDeliveryDetails.Destination,
    });
  } catch (error) {
    const problem = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    return showForgot(hostedUi, page, authorization, { username, problem, status: 400 });
  }
  const extra: Record<string, string> = required ? { username, notice: "reset_required" } : { username };
  return sendRedirect(hostedUi, page.reply, pageHref(page, "/confirmforgotPassword", extra), true);
}

export async function submitForgot(hostedUi: HostedUi, page: PageRequest) {
  const form = readForm(page.request);
  if (!(await guardPost(hostedUi, page, form))) return page.reply;
  const authorization = await checkAuthorization(hostedUi, page, true);
  if (!authorization) return page.reply;
  const username = (form.username ?? "").trim();
  if (username === "") {
    return showForgot(hostedUi, page, authorization, {
      problem: { id: "login.missing_fields", field: "username" },
      status: 400,
    });
  }
  return startReset(hostedUi, page, authorization, username, false);
}

function resetIntro(page: PageRequest, note: FlowNote | undefined): string {
  if (!note?.destination) return page.t("reset.sent_generic");
  const id: MessageId = note.medium === "SMS" ? "reset.sent_sms" : "reset.sent_email";
  return page.t(id, { destination: note.destination });
}

function showReset(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  options: { username?: string; problem?: UiMessage; status?: number } = {},
) {
  const { t } = page;
  const username = options.username ?? page.query.username ?? "";
  const note = readFlowNote(hostedUi, page, "forgot", username || undefined);
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
    newPasswordSpec(t, authorization.pool),
    {
      name: "confirm_password",
      label: t("field.confirm_password"),
      type: "password",
      autocomplete: "new-password",
    },
  ];
  const { fields, alerts } = formView(
    t,
    specs,
    options.problem,
    options.problem ? undefined : NOTICES[page.query.notice ?? ""],
  );
  return sendPage(hostedUi, renderTarget(page, authorization.client.clientId), {
    template: "confirm-forgot-password",
    titleId: "reset.title",
    status: options.status ?? 200,
    formTargets: formTargetsFor(authorization),
    data: {
      heading: t("reset.heading"),
      intro: resetIntro(page, note),
      alerts,
      formAction: pageHref(page, "/confirmforgotPassword"),
      csrfToken: formToken(hostedUi, page),
      hidden: username ? [{ name: "username", value: username }] : [],
      fields,
      passwordRules: passwordRules(t, authorization.pool),
      submitLabel: t("reset.submit"),
      newCode: {
        href: pageHref(page, "/forgotPassword", username ? { username } : {}),
        text: t("reset.new_code_link"),
      },
      signIn: { href: pageHref(page, "/login"), text: t("common.back_to_sign_in") },
    },
  });
}

export async function resetPage(hostedUi: HostedUi, page: PageRequest) {
  const authorization = await checkAuthorization(hostedUi, page, false);
  if (!authorization) return page.reply;
  return showReset(hostedUi, page, authorization);
}

export async function submitReset(hostedUi: HostedUi, page: PageRequest) {
  const form = readForm(page.request);
  if (!(await guardPost(hostedUi, page, form))) return page.reply;
  const authorization = await checkAuthorization(hostedUi, page, true);
  if (!authorization) return page.reply;
  const username = (form.username ?? "").trim();
  const code = (form.code ?? "").trim();
  const password = form.password ?? "";
  const problem: UiMessage | undefined =
    username === ""
      ? { id: "login.missing_fields", field: "username" }
      : code === ""
        ? { id: "confirm.missing_code", field: "code" }
        : password !== (form.confirm_password ?? "")
          ? { id: "password.mismatch", field: "confirm_password" }
          : undefined;
  if (problem) return showReset(hostedUi, page, authorization, { username, problem, status: 400 });
  try {
    const secretHash = await secretHashFor(hostedUi.app, authorization, username);
    await confirmForgotPassword(hostedUi.app)(requestContext(page.request), {
      ClientId: authorization.client.clientId,
      Username: username,
      ConfirmationCode: code,
      Password: password,
      ...(secretHash ? { SecretHash: secretHash } : {}),
    });
  } catch (error) {
    const mapped = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!mapped) throw error;
    return showReset(hostedUi, page, authorization, { username, problem: mapped, status: 400 });
  }
  clearFlowNote(page);
  return sendRedirect(
    hostedUi,
    page.reply,
    pageHref(page, "/login", { notice: "password_changed", username }),
    true,
  );
}
