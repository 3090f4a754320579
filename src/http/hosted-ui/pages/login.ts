import {
  hostedPasswordSignIn,
  hostedStartAuth,
  settleAuthResponse,
} from "../../../app/hosted-ui/hosted-sign-in.js";
import type { AuthorizationRequest } from "../../../app/oauth2/authorization-contract.js";
import { allowedAuthFactors } from "../../../app/passwordless/first-factors.js";
import { PasswordResetRequiredException, UserNotConfirmedException } from "../../../domain/errors.js";
import type { HostedUi, PageRequest } from "../context.js";
import { pageHref } from "../context.js";
import { messageForError, type UiMessage } from "../error-messages.js";
import {
  checkAuthorization,
  currentSession,
  finishSignIn,
  formTargetsFor,
  formToken,
  guardPost,
  NOTICES,
  renderTarget,
} from "../flow.js";
import { readForm } from "../form.js";
import { sendPage, sendRedirect } from "../render.js";
import { formView, minimumPasswordLength, usernameSpec } from "../view-models.js";
import { renderChallenge } from "./challenges.js";
import { startConfirmation } from "./confirm-signup.js";
import { startReset } from "./forgot-password.js";

// GET /oauth2/authorize and the sign-in page (/login), as Cognito's hosted UI:
// - authorize: the engine validates; a live SSO session (and no prompt=login) finishes at once;
//   prompt=none without one gets login_required; otherwise on to /login with the same parameters;
// - /login shows username + password, with links to sign-up (unless only admins create users) and to
//   forgot-password; the POST signs in with the InitiateAuth engine (USER_PASSWORD_AUTH semantics; the
//   client's ExplicitAuthFlows do not restrict the hosted UI, as in Cognito);
// - an unconfirmed user who typed the right password gets a fresh code and the confirmation page; a user
//   whose password must be reset gets a reset code and the reset page; challenges get their page.

export async function authorize(hostedUi: HostedUi, page: PageRequest) {
  const authorization = await checkAuthorization(hostedUi, page, false);
  if (!authorization) return page.reply;
  if (authorization.prompt !== "login") {
    const session = await currentSession(hostedUi, page);
    if (session) {
      const completion = await hostedUi.engine.complete(authorization, session.user, session.authTime);
      return sendRedirect(hostedUi, page.reply, completion.location, false);
    }
  }
  if (authorization.prompt === "none") {
    return sendRedirect(hostedUi, page.reply, hostedUi.engine.loginRequired(authorization), false);
  }
  return sendRedirect(hostedUi, page.reply, pageHref(page, "/login"), false);
}

/** Pools whose sign-in policy allows passwordless first factors offer choice-based sign-in too. */
const offersOtherWays = (pool: AuthorizationRequest["pool"]) =>
  allowedAuthFactors(pool).some((factor) => factor !== "PASSWORD");

function showLogin(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  options: { username?: string; problem?: UiMessage; status?: number } = {},
) {
  const { t } = page;
  const pool = authorization.pool;
  const notice = NOTICES[page.query.notice ?? ""];
  const adminOnly =
    (pool.settings.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined)
      ?.AllowAdminCreateUserOnly === true;
  const username = options.username ?? page.query.username ?? authorization.loginHint ?? "";
  const { fields, alerts } = formView(
    t,
    [
      usernameSpec(t, pool, username),
      {
        name: "password",
        label: t("field.password"),
        type: "password",
        autocomplete: "current-password",
        focus: username !== "",
      },
    ],
    options.problem,
    notice,
  );
  return sendPage(hostedUi, renderTarget(page, authorization.client.clientId), {
    template: "login",
    titleId: "login.title",
    status: options.status ?? 200,
    formTargets: formTargetsFor(authorization),
    data: {
      heading: t("login.heading"),
      alerts,
      formAction: pageHref(page, "/login"),
      csrfToken: formToken(hostedUi, page),
      hidden: [],
      fields,
      submitLabel: t("login.submit"),
      ...(offersOtherWays(pool) ? { otherWays: { label: t("login.other_ways") } } : {}),
      forgotPassword: { href: pageHref(page, "/forgotPassword"), text: t("login.forgot_link") },
      ...(adminOnly
        ? {}
        : {
            signUp: {
              prompt: t("login.signup_prompt"),
              href: pageHref(page, "/signup"),
              text: t("login.signup_link"),
            },
          }),
    },
  });
}

export async function loginPage(hostedUi: HostedUi, page: PageRequest) {
  const authorization = await checkAuthorization(hostedUi, page, false);
  if (!authorization) return page.reply;
  if (authorization.prompt !== "login") {
    // Someone already signed in on this browser: straight back to the app, as Cognito's /login does.
    const session = await currentSession(hostedUi, page);
    if (session) {
      const completion = await hostedUi.engine.complete(authorization, session.user, session.authTime);
      return sendRedirect(hostedUi, page.reply, completion.location, false);
    }
  }
  return showLogin(hostedUi, page, authorization);
}

export { showLogin };

export async function submitLogin(hostedUi: HostedUi, page: PageRequest) {
  const form = readForm(page.request);
  if (!(await guardPost(hostedUi, page, form))) return page.reply;
  const authorization = await checkAuthorization(hostedUi, page, true);
  if (!authorization) return page.reply;
  const username = (form.username ?? "").trim();
  const password = form.password ?? "";
  if (form.action === "choose" && offersOtherWays(authorization.pool)) {
    return chooseAnotherWay(hostedUi, page, authorization, username);
  }
  if (username === "" || password === "") {
    return showLogin(hostedUi, page, authorization, {
      username,
      problem: { id: "login.missing_fields", field: username === "" ? "username" : "password" },
      status: 400,
    });
  }
  const target = { pool: authorization.pool, client: authorization.client };
  try {
    const response = await hostedPasswordSignIn(hostedUi.app, target, username, password);
    const outcome = await settleAuthResponse(hostedUi.app, response);
    if (outcome.kind === "signed-in") {
      return finishSignIn(hostedUi, page, authorization, outcome.user, outcome.authTime);
    }
    return renderChallenge(hostedUi, page, authorization, {
      challengeName: outcome.challengeName,
      session: outcome.session,
      parameters: outcome.parameters,
      username,
    });
  } catch (error) {
    if (error instanceof UserNotConfirmedException)
      return startConfirmation(hostedUi, page, authorization, username);
    if (error instanceof PasswordResetRequiredException)
      return startReset(hostedUi, page, authorization, username, true);
    const problem = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    return showLogin(hostedUi, page, authorization, { username, problem, status: 400 });
  }
}

/** "Sign in another way": USER_AUTH with the username; SELECT_CHALLENGE (or its error) comes back. */
async function chooseAnotherWay(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  username: string,
) {
  if (username === "") {
    return showLogin(hostedUi, page, authorization, {
      problem: { id: "login.missing_username", field: "username" },
      status: 400,
    });
  }
  const target = { pool: authorization.pool, client: authorization.client };
  try {
    const outcome = await settleAuthResponse(
      hostedUi.app,
      await hostedStartAuth(hostedUi.app, target, "USER_AUTH", { USERNAME: username }),
    );
    if (outcome.kind === "signed-in") {
      return finishSignIn(hostedUi, page, authorization, outcome.user, outcome.authTime);
    }
    return renderChallenge(hostedUi, page, authorization, {
      challengeName: outcome.challengeName,
      session: outcome.session,
      parameters: outcome.parameters,
      username,
    });
  } catch (error) {
    const problem = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    return showLogin(hostedUi, page, authorization, { username, problem, status: 400 });
  }
}
