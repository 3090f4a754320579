import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { RandomSource } from "../../ports/random.js";
import type { SecretHasher } from "../../ports/secret-hasher.js";
import { CSRF_COOKIE, readCookie, setCookie } from "./cookies.js";

// Browser hardening for every hosted-UI response (RFC 9700 §4.2, §4.16; security.md S13):
// - CSP: nothing but our own styles, images (plus data: for QR codes and the theme logo's origin), forms
//   posting to ourselves and to the validated redirect_uri's origin (browsers apply form-action to the
//   redirect that follows a sign-in POST), no framing (frame-ancestors, and X-Frame-Options); no scripts,
//   except our own script files ('self', never inline) on the passkey pages, which need the WebAuthn API;
// - nosniff, Referrer-Policy no-referrer, COOP same-origin, CORP same-origin, no caching;
// - no CORS: the server-wide CORS headers are removed from these responses.
// CSRF: a random secret in an HttpOnly cookie; each form carries a keyed hash of it. A POST whose token does
// not match, or which a browser marks as cross-site (Origin, Sec-Fetch-Site), is refused with 403.

export interface PageSecurity {
  /** Extra form-action sources (the origin of the validated redirect_uri). */
  formTargets?: readonly string[];
  /** Extra img-src sources (the theme logo's origin). */
  imageSources?: readonly string[];
  /** frame-ancestors sources; default 'none'. */
  frameAncestors?: readonly string[];
  /** True for pages that load our own script files (script-src 'self'). */
  scripts?: boolean;
}

const CORS_HEADERS = [
  "access-control-allow-origin",
  "access-control-expose-headers",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "access-control-max-age",
];

/** A CSP source for a redirect target: its origin for web URLs, its scheme for app schemes. */
export function cspSourceFor(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.origin;
    return /^[a-z][a-z0-9+.-]*:$/i.test(parsed.protocol) ? parsed.protocol : undefined;
  } catch {
    return undefined;
  }
}

export function applySecurityHeaders(reply: FastifyReply, security: PageSecurity = {}): void {
  const frameAncestors = security.frameAncestors?.length ? security.frameAncestors.join(" ") : "'none'";
  const csp = [
    "default-src 'none'",
    "style-src 'self'",
    ...(security.scripts ? ["script-src 'self'"] : []),
    ["img-src 'self' data:", ...(security.imageSources ?? [])].join(" "),
    ["form-action 'self'", ...(security.formTargets ?? [])].join(" "),
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
  ].join("; ");
  for (const header of CORS_HEADERS) reply.removeHeader(header);
  reply.header("content-security-policy", csp);
  if (frameAncestors === "'none'") reply.header("x-frame-options", "DENY");
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "no-referrer");
  reply.header("cross-origin-opener-policy", "same-origin");
  reply.header("cross-origin-resource-policy", "same-origin");
  reply.header("cache-control", "no-store");
  reply.header("pragma", "no-cache");
}

export interface CsrfDependencies {
  random: RandomSource;
  secretHasher: SecretHasher;
}

const CSRF_PURPOSE = "hosted-ui-csrf";
const looksLikeSecret = (value: string | undefined): value is string =>
  value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);

/** The form token for this browser; sets the CSRF cookie first when it has none (or `rotate`). */
export function csrfToken(
  deps: CsrfDependencies,
  request: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
  rotate = false,
): string {
  let secret = rotate ? undefined : readCookie(request, CSRF_COOKIE, secure);
  if (!looksLikeSecret(secret)) {
    secret = Buffer.from(deps.random.bytes(32)).toString("base64url");
    setCookie(reply, CSRF_COOKIE, secret, { secure });
  }
  return deps.secretHasher.hash(secret, CSRF_PURPOSE);
}

function crossSite(request: FastifyRequest): boolean {
  if (request.headers["sec-fetch-site"] === "cross-site") return true;
  const origin = request.headers.origin;
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/** True when the POST carries the token of this browser's CSRF cookie and is not cross-site. */
export function csrfValid(
  deps: CsrfDependencies,
  request: FastifyRequest,
  presented: string | undefined,
  secure: boolean,
): boolean {
  if (crossSite(request)) return false;
  const secret = readCookie(request, CSRF_COOKIE, secure);
  if (!looksLikeSecret(secret) || !presented) return false;
  const expected = Buffer.from(deps.secretHasher.hash(secret, CSRF_PURPOSE));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
