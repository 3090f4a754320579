import type { AuthorizationRequest } from "../../../app/oauth2/authorization-contract.js";
import {
  completePasskeyRegistration,
  type PasskeyOwner,
  startPasskeyRegistration,
} from "../../../app/passwordless/passkey-registration.js";
import { InvalidParameterException, LimitExceededException } from "../../../domain/errors.js";
import type { HostedUi, PageRequest } from "../context.js";
import { pageHref } from "../context.js";
import { messageForError, type UiMessage } from "../error-messages.js";
import {
  checkAuthorization,
  currentSession,
  formTargetsFor,
  formToken,
  guardPost,
  renderTarget,
} from "../flow.js";
import { readForm } from "../form.js";
import { sendPage, sendRedirect } from "../render.js";
import { errorAlert, minimumPasswordLength } from "../view-models.js";
import { PASSKEY_SCRIPTS, passkeySlot } from "./passwordless-challenges.js";

// /passkeys/add (beyond Cognito's classic hosted UI; managed login offers the same after sign-in): a
// person signed in on this browser (SSO session) registers a passkey for the pool, with the authorize
// parameters of the app to return to. The page gets its creation options from StartWebAuthnRegistration's
// use case; passkey.js asks the authenticator and posts the credential, which
// CompleteWebAuthnRegistration's use case checks and stores. Then (or with "Not now") the app gets its
// authorization response as after any sign-in. Without a session the page sends the browser to /login.

async function showRegistration(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  owner: PasskeyOwner,
  problem?: UiMessage,
) {
  const { t } = page;
  const continueLink = { href: pageHref(page, "/oauth2/authorize"), text: t("passkey_add.skip") };
  let options: string | undefined;
  let alert: UiMessage | undefined = problem;
  try {
    options = JSON.stringify(await startPasskeyRegistration(hostedUi.app, owner));
  } catch (error) {
    const known =
      error instanceof LimitExceededException ? { id: "passkey_add.too_many" as const } : undefined;
    alert = known ?? messageForError(error, minimumPasswordLength(authorization.pool));
    if (!alert) throw error;
  }
  return sendPage(hostedUi, renderTarget(page, authorization.client.clientId), {
    template: "challenge",
    titleId: "passkey_add.title",
    status: problem ? 400 : 200,
    formTargets: formTargetsFor(authorization),
    ...(options ? { scripts: PASSKEY_SCRIPTS } : {}),
    data: {
      heading: t("passkey_add.heading"),
      intro: t("passkey_add.intro"),
      alerts: alert ? [errorAlert(t, alert)] : [],
      challengeName: "PASSKEY_REGISTRATION",
      formAction: pageHref(page, "/passkeys/add"),
      csrfToken: formToken(hostedUi, page),
      hidden: [],
      fields: [],
      ...(options ? passkeySlot(t, "create", options, "passkey_add.start") : {}),
      alternatives: [continueLink],
    },
  });
}

/** The signed-in owner of this browser's session, or undefined after sending it to /login. */
async function ownerOf(hostedUi: HostedUi, page: PageRequest, authorization: AuthorizationRequest) {
  const session = await currentSession(hostedUi, page);
  if (!session) return undefined;
  const owner: PasskeyOwner = {
    pool: authorization.pool,
    user: session.user,
    clientId: authorization.client.clientId,
  };
  return { owner, session };
}

export async function passkeyRegistrationPage(hostedUi: HostedUi, page: PageRequest) {
  const authorization = await checkAuthorization(hostedUi, page, false);
  if (!authorization) return page.reply;
  const signedIn = await ownerOf(hostedUi, page, authorization);
  if (!signedIn) return sendRedirect(hostedUi, page.reply, pageHref(page, "/login"), false);
  return showRegistration(hostedUi, page, authorization, signedIn.owner);
}

export async function submitPasskeyRegistration(hostedUi: HostedUi, page: PageRequest) {
  const form = readForm(page.request);
  if (!(await guardPost(hostedUi, page, form))) return page.reply;
  const authorization = await checkAuthorization(hostedUi, page, true);
  if (!authorization) return page.reply;
  const signedIn = await ownerOf(hostedUi, page, authorization);
  if (!signedIn) return sendRedirect(hostedUi, page.reply, pageHref(page, "/login"), true);
  try {
    let credential: unknown;
    try {
      credential = JSON.parse(form.credential ?? "");
    } catch {
      throw new InvalidParameterException("Credential is not a valid WebAuthn response.");
    }
    await completePasskeyRegistration(hostedUi.app, signedIn.owner, credential);
  } catch (error) {
    const problem: UiMessage | undefined =
      error instanceof InvalidParameterException
        ? { id: "passkey.failed" }
        : messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    return showRegistration(hostedUi, page, authorization, signedIn.owner, problem);
  }
  const completion = await hostedUi.engine.complete(
    authorization,
    signedIn.session.user,
    signedIn.session.authTime,
  );
  return sendRedirect(hostedUi, page.reply, completion.location, true);
}
