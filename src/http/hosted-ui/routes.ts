import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createSsoSessions } from "../../app/hosted-ui/sso-sessions.js";
import {
  type HostedUi,
  type HostedUiDependencies,
  isSecure,
  type PageRequest,
  pageRequest,
} from "./context.js";
import { clearCookie, readCookies, SSO_COOKIE_PREFIX, ssoCookieBase } from "./cookies.js";
import { errorPage } from "./flow.js";
import { registerAssetRoutes } from "./pages/assets.js";
import { submitChallenge } from "./pages/challenges.js";
import { confirmPage, submitConfirm, submitResend } from "./pages/confirm-signup.js";
import { confirmUserLink } from "./pages/confirm-user.js";
import { forgotPage, resetPage, submitForgot, submitReset } from "./pages/forgot-password.js";
import { authorize, loginPage, submitLogin } from "./pages/login.js";
import { passkeyRegistrationPage, submitPasskeyRegistration } from "./pages/passkey-registration.js";
import { signUpPage, submitSignUp } from "./pages/signup.js";
import { sendPage } from "./render.js";
import { loadViews } from "./views/index.js";

// The hosted UI (managed login): /oauth2/authorize and the pages, each served twice: under the issuer
// path /{userPoolId}/… and at the root of a pool's domain (or of the issuer host, found by client_id).
// Paths are Cognito's: /login, /signup, /confirmUser, /forgotPassword, /confirmforgotPassword; plus
// /confirm (code confirmation), /resendCode, /challenge (new password, MFA, passwordless) and
// /passkeys/add (passkey registration for the signed-in browser).

declare module "fastify" {
  interface FastifyInstance {
    /** Set by registerHostedUiRoutes; clearSsoSession finds the session store through it. */
    cognateHostedUi?: HostedUi;
  }
}

export type { HostedUiDependencies, HostedUiOptions } from "./context.js";

type PageHandler = (hostedUi: HostedUi, page: PageRequest) => Promise<FastifyReply>;

const PAGES: ReadonlyArray<["GET" | "POST", string, PageHandler]> = [
  ["GET", "/oauth2/authorize", authorize],
  ["GET", "/login", loginPage],
  ["POST", "/login", submitLogin],
  ["GET", "/signup", signUpPage],
  ["POST", "/signup", submitSignUp],
  ["GET", "/confirm", confirmPage],
  ["POST", "/confirm", submitConfirm],
  ["POST", "/resendCode", submitResend],
  ["GET", "/confirmUser", confirmUserLink],
  ["GET", "/forgotPassword", forgotPage],
  ["POST", "/forgotPassword", submitForgot],
  ["GET", "/confirmforgotPassword", resetPage],
  ["POST", "/confirmforgotPassword", submitReset],
  ["POST", "/challenge", submitChallenge],
  ["GET", "/passkeys/add", passkeyRegistrationPage],
  ["POST", "/passkeys/add", submitPasskeyRegistration],
];

function pageRoute(hostedUi: HostedUi, handler: PageHandler) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const page = await pageRequest(hostedUi, request, reply);
    const target = { request, reply, language: page.language, t: page.t };
    if ("unknownPool" in page) {
      return sendPage(hostedUi, target, errorPage(page, "error.unknown_pool", { status: 404 }));
    }
    try {
      return await handler(hostedUi, page);
    } catch (error) {
      request.log.error({ err: error, path: request.url.split("?")[0] }, "hosted UI: unexpected error");
      reply.removeHeader("location");
      return sendPage(hostedUi, target, errorPage(page, "error.unexpected", { status: 500 }));
    }
  };
}

/** Mounts the hosted UI. Call once per server. */
export function registerHostedUiRoutes(app: FastifyInstance, deps: HostedUiDependencies): void {
  const options = deps.options ?? {};
  const hostedUi: HostedUi = {
    app: deps.app,
    engine: deps.engine,
    sessions: createSsoSessions(deps.app, options.sessionSeconds),
    views: loadViews(options.templateDir),
    options,
    ...(deps.poolFromRequest ? { poolFromRequest: deps.poolFromRequest } : {}),
  };
  app.decorate("cognateHostedUi", hostedUi);
  registerAssetRoutes(app, hostedUi);
  for (const [method, path, handler] of PAGES) {
    const routeHandler = pageRoute(hostedUi, handler);
    app.route({ method, url: `/:userPoolId${path}`, handler: routeHandler });
    app.route({ method, url: path, handler: routeHandler });
  }
}

/**
 * Ends this browser's SSO session (for /logout): the pool's, or every pool's when no pool is named.
 * Deletes the stored session and expires the cookie.
 */
export async function clearSsoSession(
  request: FastifyRequest,
  reply: FastifyReply,
  userPoolId?: string,
): Promise<void> {
  const hostedUi = request.server.cognateHostedUi;
  const wanted = userPoolId ? ssoCookieBase(userPoolId) : undefined;
  for (const [name, value] of readCookies(request)) {
    const hostBound = name.startsWith("__Host-");
    const base = hostBound ? name.slice("__Host-".length) : name;
    if (!base.startsWith(SSO_COOKIE_PREFIX) || (wanted && base !== wanted)) continue;
    await hostedUi?.sessions.end(value);
    clearCookie(reply, name, hostBound || (hostedUi ? isSecure(hostedUi, request) : false));
  }
}
