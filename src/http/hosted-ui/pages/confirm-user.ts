import { secretHashFor } from "../../../app/hosted-ui/hosted-sign-in.js";
import { confirmSignUp } from "../../../app/user-pools/confirm-sign-up.js";
import type { HostedUi, PageRequest } from "../context.js";
import { messageForError } from "../error-messages.js";
import { errorPage, messagePage, renderTarget, requestContext } from "../flow.js";
import { sendPage } from "../render.js";
import { errorAlert, noticeAlert } from "../view-models.js";

// GET /confirmUser?client_id=…&user_name=…&confirmation_code=…: the link of CONFIRM_WITH_LINK emails.
// Following it confirms the account (ConfirmSignUp) and says so; a used or expired link says how to get
// a new code. The link carries no redirect_uri, so the page ends here, as Cognito's does.

export async function confirmUserLink(hostedUi: HostedUi, page: PageRequest) {
  const { t } = page;
  const clientId = page.query.client_id ?? "";
  const username = page.query.user_name ?? "";
  const code = page.query.confirmation_code ?? "";
  const client = clientId
    ? await hostedUi.app.storage.userPoolClients.findClient(page.userPoolId, clientId)
    : undefined;
  if (!client || !username || !code) {
    return sendPage(hostedUi, renderTarget(page), errorPage(page, "confirm_link.failed", { status: 400 }));
  }
  const target = renderTarget(page, client.clientId);
  try {
    const secretHash = await secretHashFor(hostedUi.app, { client }, username);
    await confirmSignUp(hostedUi.app)(requestContext(page.request), {
      ClientId: client.clientId,
      Username: username,
      ConfirmationCode: code,
      ...(secretHash ? { SecretHash: secretHash } : {}),
    });
  } catch (error) {
    const problem = messageForError(error, 8);
    if (!problem) throw error;
    const alert =
      problem.id === "confirm.already_confirmed"
        ? noticeAlert(t, problem.id)
        : errorAlert(t, { id: "confirm_link.failed" });
    return sendPage(
      hostedUi,
      target,
      messagePage(page, {
        titleId: "confirm_link.title",
        headingId: "confirm_link.title",
        alert,
        status: problem.id === "confirm.already_confirmed" ? 200 : 400,
      }),
    );
  }
  return sendPage(
    hostedUi,
    target,
    messagePage(page, {
      titleId: "confirm_link.title",
      headingId: "confirm_link.title",
      alert: noticeAlert(t, "confirm_link.success"),
      status: 200,
    }),
  );
}
