import type { FastifyReply, FastifyRequest } from "fastify";
import type { AuthorizationRequest } from "../../app/oauth2/authorization-contract.js";
import type { RequestContext } from "../../app/request-context.js";
import type { User } from "../../domain/user/user.js";
import type { HostedUi, PageRequest } from "./context.js";
import { pageHref } from "./context.js";
import { clearCookie, cookieName, FLOW_COOKIE, readCookie, setCookie, ssoCookieBase } from "./cookies.js";
import type { MessageId } from "./i18n/catalogue.js";
import { type PageView, sendPage, sendRedirect } from "./render.js";
import { cspSourceFor, csrfToken, csrfValid } from "./security.js";
import { type AlertView, errorAlert } from "./view-models.js";

// The steps every page shares: checking the authorization request, refusing forged posts, finishing a
// sign-in (new SSO session, new CSRF secret, the engine's redirect), and the short-lived "flow note" that
// carries a pending sign-up or password reset from one page to the next (sealed, HttpOnly, 1 hour).

const FLOW_PURPOSE = "hosted-ui-flow";
const FLOW_SECONDS = 3600;

export interface FlowNote {
  kind: "signup" | "forgot";
  userPoolId: string;
  clientId: string;
  /** The name as the person typed it. */
  username: string;
  /** Set for a sign-up: the new user, so confirming can sign them in. */
  sub?: string;
  medium?: string;
  destination?: string;
  expiresAt: number;
}

export const requestContext = (request: FastifyRequest): RequestContext => ({
  requestId: String(request.id),
  sourceIp: request.ip,
  signed: false,
});

/** Notices a page shows when another page sent the browser there (`notice=` parameter). */
export const NOTICES: Record<string, MessageId> = {
  password_changed: "notice.password_changed",
  account_confirmed: "notice.account_confirmed",
  reset_required: "notice.reset_required",
  code_resent: "confirm.resent",
};

/** An outcome page: a heading, one message, an optional detail line and an optional way back. */
export function messagePage(
  page: Pick<PageRequest, "t">,
  options: {
    titleId: MessageId;
    headingId: MessageId;
    alert: AlertView;
    status: number;
    detail?: string;
    back?: { href: string; text: string };
  },
): PageView {
  return {
    template: "message",
    titleId: options.titleId,
    status: options.status,
    data: {
      heading: page.t(options.headingId),
      alerts: [options.alert],
      ...(options.detail ? { detail: options.detail } : {}),
      ...(options.back ? { back: options.back } : {}),
    },
  };
}

export function errorPage(
  page: Pick<PageRequest, "t">,
  messageId: MessageId,
  options: {
    status: number;
    params?: Record<string, string>;
    detail?: string;
    back?: { href: string; text: string };
  },
): PageView {
  return messagePage(page, {
    titleId: "error.title",
    headingId: "error.title",
    alert: errorAlert(page.t, { id: messageId, ...(options.params ? { params: options.params } : {}) }),
    status: options.status,
    ...(options.detail ? { detail: page.t("error.details", { detail: options.detail }) } : {}),
    ...(options.back ? { back: options.back } : {}),
  });
}

export const renderTarget = (page: PageRequest, clientId?: string) => ({
  request: page.request,
  reply: page.reply,
  language: page.language,
  t: page.t,
  userPoolId: page.userPoolId,
  ...(clientId ? { clientId } : {}),
});

/**
 * Validates the authorization request the page carries. On failure the answer is already sent: an error
 * page for a bad client or redirect_uri (never a redirect to it), or the engine's redirect otherwise.
 */
export async function checkAuthorization(
  hostedUi: HostedUi,
  page: PageRequest,
  afterPost: boolean,
): Promise<AuthorizationRequest | undefined> {
  const validation = await hostedUi.engine.validate(page.userPoolId, page.authorizeQuery);
  if (!validation.ok) {
    if (validation.kind === "redirect") {
      await sendRedirect(hostedUi, page.reply, validation.location, afterPost);
    } else {
      await sendPage(
        hostedUi,
        renderTarget(page),
        errorPage(page, "error.invalid_request", { status: validation.status, detail: validation.message }),
      );
    }
    return undefined;
  }
  const provider = validation.request.identityProvider;
  if (provider && provider.toUpperCase() !== "COGNITO") {
    await sendPage(
      hostedUi,
      renderTarget(page, validation.request.client.clientId),
      errorPage(page, "error.idp_unavailable", { status: 400, params: { provider } }),
    );
    return undefined;
  }
  return validation.request;
}

