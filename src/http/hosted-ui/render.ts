import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  brandingPath,
  effectiveUiCustomization,
  logoExtension,
} from "../../app/hosted-ui/ui-customization.js";
import { STYLESHEET } from "./assets/stylesheet.js";
import { themeLogo, themeStylesheet } from "./assets/theme.js";
import type { HostedUi } from "./context.js";
import { firstValues } from "./context.js";
import { LANGUAGES, type Language, type MessageId, type Translate } from "./i18n/catalogue.js";
import { applySecurityHeaders } from "./security.js";
import type { PageTemplate } from "./views/index.js";
import type { ViewData } from "./views/template.js";

// Sends a page: the layout's view model (title, stylesheets, brand, language links) around the page's own
// view model, with the security headers. Branding, from the most specific: the app client's UI
// customization, the pool's ("ALL"), then the configured theme.

export const ASSET_PATH = "/hosted-ui/assets";
export const STYLESHEET_VERSION = createHash("sha256").update(STYLESHEET).digest("hex").slice(0, 12);

export interface RenderTarget {
  request: FastifyRequest;
  reply: FastifyReply;
  language: Language;
  t: Translate;
  userPoolId?: string;
  clientId?: string;
}

export interface PageView {
  template: PageTemplate;
  titleId: MessageId;
  status?: number;
  data: ViewData;
  /** CSP form-action sources besides 'self' (the validated redirect_uri's origin). */
  formTargets?: readonly string[];
  /** Our own script files the page loads (paths under ASSET_PATH, versioned by the caller). */
  scripts?: readonly string[];
}

function languageLinks(target: RenderTarget) {
  const path = target.request.url.split("?")[0] ?? "/";
  const query = firstValues(target.request.query);
  return LANGUAGES.map((language) => ({
    code: language.code,
    name: language.name,
    current: language.code === target.language,
    href: `${path}?${new URLSearchParams({ ...query, lang: language.code })}`,
  }));
}

export async function sendPage(
  hostedUi: HostedUi,
  target: RenderTarget,
  view: PageView,
): Promise<FastifyReply> {
  const theme = hostedUi.options.theme ?? {};
  const custom = target.userPoolId
    ? await effectiveUiCustomization(hostedUi.app.storage, target.userPoolId, target.clientId)
    : undefined;
  const themeCss = themeStylesheet(theme);
  const logo = themeLogo(theme);
  const stylesheets = [{ href: `${ASSET_PATH}/hosted-ui.css?v=${STYLESHEET_VERSION}` }];
  if (themeCss)
    stylesheets.push({
      href: `${ASSET_PATH}/theme.css?v=${createHash("sha256").update(themeCss).digest("hex").slice(0, 12)}`,
    });
  if (custom?.css) stylesheets.push({ href: `${brandingPath(custom)}/custom.css` });
  const customLogo = custom?.imageType
    ? `${brandingPath(custom)}/logo.${logoExtension(custom.imageType)}`
    : undefined;
  const logoUrl = customLogo ?? logo?.url;
  const title = target.t(view.titleId);

  const html = hostedUi.views.renderPage(view.template, {
    ...view.data,
    lang: target.language,
    page: view.template,
    title: theme.name ? `${title} | ${theme.name}` : title,
    stylesheets,
    scripts: (view.scripts ?? []).map((src) => ({ src })),
    brand: {
      visible: Boolean(logoUrl ?? theme.name),
      logoUrl,
      logoAlt: theme.name ?? target.t("common.logo"),
      name: logoUrl ? undefined : theme.name,
    },
    languageLabel: target.t("common.language"),
    languages: languageLinks(target),
  });
  applySecurityHeaders(target.reply, {
    formTargets: view.formTargets,
    imageSources: logo && !customLogo ? [logo.origin] : [],
    frameAncestors: hostedUi.options.frameAncestors,
    scripts: (view.scripts ?? []).length > 0,
  });
  return target.reply
    .code(view.status ?? 200)
    .header("content-type", "text/html; charset=utf-8")
    .send(html);
}

/** A redirect from a hosted-UI route (303 after a POST, as RFC 9700 §4.12 asks; 302 after a GET). */
export function sendRedirect(hostedUi: HostedUi, reply: FastifyReply, location: string, afterPost: boolean) {
  applySecurityHeaders(reply, { frameAncestors: hostedUi.options.frameAncestors });
  return reply
    .code(afterPost ? 303 : 302)
    .header("location", location)
    .send();
}
