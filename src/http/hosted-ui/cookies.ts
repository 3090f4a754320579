import type { FastifyReply, FastifyRequest } from "fastify";

// Cookies of the hosted UI: always HttpOnly, SameSite=Lax, Path=/; over https also Secure with the
// __Host- prefix (bound to the exact host, no Domain attribute possible). Names:
//   cognate-csrf            the anti-CSRF secret (a form's token is a keyed hash of it)
//   cognate-sso-<poolId>    the single sign-on session of one pool
//   cognate-flow            a short-lived sealed note between pages (pending sign-up or reset)

export const CSRF_COOKIE = "cognate-csrf";
export const FLOW_COOKIE = "cognate-flow";
export const SSO_COOKIE_PREFIX = "cognate-sso-";
const HOST_PREFIX = "__Host-";

export const cookieName = (base: string, secure: boolean) => (secure ? `${HOST_PREFIX}${base}` : base);
export const ssoCookieBase = (userPoolId: string) => `${SSO_COOKIE_PREFIX}${userPoolId}`;

export function readCookies(request: FastifyRequest): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const equals = part.indexOf("=");
    if (equals <= 0) continue;
    const name = part.slice(0, equals).trim();
    const raw = part.slice(equals + 1).trim();
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(raw));
    } catch {
      // A value that is not valid percent-encoding is not one of ours.
    }
  }
  return cookies;
}

export function readCookie(request: FastifyRequest, base: string, secure: boolean): string | undefined {
  return readCookies(request).get(cookieName(base, secure));
}

function appendSetCookie(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader("set-cookie");
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  reply.header("set-cookie", [...list, cookie]);
}

export function setCookie(
  reply: FastifyReply,
  base: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds?: number },
): void {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax"];
  if (options.secure) attributes.push("Secure");
  if (options.maxAgeSeconds !== undefined) attributes.push(`Max-Age=${options.maxAgeSeconds}`);
  appendSetCookie(
    reply,
    `${cookieName(base, options.secure)}=${encodeURIComponent(value)}; ${attributes.join("; ")}`,
  );
}

export function clearCookie(reply: FastifyReply, name: string, secure: boolean): void {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (secure) attributes.push("Secure");
  appendSetCookie(reply, `${name}=; ${attributes.join("; ")}`);
}