/** CSP form-action source for pages whose form can end in a redirect to the app. */
export const formTargetsFor = (authorization: AuthorizationRequest) => {
  const source = cspSourceFor(authorization.redirectUri);
  return source ? [source] : [];
};

/** Refuses a POST without this browser's CSRF token (403 page); true when the post may go on. */
export async function guardPost(
  hostedUi: HostedUi,
  page: PageRequest,
  form: Record<string, string>,
): Promise<boolean> {
  if (csrfValid(hostedUi.app, page.request, form._csrf, page.secure)) return true;
  await sendPage(
    hostedUi,
    renderTarget(page),
    errorPage(page, "error.csrf", {
      status: 403,
      back: { href: pageHref(page, "/login"), text: page.t("common.back_to_sign_in") },
    }),
  );
  return false;
}

export const formToken = (hostedUi: HostedUi, page: PageRequest) =>
  csrfToken(hostedUi.app, page.request, page.reply, page.secure);

/** The signed-in user of this browser's SSO session for the pool, if any. */
export async function currentSession(hostedUi: HostedUi, page: PageRequest) {
  const id = readCookie(page.request, ssoCookieBase(page.userPoolId), page.secure);
  return id ? hostedUi.sessions.resume(id, page.userPoolId) : undefined;
}

/** A person has just proved who they are: rotate the session, then let the engine finish. */
export async function finishSignIn(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  user: User,
  authTime: Date,
): Promise<FastifyReply> {
  const previousId = readCookie(page.request, ssoCookieBase(page.userPoolId), page.secure);
  const session = await hostedUi.sessions.start({ user, authTime, ...(previousId ? { previousId } : {}) });
  const maxAgeSeconds = Math.max(
    0,
    Math.floor((session.expiresAt.getTime() - hostedUi.app.clock.now().getTime()) / 1000),
  );
  setCookie(page.reply, ssoCookieBase(page.userPoolId), session.id, { secure: page.secure, maxAgeSeconds });
  csrfToken(hostedUi.app, page.request, page.reply, page.secure, true);
  const completion = await hostedUi.engine.complete(authorization, user, authTime);
  return sendRedirect(hostedUi, page.reply, completion.location, page.request.method === "POST");
}

export function writeFlowNote(
  hostedUi: HostedUi,
  page: PageRequest,
  note: Omit<FlowNote, "expiresAt">,
): void {
  const sealed = hostedUi.app.secretBox.seal(
    JSON.stringify({ ...note, expiresAt: hostedUi.app.clock.now().getTime() + FLOW_SECONDS * 1000 }),
    FLOW_PURPOSE,
  );
  setCookie(page.reply, FLOW_COOKIE, sealed, { secure: page.secure, maxAgeSeconds: FLOW_SECONDS });
}

export function readFlowNote(
  hostedUi: HostedUi,
  page: PageRequest,
  kind: FlowNote["kind"],
  username: string | undefined,
): FlowNote | undefined {
  const sealed = readCookie(page.request, FLOW_COOKIE, page.secure);
  if (!sealed) return undefined;
  try {
    const note = JSON.parse(hostedUi.app.secretBox.open(sealed, FLOW_PURPOSE)) as FlowNote;
    const fits =
      note.kind === kind &&
      note.userPoolId === page.userPoolId &&
      (username === undefined || note.username === username) &&
      note.expiresAt > hostedUi.app.clock.now().getTime();
    return fits ? note : undefined;
  } catch {
    return undefined;
  }
}

export const clearFlowNote = (page: PageRequest) =>
  clearCookie(page.reply, cookieName(FLOW_COOKIE, page.secure), page.secure);

/** The sign-in page, carrying the authorization request, plus page parameters. */
export const loginHref = (page: PageRequest, extra: Record<string, string> = {}) =>
  pageHref(page, "/login", extra);
