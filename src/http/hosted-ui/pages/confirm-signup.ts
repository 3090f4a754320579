import type { AuthorizationRequest } from "../../../app/oauth2/authorization-contract.js";
import { confirmSignUp } from "../../../app/user-pools/confirm-sign-up.js";
import { resendConfirmationCode } from "../../../app/user-pools/resend-confirmation-code.js";
import { findUserByIdentifier } from "../../../app/users/user-directory.js";
import { poolMfaMode } from "../../../domain/mfa/mfa-policy.js";
import type { HostedUi, PageRequest } from "../context.js";
import { pageHref } from "../context.js";
import { clearFlowNote, finishSignIn, readFlowNote, requestContext, writeFlowNote } from "../flow.js";
import { sendRedirect } from "../render.js";
import {
  appClientFields,
  type CodeFormOptions,
  type CodePage,
  missingCodeFormField,
  problemFrom,
  readCodeFormPost,
  sendCodePage,
  serveCodePage,
} from "./code-form.js";

// The code confirmation page (/confirm) after sign-up, or after signing in to an unconfirmed account:
// ConfirmSignUp with the code, and "send a new code" (ResendConfirmationCode, /resendCode). When this
// browser is the one that just signed up (or proved the password), confirming signs the person in, as
// Cognito's hosted UI does; otherwise the sign-in page follows.

const CONFIRM_PAGE: CodePage = {
  template: "confirm-signup",
  titleId: "confirm.title",
  headingId: "confirm.heading",
  noteKind: "signup",
  sentIds: { generic: "confirm.sent_generic", sms: "confirm.sent_sms", email: "confirm.sent_email" },
  action: "/confirm",
  submitLabelId: "confirm.submit",
  extra: (page) => ({
    resend: {
      formAction: pageHref(page, "/resendCode"),
      prompt: page.t("confirm.resend_prompt"),
      submitLabel: page.t("confirm.resend_submit"),
    },
  }),
};

const showConfirm = (
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  options: CodeFormOptions,
) => sendCodePage(hostedUi, page, authorization, CONFIRM_PAGE, options);

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
  const result = await resendConfirmationCode(hostedUi.app)(
    requestContext(page.request),
    await appClientFields(hostedUi, authorization, username),
  );
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
  const problem = await problemFrom(authorization, () =>
    resend(hostedUi, page, authorization, username, user?.sub),
  );
  if (problem) return showConfirm(hostedUi, page, authorization, { username, problem, status: 400 });
  return sendRedirect(hostedUi, page.reply, pageHref(page, "/confirm", { username }), true);
}

export const confirmPage = (hostedUi: HostedUi, page: PageRequest) =>
  serveCodePage(hostedUi, page, CONFIRM_PAGE);

export async function submitConfirm(hostedUi: HostedUi, page: PageRequest) {
  const post = await readCodeFormPost(hostedUi, page);
  if (!post) return page.reply;
  const { authorization, username, code } = post;
  const problem =
    missingCodeFormField(post) ??
    (await problemFrom(authorization, async () =>
      confirmSignUp(hostedUi.app)(requestContext(page.request), {
        ...(await appClientFields(hostedUi, authorization, username)),
        ConfirmationCode: code,
      }),
    ));
  if (problem) return showConfirm(hostedUi, page, authorization, { username, problem, status: 400 });
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
  const post = await readCodeFormPost(hostedUi, page);
  if (!post) return page.reply;
  const { authorization, username } = post;
  // The resend form has no code, so only the name can be missing (the page then shows its address's name).
  if (username === "") {
    return showConfirm(hostedUi, page, authorization, {
      problem: { id: "login.missing_fields", field: "username" },
      status: 400,
    });
  }
  const problem = await problemFrom(authorization, () => resend(hostedUi, page, authorization, username));
  if (problem) return showConfirm(hostedUi, page, authorization, { username, problem, status: 400 });
  return sendRedirect(
    hostedUi,
    page.reply,
    pageHref(page, "/confirm", { username, notice: "code_resent" }),
    true,
  );
}
