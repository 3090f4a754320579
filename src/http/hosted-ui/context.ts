import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppDependencies } from "../../app/dependencies.js";
import type { SsoSessions } from "../../app/hosted-ui/sso-sessions.js";
import type { AuthorizationEngine } from "../../app/oauth2/authorization-contract.js";
import type { PoolFromRequest } from "../oauth2/pool-from-request.js";
import type { HostedUiTheme } from "./assets/theme.js";
import { chooseLanguage, type Language, type Translate, translator } from "./i18n/catalogue.js";
import type { Views } from "./views/index.js";

// What every hosted-UI handler works with: the wired services (HostedUi) and, per request, the pool the
// request is for, its base path, its language and its authorize parameters (PageRequest).

export interface HostedUiOptions {
  theme?: HostedUiTheme;
  /** COGNATE_HOSTED_UI_TEMPLATE_DIR: `<name>.html` files replacing built-in templates. */
  templateDir?: string;
  /** COGNATE_HOSTED_UI_FRAME_ANCESTORS: origins allowed to frame the pages; none by default. */
  frameAncestors?: readonly string[];
  /** COGNATE_HOSTED_UI_SESSION_SECONDS: SSO session lifetime; Cognito's 3600 by default. */
  sessionSeconds?: number;
}

export interface HostedUiDependencies {
  app: AppDependencies;
  engine: AuthorizationEngine;
  /**
   * The OAuth routes' resolver (http/oauth2/pool-from-request.ts): /{userPoolId}/… paths, and the pool
   * whose domain the Host names at a domain's root.
   */
  poolFromRequest?: PoolFromRequest;
  options?: HostedUiOptions;
}

export interface HostedUi {
  app: AppDependencies;
  engine: AuthorizationEngine;
  sessions: SsoSessions;
  views: Views;
  options: HostedUiOptions;
  poolFromRequest?: PoolFromRequest;
}

/** Query parameters that belong to a page, not to the authorization request carried between pages. */
const PAGE_PARAMETERS = new Set(["username", "notice", "user_name", "confirmation_code"]);
const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;

export interface PageRequest {
  request: FastifyRequest;
  reply: FastifyReply;
  userPoolId: string;
  /** "/{userPoolId}" under the issuer path, "" at the root of a pool domain. */
  basePath: string;
  /** Every query parameter (first value of each). */
  query: Record<string, string>;
  /** The /oauth2/authorize parameters, carried from page to page. */
  authorizeQuery: Record<string, string>;
  language: Language;
  t: Translate;
  secure: boolean;
}

export function firstValues(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (query && typeof query === "object") {
    for (const [key, value] of Object.entries(query)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === "string") out[key] = first;
    }
  }
  return out;
}

export function isSecure(hostedUi: HostedUi, request: FastifyRequest): boolean {
  return request.protocol === "https" || hostedUi.app.deployment.publicUrl.startsWith("https:");
}

/**
 * The pool a request is for: the path's /{userPoolId}, else the pool domain named by Host, else (at the
 * root of the issuer host, e.g. the /confirmUser links in emails) the pool of the client_id parameter.
 */
async function locatePool(
  hostedUi: HostedUi,
  request: FastifyRequest,
  query: Record<string, string>,
): Promise<{ userPoolId: string; basePath: string } | undefined> {
  const params = request.params as { userPoolId?: string } | undefined;
  if (params?.userPoolId !== undefined) {
    const id = params.userPoolId;
    return id.length <= 55 && POOL_ID.test(id) ? { userPoolId: id, basePath: `/${id}` } : undefined;
  }
  const fromHost = hostedUi.poolFromRequest ? await hostedUi.poolFromRequest(request) : undefined;
  if (fromHost) return fromHost;
  const clientId = query.client_id ?? query.clientId;
  if (!clientId || clientId.length > 128) return undefined;
  const client = await hostedUi.app.storage.userPoolClients.findClientById(clientId);
  return client ? { userPoolId: client.userPoolId, basePath: "" } : undefined;
}

export function languageOf(request: FastifyRequest, query: Record<string, string>): Language {
  const accept = request.headers["accept-language"];
  return chooseLanguage(query.lang, typeof accept === "string" ? accept : undefined);
}

/** The page request, or undefined when no pool can be found for it. */
export async function pageRequest(
  hostedUi: HostedUi,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<PageRequest | { unknownPool: true; language: Language; t: Translate; secure: boolean }> {
  const query = firstValues(request.query);
  const language = languageOf(request, query);
  const t = translator(language);
  const secure = isSecure(hostedUi, request);
  const located = await locatePool(hostedUi, request, query);
  if (!located) return { unknownPool: true, language, t, secure };
  const authorizeQuery = Object.fromEntries(
    Object.entries(query).filter(([key]) => !PAGE_PARAMETERS.has(key)),
  );
  return { request, reply, ...located, query, authorizeQuery, language, t, secure };
}

/** `{base}{path}?{authorize parameters}{extra}`: a link to another page of the same sign-in. */
export function pageHref(page: PageRequest, path: string, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams({ ...page.authorizeQuery, ...extra }).toString();
  return `${page.basePath}${path}${search ? `?${search}` : ""}`;
}
