import type { AuthorizationRequest } from "../../../app/oauth2/authorization-contract.js";
import { confirmForgotPassword } from "../../../app/user-pools/confirm-forgot-password.js";
import { forgotPassword } from "../../../app/user-pools/forgot-password.js";
import type { HostedUi, PageRequest } from "../context.js";
import { pageHref } from "../context.js";
import type { UiMessage } from "../error-messages.js";
import {
  checkAuthorization,
  clearFlowNote,
  formTargetsFor,
  formToken,
  guardPost,
  renderTarget,
  requestContext,
  writeFlowNote,
} from "../flow.js";
import { readForm } from "../form.js";
import { sendPage, sendRedirect } from "../render.js";
import { formView, newPasswordSpec, passwordRules, usernameSpec } from "../view-models.js";
import {
  appClientFields,
  type CodePage,
  missingCodeFormField,
  problemFrom,
  readCodeFormPost,
  sendCodePage,
  serveCodePage,
} from "./code-form.js";

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
  const problem = await problemFrom(authorization, async () => {
    const result = await forgotPassword(hostedUi.app)(
      requestContext(page.request),
      await appClientFields(hostedUi, authorization, username),
    );
    writeFlowNote(hostedUi, page, {
      kind: "forgot",
      userPoolId: authorization.pool.id,
      clientId: authorization.client.clientId,
      username,
      medium: result.CodeDeliveryDetails.DeliveryMedium,
      destination: result.CodeDeliveryDetails.Destination,
    });
  });
  if (problem) return showForgot(hostedUi, page, authorization, { username, problem, status: 400 });
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

const RESET_PAGE: CodePage = {
  template: "confirm-forgot-password",
  titleId: "reset.title",
  headingId: "reset.heading",
  noteKind: "forgot",
  sentIds: { generic: "reset.sent_generic", sms: "reset.sent_sms", email: "reset.sent_email" },
  action: "/confirmforgotPassword",
  submitLabelId: "reset.submit",
  moreFields: (t, authorization) => [
    newPasswordSpec(t, authorization.pool),
    {
      name: "confirm_password",
      label: t("field.confirm_password"),
      type: "password",
      autocomplete: "new-password",
    },
  ],
  extra: (page, authorization, username) => ({
    passwordRules: passwordRules(page.t, authorization.pool),
    newCode: {
      href: pageHref(page, "/forgotPassword", username ? { username } : {}),
      text: page.t("reset.new_code_link"),
    },
  }),
};

export const resetPage = (hostedUi: HostedUi, page: PageRequest) => serveCodePage(hostedUi, page, RESET_PAGE);

export async function submitReset(hostedUi: HostedUi, page: PageRequest) {
  const post = await readCodeFormPost(hostedUi, page);
  if (!post) return page.reply;
  const { form, authorization, username, code } = post;
  const password = form.password ?? "";
  const mismatch: UiMessage | undefined =
    password !== (form.confirm_password ?? "")
      ? { id: "password.mismatch", field: "confirm_password" }
      : undefined;
  const problem =
    missingCodeFormField(post) ??
    mismatch ??
    (await problemFrom(authorization, async () =>
      confirmForgotPassword(hostedUi.app)(requestContext(page.request), {
        ...(await appClientFields(hostedUi, authorization, username)),
        ConfirmationCode: code,
        Password: password,
      }),
    ));
  if (problem) {
    return sendCodePage(hostedUi, page, authorization, RESET_PAGE, { username, problem, status: 400 });
  }
  clearFlowNote(page);
  return sendRedirect(
    hostedUi,
    page.reply,
    pageHref(page, "/login", { notice: "password_changed", username }),
    true,
  );
}
